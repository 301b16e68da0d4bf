import Findings
import Foundation
import HTTP
import ImageModel
import ImageSources
import LayerPass
import Report
import Scanner

/// The options of `scan` and `inspect`, validated.
struct Options {
    enum Format: String {
        case table, json
        case cycloneDXJSON = "cyclonedx-json"
        case spdxJSON = "spdx-json"

        /// The formats each command writes.
        static func allowed(verb: String) -> [Format] {
            verb == "sbom" ? [.table, .json, .cycloneDXJSON, .spdxJSON] : [.table, .json]
        }
    }

    /// The image to read; nil when `scan` was given `sbom:FILE`.
    var location: ImageLocation?
    /// The SBOM `scan sbom:FILE` matches instead of an image.
    var sbomFile: String?
    /// The advisory database named by `--db`; the default location otherwise (where a missing file is a warning).
    var database: String?
    /// OpenVEX documents whose statements suppress matches.
    var vexFiles: [String] = []
    /// The catalog of vetted base images (`scan --catalog`, `catalog add --catalog`).
    var catalog: String?
    /// Whether scan fetches the bases an image names to compare their layers (`scan --fetch-bases`).
    var fetchBases = false
    var platform = Platform.host
    var format = Format.table
    var output: String?
    var failOn: Severity?
    var quiet = false
    var verbose = false
    var concurrency = max(2, ProcessInfo.processInfo.activeProcessorCount)
    var registry = RegistryOptions()
    var limits = LayerLimits()
    /// Who must have signed the image and what its provenance must say (`scan`, `verify`).
    var signing: SignerOptions?
    /// `sign`: the private key, whether to attach the signature as a referrer, and the payload's annotations.
    var signingKey: String?
    var signAsReferrer = false
    var signAnnotations: [String: String] = [:]

    var logLevel: Logger.Level { quiet ? .error : verbose ? .debug : .warning }

    /// How `scan` is told to read an SBOM file instead of an image.
    static let sbomPrefix = "sbom:"

    /// More concurrent layers than this only adds memory; registries throttle parallel pulls anyway.
    static let maxConcurrency = 32

    static func spec(verb: String) -> Arguments.Spec {
        var valued: Set<String> = ["--platform", "--format", "--output", "--creds", "--authfile",
                                   "--insecure-registry", "--timeout", "--concurrency", "--max-layer-size",
                                   "--max-layer-entries", "--max-name-length", "--max-kept-size"]
        var flags: Set<String> = ["--quiet", "--verbose", "--help"]
        if verb == "scan" {
            valued.formUnion(["--fail-on", "--db", "--vex", "--catalog"])
            flags.insert("--fetch-bases")
        }
        if verb == "catalog" { valued.formUnion(["--catalog", "--owner", "--notes", "--repository"]) }
        if verb == "scan" || verb == "verify" {
            valued.formUnion(SignerOptions.signerOptions.union(SignerOptions.provenanceOptions))
        }
        if verb == "sign" {
            valued.formUnion(["--key", "--annotation"])
            flags.insert("--referrer")
        }
        return Arguments.Spec(flags: flags, valued: valued,
                              repeatable: ["--insecure-registry", "--vex", "--annotation"],
                              aliases: ["-q": "--quiet", "-v": "--verbose", "-h": "--help", "-o": "--output",
                                        "-f": "--format", "-a": "--annotation"])
    }

    /// Validates parsed arguments; `--help` is handled by the caller before this.
    init(_ parsed: Arguments, verb: String, environment: [String: String]) throws {
        guard parsed.positional.count == 1 else {
            throw UsageError(parsed.positional.isEmpty ? "missing IMAGE"
                : "expected one IMAGE, got \(parsed.positional.count)")
        }
        let target = parsed.positional[0]
        if verb == "scan", target.hasPrefix(Self.sbomPrefix) {
            sbomFile = String(target.dropFirst(Self.sbomPrefix.count))
            guard sbomFile?.isEmpty == false else { throw UsageError("sbom: needs a FILE, as in sbom:bom.json") }
        } else {
            do {
                location = try ImageLocation(parsing: target)
            } catch {
                throw UsageError("\(error)")
            }
        }
        database = parsed.value("--db")
        vexFiles = parsed.all("--vex")
        catalog = parsed.value("--catalog")
        fetchBases = parsed.has("--fetch-bases")
        quiet = parsed.has("--quiet")
        verbose = parsed.has("--verbose")
        output = parsed.value("--output")
        if let text = parsed.value("--platform") {
            do { platform = try Platform(parsing: text) } catch { throw UsageError("\(error)") }
        }
        if let text = parsed.value("--format") {
            let allowed = Format.allowed(verb: verb)
            guard let format = Format(rawValue: text), allowed.contains(format) else {
                let names = allowed.map(\.rawValue)
                throw UsageError("--format must be \(names.dropLast().joined(separator: ", ")) or \(names.last!), "
                                 + "not '\(text)'")
            }
            self.format = format
        }
        if let text = parsed.value("--fail-on") {
            guard let severity = Severity(name: text) else {
                throw UsageError("--fail-on must be one of critical, high, medium, low, info, not '\(text)'")
            }
            failOn = severity
        }
        if let text = parsed.value("--concurrency") {
            guard let value = Int(text), (1...Self.maxConcurrency).contains(value) else {
                throw UsageError("--concurrency must be a whole number from 1 to \(Self.maxConcurrency)")
            }
            concurrency = value
        }
        try parseLimits(parsed)
        try parseRegistryOptions(parsed, environment: environment)
        if verb == "scan" || verb == "verify" {
            let signing = try SignerOptions(parsed)
            if signing.isRequested || verb == "verify" { self.signing = signing }
        }
        if verb == "sign" { try parseSigning(parsed) }
        if verb == "verify" || verb == "sign" || signing != nil, let location {
            guard case .registry = location else {
                let who = verb == "scan" ? "--key and --certificate-* options need" : verb + " needs"
                throw UsageError("signatures live in a registry beside the image; \(who) a registry IMAGE")
            }
        }
    }

