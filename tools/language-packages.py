#!/usr/bin/env python3
"""Test tooling: lists the language packages a root filesystem tar really holds, read with Python's own parsers.

The oracle the catalogers' tests compare against, written independently of them: core metadata through the
standard library's email parser (as importlib.metadata reads it), package.json through json, and gems through
the file names RubyGems gives their specifications (`name-version.gemspec`). Not part of the product.

  language-packages.py ROOTFS.tar

Prints one JSON object:
  python: [{name, version, path, files: {root-relative path: {recorded: RECORD's sha256 (hex), actual: the tar's}}}]
  npm:    [{name, version, path}]      package.json at a package root under node_modules/ or Debian's nodejs dirs
  gem:    [{file, path}]               every specifications/**/*.gemspec, file = its name without .gemspec
"""
import base64
import csv
import email.parser
import hashlib
import io
import json
import posixpath
import sys
import tarfile

NODE_SYSTEM_DIRECTORIES = ("usr/share/nodejs/", "usr/lib/nodejs/")


def normalise(name):
    name = name[2:] if name.startswith("./") else name
    return name.lstrip("/")


def is_package_root(directory):
    marker = directory.rfind("node_modules/")
    if marker >= 0 and (marker == 0 or directory[marker - 1] == "/"):
        relative = directory[marker + len("node_modules/"):]
    else:
        relative = next((directory[len(p):] for p in NODE_SYSTEM_DIRECTORIES if directory.startswith(p)), None)
        if relative is None:
            return False
    parts = relative.split("/")
    return (len(parts) == 1 and parts[0] and not parts[0].startswith("@")) or (
        len(parts) == 2 and parts[0].startswith("@") and len(parts[0]) > 1 and parts[1])


def recorded_sha256(field):
    """The hex SHA-256 a RECORD row gives: URL-safe base64 as PEP 376 asks, or hex as some Debian builds write."""
    algorithm, _, value = field.partition("=")
    if algorithm != "sha256":
        return None
    if len(value) == 64 and all(c in "0123456789abcdef" for c in value):
        return value
    return base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)).hex()


def main():
    archive = tarfile.open(sys.argv[1])
    members = {}
    for member in archive:
        if member.isfile():
            members[normalise(member.name)] = member

    def read(path):
        return archive.extractfile(members[path]).read()

    python, npm, gem = [], [], []
    for path in sorted(members):
        if path.endswith(".dist-info/METADATA") or path.endswith(".egg-info/PKG-INFO") or path.endswith(".egg-info"):
            headers = email.parser.HeaderParser().parsestr(read(path).decode("utf-8"))
            files = {}
            if path.endswith(".dist-info/METADATA"):
                record = path[: -len("METADATA")] + "RECORD"
                base = posixpath.dirname(posixpath.dirname(path))
                if record in members:
                    for row in csv.reader(io.StringIO(read(record).decode("utf-8"))):
                        if not row:
                            continue
                        resolved = posixpath.normpath(posixpath.join(base, row[0]))
                        if resolved in members:
                            files[resolved] = {"recorded": recorded_sha256(row[1] if len(row) > 1 else ""),
                                               "actual": hashlib.sha256(read(resolved)).hexdigest()}
            python.append({"name": headers["Name"], "version": headers["Version"], "path": path, "files": files})
        elif path.endswith("/package.json") and is_package_root(path[: -len("/package.json")]):
            manifest = json.loads(read(path))
            if isinstance(manifest, dict) and "name" in manifest and "version" in manifest:
                npm.append({"name": manifest["name"], "version": manifest["version"], "path": path})
        elif path.endswith(".gemspec") and "/specifications/" in path:
            gem.append({"file": posixpath.basename(path)[: -len(".gemspec")], "path": path})
    json.dump({"python": python, "npm": npm, "gem": gem}, sys.stdout, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
