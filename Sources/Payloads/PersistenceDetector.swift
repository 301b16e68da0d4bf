import Foundation
import Findings
import Forensics

/// `payload.persistence`: hooks that make something run again and again (on every program start, on a
/// schedule, at boot, on SSH login, in every shell) added outside packages, judged on the final image.
enum PersistenceDetector {
    /// Lines of a shell start-up file that hook more than settings: fetching, decoding, preloading, running from
    /// temporary directories, backgrounding, or wrapping commands that receive passwords.
    static let profileHooks = [
        "curl ", "wget ", "/dev/tcp/", "nc ", "base64 -d", "base64 --decode", "ld_preload", "/tmp/", "/dev/shm/",
        "/var/tmp/", "nohup ", "python -c", "python3 -c", "perl -e", "crontab ", "alias sudo=", "alias ssh=",
        "alias su=", "chmod +x", "eval \"$(curl", "disown",
    ]

    static func findings(_ unit: ContentUnit, owners: PackageOwnership) -> [Finding] {
        guard unit.isInFinalImage, let path = unit.path, let hook = PayloadPaths.hook(path) else { return [] }
        // Packages own the hooks they install (logrotate's cron job, a service's unit); the integrity check
        // compares those with their package's record. What no package owns was put there by the image's builder.
        guard owners.owner(of: path) == nil else { return [] }
        let active = unit.lines.filter { line in
            let text = line.text.trimmingCharacters(in: .whitespaces)
            return !text.isEmpty && !text.hasPrefix("#")
        }
        guard let first = active.first else { return [] }
        func finding(_ rule: String, _ severity: Severity, _ title: String, _ detail: String,
                     line: ContentLine = first) -> [Finding] {
            [Finding(category: PayloadCategory.persistence, ruleID: rule, severity: severity, title: title,
                     detail: detail, evidence: unit.evidence(line: line, facts: ["hook": hook.rawValue]))]
        }
        switch hook {
        case .preload:
            return finding("SG-PERSIST-001", .critical, "/etc/ld.so.preload loads "
                           + "\(SecretRedaction.excerpt(first.text, limit: 80)) into every program",
                           "The dynamic loader loads each library listed there into every dynamically linked process: "
                               + "the classic rootkit and credential-stealer hook.")
        case .cron:
            return finding("SG-PERSIST-002", .medium, "Cron entry \(unit.place) that no package installed",
                           "A scheduled job added by hand runs again and again if the container runs cron; images "
                               + "rarely need one, and miners use it to come back after being killed.")
        case .systemd:
            guard active.contains(where: { $0.text.lowercased().hasPrefix("exec") }) else { return [] }
            return finding("SG-PERSIST-003", .medium, "systemd unit \(unit.place) that no package installed",
                           "A unit added by hand starts its command at boot or on a timer when the image runs as a "
                               + "system container or is copied to a host.")
        case .authorizedKeys:
            guard let key = active.first(where: isPublicKeyLine) else { return [] }
            return finding("SG-PERSIST-004", .high, "SSH authorized key in \(unit.place)",
                           "Whoever holds the matching private key can log in to any container or host made from "
                               + "this image that runs an SSH server.", line: key)
        case .profile:
            guard let hookLine = active.first(where: { line in
                let text = line.text.lowercased()
                return profileHooks.contains(where: text.contains) || text.hasSuffix("&")
                    && !text.hasSuffix("&&")
            }) else { return [] }
            return finding("SG-PERSIST-005", .high, "Shell start-up hook in \(unit.place)",
                           "A line that fetches, decodes, preloads or starts something from a start-up file no "
                               + "package installed runs in every shell opened in the container.", line: hookLine)
        }
    }

    /// An `authorized_keys` line with a key: options may precede the key type.
    private static func isPublicKeyLine(_ line: ContentLine) -> Bool {
        ["ssh-rsa ", "ssh-ed25519 ", "ssh-dss ", "ecdsa-sha2-", "sk-ssh-ed25519", "sk-ecdsa-sha2-"]
            .contains(where: line.text.contains)
    }
}
