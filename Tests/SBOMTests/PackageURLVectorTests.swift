import Foundation
import SBOM
import TestSupport
import Testing

/// The purl specification's own test suite, from `../shared/corpora/sbom/purl-spec/test-suite-data.json`.
@Suite(.enabled(if: TestPaths.hasCorpus("sbom/purl-spec"),
                Comment(rawValue: "needs the purl-spec test suite in \(TestPaths.corpus("sbom/purl-spec"))")))
struct PackageURLVectorTests {
    /// One entry of the suite: a purl string, its components, and its canonical form or that it is invalid.
    struct Vector: Decodable, Sendable, CustomTestStringConvertible {
        var description: String
        var purl: String
        var canonicalPurl: String?
        var type: String?
        var namespace: String?
        var name: String?
        var version: String?
        var qualifiers: [String: String]?
        var subpath: String?
        var isInvalid: Bool

        enum CodingKeys: String, CodingKey {
            case description, purl, type, namespace, name, version, qualifiers, subpath
            case canonicalPurl = "canonical_purl", isInvalid = "is_invalid"
        }

        var testDescription: String { description }

        /// The purl built from the vector's components.
        var built: PackageURL {
            PackageURL(type: type ?? "", namespace: namespace, name: name ?? "", version: version,
                       qualifiers: qualifiers ?? [:], subpath: subpath)
        }
    }

    static let path = TestPaths.corpus("sbom/purl-spec/test-suite-data.json")

    /// Every vector, or none when the corpus is missing (the suite is then skipped, by name).
    static let vectors: [Vector] = {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        return (try? JSONDecoder().decode([Vector].self, from: data)) ?? []
    }()

    /// Vectors Safeguard cannot pass, by description, each with the reason. Empty: all of them pass.
    static let expectedFailures: [String: String] = [:]

    @Test func readsTheWholeSuite() throws {
        let data = try #require(FileManager.default.contents(atPath: Self.path), "cannot read \(Self.path)")
        #expect(try JSONDecoder().decode([Vector].self, from: data).count == Self.vectors.count)
        #expect(!Self.vectors.isEmpty)
    }

    @Test(arguments: vectors)
    func buildsTheCanonicalPurlFromComponents(_ vector: Vector) {
        withKnownIssue(Comment(rawValue: Self.expectedFailures[vector.description] ?? ""),
                       isIntermittent: false) {
            let purl = vector.built
            if vector.isInvalid {
                #expect(throws: PackageURLError.self) { try purl.validate() }
            } else {
                #expect(throws: Never.self) { try purl.validate() }
                #expect(purl.description == vector.canonicalPurl)
            }
        } when: {
            Self.expectedFailures[vector.description] != nil
        }
    }

    @Test(arguments: vectors)
    func parsesValidPurlsToTheirComponentsAndRejectsInvalidOnes(_ vector: Vector) {
        withKnownIssue(Comment(rawValue: Self.expectedFailures[vector.description] ?? ""),
                       isIntermittent: false) {
            if vector.isInvalid {
                #expect(throws: PackageURLError.self) { try PackageURL(parsing: vector.purl) }
            } else {
                do {
                    let parsed = try PackageURL(parsing: vector.purl)
                    #expect(parsed.description == vector.canonicalPurl)
                    #expect(parsed == vector.built)
                } catch {
                    Issue.record("\(error)")
                }
            }
        } when: {
            Self.expectedFailures[vector.description] != nil
        }
    }

    @Test(arguments: vectors.filter { !$0.isInvalid })
    func parsesTheCanonicalFormBackToItself(_ vector: Vector) throws {
        let canonical = try #require(vector.canonicalPurl)
        #expect(try PackageURL(parsing: canonical).description == canonical)
    }
}
