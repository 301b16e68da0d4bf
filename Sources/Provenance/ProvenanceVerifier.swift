import Attachments
import Crypto
import Foundation
import ImageModel
import Sigstore

/// Verifies what discovery found attached to an image against a `ProvenancePolicy`, offline: signatures by cosign's
/// tag scheme or as referrers, Sigstore bundles, cosign attestations and BuildKit's in-index attestations.
///
/// A signature counts for the image only when it verifies and the digest it signs is the image's manifest or the
/// index the reference named: a valid signature copied from another image (a "moved" signature) signs another
/// digest and is refused.
public enum ProvenanceVerifier {
    /// Verifies every item of `discovery`.
    public static func evaluate(_ discovery: AttachmentDiscovery, policy: ProvenancePolicy) -> ProvenanceReport {
        var run = Run(discovery: discovery, policy: policy)
        for attachment in discovery.attachments {
            run.read(attachment)
        }
        run.trustBuildKitAttestations()
        return ProvenanceReport(required: describe(policy.signer), signatures: run.signatures,
                                attestations: run.attestations.map(\.record),
                                problems: discovery.problems.map(\.description)
                                    + discovery.attachments.flatMap { $0.problems.map(\.description) })
    }

    /// The policy's signer in words.
    static func describe(_ signer: VerificationPolicy.Signer) -> String {
        switch signer {
        case .publicKey(let key): "a signature by the \(key.kind) key \(fingerprint(key))"
        case .certificate(let identity, let issuer): "a signature by \(identity) from OIDC issuer \(issuer)"
        }
    }

    /// The SHA-256 of the key's DER SubjectPublicKeyInfo, shortened, as a name users can compare.
    static func fingerprint(_ key: PublicKey) -> String {
        "sha256:" + String(hexEncoded(HashAlgorithm.sha256.hash(key.subjectPublicKeyInfo)).prefix(16))
    }

    /// RFC 3339 in UTC, as reports write times.
    static func rfc3339(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}

/// One evaluation: the records so far.
private struct Run {
    let discovery: AttachmentDiscovery
    let policy: ProvenancePolicy
    var signatures: [SignatureRecord] = []
    var attestations: [(record: AttestationRecord, index: Digest?)] = []

    init(discovery: AttachmentDiscovery, policy: ProvenancePolicy) {
        self.discovery = discovery
        self.policy = policy
    }

    /// The digests a signature may sign for this image: its manifest, and the index the reference named.
    var imageDigests: [Digest] { [discovery.manifestDigest] + (discovery.indexDigest.map { [$0] } ?? []) }

    mutating func read(_ attachment: Attachment) {
        for (position, layer) in attachment.layers.enumerated() {
            let source = "\(attachment.artifact) layer \(position)"
            switch layer.material {
            case .simpleSigning:
                signatures.append(cosignSignature(layer, attachment: attachment, source: source))
            case .dsseEnvelope:
                attestations.append((cosignAttestation(layer, attachment: attachment, source: source), nil))
            case .sigstoreBundle:
                readBundle(layer, attachment: attachment, source: source)
            case .inTotoStatement:
                var index: Digest?
                if case .index(let digest) = attachment.origin { index = digest }
                attestations.append((buildKitStatement(layer, attachment: attachment, source: source), index))
            case .sbom:
                continue
            }
        }
    }

    // MARK: Signatures

