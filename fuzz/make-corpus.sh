#!/usr/bin/env bash
# Builds the seed corpus in fuzz/corpus/ from the external tar corpora (../shared/corpora/tar next to the
# checkout, or $SAFEGUARD_CORPORA/tar). The folder is regenerated each time and not committed: the corpora are
# other projects' files and stay where the corpora README says they live.
#
# Each seed is one selector byte and a blob, as FuzzLayer reads them: 0x00 none, 0x01 gzip, 0x02 zstd; 0x80 set
# makes the harness read contents in large chunks.
set -euo pipefail
cd "$(dirname "$0")"
corpora=${SAFEGUARD_CORPORA:-../../shared/corpora}
tars="$corpora/tar"
out=corpus

if [ ! -d "$tars" ]; then
    echo "make-corpus.sh: the tar corpora are missing: $(realpath -m "$tars")" \
        "(set SAFEGUARD_CORPORA to the folder that holds tar/)" >&2
    exit 1
fi
for tool in gzip zstd; do
    command -v "$tool" >/dev/null || { echo "make-corpus.sh: $tool is not installed" >&2; exit 1; }
done

rm -rf "$out"
mkdir -p "$out"

# seed NAME SELECTOR: the selector byte, then stdin.
seed() {
    { printf "\\x$2"; cat; } >"$out/$1"
}

# Every tar as an uncompressed layer, named after its path so a crash in the seeds says which file.
while IFS= read -r -d '' tar; do
    name=${tar#"$tars/"}
    seed "none-${name//\//-}" 00 <"$tar"
done < <(find "$tars" -name '*.tar' -print0 | sort -z)

# tar-split's own gzip files as gzip layers, and their tars as uncompressed layers.
for gz in "$tars"/tar-split-asm/*.tar.gz; do
    name=$(basename "$gz" .tar.gz)
    seed "gzip-tar-split-$name" 01 <"$gz"
    gzip -dc "$gz" | seed "none-tar-split-$name" 00
done

# A few tars recompressed, one per header family and the two that must be rejected (recursion, truncation).
recompressed=(
    go-archive-tar/gnu.tar go-archive-tar/pax.tar go-archive-tar/sparse-formats.tar go-archive-tar/xattrs.tar
    breakout-cases/moby-UntarInvalidSymlink-0.tar moby-tarsum/xattr/layer.tar
    cpython/recursion.tar moby-pkg-archive/broken.tar
)
for tar in "${recompressed[@]}"; do
    name=${tar//\//-}
    gzip -9nc "$tars/$tar" | seed "gzip-$name" 01
    zstd -19 -qc "$tars/$tar" | seed "zstd-$name" 02
done

# Streams the decompressors treat specially: two gzip members, gzip with zero padding, two zstd frames, and a
# large-chunk read of the biggest tar.
small="$tars/go-archive-tar/pax.tar"
{ gzip -nc "$small"; gzip -nc "$small"; } | seed gzip-two-members 01
{ gzip -nc "$small"; head -c 512 /dev/zero; } | seed gzip-zero-padding 01
{ zstd -qc "$small"; zstd -qc "$small"; } | seed zstd-two-frames 02
seed none-large-chunks-cpython-testtar.tar 80 <"$tars/cpython/testtar.tar"

# libFuzzer would cut a longer seed to its -max_len (run.sh passes the same bound), so it could no longer
# parse as the archive it came from; drop it and say so. Only fatlonglink's 26 MB uncompressed tar is this big.
max_len=${FUZZ_MAX_LEN:-1048576}
while IFS= read -r -d '' big; do
    echo "make-corpus.sh: skipping $(basename "$big"): longer than $max_len bytes" >&2
    rm "$big"
done < <(find "$out" -type f -size +"$max_len"c -print0)

echo "make-corpus.sh: $(find "$out" -type f | wc -l) seeds in fuzz/$out"
