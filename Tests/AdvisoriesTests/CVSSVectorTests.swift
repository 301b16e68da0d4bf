@testable import Advisories
import Testing

@Suite struct CVSSVectorTests {
    /// Vectors with the scores FIRST's specification examples give them, plus a few scored by an independent
    /// implementation where the specification has no example.
    static let scored: [(vector: String, score: Double, rating: CVSSVector.Rating)] = [
        // CVSS v3.0 specification examples: phpMyAdmin reflected XSS (CVE-2013-1937), Heartbleed (CVE-2014-0160),
        // MySQL stored SQL injection (CVE-2013-0375).
        ("CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", 6.1, .medium),
        ("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", 7.5, .high),
        ("CVSS:3.0/AV:N/AC:L/PR:L/UI:N/S:C/C:L/I:L/A:N", 6.4, .medium),
        // CVSS v3.1: Shellshock (CVE-2014-6271), the worst case with scope change, a local escalation, a minimum.
        ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8, .critical),
        ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", 10.0, .critical),
        ("CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", 7.8, .high),
        ("CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N", 1.6, .low),
        ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N", 0.0, .none),
        // CVSS v2 guide examples: CVE-2002-0392 (Apache chunked encoding), CVE-2003-0818 (Windows ASN.1),
        // CVE-2003-0062 (NOD32); v2 is rated on NVD's scale, where 10.0 is high and 0.0 low.
        ("AV:N/AC:L/Au:N/C:N/I:N/A:C", 7.8, .high),
        ("AV:N/AC:L/Au:N/C:C/I:C/A:C", 10.0, .high),
        ("AV:L/AC:H/Au:N/C:C/I:C/A:C", 6.2, .medium),
        ("AV:N/AC:L/Au:N/C:P/I:P/A:P", 7.5, .high),
        ("AV:L/AC:H/Au:M/C:N/I:N/A:N", 0.0, .low),
        // CVSS v4.0: the first two are the worst cases FIRST's calculator shows; the rest were scored by Red Hat's
        // `cvss` package, which ports that calculator's algorithm.
        ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H", 10.0, .critical),
        ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", 9.3, .critical),
        ("CVSS:4.0/AV:L/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", 8.5, .high),
        ("CVSS:4.0/AV:N/AC:H/AT:P/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", 7.7, .high),
        ("CVSS:4.0/AV:A/AC:L/AT:N/PR:N/UI:N/VC:N/VI:L/VA:N/SC:H/SI:N/SA:H", 6.4, .medium),
        ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:P/VC:L/VI:L/VA:N/SC:L/SI:L/SA:N", 5.3, .medium),
        ("CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:L/VI:L/VA:L/SC:L/SI:L/SA:L", 1.0, .low),
        ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N", 0.0, .none),
    ]

    @Test(arguments: scored)
    func scoresSpecificationExamples(_ example: (vector: String, score: Double, rating: CVSSVector.Rating)) throws {
        let vector = try CVSSVector(parsing: example.vector)
        #expect(vector.baseScore == example.score)
        #expect(vector.rating == example.rating)
        #expect(vector.text == example.vector)
    }

    /// Threat and environmental metrics are checked but leave the base score alone: with E:U the v4.0 CVSS-BT score
    /// of this vector is 8.1, its base score 9.3.
    @Test func returnsTheBaseScoreWhateverOtherGroupsSay() throws {
        let v4 = try CVSSVector(parsing: "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U/CR:L/"
                                    + "MAV:P/MSI:S/S:P/AU:Y/R:I/V:C/RE:H/U:Red")
        #expect(v4.baseScore == 9.3)
        let v3 = try CVSSVector(parsing: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:U/RL:O/RC:U/CR:L/MAV:P/MS:C")
        #expect(v3.baseScore == 9.8)
    }

    @Test func readsVersionTwoFromItsMetricsWithoutAPrefix() throws {
        let vector = try CVSSVector(parsing: "AV:N/AC:L/Au:N/C:P/I:P/A:P/E:POC/RL:OF/RC:C/CDP:H/TD:H/CR:M/IR:M/AR:H")
        #expect(vector.version == .v2_0)
        #expect(vector.baseScore == 7.5)
    }

    @Test func acceptsMetricsOutOfOrder() throws {
        let vector = try CVSSVector(parsing: "CVSS:3.1/A:H/I:H/C:H/S:U/UI:N/PR:N/AC:L/AV:N")
        #expect(vector.baseScore == 9.8)
        #expect(vector.version == .v3_1)
    }

    /// CVSS v3.1 redefined Roundup on integers because 3.0's, on floating point, sends noise above a tenth upwards.
    @Test func roundsUpAsEachVersionDefines() {
        #expect(CVSS3Score.roundUp31(4.000000000000001) == 4.0)
        #expect(CVSS3Score.roundUp30(4.000000000000001) == 4.1)
        #expect(CVSS3Score.roundUp31(4.02) == 4.1)
        #expect(CVSS3Score.roundUp30(4.02) == 4.1)
        #expect(CVSS3Score.roundUp31(4.0) == 4.0)
    }

    /// The v4.0 rounding offset keeps 8.6 - 7.15 = 1.4499999999999993 from rounding down to 1.4.
    @Test func roundsV4HalfUpDespiteFloatingPointError() {
        #expect(CVSS4Score.roundToOneDecimal(8.6 - 7.15) == 1.5)
        #expect(CVSS4Score.roundToOneDecimal(1.44) == 1.4)
    }

    @Test func ratesOnTheQualitativeScale() {
        #expect(CVSSVector.Rating(score: 0) == .none)
        #expect(CVSSVector.Rating(score: 0.1) == .low)
        #expect(CVSSVector.Rating(score: 3.9) == .low)
        #expect(CVSSVector.Rating(score: 4.0) == .medium)
        #expect(CVSSVector.Rating(score: 6.9) == .medium)
        #expect(CVSSVector.Rating(score: 7.0) == .high)
        #expect(CVSSVector.Rating(score: 8.9) == .high)
        #expect(CVSSVector.Rating(score: 9.0) == .critical)
        #expect(CVSSVector.Rating(score: 10) == .critical)
        let shuffled: [CVSSVector.Rating] = [.critical, .none, .high, .low, .medium]
        #expect(shuffled.sorted() == [.none, .low, .medium, .high, .critical])
    }

    static let v31 = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"
    static let v40 = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"

    /// Malformed and hostile vectors, each with the problem its error must name.
    static let malformed: [(vector: String, problem: CVSSError.Problem)] = [
        ("", .empty),
        // Overlong input is refused by length before anything else looks at it.
        (String(repeating: "AV:N/", count: 200), .tooLong(length: 1000)),
        // Control characters could forge log lines; a combining mark after '/' would merge with it into one
        // Character and hide the separator; whitespace is not part of any vector.
        (v31 + "\n", .invalidCharacter(offset: 44)),
        ("CVSS:3.1/AV:N/\u{301}AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", .invalidCharacter(offset: 14)),
        ("CVSS:3.1/AV:N /AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", .invalidCharacter(offset: 13)),
        ("CVSS:3.1/AV:N\u{0}/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", .invalidCharacter(offset: 13)),
        ("CVSS:3.1/AV:Ｎ/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", .invalidCharacter(offset: 12)),
        // Version prefixes.
        ("AV:N/AC:L/Au:N/C:P/I:P", .missingMandatoryMetrics(["A"])),
        ("AV:N/AC:L/Au:N/C:P/I:P/A:P/E:X", .badValue(metric: "E", value: "X", allowed: ["U", "POC", "F", "H", "ND"])),
        ("AV:N/AC:L/Au:N/C:P/I:P/A:P/MAV:N", .unknownMetric("MAV")),
        ("AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", .missingVersionPrefix),
        ("cvss:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", .missingVersionPrefix),
        ("CVSS:3.2/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", .unknownVersionPrefix("CVSS:3.2")),
        ("CVSS:2.0/AV:N/AC:L/Au:N/C:P/I:P/A:P", .unknownVersionPrefix("CVSS:2.0")),
        ("CVSS:/AV:N", .unknownVersionPrefix("CVSS:")),
        ("CVSS:3.1", .missingMandatoryMetrics(["AV", "AC", "PR", "UI", "S", "C", "I", "A"])),
        // Fields.
        ("CVSS:3.1/", .emptyField(position: 1)),
        (v31 + "/", .emptyField(position: 9)),
        ("CVSS:3.1/AV:N//AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", .emptyField(position: 2)),
        ("CVSS:3.1/AV:N:L/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", .malformedField("AV:N:L")),
        ("CVSS:3.1/AVN/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", .malformedField("AVN")),
        ("CVSS:3.1/:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", .malformedField(":N")),
        ("CVSS:3.1/AV:/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", .malformedField("AV:")),
        // Metrics and values.
        ("CVSS:3.1/av:n/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", .unknownMetric("av")),
        (v31 + "/AT:N", .unknownMetric("AT")),
        (v40 + "/RL:O", .unknownMetric("RL")),
        (v31 + "/AV:L", .duplicateMetric("AV")),
        (v31 + "/E:X/E:X", .duplicateMetric("E")),
        ("CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", .badValue(metric: "AV", value: "X",
                                                                   allowed: ["N", "A", "L", "P"])),
        ("CVSS:3.1/AV:N/AC:L/PR:N/UI:P/S:U/C:H/I:H/A:H", .badValue(metric: "UI", value: "P", allowed: ["N", "R"])),
        // Only the environmental MSI takes Safety; S in v4.0 is the supplemental Safety metric, not v3's Scope.
        ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:S/SA:N",
         .badValue(metric: "SI", value: "S", allowed: ["H", "L", "N"])),
        (v40 + "/S:U", .badValue(metric: "S", value: "U", allowed: ["X", "N", "P"])),
        (v40 + "/U:red", .badValue(metric: "U", value: "red", allowed: ["X", "Clear", "Green", "Amber", "Red"])),
        ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H", .missingMandatoryMetrics(["A"])),
        ("CVSS:4.0/AV:N/AC:L/PR:N/UI:N/VC:H/VI:H/VA:H", .missingMandatoryMetrics(["AT", "SC", "SI", "SA"])),
        // A v3.1 vector under a v4.0 prefix: S is read as v4.0's Safety, which Scope's U is not a value of.
        ("CVSS:4.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", .badValue(metric: "S", value: "U", allowed: ["X", "N", "P"])),
    ]

    @Test(arguments: malformed)
    func rejectsMalformedVectorsNamingTheProblem(_ example: (vector: String, problem: CVSSError.Problem)) {
        #expect(throws: CVSSError(vector: example.vector, problem: example.problem)) {
            try CVSSVector(parsing: example.vector)
        }
    }

    /// Seeded random strings over the vector alphabet and beyond: each is scored within 0–10 or rejected, never a
    /// crash or a trap.
    @Test func neverTrapsOnRandomStrings() {
        var generator = SeededGenerator(seed: 0xF022)
        let alphabet = Array("CVS:234.01/ANLPHXURMEISTYDabc:/\u{0}\n é\u{301}😀")
        let prefixes = ["", "CVSS:3.1/", "CVSS:4.0/", "CVSS:3.0/", "AV:N/Au:N/"]
        for _ in 0..<20_000 {
            let length = Int.random(in: 0..<90, using: &generator)
            let text = prefixes.randomElement(using: &generator)!
                + String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
            if let vector = try? CVSSVector(parsing: text) {
                #expect((0...10).contains(vector.baseScore), "\(text) scored \(vector.baseScore)")
            }
        }
    }

    @Test func errorMessagesQuoteTheVectorWithControlCharactersEscaped() {
        let error = CVSSError(vector: "CVSS:3.1/AV:N\n\u{1B}[31m", problem: .invalidCharacter(offset: 13))
        #expect(error.description == #"CVSS vector "CVSS:3.1/AV:N\n\u{1B}[31m": byte 13 is not printable ASCII"#)
        let duplicate = CVSSError(vector: Self.v31 + "/AV:L", problem: .duplicateMetric("AV"))
        #expect(duplicate.description == "CVSS vector \"\(Self.v31)/AV:L\": metric AV appears more than once")
    }

    /// An error keeps at most `maximumLength` characters of the vector, so a hostile megabyte is not carried along.
    @Test func errorsKeepABoundedPrefixOfTheVector() {
        let hostile = String(repeating: "A", count: 1_000_000)
        #expect(throws: CVSSError.self) { try CVSSVector(parsing: hostile) }
        let error = CVSSError(vector: hostile, problem: .tooLong(length: hostile.utf8.count))
        #expect(error.vector.count == CVSSVector.maximumLength)
    }
}
