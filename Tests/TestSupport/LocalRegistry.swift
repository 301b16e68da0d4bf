import Foundation

/// A real CNCF distribution registry (Debian's `docker-registry`) on a free loopback port, with images pushed
/// by `skopeo`. One is started per test process and stopped when the process exits.
public final class LocalRegistry: Sendable {
    /// `127.0.0.1:PORT`.
    public let host: String
    private let pid: Int32
    private let directory: String

    /// The registry shared by the tests of this process.
    public static let shared: Result<LocalRegistry, any Error> = Result { try LocalRegistry() }

    private init() throws {
        directory = try TestPaths.temporaryDirectory()
        let port = try Self.freePort()
        host = "127.0.0.1:\(port)"
        let config = """
            version: 0.1
            log:
              level: error
            storage:
              filesystem:
                rootdirectory: \(directory)/storage
              delete:
                enabled: true
            http:
              addr: \(host)
            """
        try config.write(toFile: directory + "/config.yml", atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/docker-registry")
        process.arguments = ["serve", directory + "/config.yml"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        pid = process.processIdentifier
        registryProcesses.append(pid, directory: directory)
        try waitUntilReady()
    }

    private func waitUntilReady() throws {
        // Bounded: 100 tries of 50 ms. The registry is up in well under a second.
        for _ in 0..<100 {
            if (try? Shell.run(["skopeo", "list-tags", "--tls-verify=false", "docker://\(host)/probe"], check: false))?
                .stderr.contains("connection refused") == false { return }
            usleep(50_000)
        }
        throw StartError(description: "docker-registry did not start on \(host)")
    }

    /// Copies an image into the registry with skopeo, as `REPO:TAG`; `format` is `oci` or `v2s2`.
    /// - Returns: the pushed reference, `127.0.0.1:PORT/REPO:TAG`.
    @discardableResult
    public func push(_ source: String, as name: String, format: String = "oci", all: Bool = false) throws -> String {
        let destination = "\(host)/\(name)"
        var command = ["skopeo", "copy", "--quiet", "--dest-tls-verify=false", "--format", format]
        if all { command.append("--all") }
        try Shell.run(command + [source, "docker://\(destination)"])
        return destination
    }

    /// Why the registry could not be started.
    public struct StartError: Error, CustomStringConvertible {
        public let description: String
    }

    /// A free loopback port, from binding port 0.
    static func freePort() throws -> Int {
        let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer -> Bool in
                bind(socket, pointer, length) == 0 && getsockname(socket, pointer, &length) == 0
            }
        }
        guard bound else { throw StartError(description: "no free loopback port: \(String(cString: strerror(errno)))") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// Registries started by this process, stopped at exit so no server outlives the tests.
private final class ProcessList: @unchecked Sendable {
    private var entries: [(Int32, String)] = []
    private let lock = NSLock()
    private var registered = false

    func append(_ pid: Int32, directory: String) {
        lock.withLock {
            entries.append((pid, directory))
            if !registered {
                registered = true
                atexit { registryProcesses.stopAll() }
            }
        }
    }

    func stopAll() {
        lock.withLock {
            for (pid, directory) in entries {
                // SIGKILL: a process started from a test thread may inherit a mask that blocks SIGTERM.
                kill(pid, SIGKILL)
                try? FileManager.default.removeItem(atPath: directory)
            }
            entries.removeAll()
        }
    }
}

private let registryProcesses = ProcessList()
