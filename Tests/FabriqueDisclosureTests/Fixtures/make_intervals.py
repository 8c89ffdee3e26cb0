#!/usr/bin/env python3
"""Reference intervals for fabrique's disclosure audit, from an independent solver.

For each case (a set of published tables with some cells hidden), computes with scipy's
`linprog` (HiGHS) the minimum and maximum of every hidden cell:
- "proven": published cells fixed, hidden cells only non-negative;
- "known": the same, each hidden cell also within what its mark says ("< 5": 1 to 4, "s": 5 or more).
Writes Tests/FabriqueDisclosureTests/Fixtures/intervals.json, which the Swift tests compare with
IntervalAudit. Run: .build/venv/bin/python Tests/FabriqueDisclosureTests/Fixtures/make_intervals.py (`make pyxform` installs scipy).
"""
import json
import random
import sys
from pathlib import Path

from scipy.optimize import linprog

OUT = Path(__file__).resolve().parent / "intervals.json"
THRESHOLD = 5


def table_case(name, about, rows, hidden, threshold=THRESHOLD):
    """A two-way table with its row totals, column totals and grand total. `hidden` lists the
    hidden cells as (row, col), with -1 for a total's index; marks follow the threshold rule."""
    cells, index = [], {}

    def add(key, value):
        index[key] = len(cells)
        hide = key in hidden
        low, high = 0, None
        if hide:
            low, high = (1, threshold - 1) if 0 < value < threshold else (threshold, None)
        cells.append({"id": f"{key[0]},{key[1]}", "value": value, "hidden": hide, "known": [low, high]})

    n, m = len(rows), len(rows[0])
    for i in range(n):
        for j in range(m):
            add((i, j), rows[i][j])
        add((i, -1), sum(rows[i]))
    for j in range(m):
        add((-1, j), sum(r[j] for r in rows))
    add((-1, -1), sum(map(sum, rows)))
    relations = []
    for i in list(range(n)) + [-1]:
        terms = {index[(i, j)]: 1 for j in range(m)}
        terms[index[(i, -1)]] = -1
        relations.append({"terms": terms, "atMost": False})
    for j in list(range(m)) + [-1]:
        terms = {index[(i, j)]: 1 for i in range(n)}
        terms[index[(-1, j)]] = -1
        relations.append({"terms": terms, "atMost": False})
    return {"name": name, "about": about, "cells": cells, "relations": relations}


def multi_select_case():
    """Two regions answering a multi-select question: option counts add up to the answers given
    (not to the respondents), and no option is chosen by more than the respondents."""
    values = {"r1-a": 3, "r1-b": 9, "r1-answers": 12, "r1-respondents": 10,
              "r2-a": 7, "r2-b": 2, "r2-answers": 9, "r2-respondents": 8,
              "fr-a": 10, "fr-b": 11, "fr-answers": 21}
    hidden = {"r1-a": [1, 4], "r2-b": [1, 4], "r1-b": [5, None], "r2-a": [5, None]}
    ids = list(values)
    cells = [{"id": k, "value": values[k], "hidden": k in hidden, "known": hidden.get(k, [0, None])} for k in ids]
    i = {k: n for n, k in enumerate(ids)}
    eq = [({i["r1-a"]: 1, i["r1-b"]: 1, i["r1-answers"]: -1}), ({i["r2-a"]: 1, i["r2-b"]: 1, i["r2-answers"]: -1}),
          ({i["r1-a"]: 1, i["r2-a"]: 1, i["fr-a"]: -1}), ({i["r1-b"]: 1, i["r2-b"]: 1, i["fr-b"]: -1})]
    le = [{i[f"{r}-{o}"]: 1, i[f"{r}-respondents"]: -1} for r in ("r1", "r2") for o in ("a", "b")]
    relations = [{"terms": t, "atMost": False} for t in eq] + [{"terms": t, "atMost": True} for t in le]
    return {"name": "multi-select", "about": "options add up to the answers given; each is at most the respondents",
            "cells": cells, "relations": relations}


