import Foundation
import TestSupport

/// Certificates, keys and timestamps lifted from the Sigstore conformance corpus with plain JSON reading, so
/// these tests do not depend on the Sigstore module.
enum SigstoreMaterial {
    static let folder = "signing/sigstore-conformance/bundle-verify"

    static func json(_ path: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: TestPaths.corpus(folder) + "/" + path))
        return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    }

    static func base64(_ text: Any?) -> [UInt8] { Array(Data(base64Encoded: text as? String ?? "") ?? Data()) }

    /// The v0.3 happy path's Fulcio leaf.
    static func fulcioLeaf() throws -> [UInt8] {
        let material = try json("happy-path-v0.3/bundle.sigstore.json")["verificationMaterial"] as? [String: Any]
        return base64((material?["certificate"] as? [String: Any])?["rawBytes"])
    }

    /// The certificate chains of a trusted root's `certificateAuthorities` or `timestampAuthorities`.
    static func chains(_ root: String, _ key: String) throws -> [[[UInt8]]] {
        let authorities = (try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: root)))
            as? [String: Any])?[key] as? [[String: Any]] ?? []
        return authorities.map { authority in
            ((authority["certChain"] as? [String: Any])?["certificates"] as? [[String: Any]] ?? [])
                .map { base64($0["rawBytes"]) }
        }
    }

    /// The production trusted root's path.
    static var productionRoot: String { TestPaths.corpus("signing/sigstore-trust-roots/prod/trusted_root.json") }

    /// A trusted root's CT logs: key DER and log ID.
    static func ctLogs(_ root: String) throws -> [(key: [UInt8], logID: [UInt8])] {
        let logs = (try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: root)))
            as? [String: Any])?["ctlogs"] as? [[String: Any]] ?? []
        return logs.map { log in
            (base64((log["publicKey"] as? [String: Any])?["rawBytes"]),
             base64((log["logId"] as? [String: Any])?["keyId"]))
        }
    }
}
