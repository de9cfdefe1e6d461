"""The audit page: a published report (PDF/DOCX/TXT, with or without its workbook) → the numbers
of 第三部分 that contradict the workbook (or each other), with page numbers where the library
gives them.  ``juesuan.audit`` does the work."""
from __future__ import annotations

import inspect
from dataclasses import dataclass
from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException

from juesuan.web.context import redirect, session_of, web_of
from juesuan.web.uploads import UploadRefused, check_length, save_upload

REPORT_TYPES = (".pdf", ".docx", ".txt")
# the section titles as `make-report audit` prints them (第三部分一 … 十四)
SECTION_NAMES = {
    "s01": "一", "s02": "二", "s03": "三", "s04": "四", "s05": "五", "s05_1": "五（一）", "s05_2": "五（二）",
    "s05_3": "五（三）", "s06": "六", "s07": "七", "s08": "八", "s09": "九", "s09_1": "九（一）", "s09_2": "九（二）",
    "s10": "十", "s11": "十一", "s12": "十二", "s13": "十三", "s14": "十四",
}


@dataclass
class AuditJob:
    id: str
    report_name: str
    workbook_name: str | None
    result: object = None  # juesuan.audit.AuditResult
    fatal: str | None = None


def workbook_optional() -> bool:
    """Whether this version of ``juesuan.audit.audit_report`` can audit a report without its workbook."""
    import juesuan
    params = inspect.signature(juesuan.audit.audit_report).parameters
    second = list(params.values())[1:2]
    return bool(second) and second[0].default is not inspect.Parameter.empty


async def index(request):
    return web_of(request).page(request, "audit.html", optional=workbook_optional())


async def upload(request):
    import juesuan
    web, session = web_of(request), session_of(request)
    check_length(request.headers, web.limits)
    async with request.form(max_files=3, max_fields=10) as form:
        report, workbook = form.get("report"), form.get("workbook")
        if not isinstance(report, UploadFile) or not report.filename:
            raise UploadRefused("请先选择要核对的报告（.pdf、.docx 或 .txt 文件）。")
        if Path(report.filename).suffix.lower() not in REPORT_TYPES:
            raise UploadRefused(f"“{report.filename}”不是 .pdf、.docx 或 .txt 文件；请选择已公开的报告。")
        has_workbook = isinstance(workbook, UploadFile) and bool(workbook.filename)
        if not has_workbook and not workbook_optional():
            raise UploadRefused("请同时选择这份报告对应的工作簿（.xlsx）：核对时要与工作簿的数字比较。")
        job_id, folder = session.job_folder()
        (folder / "report").mkdir()
        report_path = await save_upload(report, folder / "report", "报告" + Path(report.filename).suffix.lower(),
                                        web.limits)
        workbook_path = None
        if has_workbook:
            (folder / "workbook").mkdir()
            workbook_path = await save_upload(workbook, folder / "workbook", "工作簿.xlsx", web.limits)
    job = AuditJob(job_id, report_path.name, workbook_path.name if workbook_path else None)

    def work():
        if workbook_path is None:
            return juesuan.audit.audit_report(report_path)
        return juesuan.audit.audit_report(report_path, workbook_path)

    job.result = await run_in_threadpool(work)
    job.fatal = job.result.fatal
    session.jobs[job_id] = job
    return redirect(f"/audit/{job_id}")


def page_words(page, estimated: bool) -> str:
    if not isinstance(page, int):
        return ""
    return f"约第{page}页" if estimated else f"第{page}页"


def summary_sentence(r) -> str:
    """The sentence `make-report audit` ends with."""
    s = r.summary()
    read = "、".join(getattr(r, "read", [])) or "无"
    reference = getattr(r, "reference", "工作簿")
    text = (f"核对完成（依据：{reference}）：读取了{read}；找到数字 {s['claims']} 个，一致 {s['verified']} 个"
            f"（其中尾数差异 {s['tail']} 个），数字矛盾 {s['contradicted']} 个，未匹配 {s['unmatched']} 个")
    if s.get("unverifiable"):
        text += f"，无从核对 {s['unverifiable']} 个（需要工作簿）"
    text += f"；表格、年度、用词、单位等问题 {s.get('issues', 0)} 个，提示 {s.get('notes', 0)} 个。"
    if getattr(r, "not_read", None):
        text += "未读取：" + "；".join(r.not_read) + "。"
    return text + ("报告中有矛盾，请改正。" if s.get("total_contradictions", s["contradicted"]) else "没有发现矛盾。")


def verdict_view(v, reference: str, estimated: bool) -> dict:
    import juesuan
    claim = v.claim
    section = SECTION_NAMES.get(claim.section, claim.section)
    view = {"status": v.status, "where": f"第三部分{section}", "page": page_words(getattr(claim, "page", None), estimated),
            "quote": claim.quote(), "raw": claim.raw, "label": None, "correct": None, "cell": None,
            "note": v.note or "", "reference": reference}
    unverifiable = getattr(juesuan.audit, "UNVERIFIABLE", None)
    if v.slot is not None and v.status != unverifiable:
        view.update(label=v.slot.label, correct=v.correct, cell=v.slot.cell)
    elif v.status == juesuan.audit.UNMATCHED:
        view["note"] = view["note"] or f"没有找到它说的是哪个数（{reference}中无对应项），请人工核对"
    return view


def issue_view(i, estimated: bool) -> dict:
    return {"kind": i.kind, "page": page_words(i.page, estimated), "quote": i.quote, "message": i.message,
            "reference": i.reference + (f" {i.cell}" if i.cell else "")}


async def result(request):
    import juesuan
    job = session_of(request).job(request.path_params["job"], AuditJob)
    if job is None:
        raise HTTPException(404)
    audit = juesuan.audit
    r = job.result
    context = {"groups": [], "issues": [], "notes": [], "sentence": "", "reference": "", "mismatch": [],
               "workbook_errors": 0}
    if job.fatal is None:
        est = bool(getattr(r, "pages_estimated", False))
        reference = getattr(r, "reference", "工作簿")
        order = [(audit.WRONG, "矛盾", "error", True), (audit.TAIL, "尾数差异（相差0.01万元，不算矛盾）", "warning", True),
                 (audit.UNMATCHED, "未匹配（无法核对）", "info", True)]
        if hasattr(audit, "UNVERIFIABLE"):
            order.append((audit.UNVERIFIABLE, "无从核对（需要工作簿）", "info", False))
        order.append((audit.RIGHT, "一致", "ok", False))
        for status, title, css, is_open in order:
            items = [verdict_view(v, reference, est) for v in r.of(status)]
            if items:
                context["groups"].append({"title": title, "css": css, "items": items, "open": is_open})
        context.update(issues=[issue_view(i, est) for i in getattr(r, "problems", [])],
                       notes=[issue_view(i, est) for i in getattr(r, "notes", [])],
                       sentence=summary_sentence(r), reference=reference, mismatch=list(r.mismatch),
                       workbook_errors=r.workbook_errors)
    return web_of(request).page(request, "audit_result.html", job=job, **context)
