#!/usr/bin/env python3
"""Reference values for inter-coder agreement (FabriqueStatsTests).

What it computes, for each reliability data set (units x coders, None = missing):
  * Krippendorff's alpha at the nominal, ordinal, interval and ratio levels, with
    ``krippendorff.alpha`` (PyPI package "krippendorff"; it takes coders x units and
    np.nan for missing, so the matrix is transposed here). String data sets get only
    the nominal level (codes mapped to integers first); the other levels are null.
    Every alpha is cross-checked against a plain-Python implementation of
    Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", below.
  * ``units``: number of pairable units (units with at least 2 non-missing values).
  * ``coders``: number of coders (columns).
  * ``percentAgreement``: computed here in plain Python (definition in
    ``percent_agreement``).
  * ``kappa``, ``kappaLinear``, ``kappaQuadratic``: for 2-coder data sets only, with
    ``sklearn.metrics.cohen_kappa_score`` on the units coded by both coders. For
    numeric codes the labels passed are the codes observed in those units, sorted
    numerically (``kappaLabels``); sklearn weights by the position of a label in that
    list, so the weights follow the numeric distance only when the observed codes are
    consecutive integers (asserted here for every generated data set). String codes
    get unweighted kappa only. Kappa is null when sklearn reports it undefined (NaN).
  * ``generatedWith``: package versions used (repeated in every entry, the output
    being a JSON list of data sets).

Generated with: Python 3.11.7, numpy 2.4.6, scipy 1.17.1, krippendorff 0.9.0,
scikit-learn 1.9.1 (the exact versions are also written into the JSON).

Rerun (from this directory):
    pip install krippendorff scikit-learn
    python3 make_agreement_fixtures.py > agreement.json
"""

import json
import math
import platform
import sys
import warnings
from collections import Counter

import krippendorff
import numpy as np
import scipy
import sklearn
from sklearn.metrics import cohen_kappa_score

GENERATED_WITH = {
    "python": platform.python_version(),
    "numpy": np.__version__,
    "scipy": scipy.__version__,
    "krippendorff": getattr(krippendorff, "__version__", None),
    "scikit-learn": sklearn.__version__,
}
if GENERATED_WITH["krippendorff"] is None:
    from importlib.metadata import version

    GENERATED_WITH["krippendorff"] = version("krippendorff")

LEVELS = ("nominal", "ordinal", "interval", "ratio")


# ---------------------------------------------------------------------------
# Plain-Python definitions
# ---------------------------------------------------------------------------

def unit_values(row):
    return [v for v in row if v is not None]


def pairable_units(values):
    return sum(1 for row in values if len(unit_values(row)) >= 2)


def percent_agreement(values):
    """Definition used for ``percentAgreement``.

    Over the pairable units (m_u >= 2 non-missing values), the proportion of agreeing
    ordered pairs of values among all ordered pairs of values within units:
        sum_u sum_v n_uv * (n_uv - 1)  /  sum_u m_u * (m_u - 1)
    where n_uv is the number of coders giving value v to unit u. With 2 coders this is
    the proportion of units coded by both coders on which both values are equal.
    """
    num = 0
    den = 0
    for row in values:
        vals = unit_values(row)
        m = len(vals)
        if m < 2:
            continue
        num += sum(c * (c - 1) for c in Counter(vals).values())
        den += m * (m - 1)
    return num / den


def alpha_plain(values, level):
    """Krippendorff's alpha via the coincidence matrix (Krippendorff 2011)."""
    o = Counter()  # coincidences o_ck
    for row in values:
        vals = unit_values(row)
        m = len(vals)
        if m < 2:
            continue
        for i, c in enumerate(vals):
            for j, k in enumerate(vals):
                if i != j:
                    o[(c, k)] += 1.0 / (m - 1)
    domain = sorted({c for c, _ in o})
    n_c = {c: sum(o[(c, k)] for k in domain) for c in domain}
    n = sum(n_c.values())

    def delta2(c, k):
        if level == "nominal":
            return 0.0 if c == k else 1.0
        if level == "interval":
            return float(c - k) ** 2
        if level == "ratio":
            return 0.0 if c + k == 0 else ((c - k) / (c + k)) ** 2
        if level == "ordinal":
            lo, hi = (c, k) if c <= k else (k, c)
            s = sum(n_c[g] for g in domain if lo <= g <= hi)
            return (s - (n_c[lo] + n_c[hi]) / 2.0) ** 2
        raise ValueError(level)

    d_o = sum(o[(c, k)] * delta2(c, k) for c in domain for k in domain)
    d_e = sum(n_c[c] * n_c[k] * delta2(c, k) for c in domain for k in domain)
    if d_e == 0:
        return float("nan")  # a single value in the data: alpha undefined
    return 1.0 - (n - 1) * d_o / d_e


