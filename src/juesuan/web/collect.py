"""The collecting office's page: many workbooks (or .zip archives) → ``juesuan.batch`` in the
background → a live table (the page polls ``status``) → 汇总.xlsx and a .zip of everything.

One batch runs at a time (worker processes are per CPU already); a second one waits its turn.
"""
from __future__ import annotations

import threading
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse

from juesuan.web.context import download, redirect, session_of, web_of
from juesuan.web.uploads import UploadRefused, check_length, save_upload, unpack_workbooks

QUEUED, RUNNING, DONE, STOPPED, BROKEN = "排队中", "进行中", "已完成", "已停止", "出错"
ARCHIVE_NAME = "全部结果.zip"


@dataclass
class BatchJob:
    id: str
    folder: Path
    files: list[Path]
    notes: list[str] = field(default_factory=list)
    pdf: bool = False
    state: str = QUEUED
    rows: dict = field(default_factory=dict)  # index -> the row shown (plain JSON values)
    outputs: dict = field(default_factory=dict)  # index -> {"docx"|"pdf"|"annotated": Path}
    summary: Path | None = None
    archive: Path | None = None
    message: str | None = None
    started: float = field(default_factory=time.monotonic)
    seconds: float | None = None

    @property
    def out(self) -> Path:
        return self.folder / "out"


async def index(request):
    return web_of(request).page(request, "collect.html")


async def upload(request):
    web, session = web_of(request), session_of(request)
    check_length(request.headers, web.limits)
    job_id, folder = session.job_folder()
    inbox, archives = folder / "in", folder / "zip"
    inbox.mkdir()
    archives.mkdir()
    files: list[Path] = []
    notes: list[str] = []
    # the parser's own limit is only a backstop: the count is checked below, with a Chinese message
    async with request.form(max_files=2 * web.limits.files + 10, max_fields=10) as form:
        want_pdf = form.get("pdf") == "1" and web.pdf
        for up in form.getlist("workbooks"):
            if not isinstance(up, UploadFile) or not up.filename:
                continue
            if up.filename.lower().endswith(".zip"):
                archive = await save_upload(up, archives, "压缩包.zip", web.limits)
                found, said = await run_in_threadpool(unpack_workbooks, archive, inbox, web.limits, len(files))
                files += found
                notes += said
                archive.unlink()
            elif up.filename.lower().endswith(".xlsx") and not _base(up.filename).startswith(("~$", ".")):
                if len(files) >= web.limits.files:
                    raise UploadRefused(f"一次最多处理 {web.limits.files} 份工作簿；请分几次上传。", 413)
                files.append(await save_upload(up, inbox, f"工作簿{len(files) + 1}.xlsx", web.limits))
            else:
                notes.append(f"“{up.filename}”不是 .xlsx 工作簿或 .zip 压缩包，已忽略。")
    if not files:
        raise UploadRefused("没有收到 .xlsx 工作簿。" + "".join(notes) + "请选择各部门的工作簿，或把它们压缩成一个 .zip 上传。")
    job = BatchJob(job_id, folder, files, notes, pdf=want_pdf)
    session.jobs[job_id] = job
    thread = threading.Thread(target=_run, args=(job, web), name=f"batch-{job_id}", daemon=True)
    web.threads.append(thread)
    thread.start()
    return redirect(f"/collect/{job_id}")


def _base(filename: str) -> str:
    """The file's own name: some browsers send a path (“C:\\fakepath\\~$a.xlsx”, “部门/~$a.xlsx”),
    and an Office lock file inside it must still be recognised as one."""
    return filename.replace("\\", "/").rsplit("/", 1)[-1]


