/// Makes identifiers unique within one document by appending a counter to those already taken.
enum UniqueNames {
    /// `base`, or `base` + `separator` + 2, 3… when an earlier element took it; records the one returned.
    static func claim(_ base: String, separator: String, taken: inout Set<String>) -> String {
        var candidate = base
        var counter = 1
        while taken.contains(candidate) {
            counter += 1
            candidate = base + separator + String(counter)
        }
        taken.insert(candidate)
        return candidate
    }
}
