/// One metric a CVSS version defines: its abbreviation, the values it takes, and whether every vector carries it.
struct CVSSMetricDefinition: Sendable {
    let name: String
    let values: [String]
    let isMandatory: Bool

    /// A base metric: every vector of the version must carry it.
    static func base(_ name: String, _ values: [String]) -> CVSSMetricDefinition {
        CVSSMetricDefinition(name: name, values: values, isMandatory: true)
    }

    /// A threat, temporal, environmental or supplemental metric: optional, and checked when present.
    static func optional(_ name: String, _ values: [String]) -> CVSSMetricDefinition {
        CVSSMetricDefinition(name: name, values: values, isMandatory: false)
    }
}

/// The metrics of one CVSS version, in the order its specification writes them in a vector string.
struct CVSSMetricTable: Sendable {
    let definitions: [CVSSMetricDefinition]
    private let byName: [String: CVSSMetricDefinition]

    init(_ definitions: [CVSSMetricDefinition]) {
        self.definitions = definitions
        self.byName = Dictionary(uniqueKeysWithValues: definitions.map { ($0.name, $0) })
    }

    /// Parses the `metric:value` fields after the version prefix, checking every metric and value.
    ///
    /// Metrics may come in any order: the specifications ask writers for their order, and real advisories do not
    /// always keep it, while the meaning of a vector does not depend on it.
    /// - Throws: `CVSSError` naming the first empty, malformed, unknown, duplicate or badly valued field, or the
    ///   missing mandatory metrics.
    func parse(fields: Substring, of vector: String) throws(CVSSError) -> CVSSMetricValues {
        var values: [String: String] = [:]
        for (index, field) in fields.split(separator: "/", omittingEmptySubsequences: false).enumerated() {
            guard !field.isEmpty else { throw CVSSError(vector: vector, problem: .emptyField(position: index + 1)) }
            let parts = field.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw CVSSError(vector: vector, problem: .malformedField(String(field)))
            }
            let name = String(parts[0]), value = String(parts[1])
            guard let definition = byName[name] else { throw CVSSError(vector: vector, problem: .unknownMetric(name)) }
            guard values[name] == nil else { throw CVSSError(vector: vector, problem: .duplicateMetric(name)) }
            guard definition.values.contains(value) else {
                throw CVSSError(vector: vector,
                                problem: .badValue(metric: name, value: value, allowed: definition.values))
            }
            values[name] = value
        }

        let missing = definitions.filter { $0.isMandatory && values[$0.name] == nil }.map(\.name)
        guard missing.isEmpty else { throw CVSSError(vector: vector, problem: .missingMandatoryMetrics(missing)) }
        return CVSSMetricValues(values: values)
    }
}

/// The metrics of a vector that parsed: every name defined by its version, every value one the metric takes, every
/// mandatory metric present.
struct CVSSMetricValues: Sendable, Equatable {
    let values: [String: String]

    /// The value of a metric, nil when the vector leaves an optional metric out.
    subscript(_ name: String) -> String? { values[name] }

    /// The value of a mandatory metric, which parsing guarantees is there.
    func base(_ name: String) -> String {
        guard let value = values[name] else { preconditionFailure("mandatory CVSS metric \(name) was not checked") }
        return value
    }
}
