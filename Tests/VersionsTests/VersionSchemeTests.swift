import Testing
import Versions

@Suite struct VersionSchemeTests {
    @Test func errorNamesTheSchemeTheVersionAndTheReason() {
        let error = VersionError(version: "1:x", scheme: .dpkg, reason: "upstream version must start with a digit")
        #expect("\(error)" == "dpkg version \"1:x\": upstream version must start with a digit")
    }
}
