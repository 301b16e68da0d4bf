import SBOM

/// Maven packages made from what a Java archive records about itself.
enum JavaPackage {
    /// The package a `pom.properties` names, with group and artifact from its path when the file leaves them out;
    /// none when it names no version.
    static func maven(_ properties: JavaPomProperties, path: String, at location: String) -> [Package] {
        let parts = path.split(separator: "/")
        let group = properties.groupID ?? String(parts[2])
        let artifact = properties.artifactID ?? String(parts[3])
        guard let version = properties.version else { return [] }
        return [package(group: group, artifact: artifact, version: version, at: location)]
    }

    /// The package a jar without `pom.properties` describes in its manifest and file name; none when neither
    /// gives a name.
    ///
    /// syft guesses a groupId here from manifest fields (`Bundle-SymbolicName`, `Implementation-Vendor-Id`,
    /// `Automatic-Module-Name`, even the package of `Main-Class`) and from known-artifact tables. A wrong group
    /// makes a purl that matches another project's advisories, while a missing one only misses matches, so no
    /// group is guessed: the purl has none, and the name is the artifact alone.
    static func fromManifest(_ manifest: JavaManifest, at location: String) -> [Package] {
        let file = fileNameParts(location)
        guard let artifact = file.name ?? manifest["Bundle-SymbolicName"] ?? manifest["Implementation-Title"] else {
            return []
        }
        // The implementation is the build; the specification version is the API it implements, often shorter.
        let version = manifest["Implementation-Version"] ?? manifest["Bundle-Version"] ?? file.version
            ?? manifest["Specification-Version"] ?? ""
        return [package(group: nil, artifact: artifact, version: version, at: location)]
    }

    /// `commons-lang3-3.12.0.jar` → (`commons-lang3`, `3.12.0`): the version starts at the first `-` before a
    /// digit. The last archive of a nested location is the one named.
    static func fileNameParts(_ location: String) -> (name: String?, version: String?) {
        let file = location.split(separator: "/").last.map(String.init) ?? location
        let stem = file.lastIndex(of: ".").map { String(file[..<$0]) } ?? file
        var index = stem.startIndex
        while let dash = stem[index...].firstIndex(of: "-") {
            let next = stem.index(after: dash)
            if next < stem.endIndex, stem[next].isASCII, stem[next].isNumber {
                return (dash == stem.startIndex ? nil : String(stem[..<dash]), String(stem[next...]))
            }
            index = next
        }
        return (stem.isEmpty ? nil : stem, nil)
    }

    /// A Maven package named `groupId:artifactId` as OSV names Maven packages, or the artifact alone.
    private static func package(group: String?, artifact: String, version: String, at location: String) -> Package {
        let purl = PackageURL(type: "maven", namespace: group, name: artifact, version: version)
        return Package(name: group.map { "\($0):\(artifact)" } ?? artifact, version: version, type: .maven,
                       purl: purl.description, locations: [location])
    }
}
