import Findings
import Forensics

/// `secret`: credentials in files (also files a later layer deleted: the layer still ships them), env, labels
/// and history, each reported with a redacted fingerprint instead of the value.
enum SecretDetector {
    static func findings(_ unit: ContentUnit, owners: PackageOwnership) -> [Finding] {
        // Why skip package-owned files: packages ship test keys and documentation examples (Python's test suite,
        // OpenSSL's demos) that are public by construction, and the integrity check reports a package file that
        // was changed. A key a package's script generates at install (ssl-cert's snakeoil key) is not owned, so
        // it is reported.
        if let path = unit.path, owners.owner(of: path) != nil { return [] }
        var seen: Set<String> = []
        return SecretMatcher.matches(in: unit.lines, path: unit.path).compactMap { match in
            guard seen.insert(match.value).inserted else { return nil }
            return finding(match, unit: unit)
        }
    }

    static func finding(_ match: SecretMatch, unit: ContentUnit) -> Finding {
        let (rule, severity): (String, Severity) = switch match.kind {
        case .registryCredential: ("SG-SECRET-001", .critical)
        case .awsKeyPair: ("SG-SECRET-002", .critical)
        case .gcpServiceAccount: ("SG-SECRET-003", .critical)
        case .azure: ("SG-SECRET-004", .high)
        case .privateKey: ("SG-SECRET-005", .high)
        case .encryptedPrivateKey: ("SG-SECRET-005", .medium)
        case .token: ("SG-SECRET-006", .high)
        }
        var facts = ["secretType": match.name,
                     "fingerprint": SecretRedaction.redact(match.value, shownPrefix: match.shownPrefix)]
        if !unit.isInFinalImage { facts["stillInLayerBlob"] = "true" }
        let deleted = unit.isInFinalImage ? "" : " (deleted by a later layer, still in the layer's blob)"
        let name = match.name.prefix(1).uppercased() + match.name.dropFirst()
        return Finding(category: PayloadCategory.secret, ruleID: rule, severity: severity,
                       title: "\(name) in \(unit.place)\(deleted)",
                       detail: "Anyone who can pull the image can read it"
                           + (unit.isInFinalImage ? "" : ": deleting a file in a later layer does not remove it from "
                               + "the earlier layer, which every pull downloads")
                           + ". Revoke it and pass secrets at build time through secret mounts, not files, "
                           + "env, labels or build arguments.",
                       evidence: unit.evidence(line: match.line, facts: facts))
    }
}
