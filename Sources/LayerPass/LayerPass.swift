import Dispatch
import Findings
import Foundation
import ImageModel

/// Runs one streaming pass over every layer of an image, several layers at once, and merges the results.
public struct LayerPass: Sendable {
    /// Opens a layer's blob for streaming.
    public typealias BlobOpener = @Sendable (Descriptor) throws -> any ByteStream
    /// Told how many more compressed bytes of layer `index` have been read.
    public typealias Progress = @Sendable (_ index: Int, _ bytes: Int64) -> Void

    /// How many layers stream at once. Each holds a few hundred KiB of buffers, so memory stays flat;
    /// more than the core count only helps while waiting on the network.
    public var concurrency: Int
    /// What analyzers asked to keep.
    public var requests: [FileRequest]
    /// Which regular files' contents to digest, in every layer.
    public var digests: DigestRequest?
    /// Bounds on each layer.
    public var limits: LayerLimits
    /// Makes the inspector that sees each layer's entries, if any.
    public var inspector: EntryInspectorFactory?

    /// Creates a pass.
    public init(concurrency: Int = max(2, ProcessInfo.processInfo.activeProcessorCount), requests: [FileRequest] = [],
                digests: DigestRequest? = nil, limits: LayerLimits = LayerLimits(),
                inspector: EntryInspectorFactory? = nil) {
        self.concurrency = max(1, concurrency)
        self.requests = requests
        self.digests = digests
        self.limits = limits
        self.inspector = inspector
    }

    /// Streams every layer of `manifest`, checking each against the config's `diffIDs`.
    /// - Returns: one result per layer, in manifest order.
    /// - Throws: `LayerError` for the first layer (by index) that could not be read.
    public func run(layers: [Descriptor], diffIDs: [Digest], open: @escaping BlobOpener,
                    progress: Progress? = nil) throws -> [LayerResult] {
        let outcomes = Outcomes(count: layers.count)
        let next = Counter()
        let budget = KeptBytesBudget(limits.maxKeptBytes)
        let group = DispatchGroup()
        for _ in 0..<min(concurrency, layers.count) {
            // Layers run on their own threads: each is a blocking pull through socket, inflate and tar,
            // which must not occupy Swift's cooperative pool.
            DispatchQueue.global().async(group: group) { [self] in
                while let index = next.take(below: layers.count) {
                    let expected = diffIDs.indices.contains(index) ? diffIDs[index] : nil
                    let outcome = scanLayer(index, layers[index], expected: expected, budget: budget, open: open,
                                            progress: progress)
                    outcomes.set(index, outcome)
                    // One unreadable layer fails the scan; stop handing out more work.
                    if case .failure = outcome { next.stop() }
                }
            }
        }
        group.wait()
        return try outcomes.collect()
    }

    private func scanLayer(_ index: Int, _ descriptor: Descriptor, expected: Digest?, budget: KeptBytesBudget,
                           open: BlobOpener, progress: Progress?) -> Result<LayerResult, any Error> {
        var report: (@Sendable (Int64) -> Void)?
        if let progress { report = { progress(index, $0) } }
        let reference = LayerReference(index: index, digest: descriptor.digest.description)
        let scanner = LayerScanner(index: index, descriptor: descriptor, expectedDiffID: expected, requests: requests,
                                   digests: digests, limits: limits, budget: budget,
                                   inspector: inspector?(reference),
                                   progress: report)
        do {
            return .success(try scanner.scan { try open(descriptor) })
        } catch let error as LayerError {
            return .failure(error)
        } catch {
            return .failure(LayerError.unreadable(layer: index, digest: descriptor.digest, reason: "\(error)"))
        }
    }
}

/// Results of layers as they finish, guarded by a lock (written by worker threads, read after they join).
private final class Outcomes: @unchecked Sendable {
    private var results: [Result<LayerResult, any Error>?]
    private let lock = NSLock()

    init(count: Int) { results = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ outcome: Result<LayerResult, any Error>) { lock.withLock { results[index] = outcome } }

    func collect() throws -> [LayerResult] {
        try lock.withLock {
            // Report the lowest failing layer so the error is the same whatever order threads finished in.
            for case .failure(let error)? in results { throw error }
            // Without a failure no worker stopped early, so every layer has a result.
            return try results.map { try $0!.get() }
        }
    }
}

/// Hands out layer indexes to worker threads.
private final class Counter: @unchecked Sendable {
    private var value = 0
    private var stopped = false
    private let lock = NSLock()

    func take(below limit: Int) -> Int? {
        lock.withLock {
            guard !stopped, value < limit else { return nil }
            defer { value += 1 }
            return value
        }
    }

    func stop() { lock.withLock { stopped = true } }
}
