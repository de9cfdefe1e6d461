"""Batch rendering: every workbook of a folder, in worker processes, with one summary row each.

The per-workbook work is exactly :func:`juesuan.api.render_workbook` (the call the single
command makes).  Each worker renders into its own staging folder inside OUT_DIR; the main
process then moves the report to its final name *in input order*, so that the names given to
two workbooks of the same department and year do not depend on which worker finished first,
and an interrupted run leaves nothing half-written in OUT_DIR (the staging folder is removed
after the workers have stopped).

No click here: the command line (juesuan_cli.batch_cmd) parses arguments and shows progress.
"""
from __future__ import annotations

import contextlib
import importlib
import multiprocessing
import os
import shutil
import signal
import tempfile
import threading
import time
import unicodedata
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from .findings import ERROR, WARNING
from .oserrors import describe

SUMMARY_NAME = "汇总.xlsx"
DEFAULT_OUT_SUBDIR = "报告"
DEFAULT_RENDERER = "juesuan.api:render_workbook"
STAGE_PREFIX = ".juesuan-batch-"

OK, WARNED, FAILED = "成功", "有警告", "失败"

# Summary columns: (key, header, width).  Figures follow, see FIGURES.
BASE_COLUMNS: tuple[tuple[str, str, int], ...] = (
    ("no", "序号", 6), ("file", "文件", 28), ("department", "部门", 28), ("year", "年度", 7),
    ("status", "状态", 8), ("errors", "错误数", 7), ("warnings", "警告数", 7),
    ("first_problem", "首个问题", 60), ("cell", "单元格", 16), ("output", "输出文件", 36),
    ("seconds", "用时（秒）", 9), ("notes", "备注", 40),
)


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    base_label: str | None  # column header of the comparison, None when there is none
    base_word: str = "上年"  # what the comparison is against, for "上年为0…"


# The key figures a reviewer compares across districts (DOMAIN §4.1, §4.4, §4.5, §4.8, §4.9).
FIGURES: tuple[Figure, ...] = (
    Figure("grand_total", "收支总计", "收支总计同比"),
    Figure("fiscal_income", "财政拨款收入", "财政拨款收入同比"),
    Figure("basic", "基本支出", None),
    Figure("project", "项目支出", None),
    Figure("sangong", "三公经费", "三公经费同比"),
    Figure("admin_cost", "机关运行经费", "机关运行经费较年初预算", "年初预算"),
)
FIGURE_NOTE = ("金额单位：万元。收支总计为表1“总计”；财政拨款收入为表4 行27，同比与上年表4 行1–3 之和相比；"
               "基本支出、项目支出为一般公共预算财政拨款（表5 合计栏2、栏3）；三公经费为表9 栏7 决算数；"
               "机关运行经费与年初预算相比（第十节口径）。同比列为变动率（%）。")


# ---------------------------------------------------------------------------------------
# Discovery


def discover(input_dir: Path, out_dir: Path | None = None) -> list[Path]:
    """Every .xlsx under ``input_dir`` in a stable order.

    Skipped: Office lock files (``~$*.xlsx``), hidden files and folders (our staging folders,
    macOS ``._*`` companions), and OUT_DIR itself when it lies inside INPUT_DIR so that a
    second run does not pick up the previous summary.
    """
    input_dir = Path(input_dir).resolve()
    out = Path(out_dir).resolve() if out_dir is not None else None
    found: list[Path] = []
    for folder, dirs, files in os.walk(input_dir):
        here = Path(folder)
        dirs[:] = [d for d in dirs if not d.startswith(".")
                   and not (out is not None and out != input_dir and (here / d).resolve() == out)]
        for name in files:
            if not name.lower().endswith(".xlsx") or name.startswith(("~$", ".")):
                continue
            p = here / name
            if out is not None and here.resolve() == out and name == SUMMARY_NAME:
                continue
            if p.is_file():
                found.append(p)
    return sorted(found, key=lambda p: p.relative_to(input_dir).as_posix())


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


# ---------------------------------------------------------------------------------------
# Key figures


def _money(value) -> Decimal | None:
    from .money import NotANumber, parse_money
    try:
        return parse_money(value)
    except NotANumber:
        return None


