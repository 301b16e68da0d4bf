import Crypto
import Foundation
import ImageModel

/// An in-toto Statement (v0.1 or v1): subjects with digests, and a typed predicate.
public struct InTotoStatement: Sendable {
    /// One subject: a name and its digests by algorithm name (`sha256` → hex).
    public struct Subject: Sendable, Equatable {
        /// The subject's name, e.g. a file name.
        public let name: String
        /// Digests by algorithm name, hex.
        public let digest: [String: String]
    }

    /// The statement type: `https://in-toto.io/Statement/v0.1` or `/v1`.
    public let type: String
    /// What the statement is about.
    public let subjects: [Subject]
    /// The predicate's type, e.g. `https://slsa.dev/provenance/v1`.
    public let predicateType: String
    /// The predicate, re-serialized as JSON for readers of particular predicate types.
    public let predicateJSON: [UInt8]

    /// The statement types accepted.
    public static let types: Set<String> = ["https://in-toto.io/Statement/v0.1", "https://in-toto.io/Statement/v1"]

    /// Reads a statement from the JSON of a DSSE payload.
    public init(json bytes: [UInt8], source: String) throws(SigstoreError) {
        let root = try SigstoreJSON.document(bytes, source: source)
        let typeNode = try root.required("_type")
        type = try typeNode.text()
        guard Self.types.contains(type) else { throw typeNode.wrongType("an in-toto Statement type") }
        subjects = try root.elements("subject", limit: SigstoreLimits.maxElements).map {
            (node) throws(SigstoreError) in
            var digest: [String: String] = [:]
            let digestNode = try node.required("digest")
            for key in try digestNode.keys() { digest[key] = try digestNode.required(key).text() }
            return Subject(name: try node.member("name")?.text() ?? "", digest: digest)
        }
        guard !subjects.isEmpty else { throw root.wrongType("a statement with at least one subject") }
        predicateType = try root.required("predicateType").text()
        if let predicate = try root.member("predicate"),
           let data = try? JSONSerialization.data(withJSONObject: predicate.value, options: [.fragmentsAllowed]) {
            predicateJSON = Array(data)
        } else {
            predicateJSON = Array("{}".utf8)
        }
    }

    /// Whether a subject has SHA-256 digest `digest`.
    public func hasSubject(sha256 digest: [UInt8]) -> Bool {
        let hex = hexEncoded(digest)
        return subjects.contains { $0.digest["sha256"]?.lowercased() == hex }
    }
}
