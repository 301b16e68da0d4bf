#!/usr/bin/env python3
"""Test tooling: writes a Berkeley DB hash `Packages` file, as rpm before 4.16 keeps its database, from the header
blobs of an SQLite rpm database (rpmdb.sqlite).

  rpm-bdb.py RPMDB_SQLITE OUTPUT_DIRECTORY [--pagesize N] [--big-endian] [--checksum]

Each row of the SQLite `Packages` table becomes one record: the key is the header number (`hnum`) as 4 bytes in the
file's byte order, the value the header blob, as rpm's Berkeley DB backend wrote them on the machine that made the
file. Key 0 holds the largest header number, as rpm keeps it there. The file is made by Debian's
`db5.3_load -t hash` (package db5.3-util) into OUTPUT_DIRECTORY/Packages. `--pagesize N` sets the page size and a
fill factor of 1, so that small pages force many buckets and overflow pages; `--big-endian` writes the file as a
big-endian machine (s390x) would; `--checksum` gives each page a checksum, which rpm never asked for. Not part of the
product.
"""
import argparse
import sqlite3
import struct
import subprocess


def dump_format(records):
    """The text db_load reads: db_dump's header, then each key and value as a line of hex."""
    lines = ["VERSION=3", "format=bytevalue", "type=hash", "HEADER=END"]
    for key, value in records:
        lines.append(" " + key.hex())
        lines.append(" " + value.hex())
    lines.append("DATA=END")
    return ("\n".join(lines) + "\n").encode()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("source")
    parser.add_argument("directory")
    parser.add_argument("--pagesize", type=int)
    parser.add_argument("--big-endian", action="store_true")
    parser.add_argument("--checksum", action="store_true")
    arguments = parser.parse_args()
    connection = sqlite3.connect(arguments.source)
    rows = list(connection.execute("SELECT hnum, blob FROM Packages ORDER BY hnum"))
    connection.close()
    # rpm stores header numbers as 4 bytes in the byte order of the machine, which is the file's.
    order = ">I" if arguments.big_endian else "<I"
    records = [(struct.pack(order, 0), struct.pack(order, max((row[0] for row in rows), default=0)))]
    records += [(struct.pack(order, number), bytes(blob)) for number, blob in rows]
    command = ["db5.3_load", "-t", "hash", "-c", "db_lorder=" + ("4321" if arguments.big_endian else "1234")]
    if arguments.pagesize:
        command += ["-c", "db_pagesize=%d" % arguments.pagesize, "-c", "h_ffactor=1"]
    if arguments.checksum:
        command += ["-c", "chksum=1"]
    subprocess.run(command + [arguments.directory + "/Packages"], input=dump_format(records), check=True)


if __name__ == "__main__":
    main()
