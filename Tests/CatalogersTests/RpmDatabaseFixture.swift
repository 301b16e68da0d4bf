import Foundation
import TestSupport

/// Real rpm databases for tests: Debian's rpm 4.18 builds packages from spec files with `rpmbuild` and records
/// them with `rpm --justdb`, which writes an SQLite `rpmdb.sqlite`.
enum RpmDatabaseFixture {
    /// Builds `specs` under `work` and records them in a new database; returns the database's directory.
    static func build(_ specs: [String], in work: String) throws -> String {
        let database = work + "/db"
        try Shell.run(["rpm", "--dbpath", database, "--initdb"])
        for (number, spec) in specs.enumerated() {
            let specPath = work + "/\(number).spec"
            try Data(spec.utf8).write(to: URL(fileURLWithPath: specPath))
            try Shell.run(["rpmbuild", "--define", "_topdir " + work + "/top", "-bb", specPath])
        }
        let rpms = try FileManager.default.subpathsOfDirectory(atPath: work + "/top/RPMS")
            .filter { $0.hasSuffix(".rpm") }.map { work + "/top/RPMS/" + $0 }
        try Shell.run(["rpm", "--dbpath", database, "-i", "--nodeps", "--justdb"] + rpms)
        return database
    }
}