def _figure(value: Decimal | None, base: Decimal | None = None, compare: bool = False,
            note: str | None = None, places: int = 2) -> dict:
    from .money import change
    out: dict = {"value": value, "base": base, "change": None, "note": note}
    if compare and value is not None and base is not None:
        out["change"] = change(value, base, places)
    return out


def key_figures(report) -> dict[str, dict]:
    """The FIGURES of one report, each {value, base, change (as money.change) or None, note}.

    Taken from the narrative's own computation (juesuan.figures) so that the summary and the
    report text agree to the digit, rates rounded with the workbook's 百分比小数位; read from
    the cells directly when that is not available or fails.
    """
    try:
        from . import figures as narrative
        figs = narrative.compute(report)
    except Exception:  # noqa: BLE001 - the summary must not fail because of the narrative
        return table_figures(report)
    direct = table_figures(report, figs.opts.places)

    def of(ch) -> dict:
        changed = None if ch.direction is None else {
            "direction": ch.direction, "amount": ch.amount, "rate": ch.rate, "base": ch.base,
            "base_zero": ch.base == 0}
        return {"value": ch.current, "base": ch.base, "change": changed, "note": None}

    out = {
        "grand_total": of(figs.overall.grand),
        "fiscal_income": direct["fiscal_income"],  # the text has no 行27 sentence; same rule as the text
        "basic": _figure(figs.basic.total),
        "project": _figure(figs.gpb.project.amount),
        "sangong": of(figs.sangong.total.prior),
        "admin_cost": of(figs.admin.amount) if figs.admin.applicable else _figure(None, note="事业单位不涉及"),
    }
    return out


def table_figures(report, places: int = 2) -> dict[str, dict]:
    """FIGURES read straight from the cells.

    Every number is a printed cell or a supplementary input, never a re-added sum
    (DOMAIN §3.1): 收支总计 = 表1 总计; 财政拨款收入 = 表4 行27; 基本/项目支出 = 表5 合计栏2/3;
    三公经费 = 表9 栏7; 机关运行经费 = B04 if given, else 表6 公用经费合计.  Comparisons:
    P01; P05+P06+P07 (上年 表4 行1–3, the same scope as 行27); P09-1; B03 (年初预算, §4.9).
    """
    f = report.supp.get
    figures: dict[str, dict] = {}
    figures["grand_total"] = _figure(report.t01.get("inc_grand"), _money(f("P01")), True, places=places)
    prior_fiscal = [_money(f(k)) for k in ("P05", "P06", "P07")]
    prior_sum = None
    if any(v is not None for v in prior_fiscal):
        prior_sum = sum((v for v in prior_fiscal if v is not None), Decimal("0.00"))
    figures["fiscal_income"] = _figure(report.t04.get("f_inc_total"), prior_sum, True, places=places)
    figures["basic"] = _figure(report.t05.total_of("basic"))
    figures["project"] = _figure(report.t05.total_of("project"))
    figures["sangong"] = _figure(report.t09.get("final_total"), _money(f("P09-1")), True, places=places)
    if f("G07") == "事业单位":
        figures["admin_cost"] = _figure(None, note="事业单位不涉及")
    else:
        override = _money(f("B04"))
        value = override if override is not None else report.t06.public_total
        figures["admin_cost"] = _figure(value, _money(f("B03")), True, places=places)
    return figures


def change_text(fig: dict, base_label: str = "上年") -> str:
    """'上升5.2%' / '下降3%' / '持平' / '上年为0' — for the printed summary."""
    from .money import fmt_amount, fmt_percent
    ch = fig.get("change")
    if fig.get("note"):
        return fig["note"]
    if ch is None:
        return ""
    if ch["direction"] == "flat":
        return "持平"
    if ch["rate"] is None:
        word = "增加" if ch["direction"] == "up" else "减少"
        return f"{base_label}为0，{word}{fmt_amount(ch['amount'])}万元"
    word = "上升" if ch["direction"] == "up" else "下降"
    return f"{word}{fmt_percent(ch['rate'])}%"


