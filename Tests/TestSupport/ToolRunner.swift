import Foundation
import ImageModel

/// Runs a shell command line with `input` on its standard input and returns its standard output.
public func runTool(_ command: String, input: [UInt8] = []) throws -> [UInt8] {
    try Shell.run(["sh", "-c", command], input: input).standardOutput
}

/// Whether `name` is an executable on the PATH.
public func toolExists(_ name: String) -> Bool {
    (try? Shell.run(["sh", "-c", "command -v \(name)"])) != nil
}

/// A stream that hands out at most `step` bytes per read, to exercise every refill path of a consumer.
public struct TrickleStream: ByteStream {
    var inner: MemoryByteStream
    let step: Int

    public init(_ bytes: [UInt8], step: Int) {
        inner = MemoryByteStream(bytes)
        self.step = step
    }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        try inner.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<min(step, buffer.count)]))
    }
}

/// Reads a whole stream through a small, odd-sized buffer so chunk boundaries fall everywhere.
public func readEverything(_ stream: inout some ByteStream, chunk: Int = 3001) throws -> [UInt8] {
    var result: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: chunk)
    while true {
        let count = try buffer.withUnsafeMutableBytes { try stream.read(into: $0) }
        if count == 0 { return result }
        result.append(contentsOf: buffer[0..<count])
    }
}

/// Deterministic, moderately compressible sample bytes.
public func sampleBytes(count: Int, seed: UInt64 = 1) -> [UInt8] {
    var state = seed &* 0x9E37_79B9_7F4A_7C15
    return (0..<count).map { index in
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return index % 7 == 0 ? UInt8(truncatingIfNeeded: state >> 59) : UInt8(ascii: "a") + UInt8(index % 13)
    }
}
