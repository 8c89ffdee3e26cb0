#!/usr/bin/env python3
"""Reference values for descriptive and inferential statistics (FabriqueStatsTests).

What it computes (one JSON object, each array's cases named):
  * "wilson": 95% Wilson score interval for k successes out of n,
    ``statsmodels.stats.proportion.proportion_confint(k, n, alpha=0.05, method='wilson')``,
    proportions on the 0-1 scale.
  * "chi2": Pearson chi-square test of independence,
    ``scipy.stats.chi2_contingency(table, correction=False)`` (no Yates correction):
    statistic, degrees of freedom, p-value; Cramer's V = sqrt(chi2 / (N * (min(r, c) - 1)));
    expectedBelow5Share = share of the expected counts below 5; fisherP =
    ``scipy.stats.fisher_exact(table, alternative='two-sided').pvalue`` for 2x2 tables
    (null otherwise). The expected counts are included as "expected".
  * "chi2sf": upper tail of the chi-square distribution, ``scipy.stats.chi2.sf(x, df)``,
    down to p ~ 1e-300.
  * "descriptive": numpy mean, standard deviation (ddof=1), ``np.percentile(v, [25, 50, 75])``
    (linear interpolation, R type 7), min, max, and the t-based 95% confidence interval of
    the mean, mean -/+ ``scipy.stats.t.ppf(0.975, n - 1)`` * sd / sqrt(n). For n = 1, sd and
    ci95 are null.
  * "likert": distribution over the scale points, mean, and top-2-box percentage
    (share of the two highest scale points x 100) over the non-missing values (null =
    missing; mean and top2Percent null when nothing is left).
  * "ttable": ``scipy.stats.t.ppf(0.975, df)``.
Floats are written at full precision (Python repr).

Generated with: Python 3.11.7, numpy 2.4.6, scipy 1.17.1, statsmodels 0.15.0 (the exact
versions are also written into the JSON as "generatedWith").

Rerun (from this directory):
    pip install statsmodels
    python3 make_stats_fixtures.py > stats.json
"""

import json
import math
import platform
import sys

import numpy as np
import scipy
import statsmodels
from scipy import stats
from statsmodels.stats.proportion import proportion_confint

GENERATED_WITH = {
    "python": platform.python_version(),
    "numpy": np.__version__,
    "scipy": scipy.__version__,
    "statsmodels": statsmodels.__version__,
}


def f(x):
    """Plain Python float (full precision via json's repr), null for NaN."""
    if x is None:
        return None
    x = float(x)
    assert not math.isinf(x)
    return None if math.isnan(x) else x


# ---------------------------------------------------------------------------

def wilson_cases():
    pairs = [
        (0, 10), (10, 10), (0, 1), (1, 1), (0, 7), (3, 7), (7, 7), (1, 3), (2, 3),
        (17, 53), (45, 46), (123, 457), (0, 1000), (1, 1000), (500, 1000), (999, 1000),
        (1000, 1000), (29, 30), (5, 250), (333, 334),
    ]
    out = []
    for k, n in pairs:
        lo, hi = proportion_confint(k, n, alpha=0.05, method="wilson")
        # Independent check with the closed form.
        z = stats.norm.ppf(0.975)
        p = k / n
        centre = (p + z * z / (2 * n)) / (1 + z * z / n)
        half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
        assert abs(centre - half - lo) < 1e-12 and abs(centre + half - hi) < 1e-12, (k, n)
        out.append({"name": f"k{k}_n{n}", "count": k, "n": n, "lower": f(lo), "upper": f(hi)})
    return out


# ---------------------------------------------------------------------------

def chi2_case(name, table, description):
    t = np.asarray(table, dtype=float)
    res = stats.chi2_contingency(t, correction=False)
    chi2, p, dof, expected = res.statistic, res.pvalue, res.dof, res.expected_freq
    n = t.sum()
    r, c = t.shape
    v = math.sqrt(chi2 / (n * (min(r, c) - 1)))
    below5 = float((expected < 5).sum()) / expected.size
    fisher = None
    if t.shape == (2, 2):
        fisher = stats.fisher_exact(np.asarray(table, dtype=int), alternative="two-sided").pvalue
    # Independent check of the statistic and p.
    e2 = np.outer(t.sum(axis=1), t.sum(axis=0)) / n
    mine = float(((t - e2) ** 2 / e2).sum())
    assert abs(mine - chi2) <= 1e-9 * max(1.0, chi2), name
    assert dof == (r - 1) * (c - 1)
    return {
        "name": name,
        "description": description,
        "table": [[int(x) for x in row] for row in table],
        "chi2": f(chi2),
        "df": int(dof),
        "p": f(p),
        "cramersV": f(v),
        "expectedBelow5Share": f(below5),
        "fisherP": f(fisher),
        "expected": [[f(x) for x in row] for row in expected],
    }


