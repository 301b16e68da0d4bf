/// Bounds on what the payload and secret detectors read and keep, so that a large or hostile image costs a
/// bounded amount of memory and time.
enum PayloadLimits {
    /// Scripts and configuration files larger than this are not read. 1 MiB: shell, Python and JS scripts,
    /// crontabs, unit files and credential files are a few KiB; a larger text file is data, not a script.
    static let maxTextFileSize: Int64 = 1 << 20
    /// Executables up to this size are searched. 256 MiB, as the Go cataloger asks: the pass already reads every
    /// executable of that size for it, so searching them costs a scan of the bytes, not another read.
    static let maxExecutableSize: Int64 = 256 << 20
    /// The most lines kept of one file. A dropper or leaked key needs a few lines; a file that matches on
    /// thousands (a word list) must not make the pass hold it all.
    static let maxKeptLines = 256
    /// The longest piece of a line kept; longer lines (minified JS, one-line JSON) are cut into pieces of this
    /// size, each kept only when it matches, so a 1 MiB line costs at most `maxKeptLines` pieces.
    static let maxLineBytes = 1024
    /// Pieces overlap by this many bytes so that a marker cut by a piece boundary is still found whole.
    static let pieceOverlap = 96
    /// Printable runs of an executable shorter than this are noise (instruction bytes that happen to be ASCII).
    static let minStringRun = 6
    /// How many bytes of a file decide whether it is text: a NUL among them makes it binary, as `grep` decides.
    static let textSniffBytes = 8192
    /// The most lines kept after a private key's header: a 16 kbit RSA key in PEM is about 170 lines.
    static let maxKeyBodyLines = 200
    /// The longest base64 run decoded from history, env or a script line: a dropper script is a few KiB.
    static let maxBase64Run = 64 * 1024
    /// The shortest base64 run worth decoding: shorter runs are hashes and IDs, not scripts.
    static let minBase64Run = 24
    /// How many base64 runs one text is decoded for, and how deep decoded text is decoded again: a payload
    /// wrapped in base64 twice is seen, a crafted history of nested or countless runs is not followed forever.
    static let maxBase64RunsPerText = 16
    static let maxBase64Depth = 2
    /// How many lines apart the gathering and sending of an exfiltration (or the probe and the action of an
    /// environment gate) may be in one file. A dropper does both within a few lines; a large library that reads
    /// the environment in one function and posts requests in another is not one.
    static let maxLinkDistance = 20
    /// How many findings of one rule one layer lists before the rest are counted in one summary finding.
    static let maxFindingsPerRule = 50
    /// How many characters of a line evidence quotes.
    static let maxExcerpt = 200
    /// How many characters of a path evidence and titles show: PATH_MAX, past which a name is the attack itself.
    static let maxShownPath = 4096
}
