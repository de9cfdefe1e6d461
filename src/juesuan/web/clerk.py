"""The clerk's page: one workbook → 审核 → annotated copy → report (or a draft) → PDF;
the blank standard workbook and next year's workbook (``init --from``)."""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException

from juesuan.web.context import download, redirect, session_of, web_of
from juesuan.web.uploads import UploadRefused, check_length, save_upload
from juesuan.web.views import counts, grouped, summary_sentence
from juesuan.web.workspace import safe_name

BLANK_NAME = "部门决算工作簿.xlsx"
DRAFT_MARK = "（审核未通过草稿）"


@dataclass
class ClerkJob:
    id: str
    folder: Path
    workbook: Path
    check: object = None  # juesuan.CheckResult
    annotated: Path | None = None
    docx: Path | None = None
    pdf: Path | None = None
    draft: Path | None = None
    problems: list[str] = field(default_factory=list)  # Chinese: what could not be made, and why
    lock: threading.Lock = field(default_factory=threading.Lock)


@dataclass
class NextYearJob:
    id: str
    output: Path | None
    year: int | None
    problems: list[str]
    error: str | None = None


async def index(request):
    return web_of(request).page(request, "clerk.html")


async def _one_file(request, field_name: str, missing: str):
    """The uploaded file of ``field_name`` saved in a new job folder: (job id, folder, path)."""
    web, session = web_of(request), session_of(request)
    check_length(request.headers, web.limits)
    async with request.form(max_files=2, max_fields=10) as form:
        up = form.get(field_name)
        if not isinstance(up, UploadFile) or not up.filename:
            raise UploadRefused(missing)
        job_id, folder = session.job_folder()
        (folder / "in").mkdir()
        path = await save_upload(up, folder / "in", "工作簿.xlsx", web.limits)
    return job_id, folder, path


async def upload(request):
    job_id, folder, path = await _one_file(request, "workbook", "请先选择一个工作簿（.xlsx 文件）。")
    job = ClerkJob(job_id, folder, path)
    await run_in_threadpool(_check, job)
    session_of(request).jobs[job_id] = job
    return redirect(f"/clerk/{job_id}")


def _check(job: ClerkJob) -> None:
    """审核 (as `make-report check`), the annotated copy (as `check --annotate`) and, when there
    is no 错误, the report (as `make-report X.xlsx`)."""
    import juesuan
    job.check = result = juesuan.check_workbook(job.workbook)
    if result.fatal is not None:
        return
    target = job.folder / "annotated" / juesuan.default_annotation_path(job.workbook).name
    try:
        job.annotated = juesuan.annotate(job.workbook, result.findings, target)
    except ValueError as exc:
        job.problems.append(str(exc))
    except OSError as exc:
        job.problems.append(f"无法写入审核标注副本：{juesuan.describe_os_error(exc)}")
    except Exception as exc:  # noqa: BLE001 - openpyxl cannot open what our reader could read
        job.problems.append(f"无法生成审核标注副本（工作簿的格式 openpyxl 无法处理：{type(exc).__name__}），"
                            "审核结果见下。")
    if result.errors == 0:
        _render(job)


def _render(job: ClerkJob, *, pdf: bool = False, draft: bool = False) -> None:
    import juesuan
    folder = job.folder / ("draft" if draft else "pdf" if pdf else "report")
    output = None
    if draft:  # the name says what it is, so that nobody publishes it by mistake
        default = juesuan.default_output(job.check.report, job.workbook, folder)
        output = default.with_name(f"{default.stem}{DRAFT_MARK}.docx")
    result = juesuan.render_workbook(job.workbook, output, out_dir=folder, pdf=pdf, draft=draft)
    job.problems.extend(p for p in result.problems if p not in job.problems)
    if draft:
        job.draft = result.docx
    elif result.docx is not None:
        job.docx = result.docx
        if pdf:
            job.pdf = result.pdf


def _job(request, kind=None):
    """The session's job named in the path (a ClerkJob unless ``kind`` says otherwise), else 404."""
    job = session_of(request).job(request.path_params["job"], kind or ClerkJob)
    if job is None:
        raise HTTPException(404)
    return job


async def result(request):
    job = _job(request)
    check = job.check
    context = {"job": job, "fatal": check.fatal, "groups": [], "counts": {}, "sentence": "",
               "fatal_findings": []}
    if check.fatal is not None:
        context["fatal_findings"] = [f.text() for f in check.sorted_findings()]
    else:
        context.update(groups=grouped(check), counts=counts(check.findings), sentence=summary_sentence(check.findings))
    return web_of(request).page(request, "clerk_result.html", name=job.workbook.name, **context)


async def _render_once(request, attr: str, wanted, **render_args):
    """Render the job's ``attr`` output (draft or PDF) once, however often the button is pressed."""
    job = _job(request)
    if wanted(job) and getattr(job, attr) is None:
        def work():
            with job.lock:
                if getattr(job, attr) is None:
                    _render(job, **render_args)
        await run_in_threadpool(work)
    return redirect(f"/clerk/{job.id}#downloads")


async def draft(request):
    return await _render_once(request, "draft", lambda job: job.check.fatal is None and bool(job.check.errors),
                              draft=True)


async def pdf(request):
    return await _render_once(request, "pdf", lambda job: web_of(request).pdf and job.docx is not None, pdf=True)


async def download_file(request):
    job = _job(request)
    kind = request.path_params["kind"]
    files = {"annotated": job.annotated, "docx": job.docx, "pdf": job.pdf, "draft": job.draft}
    if kind not in files:
        raise HTTPException(404)
    return download(files[kind])


async def blank(request):
    import juesuan
    session = session_of(request)
    target = session.folder / "blank" / BLANK_NAME
    if not target.is_file():
        target.parent.mkdir(exist_ok=True)
        await run_in_threadpool(juesuan.write_blank_workbook, target, overwrite=True)
    return download(target)


async def next_year(request):
    import juesuan
    job_id, folder, path = await _one_file(request, "workbook", "请先选择上一年度的工作簿（.xlsx 文件）。")
    (folder / "out").mkdir()

    def work() -> NextYearJob:
        target = folder / "out" / "next.xlsx"
        try:
            nxt = juesuan.init_next_year(target, path)
        except juesuan.InputError as exc:
            return NextYearJob(job_id, None, None, [], exc.message)
        report = nxt.report
        name = safe_name(f"{report.name or '部门'}{report.year or ''}年度决算工作簿.xlsx", "下一年度工作簿.xlsx", ".xlsx")
        final = target.with_name(name)
        target.rename(final)
        return NextYearJob(job_id, final, report.year, list(nxt.problems))

    session_of(request).jobs[job_id] = await run_in_threadpool(work)
    return redirect(f"/next-year/{job_id}")


async def next_year_result(request):
    return web_of(request).page(request, "next_year.html", job=_job(request, NextYearJob))


async def next_year_download(request):
    return download(_job(request, NextYearJob).output)
