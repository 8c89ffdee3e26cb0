#!/usr/bin/env python3
"""Reads an SPSS .sav or Stata .dta file with pyreadstat and prints what it found as JSON.

Usage: read-dataset.py FILE

The tests of `fabrique export responses --format sav|dta` run it with .build/venv/bin/python
(`make pyxform` installs pyreadstat there) and compare its output with the stored responses:
pyreadstat is the reader pandas users open these files with, and ReadStat is not the code under
test here, only its writer half is.

Printed keys: "meta" (file label and encoding, notes, and for each variable its label, format,
ReadStat type, value labels, SPSS missing values and ranges, measure), "values" (read with
user_missing=True: SPSS user-missing values as their codes, Stata extended missing values as their
letter) and "plain" (read as analysts usually do, declared missing values as null). Dates are
"yyyy-mm-dd", other missing values null.
"""
import datetime
import json
import math
import sys

import pyreadstat


def read(path, user_missing):
    reader = pyreadstat.read_sav if path.endswith(".sav") else pyreadstat.read_dta
    return reader(path, user_missing=user_missing, output_format="dict")


def plain(value):
    if isinstance(value, (datetime.datetime, datetime.date)):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item"):  # numpy scalars
        return plain(value.item())
    return value


def keyed(mapping):
    """JSON keys are text: value labels keyed by number become {"1": label} (`1.0` is written `1`)."""
    out = {}
    for key, label in mapping.items():
        if isinstance(key, float) and key.is_integer():
            key = int(key)
        out[str(key)] = label
    return out


def main():
    path = sys.argv[1]
    data, meta = read(path, True)
    without, _ = read(path, False)
    names = list(meta.column_names)
    variables = []
    for index, name in enumerate(names):
        variables.append({
            "name": name,
            "label": meta.column_labels[index],
            "format": meta.original_variable_types.get(name),
            "type": meta.readstat_variable_types.get(name),
            "value_labels": keyed(meta.variable_value_labels.get(name, {})),
            "missing_ranges": [
                {"lo": plain(r["lo"]), "hi": plain(r["hi"])} for r in meta.missing_ranges.get(name, [])
            ],
            "missing_values": [plain(v) for v in meta.missing_user_values.get(name, [])],
            "measure": meta.variable_measure.get(name),
            "storage_width": meta.variable_storage_width.get(name),
        })
    result = {
        "meta": {
            "file_label": meta.file_label,
            "file_encoding": meta.file_encoding,
            "notes": list(meta.notes),
            "rows": meta.number_rows,
            "variables": variables,
        },
        "values": [[plain(v) for v in data[name]] for name in names],
        "plain": [[plain(v) for v in without[name]] for name in names],
    }
    json.dump(result, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
