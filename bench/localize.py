"""How well 审核 points at the one cell to fix: random typing slips in the example workbooks.

    python bench/localize.py                 # 300 slips per workbook, seed 1
    python bench/localize.py -n 1000 --seed 7 --markdown bench/RESULTS_localize.md
    python bench/localize.py --only c+4尾数 --rows 0 --misses --misses   # every miss of one workbook

For each workbook (a, b, c, the rounding-break variant "c+尾差": example (c) with its 207 类
row in 公开03表 put 0.01 above its 款, a legitimate 尾数误差 that stays reported, and "c+4尾数", a
real workbook's situation: four 类 rows of 公开02/03/05/06表 rounded 0.01 above their parts, and
slips drawn in those relations too, except a ±0.01 beside a 0.01 tail), N times: one
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

# A real workbook's own 尾数 differences (a district's 2020 report had four: T02-2, T03-2, T05-2,
# T06-1): one 类 row each of 公开02表, 公开03表, 公开05表 and 公开06表 rounded 0.01 above its parts.
TAILS = ("公开02表!C20", "公开03表!D11", "公开05表!D11", "公开06表!C6")

WORKBOOKS = {
    "a": (ROOT / "example_inputs" / "a_jingkai_2024.xlsx", None),
    "b": (ROOT / "example_inputs" / "b_hanyang_2024.xlsx", None),
    "c": (ROOT / "example_inputs" / "c_synthetic_2024.xlsx", None),
    "c+尾差": (ROOT / "example_inputs" / "c_synthetic_2024.xlsx", "公开03表!C11"),
    "c+4尾数": (ROOT / "example_inputs" / "c_synthetic_2024.xlsx", TAILS),
}


def run(n: int, seed: int, only: list[str] | None = None) -> dict[str, list]:
    out = {}
    for name, (path, tail) in WORKBOOKS.items():
        if only and name not in only:
            continue
        bench = Bench(path, tail, slip_tails=name == "c+4尾数")
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


def timing(rows: int = 500, runs: int = 7) -> list[str]:
    """Check time of a department of ``rows`` 科目 rows (bench/perf.py's growth workbook): clean,
    with one slip, with five slips in five tables (×10 each); in this process, median of runs.
    Reading is measured once (slips do not change it); 审核 on the model read from it."""
    import statistics
    import tempfile

    from perf import write_department

    from juesuan.checks import run_checks
    from juesuan.reader.workbook import read_workbook

    def median(fn, clock=time.process_time) -> float:
        """CPU seconds by default: on a shared machine wall time mostly measures the neighbours."""
        times = []
        for _ in range(runs):
            t = clock()
            fn()
            times.append(clock() - t)
        return statistics.median(times)

    with tempfile.TemporaryDirectory() as tmp:
        path = write_department(rows, Path(tmp))
        read_workbook(path)  # warm-up: imports, dictionary
        read = median(lambda: read_workbook(path))
        bench = Bench(path)
    rng = random.Random(5)
    cases = {"clean": [], "1 slip": [rng.choice(bench.eligible)],
             "5 slips": [rng.choice([c for c in bench.eligible if c.startswith(f"公开0{t}表")]) for t in (1, 3, 4, 6, 9)]}
    lines = [f"| {len(bench.report.t03.rows)} 科目 rows in 公开03表 | 审核 (CPU) | read + 审核 (CPU) | 审核 (wall) | findings |",
             "|---|---:|---:|---:|---:|"]
    for label, cells in cases.items():
        before = {c: bench.slots[c].get() for c in cells}
        for c in cells:
            bench.slots[c].set(before[c] * 10)
        try:
            found = run_checks(bench.report, bench.read_findings)
            t = median(lambda: run_checks(bench.report, bench.read_findings))
            wall = median(lambda: run_checks(bench.report, bench.read_findings), time.perf_counter)
        finally:
            for c, v in before.items():
                bench.slots[c].set(v)
        lines.append(f"| {label} | {t:.3f} s | {read + t:.3f} s | {wall:.3f} s | {len(found)} |")
    return lines


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=300, help="slips per workbook")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--markdown", type=Path, help="also write the tables to this file")
    ap.add_argument("--misses", action="count", default=0,
                    help="list the slips with one explanation that were missed (twice: every miss)")
    ap.add_argument("--only", action="append", help="only this workbook (a, b, c, c+尾差, c+4尾数); repeatable")
    ap.add_argument("--rows", type=int, default=500, help="科目 rows of the timing workbook (0: no timing)")
    args = ap.parse_args()
    start = time.perf_counter()
    results = run(args.n, args.seed, args.only)
    every = [t for trials in results.values() for t in trials]
    by_kind = defaultdict(list)
    for t in every:
        by_kind[t.kind].append(t)
    lines = [f"Localization benchmark: {args.n} slips per workbook, seed {args.seed} "
             f"({time.perf_counter() - start:.0f} s)", "", "By workbook:", ""]
    lines += table({**results, "all": every})
    lines += ["", "By slip kind (all workbooks):", ""]
    lines += table({k: by_kind[k] for k in KINDS if by_kind[k]})
    if args.rows:
        lines += ["", "Time (one process, median of 7; CPU = process time):", ""] + timing(args.rows)
    print("\n".join(lines))
    if args.misses:
        for name, trials in results.items():
            for t in trials:
                if (t.unique or args.misses > 1) and not t.localized or not t.detected:
                    first = t.first.text() if t.first else "(no finding)"
                    print(f"{name} {t.cell} {t.kind} {t.before}→{t.after}: {first}")
    if args.markdown:
        args.markdown.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
