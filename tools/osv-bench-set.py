#!/usr/bin/env python3
"""Benchmark tooling, not product: writes a large, deterministic OSV advisory set for bench/vulndb.sh.

Real OSV records (the corpus under ../shared/corpora/vulndata/osv) are the templates: each generated record is a
copy of a real one of its family (Debian, Alpine, PyPI, npm, Maven, RubyGems, Go, crates.io; Ubuntu from the
Debian shape) with a new ID, aliases, package, ranges, `versions` list, dates, details and severity drawn from a
seeded generator. Names come from tools/osv-bench-names.txt (real package names) and, for Debian:12, also from the
dpkg status of the benchmark image, with that image's own source versions, so that matching it does real work:
some advisories are fixed below the installed version, some above, some not fixed at all.

The set is laid out as osv.dev publishes it, one directory per ecosystem holding `all.zip`, beside
`summary.json` (record count, JSON bytes as written and as compact JSON, zip bytes) and `names.json` (the names
that have records, per ecosystem, which the `sbom` command draws from).

  osv-bench-set.py version
  osv-bench-set.py set --out DIR --templates OSV_DIR --names FILE --dpkg-status FILE [--records N] [--seed S]
  osv-bench-set.py sbom --set DIR --names FILE --dpkg-status FILE --packages N --out FILE [--seed S]
"""
import argparse
import hashlib
import json
import os
import random
import sys
import zipfile

# Changing what is generated changes this string, which bench/vulndb.sh keys its cache on.
VERSION = "osv-bench-set-4"

# How the default 310,000 records divide among ecosystems: the distributions and npm the largest, as in osv.dev's
# export. Debian's 96,100 records need a ZIP64 all.zip (more than 65,535 members), as osv.dev's largest exports do.
SHARES = {
    "Debian": 0.31, "Ubuntu": 0.145, "Alpine": 0.065, "PyPI": 0.11, "npm": 0.145, "Go": 0.065, "Maven": 0.08,
    "crates.io": 0.032, "RubyGems": 0.048,
}
# The share of Debian records filed under a source package of the benchmark image.
IMAGE_SHARE = 0.12
DEBIAN_RELEASES = ["Debian:11", "Debian:12", "Debian:13"]
UBUNTU_RELEASES = ["Ubuntu:20.04:LTS", "Ubuntu:22.04:LTS", "Ubuntu:24.04:LTS", "Ubuntu:Pro:18.04:LTS"]
ALPINE_RELEASES = ["Alpine:v3.16", "Alpine:v3.17", "Alpine:v3.18", "Alpine:v3.19", "Alpine:v3.20"]
# Real crates and gems, for the two ecosystems the name pool file has no list of.
CRATES = """serde tokio hyper rand regex openssl reqwest h2 rustls time chrono smallvec bytes url hashbrown ring
    libc nix crossbeam-channel crossbeam-utils crossbeam-deque memoffset lz4-sys zstd-sys flate2 tar zip image
    sqlx diesel rusqlite actix-web actix-http axum warp tower-http tungstenite git2 libgit2-sys curl-sys
    ncurses xml-rs quick-xml yaml-rust serde_yaml toml bumpalo arrow tracing-subscriber owning_ref lru
    generic-array crossbeam vec_map stackvector arenavec cranelift-codegen wasmtime ed25519-dalek""".split()
GEMS = """rails actionpack activerecord activesupport actionview rack rack-protection nokogiri sinatra puma devise
    json rexml net-imap uri cgi webrick redcarpet kramdown loofah rails-html-sanitizer sprockets jquery-rails
    omniauth bundler rubyzip faraday httparty excon mail activestorage actiontext paperclip carrierwave
    sidekiq rdoc psych yard grape doorkeeper jwt bcrypt ox oj""".split()
NAME_SUFFIXES = ["utils", "core", "cli", "plugin", "server", "client", "parser", "loader", "helper", "sdk", "lite"]
REFERENCE_TYPES = ["WEB", "ADVISORY", "FIX", "REPORT", "PACKAGE", "ARTICLE"]
GHSA_ALPHABET = "23456789cfghjmpqrvwx"


def stable_seed(*parts):
    """A seed that depends only on `parts`, not on Python's per-run string hashing."""
    return int.from_bytes(hashlib.sha256("\0".join(map(str, parts)).encode()).digest()[:8], "big")


def read_names(path):
    """The name pool file: `[Ecosystem]` headings, one name a line, `#` comments."""
    pools, current = {}, None
    for line in open(path, encoding="utf-8"):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = pools.setdefault(line[1:-1], [])
        else:
            current.append(line)
    pools["crates.io"], pools["RubyGems"] = CRATES, GEMS
    return pools