def weighted_kappa_plain(a, b, labels, weights):
    """Cohen's kappa with |i-j| or (i-j)^2 weights on label positions."""
    idx = {lab: i for i, lab in enumerate(labels)}
    n = len(a)
    q = len(labels)
    obs = [[0.0] * q for _ in range(q)]
    for x, y in zip(a, b):
        obs[idx[x]][idx[y]] += 1
    ra = [sum(obs[i]) for i in range(q)]
    cb = [sum(obs[i][j] for i in range(q)) for j in range(q)]

    def w(i, j):
        if weights is None:
            return 0.0 if i == j else 1.0
        if weights == "linear":
            return abs(i - j)
        return (i - j) ** 2

    num = sum(w(i, j) * obs[i][j] for i in range(q) for j in range(q))
    den = sum(w(i, j) * ra[i] * cb[j] / n for i in range(q) for j in range(q))
    return 1.0 - num / den


# ---------------------------------------------------------------------------
# Package computations
# ---------------------------------------------------------------------------

def alpha_package(values, level, numeric):
    if numeric:
        data = np.array(
            [[np.nan if v is None else float(v) for v in row] for row in values],
            dtype=float,
        ).T  # coders x units
        return float(krippendorff.alpha(reliability_data=data, level_of_measurement=level))
    if level != "nominal":
        return None
    codes = sorted({v for row in values for v in row if v is not None})
    code_of = {c: float(i) for i, c in enumerate(codes)}
    data = np.array(
        [[np.nan if v is None else code_of[v] for v in row] for row in values],
        dtype=float,
    ).T
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))


def nan_to_none(x):
    if x is None:
        return None
    x = float(x)
    return None if math.isnan(x) else x


def kappas(values, numeric, notes):
    a = [row[0] for row in values if row[0] is not None and row[1] is not None]
    b = [row[1] for row in values if row[0] is not None and row[1] is not None]
    labels = sorted(set(a) | set(b))
    if numeric:
        assert all(isinstance(v, int) for v in labels)
    out = {}
    for key, weights in (("kappa", None), ("kappaLinear", "linear"), ("kappaQuadratic", "quadratic")):
        if weights is not None and not numeric:
            out[key] = None
            continue
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            k = cohen_kappa_score(a, b, labels=labels, weights=weights)
        for w in caught:
            notes.append(f"{key}: sklearn warned: {w.message}")
        k = nan_to_none(k)
        if k is not None:
            mine = weighted_kappa_plain(a, b, labels, weights)
            assert abs(mine - k) < 1e-12, (key, mine, k)
        out[key] = k
    out["kappaLabels"] = labels
    return out


def entry(name, values, numeric, description):
    coders = len(values[0])
    assert all(len(row) == coders for row in values)
    notes = []
    alpha = {}
    for level in LEVELS:
        if not numeric and level != "nominal":
            alpha[level] = None
            continue
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                a = alpha_package(values, level, numeric)
            except ValueError as err:
                notes.append(f"alpha {level}: krippendorff raised ValueError: {err}")
                a = float("nan")
        for w in caught:
            notes.append(f"alpha {level}: krippendorff warned: {w.message}")
        mine = alpha_plain(values, level)
        if a is None or math.isnan(a):
            assert math.isnan(mine)
            if not any(n.startswith(f"alpha {level}:") for n in notes):
                notes.append(f"alpha {level} undefined (NaN)")
            a = None
        else:
            assert abs(mine - a) < 1e-9, (name, level, mine, a)
        alpha[level] = a
    e = {
        "name": name,
        "description": description,
        "values": values,
        "numeric": numeric,
        "alpha": alpha,
        "units": pairable_units(values),
        "coders": coders,
        "percentAgreement": percent_agreement(values),
    }
    if coders == 2:
        e.update(kappas(values, numeric, notes))
    else:
        e.update({"kappa": None, "kappaLinear": None, "kappaQuadratic": None, "kappaLabels": None})
    if notes:
        e["notes"] = sorted(set(notes))
    e["generatedWith"] = GENERATED_WITH
    return e