def chi2_cases():
    rng = np.random.default_rng(18)
    regions = []
    for i in range(18):
        base = rng.integers(8, 80)
        lean = 0.35 + 0.3 * (i / 17)  # drift of the "oui" share across regions
        oui = int(rng.binomial(base, lean))
        non = int(rng.binomial(base - oui, 0.8))
        nsp = int(base - oui - non) + int(rng.integers(0, 4))
        regions.append([oui, non, nsp])
    cases = [
        ("2x2_basic", [[12, 5], [7, 15]], "2x2 table, moderate counts."),
        ("2x2_balanced_large", [[120, 80], [95, 105]], "2x2 table, N = 400."),
        ("2x2_independent", [[20, 30], [40, 60]], "Exactly proportional rows: chi2 = 0, p = 1."),
        ("2x2_small_counts", [[3, 1], [1, 3]], "Small counts: all expected below 5."),
        ("2x2_zero_cell", [[0, 5], [6, 4]], "A zero cell."),
        ("2x3_basic", [[10, 20, 30], [25, 15, 12]], "2x3 table."),
        ("2x3_small_zero", [[2, 0, 3], [1, 4, 1]], "2x3 with small counts and a zero cell."),
        ("3x4_basic", [[15, 22, 9, 14], [8, 30, 12, 10], [20, 11, 18, 25]], "3x4 table."),
        ("3x3_p_1e-30", [[43, 6, 5], [6, 40, 7], [5, 6, 42]], "Strong diagonal: p about 3e-30."),
        ("2x2_p_tiny", [[500, 100], [100, 500]], "Very large chi2: p about 1e-118."),
        ("3x3_p_1e-249", [[250, 20, 10], [15, 240, 25], [12, 18, 260]],
         "Extreme chi2 (about 1155, df 4): p about 1e-248."),
        ("18x3_regions", regions, "18 regions x oui/non/nsp, generated counts (seed 18)."),
        ("4x2_mixed", [[5, 9], [14, 3], [7, 7], [2, 11]], "4x2 table (min dimension 2)."),
    ]
    return [chi2_case(*c) for c in cases]


# ---------------------------------------------------------------------------

def chi2sf_cases():
    out = []
    seen = set()
    for df in (1, 2, 3, 5, 10, 17, 30, 100):
        xs = [0.001, 0.01, 0.1, 0.5, 1.0, 2.0, df / 2, df - 0.5, float(df), df + 0.5,
              2.0 * df, 3.0 * df, 50.0, 100.0, 200.0, 500.0, 1000.0]
        # x where p ~ 1e-10, 1e-30, 1e-100, 1e-200, 1e-300 (rounded to 6 significant digits).
        for target in (1e-10, 1e-30, 1e-100, 1e-200, 1e-300):
            xs.append(float(f"{stats.chi2.isf(target, df):.6g}"))
        for x in sorted(set(x for x in xs if x > 0)):
            p = stats.chi2.sf(x, df)
            if p < 1e-305 or (df, x) in seen:  # stay clear of subnormals / underflow
                continue
            seen.add((df, x))
            out.append({"name": f"df{df}_x{x:g}", "x": f(x), "df": df, "p": f(p)})
    return out


# ---------------------------------------------------------------------------

def descriptive_case(name, values, description):
    v = np.asarray(values, dtype=float)
    n = len(v)
    q1, med, q3 = np.percentile(v, [25, 50, 75])
    mean = float(np.mean(v))
    if n >= 2:
        sd = float(np.std(v, ddof=1))
        t = stats.t.ppf(0.975, n - 1)
        half = t * sd / math.sqrt(n)
        ci = [f(mean - half), f(mean + half)]
    else:
        sd = None
        ci = None
    return {
        "name": name,
        "description": description,
        "values": values,
        "n": n,
        "mean": f(mean),
        "sd": f(sd),
        "median": f(med),
        "q1": f(q1),
        "q3": f(q3),
        "min": f(v.min()),
        "max": f(v.max()),
        "ci95": ci,
    }


