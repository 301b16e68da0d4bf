import Foundation

/// A `docker-credential-NAME` program, asked for a registry's credentials with `get`.
struct CredentialHelper {
    let name: String

    /// How long a helper may take; a helper waiting on a locked keychain must not hang a CI job.
    static let timeout: TimeInterval = 30
    /// The most output read from a helper; a credential reply is a few hundred bytes.
    static let maxOutput = 64 * 1024

    private struct Reply: Decodable {
        var username: String
        var secret: String

        enum CodingKeys: String, CodingKey {
            case username = "Username", secret = "Secret"
        }
    }

    func get(serverURL: String) throws -> Credentials? {
        // The helper name comes from a config file; refuse anything that could name another program.
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }),
              !name.hasPrefix(".")
        else {
            throw SourceError.credentials(host: serverURL, reason: "invalid credential helper name '\(name)'")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["docker-credential-\(name)", "get"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw SourceError.credentials(host: serverURL, reason: "cannot run docker-credential-\(name): \(error)")
        }
        // A helper that exits without reading its input must not take us down with it.
        try? input.fileHandleForWriting.write(contentsOf: Data(serverURL.utf8))
        try? input.fileHandleForWriting.close()

        // A helper that never answers is stopped after the timeout rather than hanging the scan.
        let watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + Self.timeout, execute: watchdog)
        defer { watchdog.cancel() }
        var data = Data()
        while true {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            data.append(chunk)
            if data.count > Self.maxOutput { process.terminate(); break }
        }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            // The helper says "credentials not found in native keychain" on stdout with a non-zero status.
            if String(decoding: data, as: UTF8.self).contains("not found") { return nil }
            throw SourceError.credentials(host: serverURL,
                                          reason: "docker-credential-\(name) exited with \(process.terminationStatus)")
        }
        guard let reply = try? JSONDecoder().decode(Reply.self, from: data) else {
            throw SourceError.credentials(host: serverURL, reason: "docker-credential-\(name) gave an unreadable reply")
        }
        return Credentials(username: reply.username, secret: reply.secret)
    }
}
