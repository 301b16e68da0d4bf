#!/usr/bin/env python3
"""Test tooling: writes tar files with exactly the entries a test asks for, hostile ones included.

  craft-tar.py OUTPUT < SPEC.json

SPEC is a JSON list of entries, written in order. Each entry is an object:
  {"type": "file|dir|symlink|hardlink|char|block|fifo", "name": ..., "link": ..., "mode": 420,
   "content": "text", "size": N (zero bytes instead of content), "major": 1, "minor": 3,
   "pax": [["key", "value"], ...]   (a PAX header for the entry, records in order, duplicates allowed),
   "longname": "..."                (a GNU long-name header before the entry)}
  {"type": "raw", "hex": "..."}     (bytes appended as they are, e.g. data after the end-of-archive blocks)
Names are written byte-exact (absolute names, `..`, control characters stay). Not part of the product.
"""
import json
import sys
import tarfile

TYPES = {"file": tarfile.REGTYPE, "dir": tarfile.DIRTYPE, "symlink": tarfile.SYMTYPE, "hardlink": tarfile.LNKTYPE,
         "char": tarfile.CHRTYPE, "block": tarfile.BLKTYPE, "fifo": tarfile.FIFOTYPE}


def block_pad(data):
    return data + b"\0" * (-len(data) % 512)


def header(info):
    # USTAR headers written field by field: tarfile would otherwise rewrite or refuse hostile names.
    return info.tobuf(format=tarfile.USTAR_FORMAT, encoding="utf-8", errors="surrogateescape")


def meta_header(kind, payload):
    info = tarfile.TarInfo("././@PaxHeader" if kind == b"x" else "././@LongLink")
    info.type = kind
    info.size = len(payload)
    return header(info) + block_pad(payload)


def pax_payload(records):
    out = b""
    for key, value in records:
        body = b" " + key.encode("utf-8", "surrogateescape") + b"=" + value.encode("utf-8", "surrogateescape") + b"\n"
        length = len(body) + 1
        while len(str(length)) + len(body) != length:
            length = len(str(length)) + len(body)
        out += str(length).encode() + body
    return out


def entry_bytes(spec):
    if spec["type"] == "raw":
        return bytes.fromhex(spec["hex"])
    info = tarfile.TarInfo(spec.get("name", ""))
    info.type = TYPES[spec["type"]]
    info.mode = spec.get("mode", 0o755 if spec["type"] == "dir" else 0o644)
    info.linkname = spec.get("link", "")
    info.devmajor = spec.get("major", 0)
    info.devminor = spec.get("minor", 0)
    info.mtime = 1700000000
    data = spec.get("content", "").encode("utf-8", "surrogateescape") if "size" not in spec else b"\0" * spec["size"]
    info.size = len(data) if info.type == tarfile.REGTYPE else 0
    out = b""
    if "pax" in spec:
        out += meta_header(tarfile.XHDTYPE, pax_payload(spec["pax"]))
    if "longname" in spec:
        out += meta_header(tarfile.GNUTYPE_LONGNAME, spec["longname"].encode("utf-8", "surrogateescape") + b"\0")
    out += header(info)
    if info.type == tarfile.REGTYPE:
        out += block_pad(data)
    return out


def main():
    specs = json.load(sys.stdin)
    with open(sys.argv[1], "wb") as out:
        body = [spec for spec in specs if spec["type"] != "raw" or not spec.get("after_end")]
        tail = [spec for spec in specs if spec["type"] == "raw" and spec.get("after_end")]
        for spec in body:
            out.write(entry_bytes(spec))
        out.write(b"\0" * 1024)
        for spec in tail:
            out.write(entry_bytes(spec))


if __name__ == "__main__":
    main()
