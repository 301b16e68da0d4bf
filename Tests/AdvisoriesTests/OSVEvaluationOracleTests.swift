import Advisories
import Testing

/// `AffectedRange.contains` finds the deciding event in one pass instead of sorting; this checks it against the
/// spec's pseudocode written out literally (sort, then walk) on many generated ranges of integer versions.
@Suite struct OSVEvaluationOracleTests {
    /// SplitMix64, so that the generated ranges are the same on every run.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static func compareIntegers(_ a: String, _ b: String) throws -> Int {
        let x = Int(a)!
        let y = Int(b)!
        return x < y ? -1 : (x == y ? 0 : 1)
    }

    /// The spec's `IncludedInRanges` for one range, literally: `BeforeLimits`, then sort with `introduced: "0"`
    /// lowest and walk.
    static func oracle(_ version: String, _ events: [RangeEvent]) throws -> Bool {
        let limits = events.compactMap { if case .limit(let limit) = $0 { limit } else { nil } }
        if !limits.isEmpty, try !limits.contains(where: { try compareIntegers(version, $0) < 0 }) { return false }
        let sorted = try events.enumerated().sorted { a, b in
            let order = try compareIntegers(a.element.version, b.element.version)
            return order == 0 ? a.offset < b.offset : order < 0
        }
        var vulnerable = false
        for (_, event) in sorted {
            switch event {
            case .introduced(let bound) where try compareIntegers(version, bound) >= 0: vulnerable = true
            case .fixed(let bound) where try compareIntegers(version, bound) >= 0: vulnerable = false
            case .lastAffected(let bound) where try compareIntegers(version, bound) > 0: vulnerable = false
            default: break
            }
        }
        return vulnerable
    }

    /// A range of up to eight events on distinct versions 0…30, one `introduced` at least, and `fixed` or
    /// `last_affected` but not both, as parsing guarantees. Version 0 is the spec's special `introduced: "0"`,
    /// which integer order already puts lowest.
    static func randomEvents(_ generator: inout Generator) -> [RangeEvent] {
        let count = Int.random(in: 1...8, using: &generator)
        let versions = Array((0...30).shuffled(using: &generator).prefix(count)).map(String.init)
        let closing = Bool.random(using: &generator)
        var events = versions.map { version -> RangeEvent in
            switch Int.random(in: 0..<10, using: &generator) {
            case 0..<4: .introduced(version)
            case 4..<8: closing ? .fixed(version) : .lastAffected(version)
            default: .limit(version)
            }
        }
        if !events.contains(where: { if case .introduced = $0 { true } else { false } }) {
            events[0] = .introduced(events[0].version)
        }
        return events
    }

    @Test func agreesWithTheSpecsPseudocode() throws {
        var generator = Generator(state: 2026)
        var affectedCount = 0
        for _ in 0..<2_000 {
            let events = Self.randomEvents(&generator)
            let range = AffectedRange(type: .ecosystem, events: events)
            for version in (0...31).map(String.init) {
                let expected = try Self.oracle(version, events)
                #expect(try range.contains(version, compare: Self.compareIntegers) == expected, "\(events) \(version)")
                if expected { affectedCount += 1 }
            }
        }
        // Both outcomes occur often, so the comparison means something.
        #expect(affectedCount > 5_000 && affectedCount < 60_000)
    }
}
