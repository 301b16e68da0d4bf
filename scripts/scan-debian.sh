#!/usr/bin/env bash
# The main job on a fresh machine: build a real Debian image with mmdebstrap, pack it as an OCI layout,
# and scan it with the release binary and its embedded defaults. Extra arguments go to `safeguard scan`.
set -euo pipefail
cd "$(dirname "$0")/.."

rootfs=$(scripts/debian-rootfs.sh bookworm-minbase)
layout=${SAFEGUARD_TEST_CACHE:-$HOME/.cache/safeguard-tests}/layouts/debian-bookworm
if [ ! -f "$layout/index.json" ]; then
    python3 tools/oci-image.py image --layout "$layout" --tag bookworm --layer "$rootfs:gzip" \
        --history "mmdebstrap --variant=minbase bookworm" --cmd '["bash"]' >/dev/null
fi
exec .build/release/safeguard scan "$@" "oci:$layout:bookworm"
