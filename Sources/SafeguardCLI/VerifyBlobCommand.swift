import Crypto
import Foundation
import Sigstore

/// `safeguard verify-blob FILE --bundle BUNDLE`: verifies a Sigstore bundle over a file, offline.
enum VerifyBlobCommand {
    static let help = """
        Usage: safeguard verify-blob FILE --bundle BUNDLE --key PEM [OPTIONS]
               safeguard verify-blob FILE --bundle BUNDLE --certificate-identity[-regexp] ID
                                          --certificate-oidc-issuer[-regexp] ISSUER [OPTIONS]

        Verifies a Sigstore bundle (v0.1, v0.2 or v0.3; message signature or DSSE/in-toto) over FILE without
        the network: the signature, the signer, the transparency log entries (signed entry timestamp,
        inclusion proof and checkpoint), RFC 3161 timestamps, and the certificate's chain and SCTs at the
        attested times. For an in-toto statement, FILE must be one of its subjects.

        Options:
          --bundle FILE                          the Sigstore bundle (required)
          --key PEM                              verify with this public key instead of a certificate identity
          --certificate-identity ID              the certificate's SAN (URI or email) must equal ID
          --certificate-identity-regexp RE       ... or match RE, as a whole
          --certificate-oidc-issuer URL          the OIDC issuer recorded in the certificate must equal URL
          --certificate-oidc-issuer-regexp RE    ... or match RE, as a whole
          --trusted-root FILE                    trusted_root.json to verify against (default: Sigstore's
                                                 production root, built into safeguard)
          --format text|json                     output format (default: text)
          -q, --quiet                            print nothing on success
          -h, --help                             this help

        Exit codes:
          0  the bundle verified
          1  the bundle did not verify; the reason is on stderr
          2  usage error, or FILE, BUNDLE, the key or the trusted root could not be read
        """

    static func run(_ arguments: [String], terminal: Terminal) -> ExitCode {
        let logger = Logger(level: .warning, colors: terminal.stderrColors)
        let request: Request
        do {
            let parsed = try Arguments(arguments, spec: Arguments.Spec(
                flags: ["--help", "--quiet"],
                valued: SignerOptions.signerOptions.union(["--bundle", "--format"]),
                aliases: ["-h": "--help", "-q": "--quiet", "-f": "--format"]))
            if parsed.has("--help") {
                print(help)
                return .success
            }
            request = try Request(parsed)
        } catch let error as UsageError {
            logger.error("\(error.description)\nRun 'safeguard verify-blob --help' for usage.")
            return .error
        } catch {
            logger.error("\(error)")
            return .error
        }

        let result: VerificationResult
        do {
            result = try SigstoreVerifier.verify(bundle: request.bundle, artifact: .bytes(request.artifact),
                                                 policy: request.policy, trustedRoot: request.trustedRoot)
        } catch {
            logger.error("not verified: \(error)")
            return .findings
        }
        if !request.quiet {
            print(request.json ? json(result, file: request.file) : text(result, file: request.file))
        }
        return .success
    }

    /// Everything read and checked before verification: failures here are input errors, not verdicts.
    private struct Request {
        let file: String
        let artifact: [UInt8]
        let bundle: SigstoreBundle
        let policy: VerificationPolicy
        let trustedRoot: TrustedRoot
        let json: Bool
        let quiet: Bool

        init(_ parsed: Arguments) throws {
            guard parsed.positional.count == 1, let file = parsed.positional.first else {
                throw UsageError("verify-blob needs exactly one FILE")
            }
            guard let bundlePath = parsed.value("--bundle") else { throw UsageError("--bundle is required") }
            let format = parsed.value("--format") ?? "text"
            guard format == "text" || format == "json" else {
                throw UsageError("--format must be text or json, not '\(format)'")
            }
            self.file = file
            json = format == "json"
            quiet = parsed.has("--quiet")
            let signer = try SignerOptions(parsed)
            policy = VerificationPolicy(signer: try signer.requiredSigner())
            do {
                // Mapped, so a large blob is paged in by the hash rather than copied twice.
                artifact = Array(try Data(contentsOf: URL(fileURLWithPath: file), options: .alwaysMapped))
            } catch {
                throw UsageError("cannot read FILE \(file): \(error.localizedDescription)")
            }
            bundle = try SigstoreBundle(contentsOf: bundlePath)
            trustedRoot = try signer.trustedRoot()
        }
    }

    private static func text(_ result: VerificationResult, file: String) -> String {
        var lines = ["Verified OK: \(file) (\(result.source))"]
        if let identity = result.identity {
            lines.append("  signer: \(identity)")
            lines.append("  issuer: \(result.issuer ?? "-")")
        } else {
            lines.append("  signer: the given public key")
        }
        for time in result.integratedTimes { lines.append("  logged at: \(iso(time))") }
        for time in result.timestamps { lines.append("  timestamped at: \(iso(time))") }
        if let predicateType = result.predicateType { lines.append("  predicate type: \(predicateType)") }
        return lines.joined(separator: "\n")
    }

    private static func json(_ result: VerificationResult, file: String) -> String {
        var object: [String: Any] = [
            "verified": true, "file": file, "bundle": result.source,
            "integratedTimes": result.integratedTimes.map(iso), "timestamps": result.timestamps.map(iso),
            "logIndices": result.logIndices,
        ]
        if let identity = result.identity { object["identity"] = identity }
        if let issuer = result.issuer { object["issuer"] = issuer }
        if let predicateType = result.predicateType { object["predicateType"] = predicateType }
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys,
                                                                                    .withoutEscapingSlashes]))
        return data.map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    private static func iso(_ date: Date) -> String { ISO8601DateFormatter().string(from: date) }
}
