import Foundation

/// The CVSS v3.0 and v3.1 base score equations (specification section 7.1) and their Roundup functions.
enum CVSS3Score {
    /// The base score of a parsed v3 vector; `version` selects the Roundup of 3.0 or of 3.1.
    static func baseScore(of metrics: CVSSMetricValues, roundingAs version: CVSSVector.Version) -> Double {
        let scopeChanged = metrics.base("S") == "C"
        let impactSubScore = 1 - (1 - impactWeight(metrics.base("C"))) * (1 - impactWeight(metrics.base("I")))
            * (1 - impactWeight(metrics.base("A")))
        let impact = scopeChanged
            ? 7.52 * (impactSubScore - 0.029) - 3.25 * pow(impactSubScore - 0.02, 15)
            : 6.42 * impactSubScore
        let exploitability = 8.22 * attackVectorWeight(metrics.base("AV"))
            * attackComplexityWeight(metrics.base("AC"))
            * privilegesRequiredWeight(metrics.base("PR"), scopeChanged: scopeChanged)
            * userInteractionWeight(metrics.base("UI"))

        guard impact > 0 else { return 0 }
        let unrounded = scopeChanged ? min(1.08 * (impact + exploitability), 10) : min(impact + exploitability, 10)
        return version == .v3_0 ? roundUp30(unrounded) : roundUp31(unrounded)
    }

    /// Roundup as CVSS v3.0 defines it: the smallest one-decimal number at or above the input, computed on the
    /// floating-point value as FIRST's v3.0 calculator does.
    static func roundUp30(_ value: Double) -> Double {
        (value * 10).rounded(.up) / 10
    }

    /// Roundup as CVSS v3.1 defines it (Appendix A): on an integer of the input times 100,000, so that a value such
    /// as 4.000000000000001, floating-point noise on 4.0, rounds to 4.0 and not to 4.1.
    static func roundUp31(_ value: Double) -> Double {
        let scaled = Int((value * 100_000).rounded())
        return scaled % 10_000 == 0 ? Double(scaled) / 100_000 : Double(scaled / 10_000 + 1) / 10
    }

    private static func attackVectorWeight(_ value: String) -> Double {
        switch value {
        case "N": 0.85
        case "A": 0.62
        case "L": 0.55
        default: 0.2
        }
    }

    private static func attackComplexityWeight(_ value: String) -> Double {
        value == "L" ? 0.77 : 0.44
    }

    /// Privileges Required weighs more when the scope changes: a foothold reaches further.
    private static func privilegesRequiredWeight(_ value: String, scopeChanged: Bool) -> Double {
        switch value {
        case "N": 0.85
        case "L": scopeChanged ? 0.68 : 0.62
        default: scopeChanged ? 0.5 : 0.27
        }
    }

    private static func userInteractionWeight(_ value: String) -> Double {
        value == "N" ? 0.85 : 0.62
    }

    private static func impactWeight(_ value: String) -> Double {
        switch value {
        case "H": 0.56
        case "L": 0.22
        default: 0
        }
    }
}
