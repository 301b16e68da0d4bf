@testable import SBOMFormats
import TestSupport
import Testing

@Suite struct IdentifierTests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        // 56 bytes: the length no longer fits the first block, so padding spills into a second.
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func hashesTheFIPSVectors(text: String, hex: String) {
        #expect(SHA256.hex(text) == hex)
    }

    @Test(.enabled(if: toolExists("sha256sum"), "needs the sha256sum command"), arguments: [1, 63, 64, 65, 10_007])
    func hashesLikeSha256sum(count: Int) throws {
        let bytes = sampleBytes(count: count, seed: UInt64(count))
        let expected = String(decoding: try runTool("sha256sum", input: bytes).prefix(64), as: UTF8.self)
        #expect(SHA256.hash(bytes).map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined() == expected)
    }

    @Test func derivesAVersion8UUIDFromAName() {
        let uuid = NameBasedUUID.make("docker.io/library/debian")
        #expect(uuid == NameBasedUUID.make("docker.io/library/debian"))
        #expect(uuid != NameBasedUUID.make("docker.io/library/debiam"))
        #expect(uuid.wholeMatch(of: /[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/) != nil)
    }

    @Test(arguments: [
        ("libstdc++6", "libstdc--6"),
        ("charset_normalizer", "charset-normalizer"),
        ("org.apache:commons", "org.apache-commons"),
        ("naïve", "na-ve"),
    ])
    func sanitisesSPDXIdentifiers(name: String, sanitized: String) {
        #expect(SPDXIdentifier.sanitize(name) == sanitized)
    }
}
