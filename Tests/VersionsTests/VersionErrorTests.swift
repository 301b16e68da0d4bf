import Testing
import Versions

/// Each scheme's refusal names the scheme, the string and what is wrong with it.
struct VersionErrorTests {
    @Test(arguments: [
        (VersionScheme.dpkg, "1.0-", "revision number is empty"),
        (.dpkg, "0:0-0:0", "invalid character ':' in revision number"),
        (.rpm, "", "version string is empty"),
        (.rpm, "1.0 -1", "whitespace or control character at byte 3"),
        (.apk, "1_foo", "not a valid apk version at byte 2"),
        (.pep440, "1.0+", "not a valid PEP 440 version (stopped at character 4)"),
        (.semver, "1.2", "expected MAJOR.MINOR.PATCH, found 2 part(s)"),
        (.semver, "1.2.3-01", "numeric prerelease identifier has a leading zero"),
        (.maven, "", "version string is empty"),
        (.rubygems, "junk", "malformed version number string"),
    ])
    func saysWhatIsWrong(scheme: VersionScheme, text: String, reason: String) {
        #expect(throws: VersionError(version: text, scheme: scheme, reason: reason)) {
            try Version(text, scheme: scheme)
        }
    }
}
