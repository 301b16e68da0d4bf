#!/usr/bin/env bash
# Builds (once) a three-layer OCI image whose upper layers are what pip really did to a Debian root filesystem,
# and prints its layout path. Test and benchmark fixture, not product.
# Usage: pip-image.sh NAME ROOTFS.tar
#   layer 0: ROOTFS.tar (a Debian rootfs with python3-pip)
#   layer 1: pip install attrs==23.1.0 idna==3.6 PyYAML==6.0.1 (wheels from PyPI, into /usr/local; Debian's
#            idna 3.3 and PyYAML 6.0 stay in /usr/lib/python3/dist-packages)
#   layer 2: pip install idna==3.7 (an upgrade: pip removes 3.6) and pip uninstall attrs
# Tags `installed` (layers 0-1) and `upgraded` (0-2); beside each, pip-inspect-TAG.json is what `pip inspect` said
# was installed at that point: the tests' oracle.
# pip runs inside the rootfs (chroot) with only the downloaded wheels; umoci turns each change into a layer, with
# the whiteouts a container builder writes. Cached under $SAFEGUARD_TEST_CACHE like debian-rootfs.sh.
set -euo pipefail

name=${1:?usage: pip-image.sh NAME ROOTFS.tar}
rootfs=${2:?usage: pip-image.sh NAME ROOTFS.tar}
cache=${SAFEGUARD_TEST_CACHE:-$HOME/.cache/safeguard-tests}
layout="$cache/layouts/$name"
tools="$(cd "$(dirname "$0")/../tools" && pwd)"

if [ ! -f "$layout/index.json" ]; then
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT

    # Wheels for the rootfs's Python (bookworm: 3.11, x86_64), whatever Python runs this script.
    wheels="$cache/wheels"
    mkdir -p "$wheels"
    for requirement in attrs==23.1.0 idna==3.6 idna==3.7 PyYAML==6.0.1; do
        python3 -m pip download --quiet --no-deps --only-binary=:all: --python-version 3.11 \
            --platform manylinux2014_x86_64 --dest "$wheels" "$requirement" >&2
    done

    python3 "$tools/oci-image.py" image --layout "$work/layout" --tag base --layer "$rootfs:gzip" >/dev/null
    umoci unpack --image "$work/layout:base" "$work/bundle" >/dev/null
    root="$work/bundle/rootfs"
    pip() {
        mkdir -p "$root/tmp/wheels"
        cp "$wheels"/*.whl "$root/tmp/wheels/"
        # A clean environment: the host's PIP_* settings must not reach the rootfs's pip.
        chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin \
            python3 -m pip --no-cache-dir --disable-pip-version-check "$@"
        rm -rf "$root/tmp/wheels"
    }
    pip install --no-index --find-links /tmp/wheels --break-system-packages attrs==23.1.0 idna==3.6 PyYAML==6.0.1 >&2
    pip inspect >"$work/pip-inspect-installed.json"
    # --refresh-bundle: the next repack holds only what changed after this one.
    umoci repack --refresh-bundle --image "$work/layout:installed" "$work/bundle" >/dev/null
    pip install --no-index --find-links /tmp/wheels --break-system-packages idna==3.7 >&2
    pip uninstall --yes --break-system-packages attrs >&2
    pip inspect >"$work/pip-inspect-upgraded.json"
    umoci repack --image "$work/layout:upgraded" "$work/bundle" >/dev/null
    mv "$work"/pip-inspect-*.json "$work/layout/"

    mkdir -p "$(dirname "$layout")"
    rm -rf "$layout.partial"
    mv "$work/layout" "$layout.partial"
    mv "$layout.partial" "$layout"
fi
echo "$layout"
