#!/usr/bin/env python3
"""Test tooling: writes SQLite files shaped like rpm's database (rpmdb.sqlite), hostile ones included.

  rpm-sqlite.py OUTPUT < SPEC.json

SPEC is a JSON object:
  {"schema": "..."   (SQL run first; default: rpm's own `Packages` table),
   "rows": [{"hex": "..."} | {"text": "..."} | {"integer": N} | {"null": true}, ...]}
Each row is inserted into `Packages` as its `blob` value with that storage class. Not part of the product.
"""
import json
import sqlite3
import sys

RPM_SCHEMA = "CREATE TABLE Packages (hnum INTEGER PRIMARY KEY AUTOINCREMENT, blob BLOB NOT NULL)"


def value(row):
    if "hex" in row:
        return bytes.fromhex(row["hex"])
    if "text" in row:
        return row["text"]
    if "integer" in row:
        return row["integer"]
    return None


def main():
    spec = json.load(sys.stdin)
    connection = sqlite3.connect(sys.argv[1])
    connection.executescript(spec.get("schema", RPM_SCHEMA))
    for row in spec.get("rows", []):
        # The hostile rows break `NOT NULL` on purpose; a schema without the constraint is the test's to write.
        connection.execute("INSERT INTO Packages (blob) VALUES (?)", (value(row),))
    connection.commit()
    connection.close()


if __name__ == "__main__":
    main()