    private func cosignSignature(_ layer: AttachmentLayer, attachment: Attachment, source: String)
        -> SignatureRecord
    {
        let signature = CosignSignature(mediaType: layer.descriptor.mediaType, payload: layer.bytes,
                                        annotations: layer.descriptor.annotations ?? [:], source: source)
        var record = SignatureRecord(artifact: attachment.artifact, origin: attachment.origin.description,
                                     format: "cosign", verified: false, attestedAt: [])
        let payload: SimpleSigningPayload
        do {
            payload = try SimpleSigningPayload(json: layer.bytes, source: source + " payload")
        } catch {
            record.reason = "\(error)"
            return record
        }
        record.signedDigest = payload.manifestDigest
        record.claimedReference = payload.dockerReference
        do {
            let result: VerificationResult?
            switch policy.signer {
            case .publicKey(let key) where signature.annotations[CosignSignature.bundleAnnotation] == nil:
                // Signed with a key and never logged (cosign's --tlog-upload=false, and `safeguard sign`): only
                // the signature itself can be checked.
                try signature.verify(key: key)
                result = nil
            default:
                result = try signature.verify(policy: policy.verificationPolicy, trustedRoot: policy.trustedRoot,
                                              now: policy.now)
            }
            guard imageDigests.contains(where: { $0.description == payload.manifestDigest }) else {
                record.reason = "it verifies, but signs \(payload.manifestDigest), not this image "
                    + "(\(imageDigests.map(\.description).joined(separator: " or "))): a signature moved here "
                    + "from another image"
                return record
            }
            record.verified = true
            record.signer = result?.identity ?? "key"
            record.issuer = result?.issuer
            record.attestedAt = (result.map { $0.integratedTimes + $0.timestamps } ?? [])
                .map(ProvenanceVerifier.rfc3339)
        } catch {
            record.reason = "\(error)"
        }
        return record
    }

    /// A Sigstore bundle referrer: a message signature over the image digest is a signature; a DSSE bundle is
    /// an attestation.
    private mutating func readBundle(_ layer: AttachmentLayer, attachment: Attachment, source: String) {
        let bundle: SigstoreBundle
        do {
            bundle = try SigstoreBundle(json: layer.bytes, source: source)
        } catch {
            signatures.append(SignatureRecord(artifact: attachment.artifact, origin: attachment.origin.description,
                                              format: "sigstore-bundle", verified: false, attestedAt: [],
                                              reason: "\(error)"))
            return
        }
        let subject = Artifact.digest(algorithm: .sha256, value: Hex.decode(attachment.subject.encoded) ?? [])
        let result: Result<VerificationResult, SigstoreError>
        do {
            result = .success(try SigstoreVerifier.verify(bundle: bundle, artifact: subject,
                                                          policy: policy.verificationPolicy,
                                                          trustedRoot: policy.trustedRoot, now: policy.now))
        } catch {
            result = .failure(error)
        }
        let subjectKnown = imageDigests.contains(attachment.subject)
        if case .dsseEnvelope(let envelope) = bundle.content {
            var record = AttestationRecord(artifact: attachment.artifact, origin: attachment.origin.description,
                                           format: "sigstore-bundle", verified: false, violatesPolicy: false)
            let statement = try? InTotoStatement(json: envelope.payload, source: source + " statement")
            record.predicateType = statement?.predicateType
            switch result {
            case .success(let verified):
                record.signer = verified.identity ?? "key"
                record.verified = subjectKnown
                if !subjectKnown { record.reason = "it is about \(attachment.subject), not this image" }
            case .failure(let error):
                record.reason = "\(error)"
            }
            attestations.append((judge(record, statement: statement, source: source), nil))
            return
        }
        var record = SignatureRecord(artifact: attachment.artifact, origin: attachment.origin.description,
                                     format: "sigstore-bundle", signedDigest: attachment.subject.description,
                                     verified: false, attestedAt: [])
        switch result {
        case .success(let verified) where subjectKnown:
            record.verified = true
            record.signer = verified.identity ?? "key"
            record.issuer = verified.issuer
            record.attestedAt = (verified.integratedTimes + verified.timestamps).map(ProvenanceVerifier.rfc3339)
        case .success:
            record.reason = "it verifies, but signs \(attachment.subject), not this image"
        case .failure(let error):
            record.reason = "\(error)"
        }
        signatures.append(record)
    }

    // MARK: Attestations

