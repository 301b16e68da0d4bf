#!/usr/bin/env python3
"""Validates a CycloneDX 1.6 JSON document against the official schema, strictly (no unknown properties).

The schema and the SPDX licence and JSF schemas it references come bundled with cyclonedx-python-lib, which
also wires them together; this script only runs it. Prints one error a line; exits 1 when the document is invalid.

Usage: validate-cyclonedx.py FILE
"""
import sys

from cyclonedx.schema import SchemaVersion
from cyclonedx.validation.json import JsonStrictValidator


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    with open(sys.argv[1], encoding="utf-8") as document:
        errors = JsonStrictValidator(SchemaVersion.V1_6).validate_str(document.read(), all_errors=True)
    if errors is None:
        return 0
    for error in errors:
        detail = error.data
        print(f"{'/'.join(str(part) for part in detail.absolute_path)}: {detail.message}"[:500])
    return 1


if __name__ == "__main__":
    sys.exit(main())
