"""Benchmark of `make-report batch`: reports per second with --jobs 1 and --jobs 2.

    python bench/batch.py                      # 100 workbooks, jobs 1 and 2
    python bench/batch.py --count 20 --jobs 1,2,4 --compare --markdown bench/RESULTS_batch.md

Builds COUNT varied workbooks from the bundled examples (example_inputs/data/*.json that pass
the checks): each gets its own department name and its amounts multiplied by a whole factor
(1–5), which keeps every 表内/表间 equation exact.  Then it runs the same batch library call
the command makes (juesuan.batch.run_batch, worker processes included) once per --jobs value
and prints wall time, reports per second and parallel efficiency
(rate_N / (N × rate_1)).  --compare also checks that every run produced the same document
content as the first (paragraph and table cell texts read back with python-docx).
"""
from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

DISTRICTS = ("江岸", "江汉", "硚口", "汉阳", "武昌", "青山", "洪山", "东西湖", "汉南", "蔡甸", "江夏", "黄陂",
             "新洲", "东湖高新", "长江新")
UNITS = ("总工会", "财政局", "教育局", "民政局", "卫生健康局", "司法局", "文化和旅游局", "城市管理执法局")


def department(i: int) -> str:
    return f"武汉市{DISTRICTS[i % len(DISTRICTS)]}区{UNITS[(i // len(DISTRICTS)) % len(UNITS)]}"


def scaled(report, factor: int):
    """Multiply every amount by a whole number: sums stay sums, to the cent."""
    from juesuan.model.report import CodedTable, EconTable, FixedTable, SingleRowTable
    from juesuan.model.money import parse_money, q
    from juesuan.spec.supplement import FIELDS, LISTS_BY_ID

    def m(v):
        return None if v is None else q(v * factor)

    for t in report.tables.values():
        if isinstance(t, (FixedTable, SingleRowTable)):
            t.values = {k: m(v) for k, v in t.values.items()}
        elif isinstance(t, CodedTable):
            t.total = {k: m(v) for k, v in t.total.items()}
            for row in t.rows:
                row.values = {k: m(v) for k, v in row.values.items()}
        elif isinstance(t, EconTable):
            t.values = {k: m(v) for k, v in t.values.items()}
            t.personnel_total, t.public_total = m(t.personnel_total), m(t.public_total)
    for fid, v in list(report.supp.fields.items()):
        if fid in FIELDS and FIELDS[fid].kind == "money" and v not in (None, ""):
            report.supp.fields[fid] = m(parse_money(v))
    for lid, records in report.supp.lists.items():
        money_cols = [c.key for c in LISTS_BY_ID[lid].columns if c.kind == "money"] if lid in LISTS_BY_ID else []
        for rec in records:
            for key in money_cols:
                if rec.values.get(key) not in (None, ""):
                    rec.values[key] = m(parse_money(rec.values[key]))
    return report


def clean_bases(tmp: Path) -> list[Path]:
    """The example JSON files whose workbook passes the checks (a report is rendered for them)."""
    from juesuan.api import check_workbook
    from juesuan.maintenance.examples import load_example
    from juesuan.workbooks.writer import write_workbook
    bases = []
    for src in sorted((ROOT / "example_inputs" / "data").glob("*.json")):
        probe = write_workbook(tmp / f"probe_{src.stem}.xlsx", load_example(src), overwrite=True)
        result = check_workbook(probe)
        probe.unlink()
        if result.ok:
            bases.append(src)
    return bases


