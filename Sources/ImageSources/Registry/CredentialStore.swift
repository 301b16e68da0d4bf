import Foundation

/// Stored registry credentials, looked up the way skopeo and docker do.
///
/// Files are tried in order: `$REGISTRY_AUTH_FILE`, `$XDG_RUNTIME_DIR/containers/auth.json`,
/// `$DOCKER_CONFIG/config.json` (default `~/.docker/config.json`). In each, `credHelpers[host]` wins, then
/// `auths[host]`, then the `credsStore` helper. Helpers are `docker-credential-NAME` programs on `PATH`.
public struct CredentialStore: Sendable {
    /// The auth files to read, in order.
    public var files: [String]

    /// An auth file larger than this is not a credentials file; refusing it bounds what a stray file costs.
    static let maxFileSize = 1024 * 1024

    /// The default files, from the environment.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        var files: [String] = []
        if let path = environment["REGISTRY_AUTH_FILE"], !path.isEmpty { files.append(path) }
        if let runtime = environment["XDG_RUNTIME_DIR"], !runtime.isEmpty {
            files.append(runtime + "/containers/auth.json")
        }
        let home = environment["HOME"] ?? NSHomeDirectory()
        let dockerConfig = environment["DOCKER_CONFIG"].flatMap { $0.isEmpty ? nil : $0 } ?? home + "/.docker"
        files.append(dockerConfig + "/config.json")
        self.files = files
    }

    /// Creates a store over exactly these files.
    public init(files: [String]) { self.files = files }

    /// The credentials stored for `registry`, or nil when none are.
    /// - Throws: `SourceError.credentials` when a file is malformed or a helper fails.
    public func credentials(for registry: String) throws -> Credentials? {
        for path in files where FileManager.default.fileExists(atPath: path) {
            let file = try AuthFile(path: path, registry: registry)
            if let found = try file.credentials(for: registry) { return found }
        }
        return nil
    }
}

/// One `config.json` or `auth.json` file.
struct AuthFile {
    struct Entry: Decodable {
        var auth: String?
        var identitytoken: String?
    }

    struct Contents: Decodable {
        var auths: [String: Entry]?
        var credHelpers: [String: String]?
        var credsStore: String?
    }

    let path: String
    let contents: Contents

    init(path: String, registry: String) throws {
        let bytes: [UInt8]
        do {
            bytes = try readFile(path, limit: CredentialStore.maxFileSize)
        } catch {
            throw SourceError.credentials(host: registry, reason: "\(error)")
        }
        do {
            contents = try JSONDecoder().decode(Contents.self, from: Data(bytes))
        } catch {
            throw SourceError.credentials(host: registry, reason: "\(path) is not a valid auth file")
        }
        self.path = path
    }

    func credentials(for registry: String) throws -> Credentials? {
        let names = Self.keys(for: registry)
        if let helper = names.lazy.compactMap({ self.contents.credHelpers?[$0] }).first {
            return try CredentialHelper(name: helper).get(serverURL: names.last ?? registry)
        }
        for (key, entry) in contents.auths ?? [:] where names.contains(Self.normalize(key)) {
            if let token = entry.identitytoken, !token.isEmpty {
                return Credentials(username: "<token>", secret: token)
            }
            guard let auth = entry.auth, !auth.isEmpty else { continue }
            guard let decoded = Data(base64Encoded: auth).flatMap({ String(data: $0, encoding: .utf8) }),
                  let credentials = Credentials(colonSeparated: decoded)
            else {
                // Never echo the value: it is a credential even when malformed.
                throw SourceError.credentials(host: registry,
                                              reason: "\(path): auths[\(key)].auth is not base64 of user:password")
            }
            return credentials
        }
        if let store = contents.credsStore, !store.isEmpty {
            return try CredentialHelper(name: store).get(serverURL: names.last ?? registry)
        }
        return nil
    }

    /// The names a registry may be stored under; Docker Hub has several historic ones.
    static func keys(for registry: String) -> [String] {
        registry == "docker.io"
            ? ["docker.io", "registry-1.docker.io", "index.docker.io", "https://index.docker.io/v1/"]
            : [registry]
    }

    /// `https://host/v1/` → `host`, as docker matches legacy keys; Docker Hub's key is kept whole.
    static func normalize(_ key: String) -> String {
        if key == "https://index.docker.io/v1/" { return key }
        var text = Substring(key)
        for scheme in ["https://", "http://"] where text.hasPrefix(scheme) { text = text.dropFirst(scheme.count) }
        return String(text.prefix { $0 != "/" })
    }
}
