#!/usr/bin/env python3
"""Benchmark tooling: compares the packages of a `safeguard sbom --format json` document with syft's JSON output.

  compare-sboms.py SAFEGUARD.json SYFT.json

Prints, per ecosystem, how many name/version pairs each tool found and the first pairs only one of them found.
Not part of the product.
"""
import json
import sys

# syft's artifact types for the ecosystems safeguard names by purl type.
SYFT_TYPES = {"deb": "deb", "apk": "apk", "rpm": "rpm", "pypi": "python", "npm": "npm", "gem": "gem",
              "golang": "go-module", "maven": "java-archive", "composer": "php-composer", "cargo": "rust-crate"}


def main():
    ours = json.load(open(sys.argv[1]))["packages"]
    theirs = json.load(open(sys.argv[2]))["artifacts"]
    for ecosystem, syft_type in SYFT_TYPES.items():
        a = {(p["name"].lower(), p["version"]) for p in ours if p["type"] == ecosystem}
        b = {(p["name"].lower(), p["version"]) for p in theirs if p["type"] == syft_type}
        if not a and not b:
            continue
        print(f"{ecosystem:9} safeguard {len(a):4}  syft {len(b):4}  only safeguard {sorted(a - b)[:4]}  "
              f"only syft {sorted(b - a)[:4]}")


if __name__ == "__main__":
    main()
