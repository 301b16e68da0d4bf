#!/usr/bin/env python3
"""Score CVSS vectors with Red Hat's `cvss` package, as an oracle for Safeguard's own CVSS code.

Reads one vector a line on stdin and prints one line for each on stdout, in the same order:
  - the base score with one decimal (e.g. `9.8`) when the vector is valid;
  - `error: <message>` when the library rejects it.

For CVSS 3.0 and 3.1 the printed score is the base score (the first of the library's three).
For CVSS 4.0 the whole vector is validated, then scored on its base metrics alone (CVSS-B): the library scores
whatever threat and environmental metrics are present, while Safeguard reports the base score.
Vectors without a `CVSS:` prefix are scored as CVSS v2.

Used by the CVSS oracle tests through a venv with a pinned `cvss` (see Tests/TestSupport/CVSSOracle.swift).
"""

import sys

from cvss import CVSS2, CVSS3, CVSS4

CVSS4_BASE_METRICS = ("AV", "AC", "AT", "PR", "UI", "VC", "VI", "VA", "SC", "SI", "SA")


def base_score(vector):
    if vector.startswith("CVSS:4.0/"):
        CVSS4(vector)
        fields = [field for field in vector.split("/")[1:] if field.split(":")[0] in CVSS4_BASE_METRICS]
        return CVSS4("CVSS:4.0/" + "/".join(fields)).base_score
    if vector.startswith("CVSS:3."):
        return CVSS3(vector).scores()[0]
    return CVSS2(vector).scores()[0]


def main():
    for line in sys.stdin:
        vector = line.rstrip("\n")
        try:
            print("%.1f" % float(base_score(vector)))
        except Exception as error:  # the library's errors are many classes; any of them means "rejected"
            print("error: %s" % str(error).replace("\n", " "))


if __name__ == "__main__":
    main()