def intervals(case, with_marks):
    cells = case["cells"]
    hidden = [k for k, c in enumerate(cells) if c["hidden"]]
    var = {k: n for n, k in enumerate(hidden)}
    a_eq, b_eq, a_ub, b_ub = [], [], [], []
    for rel in case["relations"]:
        row, const = [0.0] * len(hidden), 0.0
        for cell, coef in rel["terms"].items():
            cell = int(cell)
            if cell in var:
                row[var[cell]] += coef
            else:
                const += coef * cells[cell]["value"]
        if not any(row):
            continue
        (a_ub if rel["atMost"] else a_eq).append(row)
        (b_ub if rel["atMost"] else b_eq).append(-const)
    bounds = [tuple(cells[k]["known"]) if with_marks else (0, None) for k in hidden]
    result = {}
    for k in hidden:
        low_high = []
        for sign in (1, -1):
            c = [0.0] * len(hidden)
            c[var[k]] = sign
            r = linprog(c, A_ub=a_ub or None, b_ub=b_ub or None, A_eq=a_eq or None, b_eq=b_eq or None,
                        bounds=bounds, method="highs")
            if r.status == 3:
                low_high.append(None)
            elif r.status == 0:
                low_high.append(round(sign * r.fun, 6) + 0.0)
            else:
                sys.exit(f"{case['name']}: solver status {r.status} for cell {k}")
        result[str(k)] = low_high
    return result


def cases():
    yield table_case("lone-hidden", "one hidden cell in a row with a published total: recomputed by subtraction",
                     [[3, 10, 8], [12, 9, 14]], {(0, 0)})
    yield table_case("docs-example-2", "the crosstab of docs/tables.md, hidden by the greedy rule",
                     [[7, 3, 10], [8, 15, 2], [20, 9, 14]], {(0, 1), (0, 2), (1, 1), (1, 2)})
    yield table_case("two-ones", "two lines of two small cells each: each line hides two, yet marks pin them",
                     [[1, 1, 20], [1, 1, 20]], {(0, 0), (0, 1), (1, 0), (1, 1)})
    yield table_case("hidden-total", "a row whose cells and total are hidden, the grand total published",
                     [[2, 6, 9], [11, 7, 5], [8, 13, 10]], {(0, 0), (0, 1), (0, -1), (1, 0), (1, -1)})
    yield table_case("no-totals-bound", "a hidden column total leaves its cells bounded by the rows only",
                     [[4, 16], [9, 12]], {(0, 0), (0, 1), (1, 0), (1, 1), (-1, 0), (-1, 1)})
    yield multi_select_case()
    rng = random.Random(20)
    for n in range(24):
        rows_n, cols_n = rng.randint(2, 5), rng.randint(2, 5)
        rows = [[rng.choice([0, 1, 2, 3, 4, 6, 9, 15, 30]) for _ in range(cols_n)] for _ in range(rows_n)]
        keys = [(i, j) for i in range(-1, rows_n) for j in range(-1, cols_n)]
        hidden = {k for k in keys if rng.random() < 0.3 and (k == (-1, -1)) is False}
        value = lambda k: (sum(map(sum, rows)) if k == (-1, -1) else sum(rows[k[0]]) if k[1] == -1
                           else sum(r[k[1]] for r in rows) if k[0] == -1 else rows[k[0]][k[1]])
        hidden = {k for k in hidden if value(k) > 0}
        yield table_case(f"random-{n}", "a generated table and pattern", rows, hidden)


def main():
    out = []
    for case in cases():
        case["proven"] = intervals(case, with_marks=False)
        case["known"] = intervals(case, with_marks=True)
        case["relations"] = [{"terms": {str(k): v for k, v in r["terms"].items()}, "atMost": r["atMost"]}
                             for r in case["relations"]]
        out.append(case)
    OUT.write_text(json.dumps(out, indent=1, sort_keys=True) + "\n")
    print(f"{len(out)} cases written to {OUT}")


if __name__ == "__main__":
    main()