# ---------------------------------------------------------------------------------------
# The worker (top level, picklable, safe under the 'spawn' start method)

_IN_WORKER = False


class _Terminated(SystemExit):
    """SIGTERM in a worker: unwinds through ``finally``/atomic_path, then the worker exits."""


def _on_sigterm(signum, frame):  # pragma: no cover - runs in worker processes
    raise _Terminated(128 + signum)


def _init_worker() -> None:
    """Workers leave Ctrl-C to the main process, which stops them with SIGTERM; SIGTERM becomes
    an exception so that the renderer's atomic writes clean up their temporary files."""
    global _IN_WORKER
    _IN_WORKER = True
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "SIGTERM"):
        signal.signal(signal.SIGTERM, _on_sigterm)


def _resolve(spec: str) -> Callable:
    module, _, name = spec.partition(":")
    return getattr(importlib.import_module(module), name)


def _finding_dict(f) -> dict:
    return {"severity": f.severity, "rule": f.rule, "cell": f.cells[0] if f.cells else "",
            "message": f.message, "text": f.text()}


def _blank_record(task: dict) -> dict:
    return {"index": task["index"], "file": task["file"], "path": task["path"], "department": None,
            "year": None, "fatal": None, "errors": 0, "warnings": 0, "findings": [], "problems": [],
            "staged_docx": None, "staged_pdf": None, "figures": None, "internal": None, "seconds": 0.0}


def render_one(task: dict) -> dict:
    """Check and render one workbook; always returns a plain record, never raises for a bad file.

    ``task``: index, file (as shown), path, stage (this workbook's own folder), templates_dir,
    pdf, renderer ('module:function' with the signature of api.render_workbook).
    """
    start = time.perf_counter()
    rec = _blank_record(task)
    try:
        render = _resolve(task.get("renderer") or DEFAULT_RENDERER)
        templates = task.get("templates_dir")
        result = render(Path(task["path"]), out_dir=Path(task["stage"]),
                        templates_dir=Path(templates) if templates else None, pdf=bool(task.get("pdf")))
        _fill(rec, result)
    except _Terminated:
        if _IN_WORKER:
            os._exit(143)  # the main process is stopping us; cleanup has already run
        raise
    except Exception as exc:  # noqa: BLE001 - one bad workbook must never stop the others
        rec["internal"] = _internal_message(exc)
    rec["seconds"] = round(time.perf_counter() - start, 2)
    return rec


def _internal_message(exc: BaseException) -> str:
    detail = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    kind = type(exc).__name__
    if isinstance(exc, MemoryError):
        return "内存不足，无法处理该工作簿。"
    return f"处理该工作簿时发生内部错误（{kind}{'：' + detail if detail else ''}），请把该文件提供给维护人员。"


def _fill(rec: dict, result) -> None:
    check = result.check
    report = check.report
    if report is not None:
        rec["department"] = report.name or None
        rec["year"] = report.year
    rec["fatal"] = check.fatal
    rec["errors"] = check.errors
    rec["warnings"] = check.warnings
    rec["findings"] = [_finding_dict(f) for f in check.sorted_findings() if f.severity in (ERROR, WARNING)]
    rec["problems"] = [str(p) for p in (result.problems or [])]
    rec["staged_docx"] = str(result.docx) if result.docx else None
    rec["staged_pdf"] = str(result.pdf) if result.pdf else None
    if report is not None and check.fatal is None and check.errors == 0:
        try:
            rec["figures"] = key_figures(report)
        except Exception as exc:  # noqa: BLE001 - the report is fine; only the summary loses its figures
            rec["problems_note"] = f"主要数据无法汇总（{type(exc).__name__}）"


# ---------------------------------------------------------------------------------------
# Rows: what the summary says about one workbook


