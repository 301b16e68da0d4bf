import AdvisoryDatabase
import SBOM
import Versions

/// Where the advisories of one package are filed, and how its versions compare: the OSV ecosystem (with the
/// distribution release for OS packages), the name as that ecosystem spells it, and the version scheme.
struct EcosystemLookup: Equatable {
    /// The ecosystem without release: `Debian`, `PyPI`.
    var base: String
    /// Which stored ecosystems apply: `Debian:12` exactly, or every `Red Hat:enterprise_linux:9::…` stream.
    var exact: Set<String>
    var prefixes: [String]
    /// The name advisories file it under (for Debian, Ubuntu and Alpine the source package).
    var name: String
    /// The version compared with the ranges (for Debian and Ubuntu the source version when it differs).
    var version: String
    /// How `ECOSYSTEM` ranges compare; `SEMVER` ranges always compare by SemVer.
    var scheme: VersionScheme

    /// Whether a stored ecosystem string is one this package's advisories are filed under.
    func applies(to ecosystem: String) -> Bool {
        exact.contains(ecosystem) || prefixes.contains { ecosystem.hasPrefix($0) }
    }

    /// Why a package cannot be looked up, for the report's "not checked" list.
    enum Unsupported: Error, Equatable, CustomStringConvertible {
        case noDistribution(PackageType)
        case unknownDistribution(String)
        case noRelease(String)
        case noVersionRules(String)

        var description: String {
            switch self {
            case .noDistribution(let type): "a \(type.rawValue) package, but the image's distribution is unknown"
            case .unknownDistribution(let id): "no advisory ecosystem is known for the distribution \(id)"
            case .noRelease(let id): "the \(id) release is unknown (no VERSION_ID), so its advisories cannot be chosen"
            case .noVersionRules(let ecosystem): "no version rules for \(ecosystem) are implemented"
            }
        }
    }

    /// The lookup for `package` in an image of `system`.
    static func of(_ package: Package, system: OperatingSystem?) throws(Unsupported) -> EcosystemLookup {
        switch package.type {
        case .deb, .apk, .rpm: return try distribution(package, system: system)
        case .pypi: return language("PyPI", package, .pep440)
        case .npm: return language("npm", package, .semver)
        case .golang:
            var lookup = language("Go", package, .semver)
            lookup.version = goVersion(package.version)
            return lookup
        case .cargo: return language("crates.io", package, .semver)
        case .maven: return language("Maven", package, .maven)
        case .gem: return language("RubyGems", package, .rubygems)
        case .composer: throw .noVersionRules("Packagist")
        }
    }

    /// Go toolchain versions as the Go advisory database writes them: `1.19` is `1.19.0` and `1.21rc2` is
    /// `1.21.0-rc.2` (toolchain releases drop a zero patch and write prereleases without a dot; SemVer does not).
    static func goVersion(_ version: String) -> String {
        var core = version
        var prerelease = ""
        for marker in ["rc", "beta"] {
            if let range = version.range(of: marker), version[range.upperBound...].allSatisfy(\.isNumber),
               range.upperBound < version.endIndex {
                core = String(version[..<range.lowerBound])
                prerelease = "-" + marker + "." + version[range.upperBound...]
            }
        }
        let parts = core.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }) else { return version }
        return core + ".0" + prerelease
    }

    private static func language(_ ecosystem: String, _ package: Package, _ scheme: VersionScheme)
        -> EcosystemLookup
    {
        EcosystemLookup(base: ecosystem, exact: [ecosystem], prefixes: [], name: package.name, version: package.version,
                        scheme: scheme)
    }

    /// OS packages: advisories are per distribution release, and Debian, Ubuntu and Alpine file them under the
    /// source package (`glibc`, not `libc6`), with the source version where it differs from the binary's.
    private static func distribution(_ package: Package, system: OperatingSystem?) throws(Unsupported)
        -> EcosystemLookup
    {
        guard let system else { throw .noDistribution(package.type) }
        guard let release = system.versionID, !release.isEmpty else { throw .noRelease(system.id) }
        let source = package.sourceName ?? package.name
        let sourceVersion = package.sourceVersion ?? package.version
        let major = String(release.prefix { $0 != "." })
        switch (package.type, system.id) {
        case (.deb, "debian"):
            return EcosystemLookup(base: "Debian", exact: ["Debian:\(major)"], prefixes: [], name: source,
                                   version: sourceVersion, scheme: .dpkg)
        case (.deb, "ubuntu"):
            // Ubuntu files advisories under `Ubuntu:22.04` and, for LTS releases, `Ubuntu:22.04:LTS`; the `Pro`
            // streams apply only to subscribed machines.
            return EcosystemLookup(base: "Ubuntu", exact: ["Ubuntu:\(release)"], prefixes: ["Ubuntu:\(release):"],
                                   name: source, version: sourceVersion, scheme: .dpkg)
        case (.apk, "alpine"):
            let minor = release.split(separator: ".").prefix(2).joined(separator: ".")
            return EcosystemLookup(base: "Alpine", exact: ["Alpine:v\(minor)"], prefixes: [], name: source,
                                   version: package.version, scheme: .apk)
        case (.rpm, "almalinux"):
            return rpm("AlmaLinux", exact: "AlmaLinux:\(major)", package)
        case (.rpm, "rocky"):
            return rpm("Rocky Linux", exact: "Rocky Linux:\(major)", package)
        case (.rpm, "rhel"):
            // Red Hat files advisories per product stream: `Red Hat:enterprise_linux:9::appstream`, `…::baseos`.
            return EcosystemLookup(base: "Red Hat", exact: [], prefixes: ["Red Hat:enterprise_linux:\(major)::"],
                                   name: package.name, version: package.version, scheme: .rpm)
        default:
            throw .unknownDistribution(system.id)
        }
    }

    private static func rpm(_ base: String, exact: String, _ package: Package) -> EcosystemLookup {
        EcosystemLookup(base: base, exact: [exact], prefixes: [], name: package.name, version: package.version,
                        scheme: .rpm)
    }
}
