#!/usr/bin/env bash
# Installs every Debian package Safeguard and its tests need, then builds a release binary.
# Safe to run again: apt skips what is present and SwiftPM rebuilds only what changed.
set -euo pipefail

cd "$(dirname "$0")/.."

packages=(
    # Libraries behind the C modules.
    libssl-dev libisal-dev libzstd-dev libsqlite3-dev
    # libyaml behind CYAML: the catalog of vetted base images (--catalog) is YAML.
    libyaml-dev
    # Test tooling: a real registry, image copying and unpacking, Debian root filesystems.
    docker-registry skopeo umoci mmdebstrap
    # The benchmark floor (igzip) and helpers the tests shell out to.
    isal zstd bzip2 openssl python3-venv ca-certificates
    # pip on the host downloads the wheels scripts/pip-image.sh installs into a test image.
    python3-pip
    # Real rpm databases for the rpm cataloger's tests: rpmbuild and rpm --initdb write SQLite rpmdbs.
    rpm
    # Berkeley DB's db_load, to write the hash `Packages` file of older rpm for the rpm cataloger's tests.
    db5.3-util
    # A jar Maven built, with its pom.properties, for the Java archive cataloger's tests.
    libcommons-lang3-java
    # A real Rust program for the cargo-auditable cataloger's tests: rustc builds it, objcopy adds the .dep-v0
    # section cargo auditable would have written.
    rustc binutils
)

missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if [ "${#missing[@]}" -gt 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # The packaged registry starts a system service on install; tests run their own on a free port.
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    if command -v systemctl >/dev/null 2>&1; then systemctl disable --now docker-registry >/dev/null 2>&1 || true; fi
fi

swift build -c release --product safeguard
