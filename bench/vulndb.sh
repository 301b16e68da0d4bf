#!/usr/bin/env bash
# Benchmark: the advisory database. Generates (once, cached) an OSV set of 310,000 records laid out as osv.dev
# publishes it (tools/osv-bench-set.py), then measures `safeguard db import` of all of it into a fresh database
# (wall, peak RSS, records/s, database size against the JSON and the zips) and matching through `scan sbom:`: the
# SBOM of the Debian benchmark image (bench/scan.sh's) and a synthetic 2,000-package SBOM, each also less the
# cost of the same scan of a 1-package SBOM (process start, opening the database) so matching itself shows.
# Usage: bench/vulndb.sh [RUNS]   (default 5 runs of each match; the import runs IMPORT_RUNS times, default 1;
# IMPORT_RUNS=0 reuses the database of an earlier run)
# Environment: RECORDS=N sizes the set (default 310000); SAFEGUARD_BUILD=DIR is the build's scratch path
# (default .build); SAFEGUARD_CORPORA the corpora (default ../shared/corpora), whose real OSV records are the
# templates.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
import_runs=${IMPORT_RUNS:-1}
records=${RECORDS:-310000}
cache=${SAFEGUARD_TEST_CACHE:-$HOME/.cache/safeguard-tests}
corpora=${SAFEGUARD_CORPORA:-../shared/corpora}
scratch=${SAFEGUARD_BUILD:-.build}
out=bench/out
mkdir -p "$out"

command -v /usr/bin/time >/dev/null || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
swift build -c release --product safeguard --scratch-path "$scratch" >/dev/null
safeguard="$(swift build -c release --product safeguard --scratch-path "$scratch" --show-bin-path)/safeguard"

# The Debian benchmark image, made as bench/scan.sh makes it; its dpkg status names the Debian:12 packages that
# the generated set files advisories under, at their installed versions.
rootfs=$(scripts/debian-rootfs.sh bench-large \
    --include=build-essential,python3,perl,git,openjdk-17-jdk-headless,golang-go,clang,gdb,vim,curl)
layout="$cache/layouts/bench-large"
if [ ! -f "$layout/index.json" ]; then
    python3 tools/oci-image.py image --layout "$layout.partial" --tag bench --layer "$rootfs:gzip" >/dev/null
    mv "$layout.partial" "$layout"
fi
status="$out/vulndb-dpkg-status"
tar -xOf "$rootfs" ./var/lib/dpkg/status >"$status"

# The set, cached by generator version, size and image: generating it takes a few minutes.
generator=tools/osv-bench-set.py
names=tools/osv-bench-names.txt
set="$cache/osv-bench/$(python3 "$generator" version)-$records-$(sha256sum "$status" | cut -c1-12)"
if [ ! -f "$set/summary.json" ]; then
    # Sets of an earlier generator version are 0.8 GB each and never read again.
    find "$cache/osv-bench" -mindepth 1 -maxdepth 1 ! -name "$(python3 "$generator" version)-*" -exec rm -rf {} + \
        2>/dev/null || true
    echo "generating $records OSV records into $set (once)" >&2
    rm -rf "$set.partial"
    python3 "$generator" set --out "$set.partial" --templates "$corpora/vulndata/osv" --names "$names" \
        --dpkg-status "$status" --records "$records"
    rm -rf "$set"
    mv "$set.partial" "$set"
fi
summary() { python3 -c "import json; print(json.load(open('$set/summary.json'))['$1'])"; }
set_records=$(summary records)
json_bytes=$(summary json_bytes)
compact_bytes=$(summary compact_json_bytes)
zip_bytes=$(summary zip_bytes)

measure_unit=ms
# shellcheck source=bench/lib.sh
source bench/lib.sh

calc() { python3 -c "print($1)"; }
mib() { calc "f'{$1 / 1048576:.1f}'"; }

echo "set: $set_records records, $(mib "$json_bytes") MiB JSON as written ($(mib "$compact_bytes") MiB compact)," \
    "$(mib "$zip_bytes") MiB in the ecosystems' all.zip"

# Import: each run into a fresh database, all ecosystems' archives in one command.
db="$out/vulndb.sqlite"
if [ "$import_runs" = 0 ] && [ -f "$db" ]; then
    # IMPORT_RUNS=0 times matching alone, against the database an earlier run imported.
    wall[db import (whole set)]=0
    rss[db import (whole set)]=0
    echo "db import: not run (IMPORT_RUNS=0), reusing $db"
else
    saved_runs=$runs
    runs=$import_runs
    measure "db import (whole set)" "rm -f '$db' '$db-wal' '$db-shm' && '$safeguard' db import --db '$db' '$set'/*/all.zip"
    runs=$saved_runs
