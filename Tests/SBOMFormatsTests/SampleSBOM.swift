import Foundation
import Testing
import SBOM
import SBOMFormats

/// A hand-built SBOM shaped like a Debian image with extra layers: dpkg packages with dependencies (a cycle,
/// alternatives, `:any`), epochs and `+`/`~` in versions, an apk pair linked by `so:`, PyPI packages with licence
/// expressions, names and licences that no SPDX identifier can hold as written, and one catalog warning.
enum SampleSBOM {
    static let manifestDigest = "sha256:" + String(repeating: "3a7f", count: 16)
    static let indexDigest = "sha256:" + String(repeating: "b0c1", count: 16)
    static let layerDigests = (0..<3).map { "sha256:" + String(repeating: String($0), count: 64) }

    static let subject = SBOMSubject(
        reference: "docker.io/library/debian:12", repository: "docker.io/library/debian", tag: "12",
        manifestDigest: manifestDigest, indexDigest: indexDigest, platform: "linux/amd64",
        layerDigests: layerDigests, toolVersion: "0.4.0",
        created: ISO8601DateFormatter().date(from: "2024-12-03T15:12:10Z")!)

    static let sbom = SoftwareBillOfMaterials(
        operatingSystem: OperatingSystem(id: "debian", versionID: "12", prettyName: "Debian GNU/Linux 12 (bookworm)",
                                         codename: "bookworm", like: []),
        packages: debianPackages + alpinePackages + pythonPackages, warnings: [warning])

    /// A file a cataloger could not read: both formats must say so.
    static let warning = CatalogWarning(cataloger: "python",
                                        path: "usr/lib/python3/dist-packages/x-1.dist-info/METADATA",
                                        message: "not UTF-8 at byte 12", layer: 2)

    static func deb(_ name: String, _ version: String, layer: Int = 0, changed: Int? = nil, source: String? = nil,
                    licenses: [String] = [], dependencies: [String] = [], architecture: String = "amd64") -> Package {
        let purl = PackageURL(type: "deb", namespace: "debian", name: name, version: version,
                              qualifiers: ["arch": architecture, "distro": "debian-12"])
        return Package(name: name, version: version, type: .deb, purl: purl.description, licenses: licenses,
                       locations: ["var/lib/dpkg/status", "var/lib/dpkg/info/\(name).list"], introducedLayer: layer,
                       changedLayer: changed ?? layer, architecture: architecture, sourceName: source,
                       dependencies: dependencies)
    }

    static let debianPackages = [
        deb("bash", "5.2.15-2+b2", licenses: ["GPL-3.0-or-later"],
            dependencies: ["libc6 (>= 2.36), libtinfo6 (>= 6)", "base-files (>= 2.1.12)",
                           "debianutils (>= 5.6-0.1)"]),
        deb("gcc-12-base", "12.2.0-14", source: "gcc-12"),
        deb("libc6", "2.36-9+deb12u4", source: "glibc", licenses: ["LGPL-2.1-or-later", "GPL-2.0-or-later"],
            dependencies: ["libgcc-s1"]),
        deb("libgcc-s1", "12.2.0-14", source: "gcc-12", dependencies: ["gcc-12-base (= 12.2.0-14)", "libc6 (>= 2.35)"]),
        deb("libssl3", "3.0.11-1~deb12u2", layer: 1, source: "openssl", licenses: ["Apache-2.0"],
            dependencies: ["libc6 (>= 2.34)"]),
        deb("libstdc++6", "12.2.0-14", layer: 1, source: "gcc-12",
            dependencies: ["gcc-12-base (= 12.2.0-14)", "libc6 (>= 2.36)", "libgcc-s1 (>= 4.2)"]),
        deb("libtext-charwidth-perl", "0.04-11+b1", layer: 1, licenses: ["Artistic", "GPL-1+"],
            dependencies: ["perlapi-5.36.0"]),
        deb("libtinfo6", "6.4-4", source: "ncurses", dependencies: ["libc6 (>= 2.34)"]),
        deb("login", "1:4.13+dfsg1-1+b1", layer: 1, changed: 2, source: "shadow",
            licenses: ["GPL-2.0-or-later WITH Classpath-exception-2.0"],
            dependencies: ["libaudit1 (>= 1:2.2.1) | libc6:any (>= 2.34)", "libpam-runtime"]),
    ]

    static let alpinePackages = [
        Package(name: "busybox", version: "1.36.1-r15", type: .apk,
                purl: "pkg:apk/alpine/busybox@1.36.1-r15?arch=x86_64&distro=alpine-3.19", licenses: ["GPL-2.0-only"],
                locations: ["lib/apk/db/installed"], introducedLayer: 1, changedLayer: 1, architecture: "x86_64",
                sourceName: "busybox", dependencies: ["so:libc.musl-x86_64.so.1 !busybox-static /bin/true"],
                files: [PackageFile(path: "bin/busybox")]),
        Package(name: "musl", version: "1.2.4_git20230717-r4", type: .apk,
                purl: "pkg:apk/alpine/musl@1.2.4_git20230717-r4?arch=x86_64&distro=alpine-3.19", licenses: ["MIT"],
                locations: ["lib/apk/db/installed"], introducedLayer: 1, changedLayer: 1, architecture: "x86_64",
                files: [PackageFile(path: "lib/ld-musl-x86_64.so.1"), PackageFile(path: "lib/libc.musl-x86_64.so.1")]),
    ]

    static func pypi(_ name: String, _ version: String, licenses: [String], dependencies: [String] = []) -> Package {
        Package(name: name, version: version, type: .pypi,
                purl: PackageURL(type: "pypi", name: name.lowercased(), version: version).description,
                licenses: licenses,
                locations: ["usr/lib/python3/dist-packages/\(name)-\(version).dist-info/METADATA"],
                introducedLayer: 2, changedLayer: 2, dependencies: dependencies)
    }

    static let pythonPackages = [
        pypi("charset_normalizer", "3.3.2", licenses: ["MIT"]),
        pypi("cryptography", "41.0.7", licenses: ["Apache-2.0 OR BSD-3-Clause"]),
        pypi("requests", "2.31.0", licenses: ["Apache Software License"],
             dependencies: ["charset-normalizer<4,>=2", "urllib3 (<3,>=1.21.1)",
                            "PySocks!=1.5.7,>=1.5.6; extra == \"socks\""]),
        pypi("urllib3", "2.0.7", licenses: ["mit"]),
    ]
}

/// A rendered document parsed back, with small accessors for assertions.
struct JSONDocument {
    let root: [String: Any]

    init(_ text: String) throws {
        root = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// The array at `key` of `object`, as objects.
    static func objects(_ object: [String: Any], _ key: String) -> [[String: Any]] {
        object[key] as? [[String: Any]] ?? []
    }

    /// Re-serialises a changed document.
    static func text(_ object: [String: Any]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
    }
}
