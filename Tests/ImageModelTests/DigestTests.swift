import ImageModel
import Testing

@Suite struct DigestTests {
    @Test func computesSHA256OfKnownInput() {
        #expect(Digest.of(Array("abc".utf8)).description
            == "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func computesSHA512OfKnownInput() {
        #expect(Digest.of(Array("abc".utf8), algorithm: .sha512).encoded.hasPrefix("ddaf35a193617aba"))
    }

    @Test(arguments: [
        "sha256",  // no separator
        "md5:d41d8cd98f00b204e9800998ecf8427e",  // algorithm the spec does not register
        "sha256:abc",  // too short to be verifiable
        "sha256:BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD",  // uppercase hex
        "sha256:zz7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",  // not hex
    ])
    func rejectsUnverifiableDigests(_ input: String) {
        #expect(throws: ModelError.self) { try Digest(parsing: input) }
    }

    @Test func streamingVerificationFailsOnMismatchAtEndOfStream() throws {
        let wrong = try Digest(parsing: "sha256:" + String(repeating: "0", count: 64))
        var stream = DigestingStream(MemoryByteStream(Array("abc".utf8)), expected: wrong, expectedSize: 3)
        #expect(throws: DigestError.self) { _ = try stream.readAll(limit: 100) }
    }

    @Test func streamingVerificationFailsWhenSourceSendsMoreThanTheDescriptorSize() throws {
        var stream = DigestingStream(MemoryByteStream(Array("abcd".utf8)), expected: nil, expectedSize: 3)
        #expect(throws: DigestError.sizeMismatch(expected: 3, received: 4)) { _ = try stream.readAll(limit: 100) }
    }
}