fi
db_bytes=$(stat -c %s "$db")
"$safeguard" db status --db "$db" --format json >"$out/vulndb-status.json"
stored=$(python3 -c "import json
print(sum(e['advisories'] for e in json.load(open('$out/vulndb-status.json'))['ecosystems']))")
records_per_second=0
[ "$import_runs" != 0 ] && records_per_second=$(calc "round($set_records / (${wall[db import (whole set)]} / 1000))")

# Matching. The SBOMs: the image's as safeguard writes it, and synthetic ones from the set's own names.
image_sbom="$out/vulndb-image-sbom.json"
"$safeguard" sbom --quiet --format cyclonedx-json "oci:$layout:bench" >"$image_sbom"
image_packages=$(python3 -c "import json; print(len(json.load(open('$image_sbom')).get('components', [])))")
for packages in 1 2000; do
    python3 "$generator" sbom --set "$set" --names "$names" --dpkg-status "$status" --packages "$packages" \
        --out "$out/vulndb-sbom-$packages.json"
done

# findings FILE: how many advisories a scan's JSON report matched, and how many packages it could not check.
findings() {
    python3 -c "import json
report = json.load(open('$1')).get('vulnerabilities', {})
print(f\"{len(report.get('matches', []))} matches, not checked: {len(report.get('unchecked', []))} packages\")"
}

scan="'$safeguard' scan --quiet --db '$db'"
"$safeguard" scan --quiet --db "$db" --format json "sbom:$image_sbom" >"$out/vulndb-scan-image.json"
"$safeguard" scan --quiet --db "$db" --format json "sbom:$out/vulndb-sbom-2000.json" >"$out/vulndb-scan-2000.json"
# The JSON report of 2,000 packages runs to 8 MB; the table run shows matching without most of that writing.
measure "scan sbom: 1 package (start)" "$scan --format json sbom:$out/vulndb-sbom-1.json" \
    "scan sbom: image ($image_packages packages)" "$scan --format json sbom:$image_sbom" \
    "scan sbom: 2,000 packages" "$scan --format json sbom:$out/vulndb-sbom-2000.json" \
    "scan sbom: 2,000 packages, table" "$scan --format table sbom:$out/vulndb-sbom-2000.json"

# The match step alone, by the clock inside the process (`--verbose` says how long it took): what the target is
# about, without reading the SBOM and writing the report around it.
match_ms=()
for _ in $(seq "$runs"); do
    match_ms+=("$("$safeguard" scan --verbose --db "$db" --format table "sbom:$out/vulndb-sbom-2000.json" 2>&1 \
        >/dev/null | sed -n 's/.*matched [0-9]* packages in \([0-9.]*\) ms.*/\1/p')")
done
match_median=$(printf '%s\n' "${match_ms[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')

start_name="scan sbom: 1 package (start)"
figure() { printf '%-26s %s\n' "$1" "$2"; }
import_ms=${wall[db import (whole set)]}
echo
echo "== figures ($runs runs of each match, $import_runs of the import; medians) =="
figure "set:" "$set_records records in 9 ecosystems: $(mib "$json_bytes") MiB JSON as written,\
 $(mib "$compact_bytes") MiB compact, $(mib "$zip_bytes") MiB zipped"
if [ "$import_runs" != 0 ]; then
    figure "import:" "$(calc "f'{$import_ms / 1000:.1f}'") s, peak RSS ${rss[db import (whole set)]} MB,\
 $records_per_second records/s, $stored stored"
else
    figure "import:" "not run (IMPORT_RUNS=0); $stored stored"
fi
figure "database:" "$(mib "$db_bytes") MiB: $(calc "f'{$db_bytes / $json_bytes:.3f}'") of the JSON (target <= 0.5),\
 $(calc "f'{$db_bytes / $compact_bytes:.3f}'") of compact JSON, $(calc "f'{$db_bytes / $zip_bytes:.3f}'") of the zips"
start=${wall[$start_name]}
figure "start (1-package SBOM):" "$start ms, peak RSS ${rss[$start_name]} MB"
for name in "scan sbom: image ($image_packages packages)" "scan sbom: 2,000 packages"; do
    file=$out/vulndb-scan-image.json
    [ "$name" = "scan sbom: 2,000 packages" ] && file=$out/vulndb-scan-2000.json
    figure "${name#scan sbom: }:" "${wall[$name]} ms, peak RSS ${rss[$name]} MB;\
 $(calc "f'{${wall[$name]} - $start:.1f}'") ms less start; $(findings "$file")"
done
table="scan sbom: 2,000 packages, table"
figure "2,000 packages, table:" "${wall[$table]} ms, peak RSS ${rss[$table]} MB;\
 $(calc "f'{${wall[$table]} - $start:.1f}'") ms less start"
figure "2,000 packages, match:" "$match_median ms (the match step by the process's own clock; runs: ${match_ms[*]})"
figure "target:" "2,000 packages matched in under 200 ms"
