import AdvisoryDatabase

/// The `--help` texts.
enum Help {
    static let exitCodes = """
        Exit codes:
          0  success; with scan, no finding at or above --fail-on
          1  scan found a finding at or above --fail-on; verify or verify-blob could not verify
          2  usage error, or the image could not be read (bad reference, registry error,
             corrupt or malformed input)
        """

    static let imageForms = """
        IMAGE is written as skopeo writes it:
          REF | docker://REF           an image in a registry (nginx, ghcr.io/org/app:1.2, host:5000/app@sha256:…)
          oci:DIR[:TAG]                an OCI image layout directory
          oci-archive:FILE[:TAG]       an OCI image layout in a tar file
          docker-archive:FILE[:REF]    a `docker save` tar file
        """

    static let commonOptions = """
          --platform OS/ARCH[/VARIANT]  platform to pick from a multi-platform image (default: this host's)
          --output FILE                 write the result to FILE instead of stdout
          --creds USER:PASSWORD         registry credentials (or SAFEGUARD_USERNAME / SAFEGUARD_PASSWORD)
          --authfile FILE               registry auth file (default: REGISTRY_AUTH_FILE, then
                                        $XDG_RUNTIME_DIR/containers/auth.json, then ~/.docker/config.json)
          --insecure-registry HOST      reach HOST over plain HTTP (loopback registries always are); repeatable
          --timeout SECONDS             network idle timeout per request (default: 60)
          --concurrency N               layers streamed at once (default: number of cores, at least 2)
          --max-layer-size SIZE         stop reading a layer past SIZE bytes, compressed or not, and report it
                                        (a decompression bomb); e.g. 512MiB (default: 64GiB)
          --max-layer-entries N         stop reading a layer past N entries and report it (default: 1000000)
          --max-name-length BYTES       report entry names and link targets longer than BYTES (default: 32768)
          --max-kept-size SIZE          keep at most SIZE of file contents for analysis, all layers together,
                                        and report the layer where it ran out (default: 256MiB)
          -q, --quiet                   no progress and no diagnostics but errors
          -v, --verbose                 more diagnostics on stderr
          -h, --help                    this help
        Environment: NO_COLOR disables colour; progress is drawn only when stderr is a terminal.
        """

    static let main = """
        safeguard: a container image supply-chain scanner

        Usage: safeguard COMMAND [OPTIONS] IMAGE

        Commands:
          scan      scan an image: layers, history, filesystem and findings
          inspect   show an image's digest, platform, config and layers
          sbom      list an image's packages, each with the layers that brought and last changed it
          db        build and show the advisory database (import, update, status)
          verify    find and verify an image's signatures and attestations (cosign, Sigstore, SLSA)
          sign      sign an image with a key, as cosign does, and push the signature
          catalog   record vetted base images (catalog add) for scan --catalog
          verify-blob  verify a Sigstore bundle over a file, offline
          version   print the version

        Run 'safeguard COMMAND --help' for a command's options.

        \(imageForms)

        \(exitCodes)
        """

    static let scan = """
        Usage: safeguard scan [OPTIONS] IMAGE
               safeguard scan [OPTIONS] sbom:FILE

        Reads every layer of IMAGE in one verified streaming pass and reports the image, its layers and
        history, a filesystem summary and findings (category, rule, severity, title, detail, evidence).
        Its packages are matched against the advisory database (see 'safeguard db --help'): each match is a
        vulnerability finding with the advisory, CVE, installed and fixed versions, CVSS severity and layer;
        packages that cannot be decided are listed as not checked. With sbom:FILE, the packages of a CycloneDX
        or SPDX JSON SBOM (Safeguard's, syft's, trivy's) are matched instead of an image's.

        Options:
          --fail-on SEVERITY            exit 1 when a finding is at or above SEVERITY
                                        (critical, high, medium, low, info)
          --format table|json           output format (default: table)
          --db FILE                     the advisory database (default: $SAFEGUARD_DB, else the XDG cache;
                                        missing there, vulnerabilities are not checked and a warning says so)
          --vex FILE                    OpenVEX document: not_affected and fixed statements suppress matches,
                                        which the report keeps under suppressed; repeatable
          --catalog FILE                vetted base images (YAML or JSON; see 'safeguard catalog --help'):
                                        the base is decided by layers, the report splits base and application,
                                        and lineage.unapproved-base and lineage.layer-reuse are reported
          --fetch-bases                 fetch the base the image names (base.name, base.digest, provenance)
                                        from its registry, manifest and config only, and believe it when its
                                        layers are the image's first layers; without it no host an image
                                        names is contacted
        Signatures and provenance (registry images; see 'safeguard verify --help'), reported as
        signature.missing, signature.invalid, provenance.missing and provenance.invalid findings:
        \(SignerOptions.help)
        \(SignerOptions.provenanceHelp)
        \(commonOptions)

        \(imageForms)

        \(exitCodes)
        """

    static let sbom = """
        Usage: safeguard sbom [OPTIONS] IMAGE

        Catalogs the packages of IMAGE (the distribution; dpkg, apk and rpm packages; Python, npm, Ruby,
        Composer, Go, Rust and Java packages) in the same single streaming pass as scan, each with its
        version, purl, files and recorded digests, and the layers that brought it in and
        last changed it. Files a cataloger cannot read are listed as warnings; the rest goes on.

        Options:
          --format FORMAT               table (default), json, cyclonedx-json (CycloneDX 1.6) or
                                        spdx-json (SPDX 2.3)
        \(commonOptions)

        \(imageForms)

        \(exitCodes)
        """

    static let inspect = """
        Usage: safeguard inspect [OPTIONS] IMAGE

        Shows the image digest, platform, config (entrypoint, cmd, user, workdir, env, labels, ports) and
        each layer with its digest, sizes, files added, changed and deleted, and the history step that made it.
        Every layer is streamed and verified to count its files.

        Options:
          --format table|json           output format (default: table)
        \(commonOptions)

        \(imageForms)

        \(exitCodes)
        """

    static let database = """
        Usage: safeguard db import [--db FILE] PATH...
               safeguard db update [--db FILE] [--mirror URL] [--ecosystem NAME]... [--timeout SECONDS]
               safeguard db status [--db FILE] [--format table|json]

        The advisory database is one SQLite file of OSV advisories that scans open read-only.
          import   adds OSV JSON records from files, directories and zip archives (osv.dev's ECOSYSTEM/all.zip);
                   malformed records are rejected, named with their file and field, and the rest is imported
          update   downloads the ecosystems from a mirror laid out as osv.dev's export (default
                   \(AdvisoryMirror.defaultURL)), incrementally where the mirror
                   allows; ecosystems: \(AdvisoryMirror.defaultEcosystems.joined(separator: ", "))
          status   prints each ecosystem's advisory count, last update and origin, and the schema version
        A change is written to a copy and renamed over the database only when it completed: an interrupted or
        failed import or update leaves the previous database as it was.

        Options:
          --db FILE                     the database (default: $SAFEGUARD_DB, else
                                        $XDG_CACHE_HOME/safeguard/advisories.db, else
                                        ~/.cache/safeguard/advisories.db)
          --mirror URL                  update from this mirror
          --ecosystem NAME              update only this ecosystem (e.g. Debian, PyPI); repeatable
          --timeout SECONDS             network idle timeout per request (default: 60)
          -q, --quiet                   no summary, only warnings and errors

        Exit codes:
          0  success
          2  usage error, unreadable input, failed download or unusable database
        """
}
