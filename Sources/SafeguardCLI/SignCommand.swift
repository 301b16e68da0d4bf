import Attachments
import Crypto
import Foundation
import ImageModel
import ImageSources
import Sigstore

/// `safeguard sign IMAGE --key KEY`: signs an image as cosign does with a key and pushes the signature beside it.
enum SignCommand {
    static let help = """
        Usage: safeguard sign [OPTIONS] IMAGE --key PEM

        Signs the digest IMAGE names (the index for a multi-platform image, as cosign does) with a PKCS#8 PEM
        private key (ECDSA, RSA or Ed25519): the payload is cosign's simple-signing JSON, and the signature is
        pushed to the image's repository under cosign's tag, sha256-<hex>.sig, after any signatures already
        there, so that cosign and safeguard both verify it with the public key. No transparency log is written
        (cosign's --tlog-upload=false): verifiers check the key alone.

        Options:
          --key PEM                  the private key, PKCS#8 PEM ('openssl genpkey' writes it); cosign's
                                     encrypted key files are not read
          --referrer                 attach the signature as an OCI referrer (artifact type
                                     application/vnd.dev.cosign.artifact.sig.v1+json) instead of the .sig tag
          -a, --annotation KEY=VALUE put KEY=VALUE in the payload's `optional` section; repeatable
          --creds USER:PASSWORD, --authfile FILE, --insecure-registry HOST, --timeout SECONDS
                                     registry access, as for scan
          -q, --quiet                print nothing
          -h, --help                 this help

        Exit codes:
          0  the signature was pushed
          2  usage error, the key could not be read, or the registry refused
        """

    static func run(_ arguments: [String], terminal: Terminal, environment: [String: String]) -> ExitCode {
        Command.runOnImage("sign", arguments, help: help, terminal: terminal,
                           environment: environment) { options, logger in
            guard case .registry(let reference) = options.location, let keyPath = options.signingKey else {
                throw UsageError("sign needs a registry IMAGE and --key")
            }
            let key = try privateKey(keyPath)

            let source = try RegistrySource(reference: reference, options: options.registry)
            let root = try source.fetchRootManifest()
            let payload = CosignPayload.make(reference: reference, digest: root.digest,
                                             optional: options.signAnnotations.isEmpty ? nil : options.signAnnotations)
            let signature = Data(try key.sign(payload)).base64EncodedString()

            let writer = AttachmentWriter(client: source.client)
            let pinned = reference.pinned(to: root.digest)
            let place: String
            if options.signAsReferrer {
                let layer = ReferrerArtifact.Layer(bytes: payload, mediaType: AttachmentMediaTypes.simpleSigning,
                                                   annotations: [AttachmentMediaTypes.Cosign.signature: signature])
                let artifact = ReferrerArtifact(artifactType: AttachmentMediaTypes.cosignSignatureArtifact,
                                                layers: [layer])
                let subject = Descriptor(mediaType: root.mediaType ?? MediaType.ociManifest, digest: root.digest,
                                         size: Int64(root.bytes.count))
                let attached = try writer.attach(referrer: artifact, to: subject, in: pinned)
                place = "referrer \(attached.manifest.digest)"
            } else {
                try writer.pushCosignSignature(for: pinned, digest: root.digest, payload: payload,
                                               signature: CosignSignatureAnnotations(signature: signature))
                place = AttachmentMediaTypes.cosignTag(for: root.digest, .signature)
            }
            if !options.quiet { print("Signed \(pinned): pushed \(place)") }
            return .success
        }
    }

    private static func privateKey(_ path: String) throws -> PrivateKey {
        let pem: String
        do {
            pem = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw UsageError("cannot read --key \(path): \(error.localizedDescription)")
        }
        return try PrivateKey(pem: pem, source: path)
    }
}
