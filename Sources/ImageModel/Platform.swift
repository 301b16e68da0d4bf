/// The platform an image runs on: operating system, architecture and optional variant.
public struct Platform: Codable, Hashable, Sendable, CustomStringConvertible {
    /// The operating system, e.g. `linux`.
    public var os: String
    /// The CPU architecture in Go's naming, e.g. `amd64`, `arm64`.
    public var architecture: String
    /// The architecture variant, e.g. `v7` for arm.
    public var variant: String?
    /// The OS version, used by Windows images.
    public var osVersion: String?

    enum CodingKeys: String, CodingKey {
        case os
        case architecture
        case variant
        case osVersion = "os.version"
    }

    /// Creates a platform.
    public init(os: String, architecture: String, variant: String? = nil, osVersion: String? = nil) {
        self.os = os
        self.architecture = architecture
        self.variant = variant?.isEmpty == true ? nil : variant
        self.osVersion = osVersion
    }

    /// Parses `os/arch[/variant]` as `--platform` takes it.
    /// - Throws: `ModelError.invalidPlatform` for anything else.
    public init(parsing text: String) throws {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard (2...3).contains(parts.count), parts.allSatisfy({ !$0.isEmpty }) else {
            throw ModelError.invalidPlatform(text, reason: "expected os/arch or os/arch/variant")
        }
        self.init(os: parts[0].lowercased(), architecture: parts[1].lowercased(),
                  variant: parts.count == 3 ? parts[2].lowercased() : nil)
    }

    /// The platform of the machine Safeguard runs on, in Go's architecture names.
    public static var host: Platform {
        #if arch(x86_64)
        Platform(os: "linux", architecture: "amd64")
        #elseif arch(arm64)
        Platform(os: "linux", architecture: "arm64", variant: "v8")
        #elseif arch(arm)
        Platform(os: "linux", architecture: "arm", variant: "v7")
        #else
        Platform(os: "linux", architecture: "unknown")
        #endif
    }

    /// The variant an architecture has when none is written (containerd's normalisation).
    private var normalizedVariant: String? {
        switch (architecture, variant) {
        case ("arm64", nil): "v8"
        case ("arm", nil): "v7"
        default: variant
        }
    }

    /// Whether an image of platform `candidate` satisfies a request for this platform.
    /// A request without a variant accepts any variant of its architecture.
    public func accepts(_ candidate: Platform) -> Bool {
        guard os == candidate.os, architecture == candidate.architecture else { return false }
        return variant == nil || normalizedVariant == candidate.normalizedVariant
    }

    /// `os/arch[/variant]`.
    public var description: String {
        [os, architecture, variant].compactMap { $0 }.joined(separator: "/")
    }
}
