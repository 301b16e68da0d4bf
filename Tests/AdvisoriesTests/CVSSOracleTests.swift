import Advisories
import Foundation
import Testing
import TestSupport

/// Our scores against an independent implementation, Red Hat's `cvss` package (see `tools/cvss-scores.py`), on
/// every v2 and v3 base vector, thousands of seeded random v2, v3 and v4 vectors with their other metric groups,
/// mutated vectors that must be rejected alike, and every vector in the OSV corpus.
@Suite(.enabled(Comment(rawValue: CVSSOracle.need)) { CVSSOracle.available })
struct CVSSOracleTests {
    /// A metric and its values, written out here from the specifications rather than taken from the code under test,
    /// so that a value missing from our tables shows up as a vector we reject and the oracle scores.
    typealias Metric = (name: String, values: [String])

    static func metrics(_ spec: String) -> [Metric] {
        spec.split(separator: " ").map { entry in
            let parts = entry.split(separator: "=")
            return (String(parts[0]), parts[1].split(separator: ",").map(String.init))
        }
    }

    static let v2Base = metrics("AV=L,A,N AC=H,M,L Au=M,S,N C=N,P,C I=N,P,C A=N,P,C")
    static let v2Other = metrics("""
        E=U,POC,F,H,ND RL=OF,TF,W,U,ND RC=UC,UR,C,ND CDP=N,L,LM,MH,H,ND TD=N,L,M,H,ND CR=L,M,H,ND IR=L,M,H,ND \
        AR=L,M,H,ND
        """)
    static let v3Base = metrics("AV=N,A,L,P AC=L,H PR=N,L,H UI=N,R S=U,C C=H,L,N I=H,L,N A=H,L,N")
    static let v3Other = metrics("""
        E=X,H,F,P,U RL=X,U,W,T,O RC=X,C,R,U CR=X,H,M,L IR=X,H,M,L AR=X,H,M,L MAV=X,N,A,L,P MAC=X,L,H \
        MPR=X,N,L,H MUI=X,N,R MS=X,U,C MC=X,H,L,N MI=X,H,L,N MA=X,H,L,N
        """)
    static let v4Base = metrics("""
        AV=N,A,L,P AC=L,H AT=N,P PR=N,L,H UI=N,P,A VC=H,L,N VI=H,L,N VA=H,L,N SC=H,L,N SI=H,L,N SA=H,L,N
        """)
    static let v4Other = metrics("""
        E=X,A,P,U CR=X,H,M,L IR=X,H,M,L AR=X,H,M,L MAV=X,N,A,L,P MAC=X,L,H MAT=X,N,P MPR=X,N,L,H MUI=X,N,P,A \
        MVC=X,H,L,N MVI=X,H,L,N MVA=X,H,L,N MSC=X,H,L,N MSI=X,S,H,L,N MSA=X,S,H,L,N S=X,N,P AU=X,N,Y R=X,A,U,I \
        V=X,D,C RE=X,L,M,H U=X,Clear,Green,Amber,Red
        """)

    @Test func scoresEveryV2AndV3BaseVectorAsTheOracleDoes() throws {
        let vectors = Self.everyBaseVector(prefix: "", base: Self.v2Base)
            + Self.everyBaseVector(prefix: "CVSS:3.0", base: Self.v3Base)
            + Self.everyBaseVector(prefix: "CVSS:3.1", base: Self.v3Base)
        #expect(vectors.count == 729 + 2 * 2592)
        #expect(try Self.expectAgreement(on: vectors) == 0, "the oracle rejected vectors meant to be valid")
    }

    @Test func scoresRandomV3VectorsWithTemporalAndEnvironmentalMetricsAsTheOracleDoes() throws {
        var generator = SeededGenerator(seed: 0x3_0_3_1)
        let vectors = (0..<4000).map { index in
            Self.randomVector(prefix: index.isMultiple(of: 2) ? "CVSS:3.0" : "CVSS:3.1", base: Self.v3Base,
                              other: Self.v3Other, using: &generator)
        }
        #expect(try Self.expectAgreement(on: vectors) == 0, "the oracle rejected vectors meant to be valid")
    }