def read_dpkg_status(path):
    """Source package name → source version, for every installed package in a dpkg status file."""
    sources = {}
    for paragraph in open(path, encoding="utf-8", errors="replace").read().split("\n\n"):
        fields = {}
        for line in paragraph.split("\n"):
            if ":" in line and not line.startswith(" "):
                key, value = line.split(":", 1)
                fields[key] = value.strip()
        if "Package" not in fields or "Version" not in fields:
            continue
        source, version = fields.get("Source", fields["Package"]), fields["Version"]
        if " (" in source:
            source, version = source.split(" (")[0], source.split(" (")[1].rstrip(")")
        sources[source] = version
    return sources


def read_templates(directory):
    """Real records by family, each with the first affected entry that names a package."""
    families = {}
    for root, _, files in os.walk(directory):
        for file in sorted(files):
            # The linter's deliberately broken cases are no templates.
            if not file.endswith(".json") or file.startswith(("nondistinct", "nopackage", "nointroduced")):
                continue
            try:
                record = json.load(open(os.path.join(root, file), encoding="utf-8"))
            except (ValueError, UnicodeDecodeError):
                continue
            if not isinstance(record, dict) or "id" not in record:
                continue
            affected = [a for a in record.get("affected", []) if a.get("package", {}).get("ecosystem")]
            if not affected or record.get("withdrawn"):
                continue
            family = affected[0]["package"]["ecosystem"].split(":")[0]
            families.setdefault(family, []).append((record, affected[0]))
    families["Ubuntu"] = families.get("Debian", [])
    for family in SHARES:
        if not families.get(family):
            sys.exit(f"osv-bench-set: no real {family} record under {directory} to use as a template")
    return families


def release_history(ecosystem, name, seed):
    """The package's releases, oldest first: the same for a name wherever it is asked for (set and SBOM alike)."""
    rng = random.Random(stable_seed(seed, "history", ecosystem, name))
    versions, major, minor, patch = [], rng.randint(0, 3), rng.randint(0, 9), 0
    for _ in range(rng.randint(8, 90)):
        step = rng.random()
        if step < 0.06:
            major, minor, patch = major + 1, 0, 0
        elif step < 0.35:
            minor, patch = minor + 1, 0
        else:
            patch += 1
        versions.append(f"{major}.{minor}.{patch}")
    return versions


def distro_version(ecosystem, name, seed, installed):
    """The current version of an OS package: the installed one for the image's packages, else a plausible one."""
    if installed:
        return installed
    rng = random.Random(stable_seed(seed, "distro", ecosystem, name))
    upstream = f"{rng.randint(0, 9)}.{rng.randint(0, 30)}.{rng.randint(0, 12)}"
    if ecosystem == "Alpine":
        return f"{upstream}-r{rng.randint(0, 6)}"
    if ecosystem == "Ubuntu":
        return f"{upstream}-{rng.randint(1, 4)}ubuntu{rng.randint(0, 3)}.{rng.randint(1, 9)}"
    return f"{upstream}-{rng.randint(1, 12)}"


def dpkg_lower(version):
    """A Debian version that sorts below `version`: its first upstream number less one (or a ~pre release)."""
    epoch, _, rest = version.rpartition(":")
    prefix = epoch + ":" if epoch else ""
    digits = ""
    for character in rest:
        if not character.isdigit():
            break
        digits += character
    if digits and int(digits) > 0:
        return f"{prefix}{int(digits) - 1}.0-1"
    return f"{prefix}0~pre1-1"


def dpkg_higher(version, release_tag, rng):
    """A Debian version that sorts above `version`: a later stable update of the same release."""
    return f"{version}+{release_tag}u{rng.randint(1, 9)}"


