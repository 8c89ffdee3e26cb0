#!/usr/bin/env python3
"""Reference values for Fleiss' kappa, Gwet's AC1/AC2 and Brennan-Prediger (FabriqueStatsTests).

For every data set of agreement.json (its "values", units x coders, None = missing) and for the
published raw-rating data sets that irrCAC ships from Gwet's Handbook of Inter-Rater Reliability
(raw_4raters, raw_5observers, raw_ben_gerry, raw_gender, raw_g1g2), plus two "kappa paradox" data
sets, it computes with irrCAC (PyPI "irrCAC", Gwet's own formulas with missing ratings):

  * fleissKappa      CAC(df).fleiss()
  * gwetAC1          CAC(df).gwet()
  * gwetAC2Linear    CAC(df, weights="linear").gwet()      numeric codes only
  * gwetAC2Quadratic CAC(df, weights="quadratic").gwet()   numeric codes only
  * brennanPrediger  CAC(df).bp()

with digits=15 (irrCAC rounds to 5 by default). A coefficient is null where fabrique calls it
undefined: fewer than two categories (irrCAC then sets the chance agreement to 1 - 1e-15 and
reports about 1, or NaN), or chance agreement of exactly 1.

For two coders and two categories it also gives, in plain Python, Byrt, Bishop and Carlin's (1993)
prevalence and bias indices as absolute values over the units both coded: |a - d| / n and
|b - c| / n (a, d: both in the first, second category; b, c: split). Otherwise they are null.

"published" holds the values printed in irrCAC's documentation for raw_4raters (Gwet 2014):
AC1 0.77544 and Fleiss' kappa 0.76117.

Rerun (from this directory):
    python3 -m venv /tmp/irr && /tmp/irr/bin/pip install irrCAC pandas
    /tmp/irr/bin/python make_chance_agreement_fixtures.py > chance_agreement.json
"""

import json
import math
import platform
import sys
import warnings
from importlib.metadata import version

import numpy as np
import pandas as pd
from irrCAC import datasets
from irrCAC.raw import CAC

GENERATED_WITH = {"python": platform.python_version(), "irrCAC": version("irrCAC"),
                  "pandas": pd.__version__, "numpy": np.__version__}


def frame(values):
    return pd.DataFrame([[np.nan if v is None else v for v in row] for row in values], dtype=object)


def coefficient(df, method, weights="identity"):
    if len(set(df.stack().tolist())) < 2:
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        cac = CAC(df.copy(), weights=weights, digits=15)
        value = float(getattr(cac, method)()["est"]["coefficient_value"])
    return None if math.isnan(value) or math.isinf(value) else value


def prevalence_bias(values):
    pairs = [(r[0], r[1]) for r in values if len(r) == 2 and r[0] is not None and r[1] is not None]
    categories = sorted({v for p in pairs for v in p})
    if len(values[0]) != 2 or len(categories) != 2:
        return None, None
    first, second = categories
    n = len(pairs)
    a = sum(1 for p in pairs if p == (first, first))
    b = sum(1 for p in pairs if p == (first, second))
    c = sum(1 for p in pairs if p == (second, first))
    d = sum(1 for p in pairs if p == (second, second))
    return abs(a - d) / n, abs(b - c) / n


def entry(name, values, numeric, description, published=None):
    df = frame(values)
    e = {"name": name, "description": description, "values": values, "numeric": numeric,
         "fleissKappa": coefficient(df, "fleiss"),
         "gwetAC1": coefficient(df, "gwet"),
         "gwetAC2Linear": coefficient(df, "gwet", "linear") if numeric else None,
         "gwetAC2Quadratic": coefficient(df, "gwet", "quadratic") if numeric else None,
         "brennanPrediger": coefficient(df, "bp")}
    e["prevalenceIndex"], e["biasIndex"] = prevalence_bias(values)
    if published:
        e["published"] = published
    e["generatedWith"] = GENERATED_WITH
    return e


def rows(df):
    out = []
    for row in df.itertuples(index=False):
        cells = []
        for v in row:
            if v is None or (isinstance(v, float) and math.isnan(v)):
                cells.append(None)
            elif isinstance(v, float) and v == int(v):
                cells.append(int(v))
            else:
                cells.append(v)
        out.append(cells)
    return out


def main():
    out = []
    with open("agreement.json") as f:
        for d in json.load(f):
            out.append(entry(d["name"], d["values"], d["numeric"], d["description"]))
    out.append(entry("gwet_raw_4raters", rows(datasets.raw_4raters()), True,
                     "Gwet (2014), 4 raters, 12 units, categories 1-5, missing ratings (irrCAC raw_4raters).",
                     {"gwetAC1": 0.77544, "fleissKappa": 0.76117}))
    out.append(entry("gwet_raw_5observers", rows(datasets.raw_5observers()), True,
                     "Gwet (2014), 5 observers, 15 units, categories 0-4 (irrCAC raw_5observers)."))
    out.append(entry("gwet_raw_ben_gerry", rows(datasets.raw_ben_gerry()), False,
                     "Gwet (2014), 2 raters Ben and Gerry, 12 units, categories a-e (irrCAC raw_ben_gerry)."))
    out.append(entry("gwet_raw_gender", rows(datasets.raw_gender()), False,
                     "Gwet (2014), 4 raters, 15 units, categories a-e (irrCAC raw_gender)."))
    out.append(entry("gwet_raw_g1g2", rows(datasets.raw_g1g2()), False,
                     "Gwet (2014), 4 raters, 14 units, categories a-e with missing ratings (irrCAC raw_g1g2)."))
    # The kappa paradox: a criterion present in nearly every fiche. 100 fiches, both coders say
    # present on 90, absent on 0, and split 5 and 5: 90 % agreement, kappa about -0.05.
    paradox = [[1, 1]] * 90 + [[1, 0]] * 5 + [[0, 1]] * 5
    out.append(entry("paradox_2c_presence_n100", paradox, True,
                     "Kappa paradox: 2 coders, 100 units, 90 both 1, 5 and 5 split: 90% agreement, kappa below 0."))
    # The same split with balanced prevalence: kappa and AC1 agree.
    balanced = [[1, 1]] * 45 + [[0, 0]] * 45 + [[1, 0]] * 5 + [[0, 1]] * 5
    out.append(entry("balanced_2c_presence_n100", balanced, True,
                     "2 coders, 100 units, 45 both 1, 45 both 0, 5 and 5 split: 90% agreement, kappa 0.8."))
    json.dump(out, sys.stdout, indent=1, allow_nan=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
