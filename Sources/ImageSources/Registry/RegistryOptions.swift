import HTTP

/// How to reach registries: credentials, transport security and timeouts.
public struct RegistryOptions: Sendable {
    /// Credentials given on the command line or in the environment; they apply to the image's own registry.
    public var credentials: Credentials?
    /// Where to look for stored credentials when none were given.
    public var credentialStore: CredentialStore
    /// Registries reached over plain HTTP (loopback hosts always are, as docker treats them).
    public var insecureRegistries: Set<String>
    /// The HTTP client's settings: timeouts, retries, CA bundle.
    public var http: HTTPClient.Configuration

    /// Creates options with stored credentials from the default files.
    public init(credentials: Credentials? = nil, credentialStore: CredentialStore = CredentialStore(),
                insecureRegistries: Set<String> = [], http: HTTPClient.Configuration = HTTPClient.Configuration()) {
        self.credentials = credentials
        self.credentialStore = credentialStore
        self.insecureRegistries = insecureRegistries
        self.http = http
    }
}
