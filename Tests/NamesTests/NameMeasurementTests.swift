import Foundation
import Names
import TestSupport
import Testing

/// What the thresholds buy: how many generated look-alikes of the official names are caught, and how many benign
/// names are flagged. The figures are printed for the notes; the expectations hold the floor.
@Suite struct NameMeasurementTests {
    let checks = NameChecks()

    /// Every single swap, deletion and doubled letter of each official name of four or more characters, and
    /// each ASCII look-alike substitution (`o`→`0`, `l`→`1`, `i`→`1`, `m`→`rn`, `w`→`vv`), under a user's
    /// namespace.
    static func mutations(of name: String) -> Set<String> {
        let letters = Array(name)
        var result: Set<String> = []
        for index in letters.indices {
            var deleted = letters
            deleted.remove(at: index)
            result.insert(String(deleted))
            var doubled = letters
            doubled.insert(letters[index], at: index)
            result.insert(String(doubled))
            if index + 1 < letters.count {
                var swapped = letters
                swapped.swapAt(index, index + 1)
                result.insert(String(swapped))
            }
            let lookalike = ["o": "0", "l": "1", "i": "1", "m": "rn", "w": "vv"][String(letters[index])]
            if let lookalike {
                result.insert(String(letters[..<index]) + lookalike + String(letters[(index + 1)...]))
            }
        }
        return result.filter { mutation in
            // A mutation that is a real name, or not a valid path component, is no lure.
            !WellKnownImages.allOfficialNames.contains(mutation) && mutation.first?.isLetter == true
                && mutation.last.map { $0.isLetter || $0.isNumber } == true && !mutation.contains("--")
        }
    }

    @Test func catchesAlmostEveryGeneratedLookalikeOfTheOfficialNames() {
        var total = 0, caught = 0
        var missed: [String] = []
        for official in WellKnownImages.officialNames.sorted() where official.count >= 4 {
            for mutation in Self.mutations(of: official) {
                total += 1
                if checks.match("someuser/\(mutation)") != nil { caught += 1 } else { missed.append(mutation) }
            }
        }
        print("name.typosquat: caught \(caught) of \(total) generated look-alikes; missed: \(missed.prefix(20))")
        #expect(Double(caught) >= 0.97 * Double(total))
    }

    @Test(.enabled(if: TestPaths.hasCorpus("typosquat/docker-official-images"),
                   "needs shared/corpora/typosquat/docker-official-images"))
    func flagsNoBenignNameAndCostsMicroseconds() throws {
        let folder = TestPaths.corpus("typosquat/docker-official-images")
        let official = try String(contentsOfFile: folder + "/official-images-current.txt", encoding: .utf8)
            .split(whereSeparator: \.isNewline).map(String.init)
        let names = official + benignNames
        let clock = ContinuousClock()
        var flagged: [String] = []
        let elapsed = clock.measure {
            for name in names where checks.match(name) != nil { flagged.append(name) }
        }
        let perName = elapsed / names.count
        print("name.typosquat: \(flagged.count) of \(names.count) benign names flagged (\(official.count) official, "
              + "\(benignNames.count) others); \(perName) per name")
        #expect(flagged.isEmpty, "\(flagged)")
    }
}
