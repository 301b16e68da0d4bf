import Foundation
import Sigstore
import Testing

@Suite struct SimpleSigningPayloadTests {
    static let digest = "sha256:" + String(repeating: "a", count: 64)

    static func payload(critical: String, optional: String = "null") -> [UInt8] {
        Array("{\"critical\":\(critical),\"optional\":\(optional)}".utf8)
    }

    static let valid = #"{"identity":{"docker-reference":"r.example/app"},"image":{"docker-manifest-digest":"#
        + "\"\(digest)\"},\"type\":\"atomic container signature\"}"

    @Test func payloadIsReadAndChecked() throws {
        let payload = try SimpleSigningPayload(json: Self.payload(critical: Self.valid,
                                                                  optional: #"{"creator":"me","timestamp":5}"#),
                                               source: "p")
        #expect(payload.dockerReference == "r.example/app")
        #expect(payload.creator == "me")
        #expect(payload.timestamp == 5)
        try payload.check(manifestDigest: Self.digest, reference: "r.example/app", source: "p")
        #expect(throws: SigstoreError.self) {
            try payload.check(manifestDigest: "sha256:" + String(repeating: "b", count: 64), source: "p")
        }
    }

    /// Payloads that must be refused, each with why.
    static let hostile: [(String, [UInt8])] = [
        // An unknown critical field is a constraint this reader cannot honour.
        ("unknown critical field", payload(critical: String(valid.dropLast()) + #","expires":"2000-01-01"}"#)),
        ("unknown type", payload(critical: valid.replacingOccurrences(of: "atomic container signature",
                                                                      with: "something else"))),
        ("digest without algorithm", payload(critical: valid.replacingOccurrences(of: "sha256:", with: ""))),
        ("no identity", payload(critical: #"{"image":{"docker-manifest-digest":"sha256:00"},"type":"#
                                + #""atomic container signature"}"#)),
        ("not JSON", Array("critical".utf8)),
        ("critical is an array", payload(critical: "[]")),
    ]

    @Test(arguments: hostile.map(\.0))
    func hostilePayloadsAreRefused(_ name: String) {
        let bytes = Self.hostile.first { $0.0 == name }!.1
        #expect(throws: SigstoreError.self) { try SimpleSigningPayload(json: bytes, source: name) }
    }
}
