import ImageModel
import Testing

@Suite struct ReferenceTests {
    @Test(arguments: [
        ("nginx", "docker.io/library/nginx:latest"),
        ("nginx:1.25", "docker.io/library/nginx:1.25"),
        ("library/nginx", "docker.io/library/nginx:latest"),
        ("index.docker.io/library/nginx", "docker.io/library/nginx:latest"),
        ("bitnami/redis:7", "docker.io/bitnami/redis:7"),
        ("localhost/app", "localhost/app:latest"),
        ("localhost:5000/team/sub/app:v1", "localhost:5000/team/sub/app:v1"),
        ("ghcr.io/org/app@sha256:" + String(repeating: "a", count: 64),
         "ghcr.io/org/app@sha256:" + String(repeating: "a", count: 64)),
        ("quay.io/a/b:t@sha256:" + String(repeating: "b", count: 64),
         "quay.io/a/b:t@sha256:" + String(repeating: "b", count: 64)),
        ("[::1]:5000/app", "[::1]:5000/app:latest"),
        ("my-registry.example:443/a__b/c-d.e:1.0_rc", "my-registry.example:443/a__b/c-d.e:1.0_rc"),
    ])
    func normalisesAsDockerDoes(_ input: String, _ expected: String) throws {
        #expect(try Reference(parsing: input).description == expected)
    }

    @Test func separatesRegistryRepositoryTagAndDigest() throws {
        let reference = try Reference(parsing: "localhost:5000/team/app:v2")
        #expect(reference.registry == "localhost:5000")
        #expect(reference.repository == "team/app")
        #expect(reference.tag == "v2")
        #expect(reference.digest == nil)
        #expect(try Reference(parsing: "nginx").registryHost == "registry-1.docker.io")
    }

    @Test(arguments: [
        "",  // nothing
        "Nginx",  // uppercase repository
        "nginx:",  // empty tag
        "nginx:-bad",  // tag starting with '-'
        "nginx:" + String(repeating: "a", count: 129),  // tag over 128 characters
        "nginx@sha256:abc",  // digest too short
        "nginx@md5:d41d8cd98f00b204e9800998ecf8427e",  // unsupported algorithm
        "a//b",  // empty path component
        "-a/b",  // component starting with a separator
        "a/b_",  // component ending with a separator
        "a/b---_c",  // mixed separator
        "host:5000/" + String(repeating: "a", count: 300),  // name over 255 characters
    ])
    func rejectsReferencesDockerRejects(_ input: String) {
        #expect(throws: ModelError.self) { try Reference(parsing: input) }
    }
}

@Suite struct PlatformTests {
    @Test func parsesAndMatchesVariants() throws {
        let arm64 = try Platform(parsing: "linux/arm64")
        #expect(arm64.accepts(Platform(os: "linux", architecture: "arm64", variant: "v8")))
        #expect(try Platform(parsing: "linux/arm64/v8").accepts(Platform(os: "linux", architecture: "arm64")))
        let armv7 = Platform(os: "linux", architecture: "arm", variant: "v7")
        #expect(!(try Platform(parsing: "linux/arm/v6")).accepts(armv7))
        #expect(!(try Platform(parsing: "linux/amd64")).accepts(Platform(os: "windows", architecture: "amd64")))
    }

    @Test(arguments: ["linux", "linux/", "/amd64", "linux/amd64/v1/extra"])
    func rejectsMalformedPlatforms(_ input: String) {
        #expect(throws: ModelError.self) { try Platform(parsing: input) }
    }
}
