@testable import SBOMFormats
import Testing

@Suite struct LicenseExpressionTests {
    @Test(arguments: [
        ("MIT", "MIT"),
        ("mit", "MIT"),  // identifiers match case-insensitively, and are written in their listed case
        ("Apache-2.0 OR BSD-3-Clause", "Apache-2.0 OR BSD-3-Clause"),
        ("(MIT OR Apache-2.0) AND BSD-2-Clause", "(MIT OR Apache-2.0) AND BSD-2-Clause"),
        ("GPL-2.0-or-later WITH classpath-exception-2.0", "GPL-2.0-or-later WITH Classpath-exception-2.0"),
        ("Apache-2.0+", "Apache-2.0+"),
    ])
    func canonicalisesListedExpressions(text: String, canonical: String) {
        #expect(LicenseExpression(text)?.canonical == canonical)
    }

    @Test(arguments: [
        "Artistic",  // well-formed, but not on the SPDX list
        "GPL-2+",  // Debian's short name
        "GPL-2.0",  // deprecated on the list; the validator's licensing knows it only as an alias
        "MIT WITH Not-An-Exception",
        "LicenseRef-Custom",
    ])
    func leavesUnlistedIdentifiersUncanonical(text: String) {
        #expect(LicenseExpression(text) != nil)
        #expect(LicenseExpression(text)?.canonical == nil)
    }

    @Test(arguments: [
        "",
        "Apache Software License",  // words with no operator between them
        "GPL-2+ or Artistic",  // operators are case-sensitive
        "MIT AND",
        "(MIT",
        "MIT)",
        "MIT WITH",
        "DocumentRef-other:LicenseRef-1",  // would need an external document reference
        "BSD-3-Clause/MIT",
        "MIT; GPL-2.0-only",
        String(repeating: "(", count: 200) + "MIT" + String(repeating: ")", count: 200),  // nesting past the bound
    ])
    func rejectsTextThatIsNotAnExpression(text: String) {
        #expect(LicenseExpression(text) == nil)
    }
}
