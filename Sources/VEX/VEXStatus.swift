/// What a VEX statement says of a vulnerability in a product, as OpenVEX names the statuses.
public enum VEXStatus: String, Sendable, Codable, CaseIterable {
    case notAffected = "not_affected"
    case affected
    case fixed
    case underInvestigation = "under_investigation"
}
