/// A Python package version under PEP 440, read as `packaging.version.Version` reads it and ordered by its key.
///
/// Spellings PEP 440 allows are normalised: a leading `v`, case, `-`/`_`/`.` separators, `alpha`/`beta`/`c`/`pre`/
/// `preview` for `a`/`b`/`rc`/`rc`/`rc`, `rev`/`r`/`-N` for `.post`, missing numbers as 0, leading zeros. Order:
/// epoch; release with trailing zeros ignored (`1.0 == 1.0.0`); a dev release of the final before any pre-release;
/// pre-releases before the final; post-releases after; dev releases before what they precede; a local version
/// (`+abc.1`) after the same public version, its parts compared numerically or as text, numbers after text.
struct PEP440Version: SchemeVersion {
    /// The pre-release phase, in order.
    enum Phase: Int, Sendable {
        case alpha, beta, releaseCandidate

        var spelling: String { ["a", "b", "rc"][rawValue] }
    }

    /// A part of a local version label.
    enum LocalPart: Sendable {
        case number(Numeral)
        case text([UInt8])
    }

    let epoch: Numeral
    /// As written (trailing zeros kept, for the normal form).
    let release: [Numeral]
    let pre: (phase: Phase, number: Numeral)?
    let post: Numeral?
    let dev: Numeral?
    let local: [LocalPart]?
    /// `release` without its trailing zeros, which is what ordering uses.
    let significantRelease: ArraySlice<Numeral>

    init(parsing text: String) throws(VersionError) {
        var parser = PEP440Parser(text)
        guard let parts = parser.parse() else {
            throw VersionError(text, .pep440, "not a valid PEP 440 version (stopped at character \(parser.failedAt))")
        }
        epoch = parts.epoch
        release = parts.release
        pre = parts.pre
        post = parts.post
        dev = parts.dev
        local = parts.local
        var end = release.endIndex
        while end > release.startIndex && release[end - 1].isZero { end -= 1 }
        significantRelease = release[..<end]
    }

    /// The normal form, as `str(packaging.version.Version(text))`.
    var normalized: String {
        var result = epoch.isZero ? "" : "\(epoch)!"
        result += release.map(\.description).joined(separator: ".")
        if let pre { result += "\(pre.phase.spelling)\(pre.number)" }
        if let post { result += ".post\(post)" }
        if let dev { result += ".dev\(dev)" }
        if let local {
            result += "+" + local.map { part in
                switch part {
                case .number(let value): return value.description
                case .text(let bytes): return String(decoding: bytes, as: UTF8.self)
                }
            }.joined(separator: ".")
        }
        return result
    }
}