class Generator:
    def __init__(self, args):
        self.seed = args.seed
        self.pools = read_names(args.names)
        self.image = read_dpkg_status(args.dpkg_status)
        self.templates = read_templates(args.templates)
        all_records = [record for family in self.templates.values() for record, _ in family]
        self.details = sorted({r["details"] for r in all_records if len(r.get("details", "")) > 80})
        self.summaries = sorted({r["summary"] for r in all_records if r.get("summary")})
        self.vectors = sorted({s["score"] for r in all_records for s in r.get("severity", [])
                               if s.get("score", "").startswith("CVSS:")})
        # The PyPI and npm pools are listed most downloaded first, which the draw below favours; the others are
        # alphabetical, so a seeded shuffle decides which of them are the often-affected ones.
        self.hot_first = dict(self.pools)
        for family in ("Debian", "Go", "Maven", "crates.io", "RubyGems"):
            self.hot_first[family] = sorted(self.pools[family], key=lambda name: stable_seed(self.seed, "hot", name))
        self.counters = {}
        self.used_names = {family: set() for family in SHARES}

    def next_number(self, key, start):
        self.counters[key] = self.counters.get(key, start) + 1
        return self.counters[key]

    def ghsa_id(self, rng):
        return "GHSA-" + "-".join("".join(rng.choice(GHSA_ALPHABET) for _ in range(4)) for _ in range(3))

    def cve(self, rng):
        year = rng.randint(2014, 2026)
        return f"CVE-{year}-{self.next_number(('CVE', year), 1000 + rng.randint(0, 50))}"

    def cvss_vector(self, rng):
        """A real vector from the corpus, or a valid CVSS v3.1 base vector."""
        if self.vectors and rng.random() < 0.2:
            return rng.choice(self.vectors)
        metrics = [("AV", "NALP"), ("AC", "LH"), ("PR", "NLH"), ("UI", "NR"), ("S", "UC"), ("C", "NLH"),
                   ("I", "NLH"), ("A", "NLH")]
        return "CVSS:3.1/" + "/".join(f"{key}:{rng.choice(values)}" for key, values in metrics)

    def package_name(self, family, rng):
        """A name from the pool, the most popular names the most often, some as a derived less known package."""
        if family == "Debian" and rng.random() < IMAGE_SHARE:
            names = sorted(self.image)
            return names[int(len(names) * rng.random() ** 1.5)]
        pool = self.hot_first["Debian" if family in ("Ubuntu", "Alpine") else family]
        name = pool[int(len(pool) * rng.random() ** 2)]
        if family in ("PyPI", "npm", "crates.io", "RubyGems") and rng.random() < 0.35:
            name = f"{name}-{rng.choice(NAME_SUFFIXES)}"
        elif family == "Go" and rng.random() < 0.3:
            name = f"{name}/{rng.choice(NAME_SUFFIXES)}"
        return name

    def dates(self, rng, cve):
        year = int(cve.split("-")[1])
        published = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T{rng.randint(0, 23):02d}:" \
                    f"{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}Z"
        modified = f"{min(year + rng.randint(0, 2), 2026)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T" \
                   f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}." \
                   f"{rng.randint(0, 999999):06d}Z"
        return published, max(published, modified)

    def references(self, template, rng, record_id, cve, name):
        references = [{"type": "ADVISORY", "url": f"https://nvd.nist.gov/vuln/detail/{cve}"}]
        for reference in template.get("references", [])[: rng.randint(1, 8)]:
            url = reference["url"].rstrip("/") + f"/{record_id.lower()}"
            references.append({"type": reference.get("type", rng.choice(REFERENCE_TYPES)), "url": url})
        if rng.random() < 0.5:
            references.append({"type": "FIX", "url": f"https://github.com/{name.replace(':', '/')}/commit/"
                                                     f"{rng.getrandbits(160):040x}"})
        return references

    def distro_affected(self, family, name, template_affected, rng):
        """Debian/Ubuntu/Alpine: one entry a release, `introduced 0` and `fixed` (or not fixed yet)."""
        releases = {"Debian": DEBIAN_RELEASES, "Ubuntu": UBUNTU_RELEASES, "Alpine": ALPINE_RELEASES}[family]
        chosen = [r for r in releases if rng.random() < 0.6] or [releases[1]]
        if family == "Debian" and name in self.image and "Debian:12" not in chosen:
            chosen.append("Debian:12")
        entries = []
        for release in sorted(chosen):
            current = distro_version(family, name, self.seed, self.image.get(name) if release == "Debian:12" else None)
            events = [{"introduced": "0"}]
            outcome = rng.random()
            if outcome < 0.45:
                events.append({"fixed": dpkg_lower(current) if family != "Alpine" else current.split("-r")[0] + "-r0"})
            elif outcome < 0.75:
                tag = "deb" + release.split(":")[1] if family == "Debian" else "esm"
                events.append({"fixed": dpkg_higher(current, tag, rng) if family != "Alpine" else current + "1"})
            entry = {"package": {"name": name, "ecosystem": release}, "ranges": [{"type": "ECOSYSTEM",
                                                                                 "events": events}]}
            if family == "Alpine":
                entry["package"]["purl"] = f"pkg:apk/alpine/{name}?arch=source"
            if "ecosystem_specific" in template_affected or family == "Debian":
                entry["ecosystem_specific"] = {"urgency": rng.choice(["low", "medium", "high", "unimportant",
                                                                      "not yet assigned"])}
            entries.append(entry)
        return entries

    def language_affected(self, family, name, template_affected, rng, record_id):
        """Language ecosystems: an ECOSYSTEM or SEMVER range over the package's releases, with the affected
        releases listed in `versions` as GitHub and PyPI records list them."""
        history = release_history(family, name, self.seed)
        start = rng.randint(0, len(history) - 1) if rng.random() < 0.7 else 0
        end = rng.randint(start + 1, len(history)) if rng.random() < 0.85 else len(history)
        events = [{"introduced": history[start] if start else "0"}]
        if end < len(history):
            events.append({"fixed": history[end]})
        elif start < len(history) - 1 and rng.random() < 0.5:
            events.append({"last_affected": history[-1]})
        kind = "SEMVER" if family in ("Go", "crates.io") or (family == "npm" and rng.random() < 0.3) else "ECOSYSTEM"
        purl_type = {"PyPI": "pypi", "npm": "npm", "Go": "golang", "Maven": "maven", "crates.io": "cargo",
                     "RubyGems": "gem"}[family]
        purl_name = name.replace(":", "/") if family == "Maven" else name
        entry = {"package": {"ecosystem": family, "name": name, "purl": f"pkg:{purl_type}/{purl_name}"},
                 "ranges": [{"type": kind, "events": events}]}
        # GO- and RUSTSEC- records carry no versions list; GHSA and PYSEC ones do.
        if not record_id.startswith(("GO-", "RUSTSEC-")):
            entry["versions"] = history[start:end]
        for key in ("ecosystem_specific", "database_specific"):
            if key in template_affected:
                entry[key] = json.loads(json.dumps(template_affected[key]).replace(
                    template_affected["package"]["name"], name))
        return [entry]

    def record_id(self, family, rng, cve):
        if family in ("Debian", "Ubuntu", "Alpine"):
            return f"{family.upper()}-{cve}"
        if family == "Go":
            return f"GO-{cve.split('-')[1]}-{self.next_number('GO', 1000)}"
        if family == "crates.io":
            return f"RUSTSEC-{cve.split('-')[1]}-{self.next_number('RUSTSEC', 0):04d}"
        if family == "PyPI" and rng.random() < 0.5:
            return f"PYSEC-{cve.split('-')[1]}-{self.next_number('PYSEC', 0)}"
        return self.ghsa_id(rng)

    def record(self, family, index):
        rng = random.Random(stable_seed(self.seed, family, index))
        template, template_affected = rng.choice(self.templates[family])
        cve = self.cve(rng)
        record_id = self.record_id(family, rng, cve)
        name = self.package_name(family, rng)
        self.used_names[family].add(name)
        published, modified = self.dates(rng, cve)

        record = {"schema_version": template.get("schema_version", "1.6.0"), "id": record_id, "modified": modified,
                  "published": published}
        aliases = [cve] if record_id != cve else []
        if record_id.startswith(("PYSEC", "GO-", "RUSTSEC")) and rng.random() < 0.7:
            aliases.append(self.ghsa_id(rng))
        if family in ("Debian", "Ubuntu", "Alpine"):
            record["upstream"] = [cve]
        elif aliases:
            record["aliases"] = aliases
        if family not in ("Debian", "Alpine") and self.summaries:
            record["summary"] = rng.choice(self.summaries)
        record["details"] = rng.choice(self.details)
        if family in ("Debian", "Ubuntu", "Alpine"):
            record["affected"] = self.distro_affected(family, name, template_affected, rng)
        else:
            record["affected"] = self.language_affected(family, name, template_affected, rng, record_id)
        if family != "Debian" and rng.random() < 0.8:
            record["severity"] = [{"type": "CVSS_V3", "score": self.cvss_vector(rng)}]
        record["references"] = self.references(template, rng, record_id, cve, name)
        if record_id.startswith("GHSA"):
            record["database_specific"] = {"cwe_ids": [f"CWE-{rng.randint(20, 1300)}"], "github_reviewed": True,
                                           "severity": rng.choice(["LOW", "MODERATE", "HIGH", "CRITICAL"])}
        return record


