extension PackageURL {
    /// Parses a purl as the specification's parsing rules say, then normalises it as `init` does.
    ///
    /// Delimiters are found in the UTF-8 bytes, not in `Character`s: a `/` followed by a combining mark is one
    /// `Character`, and splitting on characters would let such a purl parse differently here than elsewhere.
    /// - Throws: `PackageURLError` naming the purl and what was wrong with it.
    public init(parsing text: String) throws(PackageURLError) {
        var rest = Array(text.utf8)[...]

        var subpath: String?
        if let hash = rest.lastIndex(of: UInt8(ascii: "#")) {
            subpath = try Self.decodeSegments(rest[(hash + 1)...], in: text).joined(separator: "/")
            rest = rest[..<hash]
        }

        var qualifiers: [String: String] = [:]
        if let question = rest.lastIndex(of: UInt8(ascii: "?")) {
            qualifiers = try Self.decodeQualifiers(rest[(question + 1)...], in: text)
            rest = rest[..<question]
        }

        guard let colon = rest.firstIndex(of: UInt8(ascii: ":")),
              String(decoding: rest[..<colon], as: UTF8.self).lowercased() == "pkg" else {
            throw .missingScheme(purl: text)
        }
        // Slashes after the scheme are not significant: `pkg:/maven/…` and `pkg://maven/…` are `pkg:maven/…`.
        rest = rest[(colon + 1)...].drop { $0 == UInt8(ascii: "/") }

        guard let slash = rest.firstIndex(of: UInt8(ascii: "/")) else {
            throw .invalidType(purl: text, type: String(decoding: rest, as: UTF8.self))
        }
        let type = String(decoding: rest[..<slash], as: UTF8.self)
        guard Self.isValidType(type) else { throw .invalidType(purl: text, type: type) }
        rest = rest[(slash + 1)...]
        while rest.last == UInt8(ascii: "/") { rest = rest.dropLast() }

        // The version is after the last `@` of the last segment, not of the whole remainder: an npm scope may be
        // written with a bare `@` (`pkg:npm/@babel/core`), and a version's own `/` is written `%2F`.
        var version: String?
        let lastSegment = rest.lastIndex(of: UInt8(ascii: "/")).map { $0 + 1 } ?? rest.startIndex
        if let at = rest[lastSegment...].lastIndex(of: UInt8(ascii: "@")) {
            version = try Self.decode(rest[(at + 1)...], in: text)
            rest = rest[..<at]
        }

        let nameStart = rest.lastIndex(of: UInt8(ascii: "/")).map { $0 + 1 } ?? rest.startIndex
        let name = try Self.decode(rest[nameStart...], in: text)
        guard !name.isEmpty else { throw .missingName(purl: text) }
        let namespace = try Self.decodeSegments(rest[..<nameStart], in: text).joined(separator: "/")

        self.init(type: type, namespace: namespace, name: name, version: version, qualifiers: qualifiers,
                  subpath: subpath)
        try validate()
    }

    /// `/`-separated segments, empty ones dropped, each decoded; a segment that decodes to a `/` is refused.
    private static func decodeSegments(_ bytes: ArraySlice<UInt8>, in text: String) throws(PackageURLError)
        -> [String]
    {
        var segments: [String] = []
        for raw in bytes.split(separator: UInt8(ascii: "/")) {
            let segment = try decode(raw, in: text)
            guard !segment.utf8.contains(UInt8(ascii: "/")) else {
                throw .slashInSegment(purl: text, segment: String(decoding: raw, as: UTF8.self))
            }
            segments.append(segment)
        }
        return segments
    }

    /// `key=value` pairs separated by `&`; keys lowercased, values decoded.
    private static func decodeQualifiers(_ bytes: ArraySlice<UInt8>, in text: String) throws(PackageURLError)
        -> [String: String]
    {
        var qualifiers: [String: String] = [:]
        for pair in bytes.split(separator: UInt8(ascii: "&")) {
            guard let equals = pair.firstIndex(of: UInt8(ascii: "=")) else {
                throw .qualifierWithoutValue(purl: text, qualifier: String(decoding: pair, as: UTF8.self))
            }
            let key = String(decoding: pair[..<equals], as: UTF8.self).lowercased()
            guard isValidQualifierKey(key) else { throw .invalidQualifierKey(purl: text, key: key) }
            // Why: with a repeated key, which value wins depends on the reader; two tools would see two packages.
            guard qualifiers[key] == nil else { throw .duplicateQualifierKey(purl: text, key: key) }
            qualifiers[key] = try decode(pair[(equals + 1)...], in: text)
        }
        return qualifiers
    }

    private static func decode(_ bytes: ArraySlice<UInt8>, in text: String) throws(PackageURLError) -> String {
        guard let decoded = decode(bytes) else {
            throw .invalidPercentEncoding(purl: text, component: String(decoding: bytes, as: UTF8.self))
        }
        return decoded
    }
}
