/// The form of a package name under which the database files and finds it, per ecosystem.
///
/// PyPI compares names after PEP 503 normalisation (`PyYAML`, `pyyaml` and `py_yaml` are one project), so both the
/// stored name and the looked-up one are normalised; every other ecosystem compares names exactly.
public enum PackageNames {
    /// The lookup key of `name` in `ecosystem` (the ecosystem's name before any `:release`).
    public static func key(_ name: String, ecosystem: String) -> String {
        guard baseEcosystem(ecosystem) == "PyPI" else { return name }
        var key = ""
        var inSeparatorRun = false
        for character in name.lowercased() {
            if character == "-" || character == "_" || character == "." {
                if !inSeparatorRun { key.append("-") }
                inSeparatorRun = true
            } else {
                key.append(character)
                inSeparatorRun = false
            }
        }
        return key
    }

    /// `Debian:12` → `Debian`; `PyPI` → `PyPI`.
    public static func baseEcosystem(_ ecosystem: String) -> String {
        String(ecosystem.prefix { $0 != ":" })
    }
}
