// swift-tools-version:6.0
// Safeguard: a container image supply-chain scanner.
// Targets follow the data flow in DESIGN.md: image model, HTTP, sources, layer pass, report, command line.
// A lower target never imports a higher one; C libraries from Debian sit behind thin `C…` modules.

import PackageDescription

let package = Package(
    name: "Safeguard",
    products: [
        .executable(name: "safeguard", targets: ["safeguard"]),
        // Only for the fuzzing package in fuzz/, which can depend on products but not on targets.
        // Not an API: nothing outside this repository should build against it.
        .library(name: "SafeguardLayerPass", targets: ["ImageModel", "Tar", "Findings", "LayerPass", "Forensics"]),
    ],
    targets: [
        // C libraries, installed by scripts/setup.sh from Debian.
        .systemLibrary(name: "COpenSSL", pkgConfig: "openssl", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CISAL", pkgConfig: "libisal", providers: [.apt(["libisal-dev"])]),
        .systemLibrary(name: "CZstd", pkgConfig: "libzstd", providers: [.apt(["libzstd-dev"])]),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CYAML", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"])]),

        // Digests, references, descriptors, manifests, indexes, configs, platforms, byte streams.
        .target(name: "ImageModel", dependencies: ["COpenSSL"]),
        // A small blocking HTTP/1.1 client over sockets and OpenSSL, pull-based so blobs stream with back-pressure.
        .target(name: "HTTP", dependencies: ["COpenSSL", "ImageModel"]),
        // A tar reader of our own: exact control over hostile headers, and byte offsets for archives.
        .target(name: "Tar", dependencies: ["ImageModel"]),
        // Where images come from: registries, OCI layouts, oci-archive and docker-archive files.
        .target(name: "ImageSources", dependencies: ["ImageModel", "HTTP", "Tar"]),
        // Signatures, attestations, SBOMs and provenance stored beside an image in its registry: cosign's tags,
        // referrers, BuildKit attestation manifests; found, fetched within bounds, and written for `sign`.
        // A target of its own rather than a folder of ImageSources: sources read one image, this reads what
        // others say about it; verification (crypto) and the scanner build on it, and neither needs the other.
        .target(name: "Attachments", dependencies: ["ImageModel", "ImageSources"]),
        // What a check reports: finding, severity, evidence. The report's vocabulary, used by every analyzer.
        .target(name: "Findings"),
        // The software bill of materials: packages, their files and layers, the distribution; purl.
        .target(name: "SBOM"),
        // One streaming pass per layer: digests, decompression, tar entries, the merged filesystem.
        .target(name: "LayerPass", dependencies: ["ImageModel", "Tar", "Findings", "COpenSSL", "CISAL", "CZstd"]),
        // Crafted archives and manifests: entries that escape the root, malformed headers and documents,
        // privileged files.
        .target(name: "Forensics",
                dependencies: ["ImageModel", "ImageSources", "Tar", "LayerPass", "Findings", "SBOM", "COpenSSL"]),
        // Payloads and leaked secrets: miners, exfiltration, environment-gated and persistence hooks, download-and-run,
        // and credentials in files (deleted ones too), env, labels and history, found in the bytes it asked for.
        .target(name: "Payloads",
                dependencies: ["ImageModel", "ImageSources", "LayerPass", "Findings", "Forensics", "SBOM"]),
        // Keys, signatures, X.509 chains at a given time, SCTs and RFC 3161 timestamps, over OpenSSL.
        .target(name: "Crypto", dependencies: ["COpenSSL", "ImageModel"]),
        // Sigstore bundles, trusted roots and transparency-log proofs; DSSE, in-toto, SLSA; simple signing.
        .target(name: "Sigstore", dependencies: ["Crypto", "ImageModel", "JSONTree"]),
        // Signatures and provenance of an image: what discovery found, verified against the user's policy.
        .target(name: "Provenance", dependencies: ["Attachments", "Sigstore", "Crypto", "ImageModel", "Findings"]),
        // JSON documents walked with their paths, nesting bounded before Foundation's parser sees them.
        .target(name: "JSONTree"),
        // SBOM documents in the standard formats: CycloneDX 1.6 and SPDX 2.3 JSON.
        .target(name: "SBOMFormats", dependencies: ["SBOM", "ImageModel", "JSONTree"]),
        // Zip archives held in memory: jars and advisory exports, every offset checked, members inflated on request.
        .target(name: "Zip", dependencies: ["CISAL"]),
        // Names and labels: typo-squatted image names and impersonated publisher metadata, from the reference,
        // config and annotations alone.
        .target(name: "Names", dependencies: ["ImageModel", "Findings"]),
        // Catalogers: package databases and metadata read from the bytes the layer pass kept, layer by layer.
        .target(name: "Catalogers", dependencies: ["ImageModel", "LayerPass", "SBOM", "CSQLite", "Zip", "JSONTree"]),
        // Version strings ordered by each ecosystem's rules: dpkg, rpm, apk, PEP 440, SemVer, Maven, RubyGems.
        .target(name: "Versions"),
        // Advisories in the OSV format: the model, strict parsing, range evaluation, CVSS scores.
        .target(name: "Advisories", dependencies: ["Versions"]),
        // OpenVEX documents: statements that a vulnerability does or does not affect a product.
        // Product matching is by purl, so it builds on the SBOM module's parser.
        .target(name: "VEX", dependencies: ["SBOM", "JSONTree"]),
        // A thin Swift layer over SQLite: connections, statements, the defences for files others wrote.
        .target(name: "SQLite", dependencies: ["CSQLite"]),
        // The advisory database: OSV advisories in one SQLite file, indexed by package, replaced atomically.
        .target(name: "AdvisoryDatabase", dependencies: ["Advisories", "SQLite", "Zip", "HTTP", "CZstd"]),
        // Known vulnerabilities: SBOM packages matched against the advisory database, VEX applied.
        .target(name: "Vulnerabilities",
                dependencies: ["SBOM", "Advisories", "AdvisoryDatabase", "Versions", "Findings", "VEX"]),
        // Base-image lineage: the catalog of vetted bases (YAML through libyaml, or JSON), the base an image is
        // built on and how that was decided, and the lineage.* findings.
        .target(name: "Lineage", dependencies: ["ImageModel", "LayerPass", "SBOM", "Findings", "JSONTree", "CYAML"]),
        // The report document and renderers.
        .target(name: "Report",
                dependencies: ["ImageModel", "ImageSources", "LayerPass", "Findings", "SBOM", "Vulnerabilities",
                               "JSONTree", "Provenance", "Lineage"]),
        // The whole flow for one image: resolve, stream layers, merge, check, report.
        .target(name: "Scanner",
                dependencies: ["ImageModel", "ImageSources", "LayerPass", "Forensics", "Findings", "Catalogers", "SBOM",
                               "Report", "Names", "Lineage", "Payloads"]),
        // Argument parsing, commands and terminal output; the executable only calls into it.
        .target(name: "SafeguardCLI",
                dependencies: ["ImageModel", "ImageSources", "Findings", "SBOM", "SBOMFormats", "Report", "Scanner",
                               "AdvisoryDatabase", "Vulnerabilities", "VEX", "Sigstore", "Crypto",
                               "Attachments", "Provenance", "Lineage", "Names"]),
        .executableTarget(name: "safeguard", dependencies: ["SafeguardCLI"]),

        // Shared test support: fixture images, a real registry on loopback, a misbehaving HTTP server.
        .target(name: "TestSupport", dependencies: ["ImageModel"], path: "Tests/TestSupport"),
        .testTarget(name: "ImageModelTests", dependencies: ["ImageModel", "TestSupport"]),
        .testTarget(name: "HTTPTests", dependencies: ["HTTP", "TestSupport"]),
        .testTarget(name: "ImageSourcesTests", dependencies: ["ImageSources", "TestSupport"]),
        .testTarget(name: "AttachmentsTests",
                    dependencies: ["Attachments", "ImageSources", "ImageModel", "HTTP", "TestSupport"]),
        .testTarget(name: "TarTests", dependencies: ["Tar", "TestSupport"]),
        .testTarget(name: "LayerPassTests", dependencies: ["LayerPass", "TestSupport"]),
        .testTarget(name: "SBOMTests", dependencies: ["SBOM", "TestSupport"]),
        .testTarget(name: "SBOMFormatsTests", dependencies: ["SBOMFormats", "SBOM", "TestSupport"],
                    exclude: ["Fixtures"]),
        .testTarget(name: "CatalogersTests",
                    dependencies: ["Catalogers", "SBOM", "LayerPass", "ImageModel", "ImageSources", "Zip",
                                   "TestSupport"]),
        .testTarget(name: "ForensicsTests",
                    dependencies: ["Forensics", "LayerPass", "ImageSources", "ImageModel", "Findings", "Catalogers",
                                   "SBOM", "TestSupport"]),
        .testTarget(name: "NamesTests", dependencies: ["Names", "ImageModel", "Findings", "TestSupport"]),
        .testTarget(name: "PayloadsTests",
                    dependencies: ["Payloads", "Scanner", "Report", "LayerPass", "ImageModel", "ImageSources",
                                   "Findings", "TestSupport"]),
        .testTarget(name: "ZipTests", dependencies: ["Zip", "TestSupport"]),
        .testTarget(name: "VersionsTests", dependencies: ["Versions", "TestSupport"]),
        .testTarget(name: "AdvisoriesTests", dependencies: ["Advisories", "Versions", "TestSupport"]),
        .testTarget(name: "AdvisoryDatabaseTests", dependencies: ["AdvisoryDatabase", "Advisories", "TestSupport"]),
        .testTarget(name: "VulnerabilitiesTests",
                    dependencies: ["Vulnerabilities", "AdvisoryDatabase", "Advisories", "VEX", "SBOM", "Findings",
                                   "TestSupport"]),
        .testTarget(name: "CryptoTests", dependencies: ["Crypto", "TestSupport"]),
        .testTarget(name: "SigstoreTests", dependencies: ["Sigstore", "Crypto", "ImageModel", "TestSupport"]),
        .testTarget(name: "VEXTests", dependencies: ["VEX", "TestSupport"]),
        .testTarget(name: "JSONTreeTests", dependencies: ["JSONTree"]),
        .testTarget(name: "LineageTests",
                    dependencies: ["Lineage", "ImageModel", "LayerPass", "SBOM", "Findings", "TestSupport"]),
        .testTarget(name: "SafeguardCLITests",
                    dependencies: ["SafeguardCLI", "Scanner", "ImageSources", "Findings", "Report", "ImageModel",
                                   "AdvisoryDatabase", "Attachments", "Crypto", "Sigstore", "Lineage", "TestSupport"]),
    ]
)