# ---------------------------------------------------------------------------
# Data sets
# ---------------------------------------------------------------------------

def krippendorff2011():
    _ = None
    observers = {
        "A": [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
        "B": [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
        "C": [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
        "D": [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
    }
    cols = [observers[k] for k in "ABCD"]
    return [list(unit) for unit in zip(*cols)]  # units x coders


def generate(rng, units, coders, scale, p_copy, p_missing, first_probs=None):
    """Coder 1 draws from ``scale`` (with ``first_probs``); every other coder copies
    coder 1 with probability ``p_copy`` and otherwise draws uniformly from ``scale``.
    Each cell is then missing with probability ``p_missing``."""
    scale = list(scale)
    rows = []
    for _ in range(units):
        first = int(rng.choice(scale, p=first_probs))
        row = [first]
        for _ in range(coders - 1):
            if rng.random() < p_copy:
                row.append(first)
            else:
                row.append(int(rng.choice(scale)))
        row = [None if rng.random() < p_missing else v for v in row]
        rows.append(row)
    return rows


def main():
    out = []

    k11 = krippendorff2011()
    e = entry("krippendorff2011", k11, True,
              "Worked example of Krippendorff (2011), 4 observers A-D, 12 units, values 1-5.")
    expected = {"nominal": 0.743, "ordinal": 0.815, "interval": 0.849, "ratio": 0.797}
    for level, want in expected.items():
        assert round(e["alpha"][level], 3) == want, (level, e["alpha"][level], want)
    assert e["units"] == 11 and e["coders"] == 4
    out.append(e)

    rng = np.random.default_rng(20240611)
    ord3 = (0, 1, 2)  # 0 absent, 1 partiel, 2 affirme
    ord3_probs = [0.35, 0.40, 0.25]
    lik5 = (1, 2, 3, 4, 5)
    lik5_probs = [0.10, 0.15, 0.25, 0.30, 0.20]
    specs = [
        # name, units, coders, scale, probs, p_copy, p_missing
        ("gen01_2c_ord3_n20_high", 20, 2, ord3, ord3_probs, 0.80, 0.00),
        ("gen02_2c_ord3_n50_moderate_miss10", 50, 2, ord3, ord3_probs, 0.60, 0.10),
        ("gen03_2c_ord3_n200_poor_miss5", 200, 2, ord3, ord3_probs, 0.10, 0.05),
        ("gen04_2c_lik5_n100_high", 100, 2, lik5, lik5_probs, 0.85, 0.00),
        ("gen05_2c_lik5_n60_moderate_miss30", 60, 2, lik5, lik5_probs, 0.50, 0.30),
        ("gen06_3c_ord3_n40_high_miss10", 40, 3, ord3, ord3_probs, 0.80, 0.10),
        ("gen07_3c_lik5_n120_moderate_miss20", 120, 3, lik5, lik5_probs, 0.50, 0.20),
        ("gen08_4c_ord3_n80_poor_miss15", 80, 4, ord3, ord3_probs, 0.20, 0.15),
        ("gen09_5c_lik5_n200_high_miss25", 200, 5, lik5, lik5_probs, 0.90, 0.25),
        ("gen10_5c_ord3_n30_moderate", 30, 5, ord3, ord3_probs, 0.55, 0.00),
    ]
    for name, units, coders, scale, probs, p_copy, p_missing in specs:
        vals = generate(rng, units, coders, scale, p_copy, p_missing, probs)
        desc = (f"Generated: {coders} coders, {units} units, scale {scale[0]}-{scale[-1]}, "
                f"copy probability {p_copy}, missing probability {p_missing}.")
        out.append(entry(name, vals, True, desc))

    # Perfect agreement, 2 coders, 1-5 scale (alpha 1, kappa 1).
    vals = generate(rng, 25, 2, lik5, 1.0, 0.0, lik5_probs)
    out.append(entry("gen11_2c_lik5_n25_perfect", vals, True,
                     "Generated: 2 coders, 25 units, perfect agreement (alpha = kappa = 1)."))
    # Perfect agreement, 4 coders, missing values (alpha 1).
    vals = generate(rng, 30, 4, ord3, 1.0, 0.2, ord3_probs)
    out.append(entry("gen12_4c_ord3_n30_perfect_miss20", vals, True,
                     "Generated: 4 coders, 30 units, perfect agreement with 20% missing (alpha = 1)."))
    # 3 coders, some units with a single value or none (not pairable).
    vals = generate(rng, 24, 3, ord3, 0.7, 0.0, ord3_probs)
    vals[3] = [None, vals[3][1], None]   # single value: not pairable
    vals[10] = [vals[10][0], None, None]  # single value: not pairable
    vals[17] = [None, None, None]         # empty unit
    vals[20] = [None, vals[20][1], vals[20][2]]
    out.append(entry("gen13_3c_ord3_n24_singletons", vals, True,
                     "Generated: 3 coders, 24 units; units 4 and 11 have a single value, unit 18 none "
                     "(not pairable, must not count)."))
    # 2 coders, a unit coded by one coder only.
    vals = generate(rng, 20, 2, lik5, 0.7, 0.0, lik5_probs)
    vals[5] = [vals[5][0], None]
    vals[12] = [None, vals[12][1]]
    out.append(entry("gen14_2c_lik5_n20_single_coded_units", vals, True,
                     "Generated: 2 coders, 20 units; units 6 and 13 coded by one coder only."))
    # 2 coders, coder 2 uses a single category: kappa = 0 exactly, alpha negative.
    vals = generate(rng, 30, 2, ord3, 0.0, 0.0, ord3_probs)
    vals = [[r[0], 1] for r in vals]
    out.append(entry("gen15_2c_ord3_n30_coder2_constant", vals, True,
                     "Generated: 2 coders, 30 units; coder 2 always codes 1 (kappa = 0)."))

    # 2 coders, both always code 2: alpha and kappa undefined (null).
    vals = [[2, 2] for _ in range(12)]
    vals[4] = [2, None]
    out.append(entry("gen16_2c_ord3_n12_single_value", vals, True,
                     "2 coders, 12 units, every value is 2: alpha and kappa undefined (null)."))

    # Nominal string data sets.
    codes = ["oui", "non", "nsp"]
    srng = np.random.default_rng(7)

    def gen_str(units, coders, p_copy, p_missing, probs):
        rows = []
        for _ in range(units):
            first = str(srng.choice(codes, p=probs))
            row = [first] + [first if srng.random() < p_copy else str(srng.choice(codes))
                             for _ in range(coders - 1)]
            rows.append([None if srng.random() < p_missing else v for v in row])
        return rows

    out.append(entry("str01_2c_oui_non_nsp_n40", gen_str(40, 2, 0.7, 0.1, [0.5, 0.35, 0.15]), False,
                     "Generated nominal strings oui/non/nsp: 2 coders, 40 units, 10% missing."))
    out.append(entry("str02_3c_oui_non_nsp_n30", gen_str(30, 3, 0.6, 0.15, [0.45, 0.40, 0.15]), False,
                     "Generated nominal strings oui/non/nsp: 3 coders, 30 units, 15% missing."))

    # Sanity checks on the generated numeric data.
    for e in out:
        if e["numeric"] and e["kappaLabels"] is not None:
            labs = e["kappaLabels"]
            assert labs == list(range(labs[0], labs[-1] + 1)), (e["name"], labs)
        if e["name"].endswith("perfect") or "perfect_" in e["name"]:
            assert all(abs(e["alpha"][lv] - 1.0) < 1e-12 for lv in LEVELS)

    json.dump(out, sys.stdout, indent=1, allow_nan=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
