import Testing

@testable import Payloads

/// Text from the image shown in findings: escaped, so it cannot drive a terminal or forge report lines.
@Suite struct ShownTextTests {
    @Test(arguments: [
        ("a\u{1b}[31mred", "a\\u{1b}[31mred"),  // ESC would colour or move the reader's terminal
        ("line\nforged: yes", "line\\u{a}forged: yes"),  // a newline would forge a report line
        ("c1\u{9b}x", "c1\\u{9b}x"),  // the C1 CSI works like ESC [ on some terminals
    ])
    func escapesControlCharacters(_ raw: String, _ shown: String) {
        #expect(SecretRedaction.excerpt(raw) == shown)
    }

    @Test func cutsLongTextAndSaysSo() {
        #expect(SecretRedaction.excerpt(String(repeating: "a", count: 500), limit: 10) == "aaaaaaaaaa…")
    }
}