    @Test func scoresRandomV2VectorsWithTemporalAndEnvironmentalMetricsAsTheOracleDoes() throws {
        var generator = SeededGenerator(seed: 0x2)
        let vectors = (0..<2000).map { _ in
            Self.randomVector(prefix: "", base: Self.v2Base, other: Self.v2Other, using: &generator)
        }
        #expect(try Self.expectAgreement(on: vectors) == 0, "the oracle rejected vectors meant to be valid")
    }

    @Test func scoresRandomV4VectorsAsTheOracleDoes() throws {
        var generator = SeededGenerator(seed: 0x4_0)
        let vectors = (0..<6000).map { _ in
            Self.randomVector(prefix: "CVSS:4.0", base: Self.v4Base, other: Self.v4Other, using: &generator)
        }
        #expect(try Self.expectAgreement(on: vectors) == 0, "the oracle rejected vectors meant to be valid")
    }

    /// All 104,976 v4.0 base vectors: a minute or two of the oracle's time, so run on request only.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["SAFEGUARD_CVSS4_EXHAUSTIVE"] == "1",
                   "scores all 104,976 v4.0 base vectors when SAFEGUARD_CVSS4_EXHAUSTIVE=1"))
    func scoresEveryV4BaseVectorAsTheOracleDoes() throws {
        let vectors = Self.everyBaseVector(prefix: "CVSS:4.0", base: Self.v4Base)
        #expect(vectors.count == 104_976)
        #expect(try Self.expectAgreement(on: vectors) == 0, "the oracle rejected vectors meant to be valid")
    }

    /// One-character and one-field mutations of valid vectors: both implementations must reject the same ones.
    @Test func rejectsMutatedVectorsAsTheOracleDoes() throws {
        var generator = SeededGenerator(seed: 0xBAD)
        let vectors = (0..<4000).map { index in
            let valid = switch index % 4 {
            case 0: Self.randomVector(prefix: "CVSS:3.0", base: Self.v3Base, other: Self.v3Other, using: &generator)
            case 2: Self.randomVector(prefix: "", base: Self.v2Base, other: Self.v2Other, using: &generator)
            case 1: Self.randomVector(prefix: "CVSS:3.1", base: Self.v3Base, other: Self.v3Other, using: &generator)
            default: Self.randomVector(prefix: "CVSS:4.0", base: Self.v4Base, other: Self.v4Other, using: &generator)
            }
            return Self.mutate(valid, using: &generator)
        }
        let rejected = try Self.expectAgreement(on: vectors)
        #expect(rejected > 1500, "only \(rejected) of \(vectors.count) mutations were invalid")
    }

    @Test(.enabled(if: TestPaths.hasCorpus("vulndata/osv"), "needs shared/corpora/vulndata/osv"))
    func scoresEveryVectorInTheOSVCorpusAsTheOracleDoes() throws {
        let vectors = try Self.corpusVectors(under: TestPaths.corpus("vulndata/osv"))
        try #require(!vectors.isEmpty, "no CVSS vectors found in the OSV corpus")
        try Self.expectAgreement(on: vectors)
    }

    // MARK: - Helpers

    /// Checks every vector against the oracle's verdict in one batch, listing up to 20 disagreements; returns how
    /// many the oracle rejected.
    @discardableResult
    static func expectAgreement(on vectors: [String]) throws -> Int {
        let oracle = try CVSSOracle.shared.get()
        let verdicts = try oracle.verdicts(for: vectors)
        var disagreements: [String] = []
        for (vector, verdict) in zip(vectors, verdicts) {
            let ours: Result<CVSSVector, CVSSError> = Result { () throws(CVSSError) in try CVSSVector(parsing: vector) }
            switch (verdict, ours) {
            case (.score(let expected), .success(let parsed)) where parsed.baseScore == expected: continue
            case (.rejected, .failure): continue
            case (.score(let expected), .success(let parsed)):
                disagreements.append("\(vector): oracle \(expected), ours \(parsed.baseScore)")
            case (.score(let expected), .failure(let error)):
                disagreements.append("\(vector): oracle \(expected), ours rejects: \(error)")
            case (.rejected(let reason), .success(let parsed)):
                disagreements.append("\(vector): oracle rejects (\(reason)), ours \(parsed.baseScore)")
            }
        }
        let listed = disagreements.prefix(20).joined(separator: "\n")
        #expect(disagreements.isEmpty, "\(disagreements.count) of \(vectors.count) vectors disagree:\n\(listed)")
        return verdicts.filter { if case .rejected = $0 { true } else { false } }.count
    }

    /// Every combination of the base metrics' values.
    static func everyBaseVector(prefix: String, base: [Metric]) -> [String] {
        var combinations: [[String]] = [[]]
        for metric in base {
            combinations = combinations.flatMap { fields in metric.values.map { fields + [metric.name + ":" + $0] } }
        }
        return combinations.map { (prefix.isEmpty ? $0 : [prefix] + $0).joined(separator: "/") }
    }

    /// A valid vector (v2 when `prefix` is empty): every base metric, each other metric with probability 0.3, in
    /// shuffled order one time in four.
    static func randomVector(prefix: String, base: [Metric], other: [Metric],
                             using generator: inout SeededGenerator) -> String {
        var fields = base.map { $0.name + ":" + $0.values.randomElement(using: &generator)! }
        for metric in other where Double.random(in: 0..<1, using: &generator) < 0.3 {
            fields.append(metric.name + ":" + metric.values.randomElement(using: &generator)!)
        }
        if Int.random(in: 0..<4, using: &generator) == 0 { fields.shuffle(using: &generator) }
        return (prefix.isEmpty ? fields : [prefix] + fields).joined(separator: "/")
    }

    /// One change that usually breaks a vector: a character dropped or replaced, a field dropped, doubled or
    /// emptied, a slash appended. A `CVSS:` prefix is kept, as without it the oracle reads CVSS v2.
    static func mutate(_ vector: String, using generator: inout SeededGenerator) -> String {
        var characters = Array(vector)
        var fields = vector.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let hasPrefix = vector.hasPrefix("CVSS:")
        let fieldIndex = Int.random(in: (hasPrefix ? 1 : 0)..<fields.count, using: &generator)
        let characterIndex = Int.random(in: (hasPrefix ? "CVSS:".count : 0)..<characters.count, using: &generator)
        switch Int.random(in: 0..<6, using: &generator) {
        case 0:
            characters.remove(at: characterIndex)
            return String(characters)
        case 1:
            characters[characterIndex] = Array("ANLPHXUCRSMEY:/0123456789.a ").randomElement(using: &generator)!
            return String(characters)
        case 2: fields.remove(at: fieldIndex)
        case 3: fields.append(fields[fieldIndex])
        case 4: fields[fieldIndex] = ""
        default: fields.append("")
        }
        return fields.joined(separator: "/")
    }

    /// Every string value starting with `CVSS:` in the corpus's JSON: OSV severity scores and GHSA vector strings.
    static func corpusVectors(under root: String) throws -> [String] {
        var vectors: Set<String> = []
        func collect(_ value: Any) {
            if let string = value as? String, string.hasPrefix("CVSS:") { vectors.insert(string) }
            if let array = value as? [Any] { array.forEach(collect) }
            if let object = value as? [String: Any] { object.values.forEach(collect) }
        }
        let enumerator = FileManager.default.enumerator(atPath: root)
        while let path = enumerator?.nextObject() as? String {
            guard path.hasSuffix(".json") else { continue }
            let data = try Data(contentsOf: URL(fileURLWithPath: root + "/" + path))
            if let json = try? JSONSerialization.jsonObject(with: data) { collect(json) }
        }
        return vectors.sorted()
    }
}

/// SplitMix64: a small, fast generator whose sequence depends only on its seed, so failures reproduce.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
