/// Why a product is not affected, as OpenVEX labels the reasons.
public enum VEXJustification: String, Sendable, Codable, CaseIterable {
    /// The vulnerable component is not in the product.
    case componentNotPresent = "component_not_present"
    /// The component is there, but not the vulnerable code (it was left out of the build or patched out).
    case vulnerableCodeNotPresent = "vulnerable_code_not_present"
    /// The vulnerable code is there but the product never runs it.
    case vulnerableCodeNotInExecutePath = "vulnerable_code_not_in_execute_path"
    /// The vulnerable code runs, but an attacker cannot reach or steer it.
    case vulnerableCodeCannotBeControlledByAdversary = "vulnerable_code_cannot_be_controlled_by_adversary"
    /// The product has its own protection that stops the vulnerability being exploited.
    case inlineMitigationsAlreadyExist = "inline_mitigations_already_exist"
}
