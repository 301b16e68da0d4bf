#!/usr/bin/env python3
"""Test tooling: writes the contents of a `.dep-v0` section as `cargo auditable` embeds it in a Rust executable.

  cargo-auditable-section.py OUTPUT < SPEC.json

SPEC is a JSON object:
  {"json": {...}          (the dependency list, written as compact JSON, then zlib-compressed), or
   "text": "..."          (written as is, then zlib-compressed: for lists that are not JSON),
   "bomb": N              (N zero bytes, zlib-compressed: a few KB that inflate to N bytes),
   "corrupt": "checksum" | "truncate" | "header"   (optional: break the zlib stream after compressing)}
The test then adds OUTPUT to a program with
  objcopy --add-section .dep-v0=OUTPUT --set-section-flags .dep-v0=noload,readonly
Not part of the product.
"""
import json
import sys
import zlib


def payload(spec):
    if "json" in spec:
        return json.dumps(spec["json"], separators=(",", ":")).encode()
    if "text" in spec:
        return spec["text"].encode()
    return bytes(spec["bomb"])


def corrupted(data, how):
    if how == "checksum":
        return data[:-1] + bytes([data[-1] ^ 0xFF])
    if how == "truncate":
        return data[: len(data) // 2]
    if how == "header":
        return b"\x00\x00" + data[2:]
    return data


def main():
    spec = json.load(sys.stdin)
    # Level 9 and a streaming compressor, so a bomb of many MiB is written without holding it twice.
    compressor = zlib.compressobj(9)
    if "bomb" in spec:
        zero = bytes(1 << 20)
        data = b"".join(compressor.compress(zero[: min(len(zero), spec["bomb"] - done)])
                        for done in range(0, spec["bomb"], len(zero)))
    else:
        data = compressor.compress(payload(spec))
    data += compressor.flush()
    with open(sys.argv[1], "wb") as output:
        output.write(corrupted(data, spec.get("corrupt")))


if __name__ == "__main__":
    main()
