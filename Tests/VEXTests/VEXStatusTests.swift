import Testing
import VEX

@Suite struct VEXStatusTests {
    @Test func statusesAreSpelledAsOpenVEXSpellsThem() {
        #expect(VEXStatus.allCases.map(\.rawValue) == ["not_affected", "affected", "fixed", "under_investigation"])
    }
}