def build(folder: Path, count: int, bases: list[Path]) -> list[Path]:
    from juesuan.maintenance.examples import load_example
    from juesuan.workbooks.writer import write_workbook
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        report = scaled(load_example(bases[i % len(bases)]), 1 + (i // len(bases)) % 5)
        name = department(i)
        report.supp.fields["G01"] = name
        if report.supp.get("G15"):
            report.supp.fields["G15"] = name
        paths.append(write_workbook(folder / f"{i:03d}_{bases[i % len(bases)].stem}.xlsx", report, overwrite=True))
    return paths


def load() -> str:
    """The 1-minute load average: other work on the machine skews the figures."""
    try:
        return f"{os.getloadavg()[0]:.2f}"
    except (AttributeError, OSError):
        return "?"


def machine() -> str:
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count()
    return f"{model}，可用 {usable} 核；{platform.system()} {platform.release()}；Python {platform.python_version()}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=100)
    ap.add_argument("--jobs", default="1,2", help="comma-separated, e.g. 1,2")
    ap.add_argument("--compare", action="store_true", help="check that every run gives the same content")
    ap.add_argument("--keep", type=Path, help="build and render in this folder instead of a temporary one")
    ap.add_argument("--markdown", type=Path, help="also write the results as Markdown to this file")
    args = ap.parse_args(argv)
    jobs_list = [int(j) for j in args.jobs.split(",")]

    from juesuan.batch import GENERATED, run_batch
    from juesuan.render.docx.readback import document_text

    with tempfile.TemporaryDirectory(prefix="juesuan-bench-") as tmp_name:
        tmp = args.keep or Path(tmp_name)
        tmp.mkdir(parents=True, exist_ok=True)
        bases = clean_bases(tmp)
        if not bases:
            print("没有通过审核的示例工作簿（example_inputs/data/*.json），无法测试。", file=sys.stderr)
            return 1
        t0 = time.perf_counter()
        files = build(tmp / "in", args.count, bases)
        built = time.perf_counter() - t0
        print(f"已生成 {len(files)} 个工作簿（{built:.1f} 秒），来自 {', '.join(b.stem for b in bases)}")
        results = []
        loads = [load()]
        for jobs in jobs_list:
            out = tmp / f"out_jobs{jobs}"
            start = time.perf_counter()
            res = run_batch(files, out, jobs=jobs)
            wall = time.perf_counter() - start
            loads.append(load())
            rendered = sum(1 for r in res.rows if r["status"] == GENERATED)
            failed = [r for r in res.rows if r["status"] != GENERATED]
            if failed:
                print(f"  jobs={jobs}: {len(failed)} 份失败，例如 {failed[0]['file']}：{failed[0]['first_problem']}")
            per_report = sum(r["seconds"] for r in res.rows) / max(1, len(res.rows))
            results.append((jobs, wall, rendered, rendered / wall, per_report, out, res))
            print(f"  jobs={jobs}: {rendered}/{len(files)} 份，{wall:.1f} 秒，{rendered / wall:.2f} 份/秒")
        if any(r[2] == 0 for r in results):
            print("有一次运行没有生成任何报告，无法计算速度。", file=sys.stderr)
            return 1
        base_rate = results[0][3]
        base_jobs = results[0][0]
        lines = [
            "| --jobs | 报告数 | 用时（秒） | 报告/秒 | 平均每份（秒，工作进程内） | 加速比 | 并行效率 |",
            "|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for jobs, wall, rendered, rate, per_report, _, _ in results:
            speedup = rate / base_rate
            efficiency = speedup / (jobs / base_jobs)
            lines.append(f"| {jobs} | {rendered} | {wall:.1f} | {rate:.2f} | {per_report:.2f} | {speedup:.2f} | "
                         f"{efficiency:.0%} |")
        if args.compare:
            first = results[0]
            same = True
            for other in results[1:]:
                for a, b in zip(first[6].rows, other[6].rows):
                    if (a["output"] is None) != (b["output"] is None) or a["output"] and \
                            document_text(first[5] / a["output"]) != document_text(other[5] / b["output"]):
                        same = False
                        print(f"  内容不同：{a['file']}（jobs={first[0]} 与 jobs={other[0]}）")
            lines.append("")
            lines.append("各次运行的文档内容（段落与表格单元格文字）" + ("完全相同。" if same else "**不同**！"))
        lines.append("")
        lines.append(f"1 分钟平均负载（开始及每次运行后）：{' → '.join(loads)}")
        table = "\n".join(lines)
        print()
        print(f"机器：{machine()}")
        print(table)
        if args.markdown:
            args.markdown.write_text(
                "# 批量生成基准（bench/batch.py）\n\n"
                f"命令：`python bench/batch.py --count {args.count} --jobs {args.jobs}"
                f"{' --compare' if args.compare else ''}`\n\n"
                f"机器：{machine()}\n\n"
                f"工作簿：{len(files)} 个，由 {', '.join(b.stem for b in bases)} 变化部门名称并把金额乘以 1–5 倍生成。\n"
                "用时为整个批处理的墙钟时间（含启动工作进程、写出报告，不含生成工作簿和写汇总表）；"
                "并行效率 = 加速比 ÷ 进程数。\n\n" + table + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
