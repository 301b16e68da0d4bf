/// The CVSS v4.0 score (specification section 8): the score of the vector's MacroVector from the lookup table,
/// lowered by how far the vector lies below that MacroVector's most severe members, interpolated towards the next
/// lower MacroVectors. The steps follow FIRST's reference calculator (`cvss_score.js`), whose floating-point
/// arithmetic defines the published scores, so the order of operations here is kept the same.
struct CVSS4Score {
    /// The value each metric takes in the equations, by abbreviation.
    private let effective: [String: String]

    /// The metrics the severity distance is measured on, in the reference calculator's order.
    private static let distanceMetrics = ["AV", "PR", "UI", "AC", "AT", "VC", "VI", "VA", "SC", "SI", "SA", "CR",
                                          "IR", "AR"]

    /// The step between severity levels.
    private static let step = 0.1

    /// The CVSS-B score of a parsed v4.0 vector: base metrics only, whatever threat or environmental metrics it has.
    static func baseScore(of metrics: CVSSMetricValues) -> Double {
        var effective: [String: String] = [:]
        for name in ["AV", "AC", "AT", "PR", "UI", "VC", "VI", "VA", "SC", "SI", "SA"] {
            effective[name] = metrics.base(name)
        }
        // Without threat and environmental metrics the specification's defaults apply: Exploit Maturity as Attacked
        // and every Security Requirement High, the worst case.
        for (name, value) in ["E": "A", "CR": "H", "IR": "H", "AR": "H"] { effective[name] = value }
        return CVSS4Score(effective: effective).score()
    }

    private func value(_ metric: String) -> String {
        guard let value = effective[metric] else { preconditionFailure("CVSS v4 metric \(metric) has no value") }
        return value
    }

    /// The EQ1…EQ6 levels of the vector.
    private func macroVector() -> [Int] {
        let (av, pr, ui) = (value("AV"), value("PR"), value("UI"))
        let eq1 = av == "N" && pr == "N" && ui == "N" ? 0 : (av == "N" || pr == "N" || ui == "N") && av != "P" ? 1 : 2
        let eq2 = value("AC") == "L" && value("AT") == "N" ? 0 : 1
        let (vc, vi, va) = (value("VC"), value("VI"), value("VA"))
        let eq3 = vc == "H" && vi == "H" ? 0 : vc == "H" || vi == "H" || va == "H" ? 1 : 2
        let eq4 = value("SI") == "S" || value("SA") == "S" ? 0
            : value("SC") == "H" || value("SI") == "H" || value("SA") == "H" ? 1 : 2
        let eq5 = ["A": 0, "P": 1, "U": 2][value("E")] ?? 0
        let eq6 = (value("CR") == "H" && vc == "H") || (value("IR") == "H" && vi == "H")
            || (value("AR") == "H" && va == "H") ? 0 : 1
        return [eq1, eq2, eq3, eq4, eq5, eq6]
    }

    private static func tableScore(_ macroVector: [Int]) -> Double? {
        CVSS4Tables.macroVectorScores[macroVector.map(String.init).joined()]
    }

    private static func lowered(_ macroVector: [Int], _ indices: Int...) -> [Int] {
        var lower = macroVector
        for index in indices { lower[index] += 1 }
        return lower
    }

    /// The score of the effective metrics, 0.0 to 10.0 with one decimal.
    func score() -> Double {
        if ["VC", "VI", "VA", "SC", "SI", "SA"].allSatisfy({ value($0) == "N" }) { return 0 }
        let macro = macroVector()
        guard let macroScore = Self.tableScore(macro) else {
            preconditionFailure("CVSS v4 MacroVector \(macro) is not in the table")
        }

        let nextLower = nextLowerScores(macro)
        let distances = severityDistances(macro)
        func total(_ metrics: String...) -> Double {
            metrics.reduce(0) { sum, metric in
                guard let distance = distances[metric] else { preconditionFailure("no distance for \(metric)") }
                return sum + distance
            }
        }
        let current = [total("AV", "PR", "UI"), total("AC", "AT"), total("VC", "VI", "VA", "CR", "IR", "AR"),
                       total("SC", "SI", "SA")]
        let maxSeverity = [
            CVSS4Tables.eq1MaxSeverity[macro[0]] * Self.step, CVSS4Tables.eq2MaxSeverity[macro[1]] * Self.step,
            CVSS4Tables.eq3eq6MaxSeverity[macro[2]][macro[5]] * Self.step,
            CVSS4Tables.eq4MaxSeverity[macro[3]] * Self.step,
        ]

        // Each EQ with a lower MacroVector pulls the score down by the share of its available distance that the
        // vector has already travelled; EQ5 counts in the mean but pulls by nothing, each of its levels holding a
        // single value of E.
        var existingLower = 0
        var normalized: Double = 0
        for (index, next) in nextLower.enumerated() {
            guard let next, macroScore - next >= 0 else { continue }
            existingLower += 1
            let available = macroScore - next
            normalized += index < 4 ? available * (current[index] / maxSeverity[index]) : 0
        }
        let meanDistance = existingLower == 0 ? 0 : normalized / Double(existingLower)
        return Self.roundToOneDecimal(min(10, max(0, macroScore - meanDistance)))
    }

