import Foundation

/// The bytes analyzers may still keep in one pass over an image, shared by the layers streaming at once.
///
/// Why one budget for the image: every request bounds the size of one file it keeps, but not how many files it
/// keeps, and the pass holds every layer's kept bytes until the analyzers run. A crafted image of a million
/// small files that each contain a detector's marker would otherwise make the pass hold them all.
final class KeptBytesBudget: @unchecked Sendable {
    private var remaining: Int64
    private let lock = NSLock()

    init(_ limit: Int64) { remaining = limit }

    /// Takes `count` bytes from the budget; false, taking nothing, when fewer remain.
    func take(_ count: Int) -> Bool {
        lock.withLock {
            guard Int64(count) <= remaining else { return false }
            remaining -= Int64(count)
            return true
        }
    }

    /// Gives back bytes no longer kept: a later copy of a path in the same layer replaced them.
    func giveBack(_ count: Int) { lock.withLock { remaining += Int64(count) } }
}

/// Files the pass read but did not keep because the image's `KeptBytesBudget` was spent.
public struct UnkeptFiles: Sendable, Equatable {
    /// The first file of the layer not kept.
    public var firstPath: String
    /// How many files of the layer were not kept.
    public var count: Int
    /// The analyzers that asked for them, by name.
    public var analyzers: Set<String>
}
