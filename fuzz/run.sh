#!/usr/bin/env bash
# Builds FuzzLayer with libFuzzer and AddressSanitizer, builds the seed corpus, and fuzzes for SECONDS.
# Exits non-zero when libFuzzer finds a crash, leak, timeout or out-of-memory, printing how to reproduce it.
# Usage: fuzz/run.sh SECONDS   (the build goes to fuzz/.build, or $SAFEGUARD_FUZZ_SCRATCH)
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:?usage: fuzz/run.sh SECONDS}
scratch=${SAFEGUARD_FUZZ_SCRATCH:-.build}

# Bounds, each far above what a valid input of the allowed length needs, so that only a bug reaches them.
# Inputs up to 1 MiB: above the largest seed (435 KB) and the tar reader's 64 KiB long-name bound; longer
# inputs would only slow every execution.
max_len=1048576
# 10 s for one input: 1 MiB of deflate inflates to at most about 1 GiB, which inflates and hashes twice in a
# few seconds even under ASan; an input still running after 10 s is looping.
timeout=10
# 2 GiB of resident memory for the process: the pass keeps about 1 MiB of buffers, a zstd window of at most
# 128 MiB and a PAX header of at most 1 MiB, plus ASan's shadow and quarantine. More is a runaway allocation.
rss_limit_mb=2048
# 256 MiB for one allocation: the largest legitimate one is zstd's window (128 MiB, zstdMaximumWindowLog);
# anything bigger was sized by the input.
malloc_limit_mb=256

build=(swift build -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library --scratch-path "$scratch")
"${build[@]}" 2>&1 | grep -v "Cannot export local symbol" >&2 || true
binary="$("${build[@]}" --show-bin-path)/FuzzLayer"
[ -x "$binary" ] || { echo "run.sh: the build did not produce $binary" >&2; exit 1; }
FUZZ_MAX_LEN=$max_len ./make-corpus.sh

mkdir -p out/corpus out/crashes
log=out/fuzz.log
started=$SECONDS
status=0
# Swift's own crash backtracer would take the fatal signal before libFuzzer and ASan, and its reads of the
# crashed process's memory trip ASan; with it off, libFuzzer writes the artifact and ASan names the bug.
# New inputs go to out/corpus (the first folder), so later runs continue from where this one stopped.
SWIFT_BACKTRACE=enable=no "$binary" \
    -max_total_time="$seconds" -max_len="$max_len" -timeout="$timeout" \
    -rss_limit_mb="$rss_limit_mb" -malloc_limit_mb="$malloc_limit_mb" \
    -artifact_prefix=out/crashes/ -print_final_stats=1 \
    out/corpus corpus 2>&1 | tee "$log" | grep --line-buffered -E "^#[0-9]+.*(pulse|DONE)|ERROR|SUMMARY" >&2 \
    || status=${PIPESTATUS[0]}
elapsed=$((SECONDS - started))

stat() { sed -n "s/^stat::$1: *//p" "$log" | tail -1; }
echo "ran ${elapsed}s: $(stat number_of_executed_units) executions, $(stat average_exec_per_sec) exec/s," \
    "corpus $(find out/corpus -type f | wc -l) inputs, peak RSS $(stat peak_rss_mb) MB"
# libFuzzer's -interrupted_exitcode: stopped by Ctrl-C or a signal, which is no finding.
if [ "$status" -eq 72 ]; then
    echo "interrupted"
    exit 130
fi
if [ "$status" -ne 0 ]; then
    artifact=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -1)
    echo "FOUND: libFuzzer exited with status $status (log: fuzz/$log)"
    if [ -n "$artifact" ]; then
        echo "artifact: fuzz/$artifact"
        echo "reproduce: SWIFT_BACKTRACE=enable=no $binary fuzz/$artifact"
        echo "minimise:  SWIFT_BACKTRACE=enable=no $binary -minimize_crash=1 -max_total_time=60" \
            "-exact_artifact_path=fuzz/out/crashes/minimised fuzz/$artifact"
    fi
    exit 1
fi
echo "found nothing"