def _row(rec: dict) -> dict:
    """Turn a worker record into a summary row (status, first problem, notes)."""
    first = next((f for f in rec["findings"] if f["severity"] == ERROR), None)
    row = {
        "index": rec["index"], "file": rec["file"], "path": rec["path"], "department": rec["department"],
        "year": rec["year"], "status": FAILED, "errors": rec["errors"], "warnings": rec["warnings"],
        "first_problem": None, "cell": None, "output": None, "pdf": None, "seconds": rec["seconds"],
        "notes": [], "figures": None, "reason": None,
        "findings": rec["findings"],
    }
    if rec.get("problems_note"):
        row["notes"].append(rec["problems_note"])
    if rec["internal"]:
        row["reason"] = "internal"
        row["first_problem"] = rec["internal"]
    elif rec["fatal"]:
        row["reason"] = "fatal"
        row["first_problem"] = rec["fatal"]
        row["cell"] = first["cell"] if first else None
    elif rec["errors"]:
        row["reason"] = "errors"
        row["first_problem"] = f"{first['rule']} {first['message']}" if first else "工作簿有错误"
        row["cell"] = (first["cell"] or None) if first else None
    elif rec["problems"] or not rec["staged_docx"]:
        row["reason"] = "render"
        row["first_problem"] = rec["problems"][0] if rec["problems"] else "未生成报告（原因不明）。"
        if len(rec["problems"]) > 1:
            row["notes"].extend(rec["problems"][1:])
    else:
        row["status"] = WARNED if rec["warnings"] else OK
        row["figures"] = rec["figures"]
        warn = next((f for f in rec["findings"] if f["severity"] == WARNING), None)
        if warn:
            row["first_problem"] = f"{warn['rule']} {warn['message']}"
            row["cell"] = warn["cell"] or None
    return row


def _name_key(name: str) -> str:
    # Windows compares file names without regard to case; NFC so that visually equal names match.
    return unicodedata.normalize("NFC", name).casefold()


def _unique_name(name: str, taken: dict[str, str]) -> str:
    stem, suffix = os.path.splitext(name)
    candidate, n = name, 1
    while _name_key(candidate) in taken:
        n += 1
        candidate = f"{stem}（{n}）{suffix}"
    return candidate


def _publish(row: dict, rec: dict, out_dir: Path, taken: dict[str, str]) -> None:
    """Move a rendered report from its staging folder to OUT_DIR under a name unique in this run."""
    staged = Path(rec["staged_docx"]) if rec["staged_docx"] else None
    if staged is None or not staged.exists():
        return
    final = _unique_name(staged.name, taken)
    if final != staged.name:
        other = taken[_name_key(staged.name)]
        note = f"与“{other}”的部门、年度相同，报告改名为“{final}”"
        row["notes"].append(note)
        row["findings"] = row["findings"] + [{"severity": WARNING, "rule": "批量-重名", "cell": "",
                                              "message": note, "text": note}]
        row["warnings"] += 1
        if row["status"] == OK:
            row["status"] = WARNED
            row["first_problem"] = note
    for staged_file, name, key in ((staged, final, "output"),
                                   (rec["staged_pdf"], Path(final).with_suffix(".pdf").name, "pdf")):
        if not staged_file or not Path(staged_file).exists():
            continue
        try:
            os.replace(staged_file, out_dir / name)
        except OSError as exc:
            row["status"] = FAILED
            row["reason"] = "publish"
            row["first_problem"] = (f"无法写入“{out_dir / name}”：{describe(exc)}"
                                    "（文件可能正被 Word 或其他程序打开，或没有写权限）。")
            row["figures"] = None
            return
        row[key] = name
        taken[_name_key(final)] = row["file"]


# ---------------------------------------------------------------------------------------
# Running


@dataclass
class BatchResult:
    rows: list[dict] = field(default_factory=list)
    seconds: float = 0.0
    jobs: int = 1
    out_dir: Path | None = None

    def count(self, status: str) -> int:
        return sum(1 for r in self.rows if r["status"] == status)

    @property
    def failed(self) -> int:
        return self.count(FAILED)

    @property
    def ok(self) -> bool:
        return self.failed == 0


