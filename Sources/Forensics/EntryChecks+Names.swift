import Findings
import LayerPass
import Tar

/// Names and link targets judged as the least careful extractor would apply them: joined to its root as written.
///
/// Builders never write an absolute name, a `..` component or a link that climbs out, so none of these occur
/// in real images; each is a finding, and its severity says how many extractors it fools. Escaping even after
/// leading slashes are stripped (what GNU tar and Go-based runtimes do) fools the most and is critical.
extension EntryChecks {
    mutating func checkName(_ entry: TarEntry, path: String) {
        let lexical = LexicalPath(entry.name)
        if entry.nameBytes.isEmpty {
            add("SG-ESCAPE-008", ForensicCategory.escape, .medium,
                "Layer \(layer.index) has an entry with an empty name",
                "An empty name means the extraction root to some extractors and an error to others.",
                evidence(entry, path: path))
        } else if path.isEmpty, !lexical.climbsAboveRoot {
            // `tar -C root -c .` writes `./` first, so rootfs builders such as mmdebstrap do: only a root entry that
            // is no plain directory or opens the root to other users is more than information.
            let isPlain = entry.type == .directory && entry.mode & 0o022 == 0
            add("SG-ESCAPE-008", ForensicCategory.escape, isPlain ? .info : .medium,
                "Layer \(layer.index) entry \(entry.name) names the extraction root itself",
                "Applying it sets the type, mode and owner of the directory the image is extracted into, on the host "
                    + "(mode \(String(entry.mode & 0o7777, radix: 8))).",
                evidence(entry, path: path, resolved: ""))
        }
        if let risk = JoinedPathRisk(lexical) {
            let (rule, title, detail) = switch risk {
            case .climbs:
                ("SG-ESCAPE-001", "is written outside the root",
                 "Its `..` components climb above the root even after leading slashes are stripped, so an extractor "
                    + "that joins names to its root writes to \(lexical.resolved) on the host.")
            case .absolute:
                ("SG-ESCAPE-002", "has an absolute name",
                 "Extractors that keep the leading slash (Python's tarfile without a filter, hand-written ones) write "
                    + "it to the host's \(entry.name) instead of inside the root.")
            case .parentComponent:
                ("SG-ESCAPE-003", "has a `..` component",
                 "Lexically it stays inside the root, but where it lands depends on what the path's directories are "
                    + "when extracted: through a symlink, `..` leaves the root.")
            }
            add(rule, ForensicCategory.escape, risk.severity, "Layer \(layer.index) entry \(entry.name) \(title)",
                detail, evidence(entry, path: path, resolved: lexical.resolved))
        }
        checkWhiteoutName(entry, path: path)
        checkHeaderName(entry, path: path, extended: lexical)
    }

    /// `.wh.`, `.wh..` and `.wh...` hide the empty name, the directory holding them, or its parent.
    private mutating func checkWhiteoutName(_ entry: TarEntry, path: String) {
        let last = LexicalPath.lastComponent(of: path)
        guard last.hasPrefix(".wh.") else { return }
        let hidden = last.dropFirst(4)
        guard hidden.isEmpty || hidden == "." || hidden == ".." else { return }
        let deletesAboveRoot = hidden == ".." && last.count == path.count
        add("SG-ESCAPE-009", ForensicCategory.escape, deletesAboveRoot ? .critical : .high,
            "Layer \(layer.index) entry \(entry.name) whites out \(hidden.isEmpty ? "an empty name" : String(hidden))",
            "A whiteout of `.`, `..` or nothing makes a naive extractor delete the directory holding it"
                + (deletesAboveRoot ? " or, here, the directory above the root on the host." : " or its parent."),
            evidence(entry, path: path))
    }

    /// A tool that ignores PAX and GNU extended names uses the header block's own name.
    private mutating func checkHeaderName(_ entry: TarEntry, path: String, extended: LexicalPath) {
        guard entry.headerNameBytes != entry.nameBytes, !entry.headerNameBytes.isEmpty else { return }
        let header = LexicalPath(entry.headerName)
        guard header.climbsAboveRoot || header.isAbsolute, !extended.climbsAboveRoot, !extended.isAbsolute else {
            return
        }
        add("SG-ESCAPE-010", ForensicCategory.escape, header.climbsAboveRoot ? .critical : .high,
            "Layer \(layer.index) entry \(entry.name) has a header name that escapes: \(entry.headerName)",
            "The extended header's name stays inside the root, but tools that ignore extended headers use the "
                + "header block's own name, which lands at \(header.resolved).",
            evidence(entry, path: path, resolved: header.resolved, facts: ["headerName": entry.headerName]))
    }

