import Foundation
import ImageModel

/// Media types, annotation keys and tag suffixes of the attachment formats Safeguard reads and writes.
public enum AttachmentMediaTypes {
    /// A cosign signature layer: the simple-signing payload that was signed.
    public static let simpleSigning = "application/vnd.dev.cosign.simplesigning.v1+json"
    /// A cosign attestation layer: a DSSE envelope around an in-toto statement.
    public static let dsseEnvelope = "application/vnd.dsse.envelope.v1+json"
    /// A BuildKit attestation layer: a bare in-toto statement.
    public static let inTotoStatement = "application/vnd.in-toto+json"
    /// The Sigstore bundle version cosign 2.x and later attach as a referrer.
    public static let sigstoreBundleV03 = "application/vnd.dev.sigstore.bundle.v0.3+json"
    /// The OCI empty descriptor's media type, the config of artifact manifests.
    public static let empty = "application/vnd.oci.empty.v1+json"
    /// The content of the empty descriptor: `{}`.
    public static let emptyContent: [UInt8] = Array("{}".utf8)
    /// The artifact types cosign gives signatures, attestations and SBOMs it pushes as referrers.
    public static let cosignSignatureArtifact = "application/vnd.dev.cosign.artifact.sig.v1+json"
    /// See `cosignSignatureArtifact`.
    public static let cosignAttestationArtifact = "application/vnd.dev.cosign.artifact.att.v1+json"
    /// See `cosignSignatureArtifact`.
    public static let cosignSBOMArtifact = "application/vnd.dev.cosign.artifact.sbom.v1+json"
    /// The SBOM formats `cosign attach sbom` stores.
    public static let sbomTypes: Set<String> = [
        "text/spdx", "text/spdx+json", "text/spdx+xml", "application/spdx+json",
        "application/vnd.cyclonedx", "application/vnd.cyclonedx+json", "application/vnd.cyclonedx+xml",
        "application/vnd.syft+json",
    ]

    /// Whether `mediaType` is a Sigstore bundle of any version: `application/vnd.dev.sigstore.bundle.v0.3+json`,
    /// or the older `application/vnd.dev.sigstore.bundle+json;version=0.2`.
    public static func isSigstoreBundle(_ mediaType: String) -> Bool {
        let type = mediaType.prefix { $0 != ";" }.trimmingCharacters(in: .whitespaces)
        return type.hasPrefix("application/vnd.dev.sigstore.bundle") && type.hasSuffix("+json")
    }

    /// Annotation keys on cosign signature layers.
    public enum Cosign {
        /// The base64 signature over the layer's payload.
        public static let signature = "dev.cosignproject.cosign/signature"
        /// The PEM signing certificate (keyless signing).
        public static let certificate = "dev.sigstore.cosign/certificate"
        /// The PEM chain of the signing certificate.
        public static let chain = "dev.sigstore.cosign/chain"
        /// The Rekor signed entry timestamp bundle, JSON.
        public static let bundle = "dev.sigstore.cosign/bundle"
        /// An RFC 3161 timestamp bundle, JSON.
        public static let rfc3161Timestamp = "dev.sigstore.cosign/rfc3161timestamp"
        /// The predicate type of an attestation layer.
        public static let predicateType = "predicateType"
    }

    /// Annotation keys BuildKit puts on attestation manifests and their layers.
    public enum BuildKit {
        /// On the index entry: `attestation-manifest`.
        public static let referenceType = "vnd.docker.reference.type"
        /// The value of `referenceType` for attestation manifests.
        public static let attestationManifest = "attestation-manifest"
        /// On the index entry: the digest of the image manifest attested.
        public static let referenceDigest = "vnd.docker.reference.digest"
        /// On each layer: the statement's predicate type.
        public static let predicateType = "in-toto.io/predicate-type"
    }

    /// cosign's tag suffixes: `sha256-<hex>.sig` and so on, in the image's own repository.
    public enum TagSuffix: String, Sendable, CaseIterable {
        /// Signatures: `.sig`.
        case signature = "sig"
        /// Attestations: `.att`.
        case attestation = "att"
        /// SBOMs: `.sbom`.
        case sbom = "sbom"
    }

    /// cosign's tag for attachments of `digest`: `sha256-<hex>.<suffix>`.
    public static func cosignTag(for digest: Digest, _ suffix: TagSuffix) -> String {
        "\(digest.algorithm.rawValue)-\(digest.encoded).\(suffix.rawValue)"
    }
}