@contextlib.contextmanager
def _sigint_ignored():
    """Ignore Ctrl-C while worker processes start: they inherit the ignored disposition, so a
    Ctrl-C during their start-up cannot kill them with a traceback.  Main thread only."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _crash_record(task: dict) -> dict:
    rec = _blank_record(task)
    rec["internal"] = "处理该工作簿时工作进程意外退出（文件可能导致程序崩溃，或内存不足）。"
    return rec


def _stop_pool(executor: ProcessPoolExecutor) -> None:
    """Cancel what has not started and stop the workers that are running (SIGTERM → their
    atomic writes clean up), then wait for them so that nothing writes after we clean up."""
    processes = list((getattr(executor, "_processes", None) or {}).values())
    executor.shutdown(wait=False, cancel_futures=True)
    for p in processes:
        with contextlib.suppress(Exception):
            if p.is_alive():
                p.terminate()
    for p in processes:
        with contextlib.suppress(Exception):
            p.join(10)
            if p.is_alive():
                p.kill()
                p.join(5)


def run_batch(files: list[Path], out_dir: Path, *, input_dir: Path | None = None, jobs: int | None = None,
              pdf: bool = False, templates_dir: Path | None = None,
              on_row: Callable[[dict], None] | None = None, on_start: Callable[[int, int], None] | None = None,
              renderer: str = DEFAULT_RENDERER, start_method: str = "spawn") -> BatchResult:
    """Render ``files`` into ``out_dir`` with ``jobs`` worker processes.

    ``on_start(total, jobs)`` is called once; ``on_row(row)`` once per workbook, in input order,
    as soon as its report is in place.  KeyboardInterrupt stops the workers, removes the staging
    folder and propagates; reports already moved to OUT_DIR are complete and stay.
    ``renderer`` names a function with the signature of api.render_workbook (tests use fakes).
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    root = Path(input_dir).resolve() if input_dir is not None else None
    jobs = max(1, min(jobs or default_jobs(), len(files) or 1))
    result = BatchResult(jobs=jobs, out_dir=out_dir)
    if on_start:
        on_start(len(files), jobs)
    if not files:
        return result
    started = time.perf_counter()
    stage = Path(tempfile.mkdtemp(prefix=STAGE_PREFIX, dir=out_dir))
    tasks = []
    for i, path in enumerate(files):
        path = Path(path)
        shown = path.name
        if root is not None:
            with contextlib.suppress(ValueError):
                shown = path.resolve().relative_to(root).as_posix()
        (stage / str(i)).mkdir()
        tasks.append({"index": i, "file": shown, "path": str(path), "stage": str(stage / str(i)),
                      "templates_dir": str(templates_dir) if templates_dir else None, "pdf": pdf,
                      "renderer": renderer})
    records: dict[int, dict] = {}
    taken: dict[str, str] = {}
    next_index = 0

    def commit() -> None:
        nonlocal next_index
        while next_index in records:
            rec = records.pop(next_index)
            row = _row(rec)
            _publish(row, rec, out_dir, taken)
            result.rows.append(row)
            if on_row:
                on_row(row)
            next_index += 1

    try:
        # Even --jobs 1 uses a worker process: a workbook that crashes the interpreter then takes
        # down only itself, and Ctrl-C is handled the same way in both modes.
        _run_pool(tasks, list(range(len(tasks))), jobs, records, commit, multiprocessing.get_context(start_method))
        commit()
    finally:
        with _sigint_ignored():
            shutil.rmtree(stage, ignore_errors=True)
    result.seconds = round(time.perf_counter() - started, 2)
    return result


def _run_pool(tasks: list[dict], indices: list[int], jobs: int, records: dict[int, dict],
              commit: Callable[[], None], ctx) -> None:
    executor = ProcessPoolExecutor(max_workers=min(jobs, len(indices)), mp_context=ctx, initializer=_init_worker)
    casualties: list[int] = []
    try:
        with _sigint_ignored():
            futures: dict[Future, int] = {executor.submit(render_one, tasks[i]): i for i in indices}
        pending = set(futures)
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for fut in done:
                index = futures[fut]
                exc = fut.exception()
                if exc is None:
                    records[index] = fut.result()
                elif isinstance(exc, KeyboardInterrupt):
                    raise KeyboardInterrupt
                elif isinstance(exc, BrokenProcessPool):
                    casualties.append(index)
                else:  # e.g. a result that could not be sent back
                    records[index] = _failure_record(tasks[index], exc)
            commit()
    except BaseException:
        _stop_pool(executor)
        raise
    executor.shutdown(wait=True)
    if casualties:
        # A worker died (crash, out of memory) and took the pool down: every unfinished workbook
        # failed with it.  Workbooks are handed out in order, so the one that caused it is among
        # the first few casualties: run those alone, then the rest in a fresh pool.
        casualties.sort()
        head, rest = casualties[:jobs + 1], casualties[jobs + 1:]
        _run_alone(tasks, head, records, commit, ctx)
        if rest:
            _run_pool(tasks, rest, jobs, records, commit, ctx)


