"""Running a batch: worker processes (one per job), Ctrl-C / SIGTERM handling, crash recovery.

The per-workbook work is exactly :func:`juesuan.api.render_workbook` (the call the single
command makes), or the function passed as ``renderer`` (tests pass fakes; it is handed to the
workers by reference, so it must be a module-level function).  Each worker renders into its own
staging folder inside OUT_DIR; the main process then moves the report to its final name *in input order*, so that the names given to
two workbooks of the same department and year do not depend on which worker finished first,
and an interrupted run leaves nothing half-written in OUT_DIR (the staging folder is removed
after the workers have stopped).
"""
from __future__ import annotations

import contextlib
import multiprocessing
import os
import shutil
import signal
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from juesuan.model.textnorm import safe_text
from juesuan.model.findings import ERROR, WARNING
from juesuan.batch.discovery import ANNOTATED_SUFFIX
from juesuan.batch.key_figures import key_figures
from juesuan.batch.rows import GENERATED, publish_annotated, publish_report, remove_stale_reports, summary_row

STAGE_PREFIX = ".juesuan-batch-"


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


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


def _default_renderer() -> Callable:
    from juesuan.api import render_workbook  # the front door's own call, as the single command makes it
    return render_workbook


def _blank_record(task: dict) -> dict:
    return {"index": task["index"], "file": task["file"], "path": task["path"], "department": None,
            "year": None, "fatal": None, "errors": 0, "warnings": 0, "findings": [], "problems": [],
            "staged_docx": None, "staged_pdf": None, "staged_annotated": None, "figures": None, "internal": None,
            "seconds": 0.0}


def render_one(task: dict) -> dict:
    """Check and render one workbook; always returns a plain record, never raises for a bad file.

    ``task``: index, file (as shown), path, stage (this workbook's own folder), templates_dir,
    pdf, renderer (a module-level function with the signature of api.render_workbook; None: that one).
    """
    start = time.perf_counter()
    rec = _blank_record(task)
    try:
        render = task.get("renderer") or _default_renderer()
        templates = task.get("templates_dir")
        options = {"draft": True} if task.get("draft") else {}
        result = render(Path(task["path"]), out_dir=Path(task["stage"]),
                        templates_dir=Path(templates) if templates else None, pdf=bool(task.get("pdf")), **options)
        _fill(rec, result)
        if task.get("annotate", True):
            _annotate(rec, result, Path(task["path"]), Path(task["stage"]))
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


def annotated_name(workbook: Path) -> str:
    """The annotated copy sent back to a department: its own file name with “.审核”."""
    return workbook.stem + ANNOTATED_SUFFIX


def _annotate(rec: dict, result, workbook: Path, stage: Path) -> None:
    """The department's workbook with its problems marked (as ``check --annotate`` writes it), for
    every readable workbook with an error or a warning; a failure here only costs the copy."""
    check = result.check
    if check.report is None or check.fatal is not None or not (check.errors or check.warnings):
        return
    from juesuan.workbooks.annotate import annotate_workbook
    target = stage / "annotated" / annotated_name(workbook)
    try:
        target.parent.mkdir(exist_ok=True)
        annotate_workbook(workbook, check.findings, target)
        rec["staged_annotated"] = str(target)
    except Exception as exc:  # noqa: BLE001 - openpyxl may refuse what our reader could read
        rec["problems_note"] = f"无法生成审核标注副本（{type(exc).__name__}）"


def _fill(rec: dict, result) -> None:
    check = result.check
    report = check.report
    if report is not None:
        rec["department"] = report.name or None
        rec["year"] = report.year
    rec["fatal"] = check.fatal
    rec["errors"] = check.errors
    rec["warnings"] = check.warnings
    rec["findings"] = [f.as_dict() for f in check.sorted_findings() if f.severity in (ERROR, WARNING)]
    rec["problems"] = [str(p) for p in (result.problems or [])]
    rec["staged_docx"] = str(result.docx) if result.docx else None
    rec["staged_pdf"] = str(result.pdf) if result.pdf else None
    if report is not None and check.fatal is None:  # with 错误 too: marked 未经审核 in the summary
        try:
            rec["figures"] = key_figures(report, getattr(result, "figures", None))
        except Exception as exc:  # noqa: BLE001 - the report is fine; only the summary loses its figures
            rec["problems_note"] = f"主要数据无法汇总（{type(exc).__name__}）"


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
        """Workbooks without a final report (审核未通过, 草稿, 无法读取, 未能生成)."""
        return sum(1 for r in self.rows if r["status"] != GENERATED)

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
              pdf: bool = False, templates_dir: Path | None = None, draft: bool = False, annotate: bool = True,
              on_row: Callable[[dict], None] | None = None, on_start: Callable[[int, int], None] | None = None,
              renderer: Callable | None = None, start_method: str = "spawn") -> BatchResult:
    """Render ``files`` into ``out_dir`` with ``jobs`` worker processes.

    ``on_start(total, jobs)`` is called once; ``on_row(row)`` once per workbook, in input order,
    as soon as its report is in place.  KeyboardInterrupt stops the workers, removes the staging
    folder and propagates; reports already moved to OUT_DIR are complete and stay.
    ``renderer`` is a module-level function with the signature of api.render_workbook (default:
    that one; tests pass fakes).
    ``draft``: a workbook with 错误 still gets its report, named “…（草稿）.docx” and marked as a
    draft; ``annotate``: every workbook with problems gets “<file>.审核.xlsx” beside the reports.
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
        shown = safe_text(shown)  # a name that is not UTF-8 (Linux) is shown with “\ufffd”, never a crash
        tasks.append({"index": i, "file": shown, "path": str(path), "stage": str(stage / str(i)),
                      "templates_dir": str(templates_dir) if templates_dir else None, "pdf": pdf,
                      "renderer": renderer, "draft": draft, "annotate": annotate})
    records: dict[int, dict] = {}
    taken: dict[str, str] = {}
    next_index = 0

    def commit() -> None:
        nonlocal next_index
        while next_index in records:
            rec = records.pop(next_index)
            row = summary_row(rec)
            publish_report(row, rec, out_dir, taken)
            publish_annotated(row, rec, out_dir, taken)
            result.rows.append(row)
            if on_row:
                on_row(row)
            next_index += 1

    try:
        # Even --jobs 1 uses a worker process: a workbook that crashes the interpreter then takes
        # down only itself, and Ctrl-C is handled the same way in both modes.
        _run_pool(tasks, list(range(len(tasks))), jobs, records, commit, multiprocessing.get_context(start_method))
        commit()
        remove_stale_reports(result.rows, out_dir)
    finally:
        with _sigint_ignored():
            shutil.rmtree(stage, ignore_errors=True)
    result.seconds = round(time.perf_counter() - started, 2)
    return result


@contextlib.contextmanager
def _worker_pool(workers: int, ctx):
    """A process pool that is stopped (running workers terminated) when anything, Ctrl-C
    included, leaves the block by an exception, and shut down normally otherwise."""
    executor = ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_init_worker)
    try:
        yield executor
    except BaseException:
        _stop_pool(executor)
        raise
    executor.shutdown(wait=True)


def _run_pool(tasks: list[dict], indices: list[int], jobs: int, records: dict[int, dict],
              commit: Callable[[], None], ctx) -> None:
    casualties: list[int] = []
    with _worker_pool(min(jobs, len(indices)), ctx) as executor:
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
        with _worker_pool(1, ctx) as executor:
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
        commit()
