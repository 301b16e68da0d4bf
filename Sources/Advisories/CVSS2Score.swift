/// The CVSS v2 base equation (FIRST's v2 guide, section 3.2.1), for the advisories that still carry only a v2 vector.
enum CVSS2Score {
    /// The base score of a parsed v2 vector, rounded half up to one decimal and never below zero.
    static func baseScore(of metrics: CVSSMetricValues) -> Double {
        let impact = 10.41 * (1 - (1 - impactWeight(metrics.base("C"))) * (1 - impactWeight(metrics.base("I")))
            * (1 - impactWeight(metrics.base("A"))))
        let exploitability = 20 * accessVectorWeight(metrics.base("AV")) * accessComplexityWeight(metrics.base("AC"))
            * authenticationWeight(metrics.base("Au"))
        let impactFactor = impact == 0 ? 0 : 1.176
        let unrounded = ((0.6 * impact) + (0.4 * exploitability) - 1.5) * impactFactor
        return max(0, (unrounded * 10).rounded(.toNearestOrAwayFromZero) / 10)
    }

    private static func accessVectorWeight(_ value: String) -> Double {
        switch value {
        case "L": 0.395
        case "A": 0.646
        default: 1.0
        }
    }

    private static func accessComplexityWeight(_ value: String) -> Double {
        switch value {
        case "H": 0.35
        case "M": 0.61
        default: 0.71
        }
    }

    private static func authenticationWeight(_ value: String) -> Double {
        switch value {
        case "M": 0.45
        case "S": 0.56
        default: 0.704
        }
    }

    private static func impactWeight(_ value: String) -> Double {
        switch value {
        case "P": 0.275
        case "C": 0.660
        default: 0
        }
    }
}