def _run(job: BatchJob, web) -> None:
    import juesuan
    batch = juesuan.batch
    with web.batch_slots:
        if web.stopping.is_set():
            job.state = STOPPED
            return
        job.state = RUNNING
        job.started = time.monotonic()

        def on_row(row: dict) -> None:
            if web.stopping.is_set():  # the server is stopping: run_batch stops its workers and cleans up
                raise KeyboardInterrupt
            _take_row(job, row)

        try:
            result = batch.run_batch(job.files, job.out, input_dir=job.folder / "in", jobs=web.jobs, pdf=job.pdf,
                                     on_row=on_row)
            summary = job.out / batch.SUMMARY_NAME
            batch.write_summary(summary, result.rows, seconds=result.seconds, jobs=result.jobs)
            job.summary = summary
            job.archive = _archive(job)
            job.seconds = result.seconds
            job.state = DONE
        except KeyboardInterrupt:
            job.state = STOPPED
        except Exception as exc:  # noqa: BLE001 - shown on the page, never a traceback
            job.state = BROKEN
            job.message = f"批量处理未完成：{juesuan.describe_os_error(exc) if isinstance(exc, OSError) else type(exc).__name__}"


def _take_row(job: BatchJob, row: dict) -> None:
    """One finished workbook: its row for the table, its files, its annotated copy."""
    import juesuan
    i = row["index"]
    outputs: dict[str, Path] = {}
    if row["output"]:
        outputs["docx"] = job.out / row["output"]
    if row["pdf"]:
        outputs["pdf"] = job.out / row["pdf"]
    if row["reason"] not in ("fatal", "internal") and (row["errors"] or row["warnings"]):
        source = job.files[i]
        target = job.out / "审核标注副本" / juesuan.default_annotation_path(source).name
        try:
            check = juesuan.check_workbook(source)
            if check.fatal is None:
                outputs["annotated"] = juesuan.annotate(source, check.findings, target)
        except Exception:  # noqa: BLE001 - the report and the row stand without the copy
            pass
    job.outputs[i] = outputs
    job.rows[i] = row_view(row, set(outputs))


def row_view(row: dict, files: set[str]) -> dict:
    import juesuan
    figures = row.get("figures") or {}
    values = []
    for fig in juesuan.batch.FIGURES:
        f = figures.get(fig.key)
        values.append("" if not f else (f.get("note") or "") if f["value"] is None else f"{f['value']:.2f}")
    problem = (row["first_problem"] or "") + (f"（{row['cell']}）" if row["cell"] else "")
    return {"index": row["index"], "file": row["file"], "department": row["department"] or "",
            "year": row["year"] or "", "status": row["status"], "errors": row["errors"], "warnings": row["warnings"],
            "problem": problem, "notes": list(row["notes"]), "figures": values, "files": sorted(files),
            "seconds": row["seconds"]}


def _archive(job: BatchJob) -> Path:
    """Every output (reports, PDFs, annotated copies, 汇总.xlsx) in one .zip, names as in the folder."""
    target = job.folder / ARCHIVE_NAME
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(job.out.rglob("*")):
            if path.is_file() and not path.name.startswith("."):
                zf.write(path, path.relative_to(job.out).as_posix())
    return target


def _job(request) -> BatchJob:
    job = session_of(request).job(request.path_params["job"], BatchJob)
    if job is None:
        raise HTTPException(404)
    return job


def status_payload(job: BatchJob) -> dict:
    import juesuan
    rows = [job.rows[i] for i in sorted(job.rows)]
    return {"state": job.state, "total": len(job.files), "done": len(rows), "rows": rows, "notes": job.notes,
            "message": job.message, "finished": job.state in (DONE, STOPPED, BROKEN),
            "summary": job.summary is not None, "archive": job.archive is not None,
            "counts": {s: n for s in juesuan.batch.STATUSES if (n := sum(1 for r in rows if r["status"] == s))},
            "seconds": job.seconds if job.seconds is not None else round(time.monotonic() - job.started, 1)}


async def result(request):
    import juesuan
    job = _job(request)
    return web_of(request).page(request, "collect_job.html", job=job, batch=status_payload(job),
                                figures=[f.label for f in juesuan.batch.FIGURES])


async def status(request):
    return JSONResponse(status_payload(_job(request)))


async def download_file(request):
    job = _job(request)
    path = job.outputs.get(request.path_params["index"], {}).get(request.path_params["kind"])
    if path is None:
        raise HTTPException(404)
    return download(path)


async def summary(request):
    return download(_job(request).summary)


async def everything(request):
    return download(_job(request).archive)
