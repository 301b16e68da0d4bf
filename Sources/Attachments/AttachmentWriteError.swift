/// Why an attachment could not be written.
public enum AttachmentWriteError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The manifest already at the tag cannot be read, so appending to it would lose what it holds.
    case existingManifestUnreadable(artifact: String, reason: String)
    /// The reference names another registry than the writer's client talks to.
    case registryMismatch(reference: String, client: String)

    public var description: String {
        switch self {
        case .existingManifestUnreadable(let artifact, let reason):
            "\(artifact): the manifest already there cannot be read, so it is not replaced: \(reason)"
        case .registryMismatch(let reference, let client):
            "\(reference): not in registry \(client), which this writer pushes to"
        }
    }
}