    mutating func checkLink(_ entry: TarEntry, path: String) {
        switch entry.type {
        case .hardLink where !entry.linkNameBytes.isEmpty:
            // link(2) takes the target joined to the root as written, like a name.
            let target = LexicalPath(entry.linkName)
            guard let risk = JoinedPathRisk(target) else { return }
            let (rule, title, detail) = switch risk {
            case .climbs:
                ("SG-ESCAPE-004", "points outside the root",
                 "Its target climbs above the root even after leading slashes are stripped: extracting it links "
                    + "a host file (\(target.resolved)) into the container, where writes reach the host's file.")
            case .absolute:
                ("SG-ESCAPE-005", "has an absolute target",
                 "Extractors that keep the leading slash link the host's \(entry.linkName) into the container.")
            case .parentComponent:
                ("SG-ESCAPE-006", "has a `..` component in its target",
                 "Where the target resolves depends on the directories on the way; through a symlink it leaves "
                    + "the root.")
            }
            add(rule, ForensicCategory.escape, risk.severity, "Layer \(layer.index) hardlink \(entry.name) \(title)",
                detail, evidence(entry, path: path, resolved: target.resolved))
        case .symbolicLink:
            // An absolute target alone is normal (etc/localtime -> /usr/share/zoneinfo/UTC): inside a container it
            // resolves against the container's root. Climbing above the root with `..` never is.
            guard LexicalPath.mayLeave(entry.linkName) else { return }
            let base = LexicalPath.parentComponents(of: LexicalPath(entry.name).resolved)
            let target = LexicalPath(entry.linkName, base: base)
            guard target.climbsAboveRoot else { return }
            add("SG-ESCAPE-007", ForensicCategory.escape, .high,
                "Layer \(layer.index) symlink \(entry.name) -> \(entry.linkName) climbs above the root",
                "Followed from where it sits, its target goes above the root (\(target.resolved)); anything written, "
                    + "linked or read through it on the host leaves the container's filesystem.",
                evidence(entry, path: path, resolved: target.resolved))
        default:
            return
        }
    }

    /// Control characters forge report and terminal lines and make tools that stop at them read other names.
    mutating func checkText(_ entry: TarEntry, path: String) {
        func hasControl(_ bytes: [UInt8]) -> Bool { bytes.contains { $0 < 0x20 || $0 == 0x7f } }
        if hasControl(entry.nameBytes) || hasControl(entry.linkNameBytes) {
            add("SG-TAR-010", ForensicCategory.malformed, .medium,
                "Layer \(layer.index) entry \(entry.name) has control characters in its name or link target",
                "Builders never write them; they hide names from people reading listings and from tools that stop "
                    + "at them.",
                evidence(entry, path: path))
        }
        let longest = max(entry.nameBytes.count, entry.linkNameBytes.count)
        if longest > limits.maxNameBytes {
            add("SG-TAR-011", ForensicCategory.malformed, .medium,
                "Layer \(layer.index) entry has a name or link target of \(longest) bytes",
                "Longer than the bound of \(limits.maxNameBytes) bytes (--max-name-length) and than any path the "
                    + "kernel accepts: tools truncate such names differently.",
                evidence(entry, path: path, facts: ["bytes": "\(longest)"]))
        }
    }

    /// Extended headers that give an entry two names: parsers differ on which one wins.
    mutating func checkExtendedHeaders(_ entry: TarEntry, path: String) {
        guard !entry.paxRecords.isEmpty || !entry.prefixBytes.isEmpty || !entry.metaHeaderTypes.isEmpty else { return }
        // `ustar\0` magic with a version other than `00` is neither POSIX ustar nor GNU: Go and GNU tar still join
        // the prefix field to the name, libarchive reads the header as V7 and ignores it.
        if entry.headerFormat == .ustar || entry.headerFormat == .star, !entry.prefixBytes.isEmpty,
           entry.headerVersion != Array("00".utf8) {
            add("SG-TAR-015", ForensicCategory.malformed, .high,
                "Layer \(layer.index) entry \(entry.name) has a ustar prefix under a non-ustar version field",
                "Its header mixes ustar and GNU fields, so readers disagree whether the prefix is part of the name: "
                    + "some see \(entry.name), others only \(entry.headerNameField).",
                evidence(entry, path: path))
        }
        for key in ["path", "linkpath"] {
            let values = Set(entry.paxRecords.filter { $0.key == key }.map(\.value))
            if values.count > 1 {
                add("SG-TAR-013", ForensicCategory.malformed, .high,
                    "Layer \(layer.index) entry \(entry.name) has \(values.count) different PAX \(key) records",
                    "Go's archive/tar keeps the last record, other readers the first: tools disagree on the name.",
                    evidence(entry, path: path))
            }
        }
        let paxPath = entry.paxRecords.last { $0.key == "path" }?.value ?? []
        if entry.metaHeaderTypes.contains(UInt8(ascii: "L")), !paxPath.isEmpty, paxPath != entry.nameBytes {
            add("SG-TAR-013", ForensicCategory.malformed, .high,
                "Layer \(layer.index) entry \(entry.name) has both a GNU long name and a different PAX path",
                "Readers differ on which extended name wins; tools disagree on where the entry goes.",
                evidence(entry, path: path))
        }
    }
}

/// How far a name or hardlink target joined to the root as written can get, by how many extractors it fools.
enum JoinedPathRisk {
    /// `..` climbs above the root even after leading slashes are stripped: fools every extractor that does not
    /// check for `..` itself.
    case climbs
    /// Absolute: fools extractors that keep the leading slash.
    case absolute
    /// A `..` that stays inside lexically: escapes only through a symlink on the way.
    case parentComponent

    init?(_ path: LexicalPath) {
        if path.climbsAboveRoot {
            self = .climbs
        } else if path.isAbsolute {
            self = .absolute
        } else if path.hasParentComponent {
            self = .parentComponent
        } else {
            return nil
        }
    }

    var severity: Severity {
        switch self {
        case .climbs: .critical
        case .absolute: .high
        case .parentComponent: .medium
        }
    }
}
