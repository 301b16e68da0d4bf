import Tar
import ImageModel

/// The members of an uncompressed tar file (an `oci-archive` or `docker-archive`), located by offset so that
/// each blob can be streamed from its place in the file without extracting anything.
struct ArchiveIndex {
    /// Where a member's data lies in the archive file.
    struct Member {
        let offset: Int64
        let size: Int64
    }

    let path: String
    private let members: [String: Member]

    /// More members than any image archive has; bounds the index against a hostile archive of tiny entries.
    static let maxMembers = 100_000

    /// Reads every header of the archive at `path`.
    /// - Throws: `SourceError.invalidLayout` when the file is not a readable tar.
    init(path: String) throws {
        self.path = path
        var reader = TarReader(try FileStream(path: path))
        var members: [String: Member] = [:]
        do {
            while let entry = try reader.next() {
                guard members.count < Self.maxMembers else {
                    throw SourceError.invalidLayout(path, reason: "more than \(Self.maxMembers) members")
                }
                guard entry.type == .regular else { continue }
                members[TarPath.normalize(entry.name)] = Member(offset: entry.dataOffset, size: entry.size)
            }
        } catch let error as TarError {
            throw SourceError.invalidLayout(path, reason: "not a readable tar archive: \(error)")
        }
        self.members = members
    }

    /// The member at `name`, written with or without a leading `./`.
    func member(_ name: String) -> Member? { members[TarPath.normalize(name)] }

    /// Opens a member's bytes for streaming.
    func open(_ name: String) throws -> FileStream? {
        guard let member = member(name) else { return nil }
        return try FileStream(path: path, offset: member.offset, length: member.size)
    }

    /// Reads a small member whole.
    func read(_ name: String, limit: Int) throws -> [UInt8]? {
        guard var stream = try open(name) else { return nil }
        do {
            return try stream.readAll(limit: limit)
        } catch let error as ByteStreamError {
            throw SourceError.io(path: "\(path): \(name)", reason: error.description)
        }
    }
}
