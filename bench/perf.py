"""The performance budget of make-report (issue 7): prints a table of every figure.

    python bench/perf.py                          # the working tree
    python bench/perf.py --runs 10 --markdown bench/RESULTS.md
    python bench/perf.py --installed              # the make-report on PATH instead
    python bench/perf.py --profile                # also: where one report's time goes

Every command runs in a fresh process, as a user runs it (wall time: median and best of
--runs; CPU time: user+sys of the child; peak memory: the child's maximum resident set, from
wait4).  A busy machine stretches wall time but hardly CPU time, so both are printed.

Figures (budget):
  make-report --help                         < 0.3 s
  make-report check on example (c)           < 0.3 s
  one full report with four charts (c)       < 1.0 s wall
  peak memory of any command                 < 200 MB
  growth: a department of 50 … 500 科目 rows (check and report; no budget, must stay ~linear)
  hostile files (billion laughs, 3 GiB zip bomb) refused < 2 s
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))  # robust_helpers: the hostile-file builders
sys.path.insert(0, str(ROOT / "bench"))

from departments import example_c, spread  # noqa: E402

LAUNCH = f"""
import sys
sys.path[:0] = [{str(ROOT / 'src')!r}, {str(ROOT / 'cli')!r}]
from juesuan_cli.main import main
main(sys.argv[1:])
"""

MB = 1024 * 1024
# An installed package has its .pyc compiled by pip; let the working tree's be cached too, so the
# figures are a user's, not a first compile's.
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

STAGES = f"""
import json, sys, time
T = time.perf_counter
t0 = T()
sys.path.insert(0, {str(ROOT / 'src')!r})
from juesuan.api import check_workbook
t1 = T()
check = check_workbook(sys.argv[1])
t2 = T()
import docx, docxtpl, jinja2
t3 = T()
from juesuan.figures import compute
from juesuan.render.narrative import report_charts
from juesuan.render.narrative_blocks import chart_pictures
from juesuan.templating.template_set import Templates
specs = report_charts(check.report, compute(check.report), Templates())
chart_pictures(specs)
t4 = T()
chart_pictures(specs)
t5 = T()
from juesuan.render import render_report
render_report(check.report, sys.argv[2])
t6 = T()
print(json.dumps({{"import juesuan.api": t1 - t0, "read + check": t2 - t1, "import docx, docxtpl, jinja2": t3 - t2,
                  "chart libraries (first call minus a second one)": (t4 - t3) - (t5 - t4),
                  "draw the 4 charts": t5 - t4,
                  "everything else of render_report (narrative, templates, tables, save)": (t6 - t5) - (t5 - t4)}}))