def _failure_record(task: dict, exc: BaseException) -> dict:
    rec = _blank_record(task)
    rec["internal"] = _internal_message(exc)
    return rec


def _run_alone(tasks: list[dict], indices: list[int], records: dict[int, dict],
               commit: Callable[[], None], ctx) -> None:
    """One at a time in a single-worker pool, so that a crash can only take down its own workbook."""
    todo = list(indices)
    while todo:
        executor = ProcessPoolExecutor(max_workers=1, mp_context=ctx, initializer=_init_worker)
        try:
            while todo:
                index = todo.pop(0)
                with _sigint_ignored():
                    fut = executor.submit(render_one, tasks[index])
                try:
                    records[index] = fut.result()
                except BrokenProcessPool:
                    records[index] = _crash_record(tasks[index])
                    break  # this pool is dead; the next workbook gets a fresh one
                except KeyboardInterrupt:
                    raise
                except Exception as exc:  # noqa: BLE001
                    records[index] = _failure_record(tasks[index], exc)
                commit()
        except BaseException:
            _stop_pool(executor)
            raise
        executor.shutdown(wait=True)
        commit()


# ---------------------------------------------------------------------------------------
# Summary: 汇总.xlsx and JSON


def figure_columns() -> list[tuple[str, str, str]]:
    """(figure key, 'value' | 'change', header) in sheet order."""
    cols = []
    for fig in FIGURES:
        cols.append((fig.key, "value", f"{fig.label}（万元）"))
        if fig.base_label:
            cols.append((fig.key, "change", fig.base_label))
    return cols


def change_cell(fig: dict, base_label: str):
    """The comparison for the sheet: a signed rate (+5.23 / -3 / 0) that Excel can sort, or a
    text when there is no rate (base 0, not applicable)."""
    ch = fig.get("change")
    if fig.get("note"):
        return fig["note"]
    if ch is None:
        return None
    if ch["direction"] == "flat":
        return Decimal(0)
    if ch["rate"] is None:
        return change_text(fig, base_label)
    return ch["rate"] if ch["direction"] == "up" else -ch["rate"]


