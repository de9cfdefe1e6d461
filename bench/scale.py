"""Scale: a very large department (about 5,000 科目 rows in 表2/表3/表5 and 1,000 projects with
their 项目绩效自评表 and three indicators each), checked and rendered in fresh processes.

    python bench/scale.py [--rows 5000] [--projects 1000] [--runs 3]

Prints wall time (median), CPU time and peak resident memory of `make-report check` and of a full
render, against the budgets of docs/ARCHITECTURE.md (check ≤ 2 s, render ≤ 5 s and ≤ 300 MB).
The workbook keeps every table equation of example (c): amounts are moved from one 项 into new
款/项 of the same 类 and the projects share the amounts of the example's projects.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "bench")]

from departments import example_c, spread  # noqa: E402
from perf import run_once  # noqa: E402  (same measuring as bench/perf.py)

DONORS = ("2070308", "2080505", "2101101")  # 项 of example (c) whose amounts are spread out


def projects(data: dict, count: int) -> None:
    """``count`` projects: the example's projects repeated under new names (same amounts, so the
    totals the checks compare do not depend on the count)."""
    lists = data["lists"]
    base_use, base_eval = lists["U02"], lists["E10"]
    base_ind = [x for x in lists["X"] if x["owner"] != "整体"]
    uses, evals, inds = [], [], [x for x in lists["X"] if x["owner"] == "整体"]
    for i in range(count):
        src_use, src_eval = base_use[i % len(base_use)], base_eval[i % len(base_eval)]
        name = f"{src_eval['name']}（第{i + 1}批）"
        if i < len(base_use):
            uses.append({**src_use, "name": name})
        evals.append({**src_eval, "name": name})
        for x in [x for x in base_ind if x["owner"] == src_eval["name"]][:3]:
            inds.append({**x, "owner": name})
    # 项目用途 keeps the example's amounts (they must add up to 表3 项目支出); renamed to match
    lists["U02"] = uses
    lists["E10"], lists["X"] = evals, inds


def build(rows: int, count: int, folder: Path) -> Path:
    from juesuan.maintenance.examples import report_from_data
    from juesuan.workbooks.writer import write_workbook
    data = example_c()
    spread(data, rows // (3 * len(DONORS)), DONORS, items_per_kuan=60)  # rows counts 表2, 表3 and 表5
    projects(data, count)
    path = folder / f"scale_{rows}_{count}.xlsx"
    write_workbook(path, report_from_data(data))
    return path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=5000)
    ap.add_argument("--projects", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        wb = build(args.rows, args.projects, folder)
        from juesuan.reader.workbook import read_workbook
        report, _ = read_workbook(wb)
        n_rows = sum(len(report.tables[t].rows) for t in ("T02", "T03", "T05"))
        print(f"工作簿：{n_rows} 个科目行（表2/表3/表5），{len(report.supp.records('E10'))} 个项目")
        cli = [sys.executable, "-c", "import sys; sys.path[:0] = [sys.argv.pop(1), sys.argv.pop(1)]; "
               "from juesuan_cli.main import main; main(sys.argv[1:])", str(ROOT / "src"), str(ROOT / "cli")]
        for label, argv, budget, mem in (("check", [*cli, "check", str(wb)], 2.0, None),
                                         ("render", [*cli, str(wb), "-o", str(folder / "out.docx")], 5.0, 300)):
            runs = [run_once(argv) for _ in range(args.runs)]
            wall = statistics.median(r["wall"] for r in runs)
            cpu = statistics.median(r["cpu"] for r in runs)
            peak = max(r["rss"] for r in runs) / 2**20
            codes = sorted({r["code"] for r in runs})
            if runs[-1]["code"] not in (0, 1):
                print(runs[-1]["err"][-2000:])
            ok = wall <= budget and (mem is None or peak <= mem)
            print(f"{label:7s} wall {wall:6.2f} s  CPU {cpu:6.2f} s  peak {peak:5.0f} MB  exit {codes}  "
                  f"budget ≤ {budget} s{f' / ≤ {mem} MB' if mem else ''} {'✓' if ok else '✗'}")


if __name__ == "__main__":
    main()