"""


class Runner:
    def __init__(self, installed: bool):
        if installed:
            exe = shutil.which("make-report")
            if not exe:
                sys.exit("make-report is not on PATH")
            # a pyenv shim is a shell script: time the real console script behind it
            real = Path(sys.executable).parent / "make-report"
            self.prefix = [str(real if real.exists() else exe)]
        else:
            self.prefix = [sys.executable, "-c", LAUNCH]

    def measure(self, args: list[str], runs: int, cwd: Path | None = None) -> dict:
        return measure(self.prefix + args, runs, cwd)


# The children are started by a small spawner process: on Linux a child's peak RSS (ru_maxrss)
# counts the memory of the process it was forked from, so forking from this script (which
# imports openpyxl to build workbooks) would inflate every memory figure.
SPAWNER = """
import json, os, subprocess, sys, time
for line in sys.stdin:
    req = json.loads(line)
    start = time.perf_counter()
    proc = subprocess.Popen(req["argv"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=req["cwd"],
                            env=req["env"])
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    proc.stderr.close()
    print(json.dumps({"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss": usage.ru_maxrss * 1024,
                      "code": proc.returncode, "err": err.decode("utf-8", "replace")[-2000:]}), flush=True)
"""
_spawner: subprocess.Popen | None = None


def run_once(argv: list[str], cwd: Path | None = None) -> dict:
    global _spawner
    if _spawner is None:
        _spawner = subprocess.Popen([sys.executable, "-S", "-c", SPAWNER], stdin=subprocess.PIPE,
                                    stdout=subprocess.PIPE, text=True)
    _spawner.stdin.write(json.dumps({"argv": argv, "cwd": str(cwd) if cwd else None, "env": CHILD_ENV}) + "\n")
    _spawner.stdin.flush()
    return json.loads(_spawner.stdout.readline())


def measure(argv: list[str], runs: int, cwd: Path | None = None) -> dict:
    """Median and best wall time, median CPU time and peak RSS of ``argv`` run ``runs`` times
    (after one warm-up run: .pyc files, the OS file cache, matplotlib's font cache)."""
    run_once(argv, cwd)
    results = [run_once(argv, cwd) for _ in range(runs)]
    walls = [r["wall"] for r in results]
    return {"median": statistics.median(walls), "best": min(walls),
            "cpu": statistics.median(r["cpu"] for r in results), "rss": max(r["rss"] for r in results),
            "code": results[-1]["code"], "err": results[-1]["err"]}


# -- a department with many 科目 rows -----------------------------------------------------------
def big_department(rows: int) -> dict:
    """Example (c) with about ``rows`` 科目 rows in 表2/表3/表5 (bench/departments.py): 项
    2070308 keeps 5 % of its amounts, the rest is spread over new 款 of six 项 each."""
    data = example_c()
    spread(data, rows - len(data["tables"]["T05"]["rows"]), ("2070308",), items_per_kuan=6)
    return data


def write_department(rows: int, folder: Path) -> Path:
    from juesuan.maintenance.examples import report_from_data
    from juesuan.workbooks.writer import write_workbook
    path = folder / f"rows{rows}.xlsx"
    if path.exists():
        path.unlink()
    write_workbook(path, report_from_data(big_department(rows)))
    return path


# -- hostile files --------------------------------------------------------------------------------
def hostile_files(folder: Path) -> dict[str, Path]:
    import zipfile

    from robust_helpers import (
        FINAL_BLOCK,
        Member,
        deflate_blocks,
        members_of,
        write_zip,
    )

    from juesuan.workbooks.writer import write_workbook
    blank = write_workbook(folder / "blank.xlsx")
    with zipfile.ZipFile(blank) as zf:
        wb = zf.read("xl/workbook.xml")
    laughs = ('<!DOCTYPE lolz [<!ENTITY lol "lol">'
              + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
              + "]>").encode()
    head, _, rest = wb.partition(b"?>")
    wb = (head + b"?>" + laughs + rest.replace(b'name="', b'name="&lol9;', 1)) if _ else laughs + wb.replace(
        b'name="', b'name="&lol9;', 1)
    out = {"billion laughs": write_zip(folder / "laughs.xlsx", members_of(blank, {"xl/workbook.xml": wb}))}
    zeros = deflate_blocks(b"\0" * MB) * 3072 + FINAL_BLOCK
    bomb = Member("xl/media/image1.png", payload=zeros, size=3072 * MB, crc=0)
    out["zip bomb (3 GiB)"] = write_zip(folder / "bomb.xlsx", members_of(blank) + [bomb])
    return out


# -- profile ------------------------------------------------------------------------------------------
def stages(workbook: Path, folder: Path, runs: int) -> dict[str, float]:
    """Median seconds of each stage of one report, in a fresh process each time."""
    results: list[dict[str, float]] = []
    for i in range(runs + 1):
        out = subprocess.run([sys.executable, "-c", STAGES, str(workbook), str(folder / "stages.docx")],
                             capture_output=True, text=True, env=CHILD_ENV, check=False)
        if out.returncode != 0:
            return {}
        if i:
            results.append(json.loads(out.stdout.strip().splitlines()[-1]))
    return {k: statistics.median(r[k] for r in results) for k in results[0]}


def profile_report(workbook: Path, folder: Path) -> str:
    import cProfile
    import io
    import pstats

    from juesuan.api import render_workbook
    prof = cProfile.Profile()
    prof.runcall(render_workbook, workbook, folder / "profiled.docx")
    buf = io.StringIO()
    pstats.Stats(prof, stream=buf).sort_stats("cumulative").print_stats(25)
    return buf.getvalue()


def import_costs(runner_prefix: list[str], args: list[str], top: int = 12) -> list[tuple[str, float]]:
    """The slowest top-level imports of a command (python -X importtime), cumulative seconds."""
    if runner_prefix[0] != sys.executable:
        return []
    proc = subprocess.run([sys.executable, "-X", "importtime", *runner_prefix[1:], *args],
                          capture_output=True, text=True, env=CHILD_ENV, check=False)
    costs = []
    for line in proc.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        _, cumulative, name = line.split("|")
        try:
            us = int(cumulative)
        except ValueError:
            continue
        if not name.startswith("  "):  # top level only: " name"
            costs.append((name.strip(), us / 1e6))
    return sorted(costs, key=lambda x: -x[1])[:top]


# -- the table ----------------------------------------------------------------------------------------
def machine() -> str:
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(next(l for l in Path("/proc/meminfo").read_text().splitlines() if l.startswith("MemTotal")).split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GB RAM"
    except (OSError, StopIteration, ValueError):
        pass
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (f"{cpu or 'unknown CPU'}, {os.cpu_count()} cores{mem}; {platform.system()} {platform.release()}; "
            f"Python {platform.python_version()}; load average {load:.1f} at start")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=7, help="runs per figure (median and best are printed)")
    ap.add_argument("--installed", action="store_true", help="time the make-report on PATH, not the working tree")
    ap.add_argument("--rows", default="50,100,250,500", help="科目 rows of the growth figure")
    ap.add_argument("--markdown", type=Path, help="also write the table to this file")
    ap.add_argument("--profile", action="store_true", help="print the cProfile of one report")
    args = ap.parse_args()

    runner = Runner(args.installed)
    example = ROOT / "example_inputs" / "c_synthetic_2024.xlsx"
    if not example.exists():
        sys.exit("example_inputs/c_synthetic_2024.xlsx is missing: run python example_inputs/build_examples.py")
    rows: list[tuple[str, str, str, str, str, str]] = []  # figure, median, best, cpu, rss, budget/verdict

    def add(label: str, m: dict, budget: float | None, mem_budget: float = 200) -> None:
        ok = (budget is None or m["median"] < budget) and m["rss"] < mem_budget * MB
        verdict = ("✓" if ok else "✗ over") if budget is not None else ("✓" if ok else "✗ memory")
        rows.append((label, f"{m['median']:.3f} s", f"{m['best']:.3f} s", f"{m['cpu']:.3f} s",
                     f"{m['rss'] / MB:.0f} MB", (f"< {budget:g} s " if budget is not None else "") + verdict))

    started_on = machine()
    print(f"machine: {started_on}", file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="juesuan-bench-") as tmp:
        tmp = Path(tmp)
        work = tmp / "c.xlsx"
        shutil.copy(example, work)
        base = measure([sys.executable, "-c", "pass"], args.runs)
        add("python -c pass (interpreter start, for scale)", base, None)

        add("make-report --help", runner.measure(["--help"], args.runs), 0.3)
        m = runner.measure(["check", str(work)], args.runs)
        add(f"make-report check c_synthetic_2024.xlsx (exit {m['code']})", m, 0.3)
        out = tmp / "c.docx"
        m = runner.measure([str(work), "-o", str(out)], max(3, args.runs // 2))
        if m["code"] == 0 and out.exists():
            add("make-report c_synthetic_2024.xlsx → .docx (4 charts)", m, 1.0)
        else:
            rows.append(("make-report c_synthetic_2024.xlsx → .docx", "—", "—", "—", "—",
                         f"not measured: exit {m['code']} {m['err'].strip()[:80]}"))

        for n in [int(x) for x in args.rows.split(",") if x]:
            path = write_department(n, tmp)
            from juesuan.reader.workbook import read_workbook
            report, _ = read_workbook(path)
            real = len(report.t05.rows)
            m = runner.measure(["check", str(path)], max(3, args.runs // 2))
            add(f"check, {real} 科目 rows in 表2/表3/表5 (exit {m['code']})", m, None)
            docx = tmp / f"rows{n}.docx"
            m = runner.measure([str(path), "-o", str(docx)], max(2, args.runs // 3))
            if m["code"] == 0 and docx.exists():
                add(f"report, {real} 科目 rows", m, None)
            else:
                rows.append((f"report, {real} 科目 rows", "—", "—", "—", "—",
                             f"not measured: exit {m['code']} {m['err'].strip()[:80]}"))

        for label, path in hostile_files(tmp).items():
            m = runner.measure(["check", str(path)], 3)
            add(f"check refuses {label} (exit {m['code']})", m, 2.0)

        costs = import_costs(runner.prefix, [str(work), "-o", str(tmp / "imports.docx")])
        parts = stages(work, tmp, max(3, args.runs // 2))
        prof = profile_report(work, tmp) if args.profile else ""

    header = ("| figure | wall (median) | wall (best) | CPU | peak memory | budget |\n"
              "|---|---:|---:|---:|---:|---|\n")
    table = header + "".join("| " + " | ".join(r) + " |\n" for r in rows)
    text = (f"# Performance figures\n\nMeasured by `python bench/perf.py --runs {args.runs}` on {time.strftime('%Y-%m-%d')}"
            f"{' (installed make-report)' if args.installed else ' (working tree)'}.\n"
            f"Machine: {started_on}.\nEach figure: one warm-up run, then {args.runs} runs in fresh processes; "
            f"peak memory is the largest resident set of any run; every budget also requires < 200 MB.\n\n{table}")
    if parts:
        total = sum(parts.values())
        text += ("\nWhere one report's time goes (example (c), in-process stages, median, fresh process each):\n\n"
                 "| stage | seconds | share |\n|---|---:|---:|\n"
                 + "".join(f"| {k} | {v:.3f} | {v / total:.0%} |\n" for k, v in parts.items())
                 + f"| total (after interpreter start) | {total:.3f} | |\n")
    if costs:
        text += ("\nSlowest top-level imports of one report (cumulative, `python -X importtime`): "
                 + ", ".join(f"{name} {sec * 1000:.0f} ms" for name, sec in costs[:8]) + "\n")
    print(text)
    if prof:
        print(prof)
    if args.markdown:
        args.markdown.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
