import Crypto
import Foundation
import Testing
import TestSupport

@Suite(.enabled(if: TestPaths.hasCorpus("signing/sigstore-conformance/bundle-verify"),
                "needs shared/corpora/signing/sigstore-conformance/bundle-verify"))
struct CertificateTests {
    static let identity = "https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/"
        + ".github/workflows/extremely-dangerous-oidc-beacon.yml@refs/heads/main"

    @Test func fulcioLeafFieldsAreRead() throws {
        let leaf = try Certificate(der: try SigstoreMaterial.fulcioLeaf(), source: "leaf")
        #expect(leaf.subject.isEmpty)
        #expect(leaf.issuer == "CN=sigstore-intermediate,O=sigstore.dev")
        #expect(leaf.subjectAlternativeNames == [.uri(Self.identity)])
        #expect(leaf.notAfter.timeIntervalSince(leaf.notBefore) == 600)
        #expect(leaf.allowsCodeSigning)
        #expect(!leaf.isCertificateAuthority)
        let issuer = try #require(leaf.extensionValue(oid: "1.3.6.1.4.1.57264.1.8"))
        #expect(DERReader.string(issuer) == "https://token.actions.githubusercontent.com")
        #expect(leaf.extensionValue(oid: "1.3.6.1.4.1.57264.1.99") == nil)
        #expect(try leaf.publicKey().kind == .ecdsaP256)
    }

    @Test func leafChainsToFulcioOnlyWhileValid() throws {
        let leaf = try Certificate(der: try SigstoreMaterial.fulcioLeaf(), source: "leaf")
        let chains = try SigstoreMaterial.chains(SigstoreMaterial.productionRoot, "certificateAuthorities")
        let chain = try #require(chains.last).map { try Certificate(der: $0, source: "ca") }
        let inside = leaf.notBefore.addingTimeInterval(60)
        let built = try ChainVerifier.verify(leaf, intermediates: Array(chain.dropLast()), roots: [chain.last!],
                                             at: inside, requireCodeSigning: true)
        #expect(built.count == 3)
        #expect(built.last?.isSelfSigned == true)
        #expect(throws: CryptoError.self) {
            try ChainVerifier.verify(leaf, intermediates: Array(chain.dropLast()), roots: [chain.last!],
                                     at: leaf.notAfter.addingTimeInterval(1))
        }
        // Fulcio's own certificates given only as untrusted intermediates anchor nothing: with another
        // authority's root as the only trust anchor, the chain must not verify.
        let tsa = try SigstoreMaterial.chains(SigstoreMaterial.productionRoot, "timestampAuthorities")
        let otherRoot = try Certificate(der: try #require(tsa.last?.last), source: "tsa root")
        #expect(throws: CryptoError.self) {
            try ChainVerifier.verify(leaf, intermediates: chain, roots: [otherRoot], at: inside)
        }
    }

    @Test func embeddedSCTVerifiesWithTheProductionCTLog() throws {
        let leaf = try Certificate(der: try SigstoreMaterial.fulcioLeaf(), source: "leaf")
        let chains = try SigstoreMaterial.chains(SigstoreMaterial.productionRoot, "certificateAuthorities")
        let intermediate = try Certificate(der: try #require(chains.last?.first), source: "intermediate")
        let scts = try leaf.embeddedSCTs()
        #expect(scts.count == 1)
        let sct = try #require(scts.first)
        let logs = try SigstoreMaterial.ctLogs(SigstoreMaterial.productionRoot)
        let log = try #require(logs.first { $0.logID == sct.logID })
        let logKey = try PublicKey(der: log.key, source: "ctlog")
        #expect(sct.isValid(for: leaf, issuerKey: try intermediate.publicKey(), logKey: logKey))
        // The same SCT checked against the leaf's own key as issuer must fail: the issuer key hash is signed.
        #expect(!sct.isValid(for: leaf, issuerKey: try leaf.publicKey(), logKey: logKey))
    }

    @Test func certificateWithTrailingBytesIsRefused() throws {
        let der = try SigstoreMaterial.fulcioLeaf()
        #expect(throws: CryptoError.self) { try Certificate(der: der + [0], source: "trailing") }
        #expect(throws: CryptoError.self) { try Certificate(der: Array(der.dropLast(10)), source: "truncated") }
    }

    @Test func pemChainKeepsItsOrder() throws {
        let der = try SigstoreMaterial.fulcioLeaf()
        let body = Data(der).base64EncodedString(options: .lineLength64Characters)
        let pem = "-----BEGIN CERTIFICATE-----\n\(body)\n-----END CERTIFICATE-----\n"
        let chain = try Certificate.chain(pem: pem + pem, source: "two.pem")
        #expect(chain.map(\.der) == [der, der])
    }
}
