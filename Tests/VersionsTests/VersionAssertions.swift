import Testing
import Versions

/// Helpers shared by the version suites: reading corpus files and checking orders.
enum VersionAssertions {
    /// The non-empty lines of a corpus file that are not `#` comments.
    static func dataLines(_ corpusPath: String) throws -> [Substring] {
        let text = try String(contentsOfFile: corpusPath, encoding: .utf8)
        return text.split(separator: "\n", omittingEmptySubsequences: true).filter { !$0.hasPrefix("#") }
    }

    /// Expects `a` to compare with `b` as `expected` and `b` with `a` as its opposite (antisymmetry).
    static func expectOrder(_ scheme: VersionScheme, _ a: String, _ b: String, _ expected: Int,
                            sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            let forward = try scheme.compare(a, b)
            let backward = try scheme.compare(b, a)
            #expect(forward == expected, "\(scheme) \(a) vs \(b)", sourceLocation: sourceLocation)
            #expect(backward == -expected, "\(scheme) \(b) vs \(a)", sourceLocation: sourceLocation)
        } catch {
            Issue.record("\(error)", sourceLocation: sourceLocation)
        }
    }

    /// Expects every pair `i < j` of an ascending chain to compare as less (and the reverse as greater), and each
    /// element to equal itself: antisymmetry and transitivity over the chain.
    /// - Returns: The number of ordered pairs checked.
    @discardableResult
    static func expectAscending(_ scheme: VersionScheme, _ chain: [String],
                                sourceLocation: SourceLocation = #_sourceLocation) -> Int {
        var pairs = 0
        for (i, low) in chain.enumerated() {
            expectOrder(scheme, low, low, 0, sourceLocation: sourceLocation)
            for high in chain[(i + 1)...] {
                expectOrder(scheme, low, high, -1, sourceLocation: sourceLocation)
                pairs += 1
            }
        }
        return pairs
    }

    /// Whether the scheme accepts the string.
    static func accepts(_ scheme: VersionScheme, _ text: String) -> Bool {
        (try? Version(text, scheme: scheme)) != nil
    }
}
