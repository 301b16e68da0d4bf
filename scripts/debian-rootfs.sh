#!/usr/bin/env bash
# Builds (once) a Debian root filesystem tarball with mmdebstrap and prints its path.
# Usage: debian-rootfs.sh NAME [mmdebstrap options...]
# The tarball is cached under $SAFEGUARD_TEST_CACHE (default ~/.cache/safeguard-tests) so tests and
# benchmarks share it across runs; delete the file to rebuild.
set -euo pipefail

name=${1:?usage: debian-rootfs.sh NAME [mmdebstrap options...]}
shift
cache=${SAFEGUARD_TEST_CACHE:-$HOME/.cache/safeguard-tests}
target="$cache/$name.tar"
mkdir -p "$cache"

if [ ! -s "$target" ]; then
    # Build into a temporary name so an interrupted build never leaves a truncated cache entry.
    partial="$target.partial.$$"
    trap 'rm -f "$partial"' EXIT
    # SOURCE_DATE_EPOCH makes the rootfs reproducible enough that cached digests stay stable.
    SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1700000000} \
        mmdebstrap --quiet --format=tar --variant=minbase "$@" bookworm "$partial" >&2
    mv "$partial" "$target"
    trap - EXIT
fi
echo "$target"
