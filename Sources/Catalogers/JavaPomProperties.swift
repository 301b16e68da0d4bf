/// A `META-INF/maven/<groupId>/<artifactId>/pom.properties` file, which Maven writes into every jar it builds.
///
/// A Java properties file: `key=value` or `key: value` lines, `#` and `!` comments. Escapes and continued lines
/// are not decoded; Maven writes neither for these three keys.
struct JavaPomProperties: Equatable {
    /// `groupId`, e.g. `org.apache.commons`.
    var groupID: String?
    /// `artifactId`, e.g. `commons-lang3`.
    var artifactID: String?
    /// `version`, e.g. `3.12.0`.
    var version: String?

    /// Parses the properties text in `bytes`; unknown keys and malformed lines are ignored.
    init(parsing bytes: [UInt8]) {
        for line in String(decoding: bytes, as: UTF8.self).split(whereSeparator: { $0.isNewline }) {
            let line = line.drop { $0 == " " || $0 == "\t" }
            guard let first = line.first, first != "#", first != "!",
                  let separator = line.firstIndex(where: { $0 == "=" || $0 == ":" })
            else { continue }
            let key = line[..<separator].trimmingSpaces()
            let value = line[line.index(after: separator)...].trimmingSpaces()
            guard !value.isEmpty else { continue }
            switch key {
            case "groupId": groupID = value
            case "artifactId": artifactID = value
            case "version": version = value
            default: continue
            }
        }
    }
}
