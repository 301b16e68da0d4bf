#!/usr/bin/env bash
# Runs the whole test suite: unit tests, the shared corpora, and integration tests against a real registry
# (started by the tests on a free loopback port) and real Debian images built with mmdebstrap.
set -euo pipefail
cd "$(dirname "$0")/.."

# The Debian fixture is built once and cached; build it before the tests so its cost is not paid inside one.
scripts/debian-rootfs.sh bookworm-minbase >/dev/null

swift build --build-tests
swift test --skip-build "$@"