def write_summary(path: Path, rows: list[dict], *, input_dir: Path | None = None, seconds: float | None = None,
                  jobs: int | None = None) -> Path:
    """Write 汇总.xlsx: sheet 汇总 (one row per workbook, key figures side by side) and sheet
    问题明细 (every 错误 and 警告 of every workbook).  Written atomically."""
    import openpyxl
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    from .atomic import atomic_path

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "汇总"
    headers = [h for _, h, _ in BASE_COLUMNS] + [h for _, _, h in figure_columns()]
    widths = [w for _, _, w in BASE_COLUMNS] + [14 if kind == "value" else 16 for _, kind, _ in figure_columns()]
    ws.append(headers)
    bold = Font(bold=True)
    for c in range(1, len(headers) + 1):
        cell = ws.cell(row=1, column=c)
        cell.font = bold
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(c)].width = widths[c - 1]
    fills = {FAILED: PatternFill("solid", fgColor="F8CBAD"), WARNED: PatternFill("solid", fgColor="FFE699")}
    status_col = [k for k, _, _ in BASE_COLUMNS].index("status") + 1
    base_keys = [k for k, _, _ in BASE_COLUMNS]
    base_words = {f.key: f.base_word for f in FIGURES}
    for n, row in enumerate(rows, start=1):
        values = []
        for key in base_keys:
            if key == "no":
                values.append(n)
            elif key == "notes":
                values.append("；".join(row["notes"]) or None)
            else:
                values.append(row.get(key))
        figs = row.get("figures") or {}
        for key, kind, _ in figure_columns():
            fig = figs.get(key)
            if not fig:
                values.append(None)
            elif kind == "value":
                values.append(fig["value"] if fig["value"] is not None else fig.get("note"))
            else:
                values.append(change_cell(fig, base_words[key]))
        ws.append(values)
        r = ws.max_row
        if row["status"] in fills:
            ws.cell(row=r, column=status_col).fill = fills[row["status"]]
        for c, (key, kind, _) in enumerate(figure_columns(), start=len(base_keys) + 1):
            cell = ws.cell(row=r, column=c)
            if kind == "value":
                cell.number_format = "0.00"
            elif isinstance(cell.value, Decimal):
                places = max(0, -cell.value.as_tuple().exponent)  # as rounded for the report text
                digits = "0." + "0" * places if places else "0"
                cell.number_format = f'+{digits}"%";-{digits}"%";"持平"'
        ws.cell(row=r, column=base_keys.index("seconds") + 1).number_format = "0.00"
        ws.cell(row=r, column=base_keys.index("first_problem") + 1).alignment = Alignment(wrap_text=True,
                                                                                         vertical="top")
    ws.freeze_panes = "C2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(1, ws.max_row)}"
    total = len(rows)
    failed = sum(1 for r in rows if r["status"] == FAILED)
    warned = sum(1 for r in rows if r["status"] == WARNED)
    foot = ws.max_row + 2
    line = f"共 {total} 份：成功 {total - failed - warned} 份，有警告 {warned} 份，失败 {failed} 份。"
    if seconds is not None:
        line += f"用时 {seconds:.1f} 秒" + (f"（{jobs} 个进程）" if jobs else "") + "。"
    ws.cell(row=foot, column=1, value=line)
    ws.cell(row=foot + 1, column=1, value=FIGURE_NOTE)

    detail = wb.create_sheet("问题明细")
    detail.append(["序号", "文件", "部门", "级别", "规则", "单元格", "说明"])
    for c, w in enumerate((6, 28, 28, 8, 10, 18, 90), start=1):
        detail.cell(row=1, column=c).font = bold
        detail.column_dimensions[get_column_letter(c)].width = w
    for n, row in enumerate(rows, start=1):
        if row["status"] == FAILED and row.get("reason") != "errors":
            detail.append([n, row["file"], row["department"], ERROR, "", row["cell"], row["first_problem"]])
        for f in row["findings"]:
            detail.append([n, row["file"], row["department"], f["severity"], f["rule"], f["cell"], f["message"]])
    detail.freeze_panes = "A2"

    path = Path(path)
    with atomic_path(path) as tmp:
        wb.save(tmp)
    return path


def _jsonable(value):
    if isinstance(value, Decimal):
        return f"{value:.2f}" if value == value.quantize(Decimal("0.01")) else str(value)
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, Path):
        return str(value)
    return value


def summary_payload(result: BatchResult, *, input_dir: Path | None = None, summary: Path | None = None) -> dict:
    """What --json prints: the same rows as 汇总.xlsx, amounts as strings."""
    rows = []
    for row in result.rows:
        item = {k: row.get(k) for k in ("file", "department", "year", "status", "errors", "warnings",
                                         "first_problem", "cell", "output", "pdf", "seconds", "notes")}
        figs = row.get("figures")
        item["figures"] = None if figs is None else {
            fig.key: {"label": fig.label, "value": figs[fig.key]["value"], "base": figs[fig.key]["base"],
                      "change": figs[fig.key]["change"], "note": figs[fig.key].get("note")}
            for fig in FIGURES if fig.key in figs}
        item["findings"] = [{k: f[k] for k in ("severity", "rule", "cell", "message")} for f in row["findings"]]
        rows.append(item)
    return _jsonable({
        "input_dir": str(input_dir) if input_dir else None, "out_dir": str(result.out_dir) if result.out_dir else None,
        "summary": str(summary) if summary else None, "jobs": result.jobs, "seconds": result.seconds,
        "total": len(result.rows), "succeeded": result.count(OK), "warned": result.count(WARNED),
        "failed": result.count(FAILED), "rows": rows,
    })