    private func cosignAttestation(_ layer: AttachmentLayer, attachment: Attachment, source: String)
        -> AttestationRecord
    {
        let signature = CosignSignature(mediaType: layer.descriptor.mediaType, payload: layer.bytes,
                                        annotations: layer.descriptor.annotations ?? [:], source: source)
        var record = AttestationRecord(artifact: attachment.artifact, origin: attachment.origin.description,
                                       format: "cosign", verified: false, violatesPolicy: false)
        var statement: InTotoStatement?
        do {
            switch policy.signer {
            case .publicKey(let key) where signature.annotations[CosignSignature.bundleAnnotation] == nil:
                statement = try signature.verifyAttestation(key: key)
                record.signer = "key"
            default:
                let subject = Artifact.digest(algorithm: .sha256,
                                              value: Hex.decode(attachment.subject.encoded) ?? [])
                let result = try signature.verifyAttestation(subject: subject, policy: policy.verificationPolicy,
                                                             trustedRoot: policy.trustedRoot, now: policy.now)
                statement = result.statement
                record.signer = result.identity ?? "key"
            }
            record.verified = true
        } catch {
            record.reason = "\(error)"
            statement = (try? DSSEEnvelope(json: layer.bytes, source: source))
                .flatMap { try? InTotoStatement(json: $0.payload, source: source) }
        }
        return judge(record, statement: statement, source: source)
    }

    private func buildKitStatement(_ layer: AttachmentLayer, attachment: Attachment, source: String)
        -> AttestationRecord
    {
        var record = AttestationRecord(artifact: attachment.artifact, origin: attachment.origin.description,
                                       format: "buildkit", verified: false, violatesPolicy: false)
        let statement: InTotoStatement
        do {
            statement = try InTotoStatement(json: layer.bytes, source: source)
        } catch {
            record.reason = "\(error)"
            return record
        }
        record.reason = "unsigned: BuildKit attestations are trusted only through a verified signature on the "
            + "index that lists them"
        return judge(record, statement: statement, source: source)
    }

    /// BuildKit attestations live in the image's index: a verified signature over that index covers them, since
    /// the index pins the attestation manifest, which pins the statement, by digest.
    mutating func trustBuildKitAttestations() {
        let signedIndexes = Set(signatures.filter(\.verified).compactMap(\.signedDigest))
        for position in attestations.indices {
            guard let index = attestations[position].index, signedIndexes.contains(index.description),
                  !attestations[position].record.violatesPolicy, attestations[position].record.format == "buildkit"
            else { continue }
            attestations[position].record.verified = true
            attestations[position].record.signer = "covered by the signature on index \(index)"
            attestations[position].record.reason = nil
        }
    }

    /// The statement's subject and, for SLSA provenance, its claims held against the policy.
    private func judge(_ record: AttestationRecord, statement: InTotoStatement?, source: String)
        -> AttestationRecord
    {
        var record = record
        guard let statement else { return record }
        record.predicateType = statement.predicateType
        let names = imageDigests.contains { digest in
            Hex.decode(digest.encoded).map { statement.hasSubject(sha256: $0) } ?? false
        }
        guard names else {
            record.verified = false
            record.violatesPolicy = true
            let subjects = statement.subjects.compactMap { $0.digest["sha256"] }.map { "sha256:" + $0 }
            record.reason = "its subjects (\(subjects.joined(separator: ", "))) do not include this image's digest"
            return record
        }
        guard let provenance = try? SLSAProvenance(statement: statement, source: source) else { return record }
        record.provenance = ProvenanceClaims(
            predicateType: provenance.version.rawValue, builderID: provenance.builderID,
            buildType: provenance.buildType, sourceRepository: provenance.sourceRepository,
            sourceRef: provenance.sourceRef, sourceCommit: provenance.sourceCommit,
            finishedOn: provenance.finishedOn.map(ProvenanceVerifier.rfc3339), invocationID: provenance.invocationID,
            baseImages: provenance.baseImages)
        if let builder = policy.builder, !builder.matches(provenance.builderID) {
            record.violatesPolicy = true
            record.reason = "built by \(provenance.builderID), not by the required builder \(builder)"
        } else if let required = policy.sourceRepository {
            let repository = provenance.sourceRepository ?? ""
            if !required.matches(repository) {
                record.violatesPolicy = true
                record.reason = "built from \(repository.isEmpty ? "an unnamed source" : repository), not from "
                    + "the required source \(required)"
            }
        }
        return record
    }
}
