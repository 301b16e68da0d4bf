import Foundation
import ImageModel
import ImageSources
import Scanner

/// A one-line progress display on stderr while layers stream: only on a terminal, and not with `--quiet`.
final class ProgressDisplay: @unchecked Sendable {
    private let logger: Logger
    private let lock = NSLock()
    private var total: Int64 = 0
    private var done: Int64 = 0
    private var layers = 0
    private var lastDraw = Date.distantPast
    // Redrawing more often than this only costs time; the eye does not see it.
    private static let interval: TimeInterval = 0.1

    init(logger: Logger) { self.logger = logger }

    func handle(_ event: ImageScan.Event) {
        lock.withLock {
            switch event {
            case .resolved(let image):
                total = image.manifest.layers.reduce(0) { $0 + $1.size }
                layers = image.manifest.layers.count
            case .layerBytes(_, let bytes):
                done += bytes
                guard Date().timeIntervalSince(lastDraw) >= Self.interval else { return }
                lastDraw = Date()
                let percent = total > 0 ? min(100, Int(done * 100 / total)) : 0
                let megabytes = "\(done / 1_000_000) of \(total / 1_000_000) MB"
                logger.raw("\r\u{1B}[2KScanning \(layers) layers: \(percent)% (\(megabytes))")
            }
        }
    }

    /// Clears the progress line.
    func finish() { lock.withLock { if lastDraw != .distantPast { logger.raw("\r\u{1B}[2K") } } }
}