def write_set(args):
    generator = Generator(args)
    os.makedirs(args.out, exist_ok=True)
    summary = {"version": VERSION, "seed": args.seed, "records": 0, "json_bytes": 0, "compact_json_bytes": 0,
               "zip_bytes": 0, "ecosystems": {}}
    for family, share in SHARES.items():
        count = round(args.records * share)
        directory = os.path.join(args.out, family)
        os.makedirs(directory, exist_ok=True)
        path = os.path.join(directory, "all.zip")
        json_bytes = compact_bytes = 0
        with zipfile.ZipFile(path + ".partial", "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
            seen = set()
            for index in range(count):
                record = generator.record(family, index)
                if record["id"] in seen:
                    continue
                seen.add(record["id"])
                text = json.dumps(record, indent=2, ensure_ascii=False).encode()
                json_bytes += len(text)
                compact_bytes += len(json.dumps(record, separators=(",", ":"), ensure_ascii=False).encode())
                archive.writestr(record["id"] + ".json", text)
        os.replace(path + ".partial", path)
        zip_bytes = os.path.getsize(path)
        summary["ecosystems"][family] = {"records": len(seen), "json_bytes": json_bytes, "zip_bytes": zip_bytes}
        summary["records"] += len(seen)
        summary["json_bytes"] += json_bytes
        summary["compact_json_bytes"] += compact_bytes
        summary["zip_bytes"] += zip_bytes
        print(f"{family}: {len(seen)} records, {json_bytes >> 20} MiB JSON, {zip_bytes >> 20} MiB zip",
              file=sys.stderr)
    json.dump({family: sorted(names) for family, names in generator.used_names.items()},
              open(os.path.join(args.out, "names.json"), "w"))
    json.dump(summary, open(os.path.join(args.out, "summary.json"), "w"), indent=2)


def write_sbom(args):
    """A CycloneDX 1.5 SBOM of `--packages` packages: Debian 12 debs, PyPI, npm, Go and Maven, four in five of
    them names that have advisories in the set, at versions from the same release histories."""
    rng = random.Random(stable_seed(args.seed, "sbom", args.packages))
    used = json.load(open(os.path.join(args.set, "names.json")))
    image = read_dpkg_status(args.dpkg_status)
    pools = read_names(args.names)
    mix = [("Debian", "deb", 0.4), ("PyPI", "pypi", 0.2), ("npm", "npm", 0.2), ("Go", "golang", 0.1),
           ("Maven", "maven", 0.1)]
    components, seen = [{"type": "operating-system", "name": "debian", "version": "12",
                         "bom-ref": "os:debian@12"}], set()
    while len(components) < args.packages + 1:
        family, purl_type = rng.choices([m[:2] for m in mix], weights=[m[2] for m in mix])[0]
        names = used[family] if rng.random() < 0.8 else pools[family]
        name = rng.choice(names)
        if (family, name) in seen:
            continue
        seen.add((family, name))
        if family == "Debian":
            version = distro_version("Debian", name, args.seed, image.get(name))
            purl = f"pkg:deb/debian/{name}@{version}?arch=amd64&distro=debian-12"
        else:
            version = rng.choice(release_history(family, name, args.seed))
            if family == "Maven":
                group, _, artifact = name.partition(":")
                purl = f"pkg:maven/{group}/{artifact}@{version}"
            else:
                purl = f"pkg:{purl_type}/{name}@{version}"
        components.append({"type": "library", "bom-ref": purl, "name": name, "version": version, "purl": purl})
    sbom = {"bomFormat": "CycloneDX", "specVersion": "1.5", "version": 1,
            "serialNumber": f"urn:uuid:{stable_seed(args.seed, args.packages):016x}-0000-4000-8000-000000000000",
            "metadata": {"component": {"type": "container", "name": f"synthetic-{args.packages}",
                                       "bom-ref": "subject"}},
            "components": components}
    json.dump(sbom, open(args.out, "w"), indent=1)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("version")
    set_parser = commands.add_parser("set")
    set_parser.add_argument("--out", required=True)
    set_parser.add_argument("--templates", required=True)
    set_parser.add_argument("--records", type=int, default=310_000)
    sbom_parser = commands.add_parser("sbom")
    sbom_parser.add_argument("--set", required=True)
    sbom_parser.add_argument("--packages", type=int, required=True)
    sbom_parser.add_argument("--out", required=True)
    for sub in (set_parser, sbom_parser):
        sub.add_argument("--names", required=True)
        sub.add_argument("--dpkg-status", required=True)
        sub.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if args.command == "version":
        print(VERSION)
    elif args.command == "set":
        write_set(args)
    else:
        write_sbom(args)


if __name__ == "__main__":
    main()