    private mutating func parseSigning(_ parsed: Arguments) throws {
        guard let key = parsed.value("--key") else { throw UsageError("sign needs --key PEM (a PKCS#8 private key)") }
        signingKey = key
        signAsReferrer = parsed.has("--referrer")
        for annotation in parsed.all("--annotation") {
            guard let equals = annotation.firstIndex(of: "="), equals != annotation.startIndex else {
                throw UsageError("--annotation must be KEY=VALUE, not '\(annotation)'")
            }
            signAnnotations[String(annotation[..<equals])] = String(annotation[annotation.index(after: equals)...])
        }
    }

    private mutating func parseLimits(_ parsed: Arguments) throws {
        if let text = parsed.value("--max-layer-size") {
            guard let bytes = Self.byteSize(text), bytes > 0 else {
                throw UsageError("--max-layer-size must be a size such as 512MiB, 8GiB or 1000000, not '\(text)'")
            }
            limits.maxUncompressedBytes = bytes
            limits.maxBlobBytes = bytes
        }
        if let text = parsed.value("--max-layer-entries") {
            guard let value = Int(text), value > 0 else {
                throw UsageError("--max-layer-entries must be a positive whole number, not '\(text)'")
            }
            limits.maxEntries = value
        }
        if let text = parsed.value("--max-kept-size") {
            guard let bytes = Self.byteSize(text), bytes > 0 else {
                throw UsageError("--max-kept-size must be a size such as 256MiB, 2GiB or 1000000, not '\(text)'")
            }
            limits.maxKeptBytes = bytes
        }
        if let text = parsed.value("--max-name-length") {
            guard let value = Int(text), value > 0 else {
                throw UsageError("--max-name-length must be a positive whole number of bytes, not '\(text)'")
            }
            limits.maxNameBytes = value
        }
    }

    /// `1000`, `64KiB`, `512MiB`, `8GiB`, `1TiB` (also `K`, `M`, `G`, `T`, `KB`… read as powers of 1024).
    static func byteSize(_ text: String) -> Int64? {
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        guard let number = Int64(digits) else { return nil }
        let shift: Int64 = switch text.dropFirst(digits.count).uppercased() {
        case "", "B": 0
        case "K", "KB", "KIB": 10
        case "M", "MB", "MIB": 20
        case "G", "GB", "GIB": 30
        case "T", "TB", "TIB": 40
        default: -1
        }
        guard shift >= 0, number <= Int64.max >> shift else { return nil }
        return number << shift
    }

    private mutating func parseRegistryOptions(_ parsed: Arguments, environment: [String: String]) throws {
        if let creds = parsed.value("--creds") {
            guard let credentials = Credentials(colonSeparated: creds) else {
                throw UsageError("--creds must be USER:PASSWORD")
            }
            registry.credentials = credentials
        } else if let user = environment["SAFEGUARD_USERNAME"], let password = environment["SAFEGUARD_PASSWORD"],
                  !user.isEmpty {
            registry.credentials = Credentials(username: user, secret: password)
        }
        registry.credentialStore = parsed.value("--authfile").map { CredentialStore(files: [$0]) }
            ?? CredentialStore(environment: environment)
        registry.insecureRegistries = Set(parsed.all("--insecure-registry"))
        if let text = parsed.value("--timeout") {
            guard let seconds = Double(text), seconds > 0, seconds <= 3600 else {
                throw UsageError("--timeout must be a number of seconds from 0 to 3600")
            }
            registry.http.readTimeout = seconds
            registry.http.connectTimeout = min(registry.http.connectTimeout, seconds)
        }
        registry.http.userAgent = "safeguard/\(ImageScan.version)"
    }
}