def descriptive_cases():
    rng = np.random.default_rng(1000)
    big = [round(float(x), 2) for x in rng.normal(50.0, 12.0, 1000)]
    cases = [
        ("n1", [42], "Single value: sd and ci95 null."),
        ("n2", [3, 8], "Two values."),
        ("n3_unsorted", [7, 1, 4], "Three unsorted values."),
        ("n4_even_median", [10, 2, 8, 4], "Even n: median interpolated."),
        ("int_ties", [1, 2, 2, 3, 3, 3, 4, 4, 5, 5, 5, 5, 7], "Integers with ties."),
        ("constant", [4, 4, 4, 4, 4], "Constant values: sd 0, ci95 degenerate."),
        ("fte", [0.5, 1.0, 0.8, 0.5, 0.6, 1.0, 1.0, 0.5, 0.2, 0.9, 0.75, 0.5],
         "Decimal FTE values (0.5 = half time)."),
        ("negatives", [-3.5, 2.25, -0.75, 0.0, 12.5, -8.0, 4.125], "Mixed signs."),
        ("skewed_counts", [0, 0, 0, 1, 1, 2, 3, 5, 8, 13, 21, 34, 55, 144], "Right-skewed counts."),
        ("random_1000", big, "1000 values ~ N(50, 12), rounded to 2 decimals (seed 1000)."),
    ]
    return [descriptive_case(*c) for c in cases]


# ---------------------------------------------------------------------------

def likert_case(name, values, scale, description):
    present = [x for x in values if x is not None]
    assert all(x in scale for x in present)
    distribution = [sum(1 for x in present if x == s) for s in scale]
    top2 = sorted(scale)[-2:]
    if present:
        mean = sum(present) / len(present)
        top2pct = 100.0 * sum(1 for x in present if x in top2) / len(present)
    else:
        mean = None
        top2pct = None
    return {
        "name": name,
        "description": description,
        "values": values,
        "scale": scale,
        "distribution": distribution,
        "n": len(present),
        "missing": len(values) - len(present),
        "mean": f(mean),
        "top2Percent": f(top2pct),
    }


def likert_cases():
    rng = np.random.default_rng(5)
    s5 = [1, 2, 3, 4, 5]
    gen = [int(x) for x in rng.choice(s5, size=237, p=[0.08, 0.12, 0.25, 0.35, 0.20])]
    gen_missing = [None if rng.random() < 0.15 else x for x in gen]
    cases = [
        ("uniform_10", [1, 2, 3, 4, 5, 1, 2, 3, 4, 5], s5, "Each point twice."),
        ("skewed_positive", [5, 4, 5, 5, 3, 4, 4, 5, 2, 5, 4], s5, "Mostly agree."),
        ("with_missing", [1, None, 2, 2, None, 3, 5, 1, None, 4], s5, "Missing values excluded."),
        ("all_top", [5, 5, 4, 5], s5, "Top-2 = 100%."),
        ("none_top", [1, 2, 3, 3, 2, 1], s5, "Top-2 = 0%."),
        ("single", [3], s5, "One answer."),
        ("all_missing", [None, None, None], s5, "Nothing answered: mean and top2Percent null."),
        ("scale4", [1, 2, 3, 4, 4, 3, 3, None, 2], [1, 2, 3, 4], "4-point scale, top-2 = {3, 4}."),
        ("generated_237", gen, s5, "237 generated answers (seed 5)."),
        ("generated_237_missing15", gen_missing, s5, "Same with about 15% missing."),
    ]
    return [likert_case(*c) for c in cases]


# ---------------------------------------------------------------------------

def ttable_cases():
    dfs = list(range(1, 31)) + [40, 60, 100, 1000]
    return [{"name": f"df{d}", "df": d, "q": 0.975, "t": f(stats.t.ppf(0.975, d))} for d in dfs]


def main():
    out = {
        "generatedWith": GENERATED_WITH,
        "wilson": wilson_cases(),
        "chi2": chi2_cases(),
        "chi2sf": chi2sf_cases(),
        "descriptive": descriptive_cases(),
        "likert": likert_cases(),
        "ttable": ttable_cases(),
    }
    json.dump(out, sys.stdout, indent=1, allow_nan=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
