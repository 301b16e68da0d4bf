import Foundation
import ImageModel
import Provenance
import Report
import Scanner

/// `safeguard verify IMAGE`: finds the image's signatures and attestations in its registry and verifies them
/// offline against a key or a keyless identity.
enum VerifyCommand {
    static let help = """
        Usage: safeguard verify [OPTIONS] IMAGE --key PEM
               safeguard verify [OPTIONS] IMAGE --certificate-identity[-regexp] ID
                                                --certificate-oidc-issuer[-regexp] ISSUER

        Finds what is attached to IMAGE in its registry (cosign's sha256-<hex>.sig and .att tags, OCI
        referrers through the API or its fallback tag, Sigstore bundles, BuildKit attestations in the index)
        and verifies it without any network beyond the registry. A cosign signature counts only when it
        verifies and signs IMAGE's manifest or index digest; keyless signatures are checked against the
        certificate's chain, identity and issuer, and their transparency-log entry. Key-signed signatures
        without a log entry (cosign --tlog-upload=false, safeguard sign) are checked by the key alone.
        Every signature and attestation found is listed with who signed it, what it claims, or why it failed.

        Options:
        \(SignerOptions.help)
        \(SignerOptions.provenanceHelp)
          --format table|json                    output format (default: table)
          --platform OS/ARCH[/VARIANT]           platform to pick from a multi-platform image
          --creds USER:PASSWORD, --authfile FILE, --insecure-registry HOST, --timeout SECONDS
                                                 registry access, as for scan
          -q, --quiet                            print nothing; the exit code says it all
          -h, --help                             this help

        Exit codes:
          0  a signature satisfying the options verified (and, with --provenance-*, trusted provenance did)
          1  not verified; the reasons are on stderr
          2  usage error, or the image or its attachments could not be read
        """

    static func run(_ arguments: [String], terminal: Terminal, environment: [String: String]) -> ExitCode {
        Command.runOnImage("verify", arguments, help: help, terminal: terminal,
                           environment: environment) { options, logger in
            guard case .registry(let reference) = options.location, let signing = options.signing else {
                throw UsageError("verify needs a registry IMAGE")
            }
            _ = try signing.requiredSigner()
            guard let policy = try signing.policy() else { throw UsageError("verify needs a signer") }

            let outcome = try ProvenanceStep.evaluate(reference, options: options, policy: policy)
            let pinned = outcome.pinned
            let report = VerifyReport(tool: Tool(name: "safeguard", version: ImageScan.version),
                                      reference: pinned.description, manifestDigest: outcome.image.manifestDigest,
                                      indexDigest: outcome.image.indexDigest, provenance: outcome.report,
                                      requiresProvenance: signing.builder != nil || signing.sourceRepository != nil)
            if !options.quiet {
                let style = TextStyle(colors: options.output == nil && terminal.stdoutColors)
                let text = options.format == .json ? try JSONRenderer.render(report)
                    : TableRenderer(style: style).renderVerify(report)
                try Command.write(text, to: options.output)
            }
            guard report.verified else {
                let requiresProvenance = signing.builder != nil || signing.sourceRepository != nil
                for finding in report.findings where requiresProvenance || finding.category.hasPrefix("signature.") {
                    logger.error("\(finding.title): \(finding.detail)")
                }
                return .findings
            }
            return .success
        }
    }
}
