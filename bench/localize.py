"""How well 审核 points at the one cell to fix: random typing slips in the example workbooks.

    python bench/localize.py                 # 300 slips per workbook, seed 1
    python bench/localize.py -n 1000 --seed 7 --markdown bench/RESULTS_localize.md

For each workbook (a, b, c and the rounding-break variant "c+尾差": example (c) with its 207 类
row in 公开03表 put 0.01 above its 款, a legitimate 尾数误差 that stays reported), N times: one
amount cell of 公开01表…公开09表 is drawn at random, one slip of a random kind is applied
(±0.01, ±1, +100, ×10, ÷10, two adjacent digits swapped, sign), the checks run, the cell is
put back.  Example (a) is published as is and already has breaks: cells in a relation that
already fails are not drawn (each trial then has one fault to find), and the findings that were
there before the slip are not counted.

Printed per workbook and per slip kind:
  detected      share of slips with at least one new 错误 or 警告 (must be 100 %)
  first=cell    share where the first new finding (reading order) names the changed cell first
  unique        slips that exactly one single cell explains (found by brute force over the
                relations, independently of checks/localize.py)
  first=cell|u  the same share among those (the bar: ≥ 98 %)
  blamed        mean number of cells the user is told to look at (a finding's cell, or all the
                cells of an ambiguous finding)
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(HERE))

from slips import KINDS, Bench, summarize  # noqa: E402

WORKBOOKS = {
    "a": (ROOT / "example_inputs" / "a_jingkai_2024.xlsx", None),
    "b": (ROOT / "example_inputs" / "b_hanyang_2024.xlsx", None),
    "c": (ROOT / "example_inputs" / "c_synthetic_2024.xlsx", None),
    "c+尾差": (ROOT / "example_inputs" / "c_synthetic_2024.xlsx", "公开03表!C11"),
}


def run(n: int, seed: int) -> dict[str, list]:
    out = {}
    for name, (path, tail) in WORKBOOKS.items():
        bench = Bench(path, tail)
        rng = random.Random(f"{seed}-{name}")
        out[name] = [bench.run(rng) for _ in range(n)]
    return out


def table(rows: dict[str, list]) -> list[str]:
    lines = ["| | slips | detected | first=cell | unique | first=cell\\|unique | blamed |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for label, trials in rows.items():
        s = summarize(trials)
        lines.append(f"| {label} | {s['trials']} | {s['detected']:.1%} | {s['first_is_cell']:.1%} | {s['unique']} | "
                     f"{s['first_is_cell_unique']:.1%} | {s['blamed']:.2f} |")
    return lines


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=300, help="slips per workbook")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--markdown", type=Path, help="also write the tables to this file")
    ap.add_argument("--misses", action="store_true", help="list the slips with one explanation that were missed")
    args = ap.parse_args()
    start = time.perf_counter()
    results = run(args.n, args.seed)
    every = [t for trials in results.values() for t in trials]
    by_kind = defaultdict(list)
    for t in every:
        by_kind[t.kind].append(t)
    lines = [f"Localization benchmark: {args.n} slips per workbook, seed {args.seed} "
             f"({time.perf_counter() - start:.0f} s)", "", "By workbook:", ""]
    lines += table({**results, "all": every})
    lines += ["", "By slip kind (all workbooks):", ""]
    lines += table({k: by_kind[k] for k in KINDS if by_kind[k]})
    print("\n".join(lines))
    if args.misses:
        for name, trials in results.items():
            for t in trials:
                if (t.unique and not t.localized) or not t.detected:
                    first = t.first.text() if t.first else "(no finding)"
                    print(f"{name} {t.cell} {t.kind} {t.before}→{t.after}: {first}")
    if args.markdown:
        args.markdown.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