    /// The scores of the next lower MacroVector along EQ1, EQ2, EQ3 with EQ6, EQ4 and EQ5; nil where none exists.
    private func nextLowerScores(_ macro: [Int]) -> [Double?] {
        let eq3eq6: Double?
        switch (macro[2], macro[5]) {
        case (0, 1), (1, 1): eq3eq6 = Self.tableScore(Self.lowered(macro, 2))
        case (1, 0): eq3eq6 = Self.tableScore(Self.lowered(macro, 5))
        case (0, 0):
            // Two MacroVectors lie one step lower; the higher-scoring one is the next.
            let left = Self.tableScore(Self.lowered(macro, 5)), right = Self.tableScore(Self.lowered(macro, 2))
            if let left, let right { eq3eq6 = max(left, right) } else { eq3eq6 = left }
        default: eq3eq6 = Self.tableScore(Self.lowered(macro, 2, 5))
        }
        return [Self.tableScore(Self.lowered(macro, 0)), Self.tableScore(Self.lowered(macro, 1)), eq3eq6,
                Self.tableScore(Self.lowered(macro, 3)), Self.tableScore(Self.lowered(macro, 4))]
    }

    /// The distance of each metric from the first of the MacroVector's most severe vectors that the vector does not
    /// exceed on any metric (the last one when it exceeds them all, as the reference calculator does).
    private func severityDistances(_ macro: [Int]) -> [String: Double] {
        var distances: [String: Double] = [:]
        for maxVector in Self.maxVectors(macro) {
            for metric in Self.distanceMetrics {
                distances[metric] = Self.level(metric, value(metric)) - Self.level(metric, maxVector[metric] ?? "")
            }
            if distances.values.allSatisfy({ $0 >= 0 }) { break }
        }
        return distances
    }

    /// The most severe vectors of a MacroVector: every combination of its EQs' maximal vectors, in the reference
    /// calculator's order.
    private static func maxVectors(_ macro: [Int]) -> [[String: String]] {
        var vectors: [[String: String]] = []
        for eq1 in CVSS4Tables.eq1MaxVectors[macro[0]] {
            for eq2 in CVSS4Tables.eq2MaxVectors[macro[1]] {
                for eq3eq6 in CVSS4Tables.eq3eq6MaxVectors[macro[2]][macro[5]] {
                    for eq4 in CVSS4Tables.eq4MaxVectors[macro[3]] {
                        for eq5 in CVSS4Tables.eq5MaxVectors[macro[4]] {
                            vectors.append(metrics(of: [eq1, eq2, eq3eq6, eq4, eq5].joined(separator: "/")))
                        }
                    }
                }
            }
        }
        return vectors
    }

    /// The metrics of a table vector, which is well-formed by construction.
    private static func metrics(of vector: String) -> [String: String] {
        var metrics: [String: String] = [:]
        for field in vector.split(separator: "/") {
            let parts = field.split(separator: ":")
            metrics[String(parts[0])] = String(parts[1])
        }
        return metrics
    }

    private static func level(_ metric: String, _ value: String) -> Double {
        guard let level = CVSS4Tables.levels[metric]?[value] else {
            preconditionFailure("CVSS v4 metric \(metric) has no severity level for \(value)")
        }
        return level
    }

    /// Rounds half up to one decimal. The small offset, as in the reference calculator, keeps values that land a hair
    /// below a half through floating-point error (8.6 - 7.15 = 1.4499999999999993) rounding up as they should.
    static func roundToOneDecimal(_ value: Double) -> Double {
        ((value + 1e-6) * 10).rounded(.toNearestOrAwayFromZero) / 10
    }
}
