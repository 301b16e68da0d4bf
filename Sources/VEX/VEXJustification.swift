/// Why a product is not affected, as OpenVEX labels the reasons.
public enum VEXJustification: String, Sendable, Codable, CaseIterable {
    case componentNotPresent = "component_not_present"
    case vulnerableCodeNotPresent = "vulnerable_code_not_present"
    case vulnerableCodeNotInExecutePath = "vulnerable_code_not_in_execute_path"
    case vulnerableCodeCannotBeControlledByAdversary = "vulnerable_code_cannot_be_controlled_by_adversary"
    case inlineMitigationsAlreadyExist = "inline_mitigations_already_exist"
}
