/// The metrics and values of CVSS v2, v3.0/v3.1 and v4.0, from FIRST's specification documents
/// (`https://www.first.org/cvss/v2/guide`, `https://www.first.org/cvss/v3-1/specification-document`,
/// `https://www.first.org/cvss/v4-0/specification-document`).
extension CVSSMetricTable {
    /// The metrics of a version.
    static func of(_ version: CVSSVector.Version) -> CVSSMetricTable {
        switch version {
        case .v2_0: v2
        case .v3_0, .v3_1: v3
        case .v4_0: v4
        }
    }

    /// CVSS v2: base, then temporal, then environmental.
    static let v2 = CVSSMetricTable([
        .base("AV", ["L", "A", "N"]), .base("AC", ["H", "M", "L"]), .base("Au", ["M", "S", "N"]),
        .base("C", ["N", "P", "C"]), .base("I", ["N", "P", "C"]), .base("A", ["N", "P", "C"]),

        .optional("E", ["U", "POC", "F", "H", "ND"]), .optional("RL", ["OF", "TF", "W", "U", "ND"]),
        .optional("RC", ["UC", "UR", "C", "ND"]),

        .optional("CDP", ["N", "L", "LM", "MH", "H", "ND"]), .optional("TD", ["N", "L", "M", "H", "ND"]),
        .optional("CR", ["L", "M", "H", "ND"]), .optional("IR", ["L", "M", "H", "ND"]),
        .optional("AR", ["L", "M", "H", "ND"]),
    ])

    /// CVSS v3.0 and v3.1 (they define the same metrics): base, then temporal, then environmental.
    static let v3 = CVSSMetricTable([
        .base("AV", ["N", "A", "L", "P"]), .base("AC", ["L", "H"]), .base("PR", ["N", "L", "H"]),
        .base("UI", ["N", "R"]), .base("S", ["U", "C"]),
        .base("C", ["H", "L", "N"]), .base("I", ["H", "L", "N"]), .base("A", ["H", "L", "N"]),

        .optional("E", ["X", "H", "F", "P", "U"]), .optional("RL", ["X", "U", "W", "T", "O"]),
        .optional("RC", ["X", "C", "R", "U"]),

        .optional("CR", ["X", "H", "M", "L"]), .optional("IR", ["X", "H", "M", "L"]),
        .optional("AR", ["X", "H", "M", "L"]),
        .optional("MAV", ["X", "N", "A", "L", "P"]), .optional("MAC", ["X", "L", "H"]),
        .optional("MPR", ["X", "N", "L", "H"]), .optional("MUI", ["X", "N", "R"]), .optional("MS", ["X", "U", "C"]),
        .optional("MC", ["X", "H", "L", "N"]), .optional("MI", ["X", "H", "L", "N"]),
        .optional("MA", ["X", "H", "L", "N"]),
    ])

    /// CVSS v4.0: base, then threat, environmental and supplemental.
    static let v4 = CVSSMetricTable([
        .base("AV", ["N", "A", "L", "P"]), .base("AC", ["L", "H"]), .base("AT", ["N", "P"]),
        .base("PR", ["N", "L", "H"]), .base("UI", ["N", "P", "A"]),
        .base("VC", ["H", "L", "N"]), .base("VI", ["H", "L", "N"]), .base("VA", ["H", "L", "N"]),
        .base("SC", ["H", "L", "N"]), .base("SI", ["H", "L", "N"]), .base("SA", ["H", "L", "N"]),

        .optional("E", ["X", "A", "P", "U"]),

        .optional("CR", ["X", "H", "M", "L"]), .optional("IR", ["X", "H", "M", "L"]),
        .optional("AR", ["X", "H", "M", "L"]),
        .optional("MAV", ["X", "N", "A", "L", "P"]), .optional("MAC", ["X", "L", "H"]),
        .optional("MAT", ["X", "N", "P"]), .optional("MPR", ["X", "N", "L", "H"]),
        .optional("MUI", ["X", "N", "P", "A"]),
        .optional("MVC", ["X", "H", "L", "N"]), .optional("MVI", ["X", "H", "L", "N"]),
        .optional("MVA", ["X", "H", "L", "N"]),
        .optional("MSC", ["X", "H", "L", "N"]), .optional("MSI", ["X", "S", "H", "L", "N"]),
        .optional("MSA", ["X", "S", "H", "L", "N"]),

        .optional("S", ["X", "N", "P"]), .optional("AU", ["X", "N", "Y"]), .optional("R", ["X", "A", "U", "I"]),
        .optional("V", ["X", "D", "C"]), .optional("RE", ["X", "L", "M", "H"]),
        .optional("U", ["X", "Clear", "Green", "Amber", "Red"]),
    ])
}
