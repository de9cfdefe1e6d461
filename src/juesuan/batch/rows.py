"""What the summary says about one workbook (status, first problem, notes), and moving its
report from the staging folder to its final, unique name in OUT_DIR."""
from __future__ import annotations

import os
import unicodedata
from pathlib import Path

from juesuan.model.findings import ERROR, WARNING, Finding
from juesuan.spec.finding_ids import title_of
from juesuan.fileio.atomic import replace_file
from juesuan.fileio.oserrors import TargetInUse, describe

# The status of one workbook in the summary.  Only 已生成 is a success; each other status says
# what the collecting office does next: send the 审核 comments back (审核未通过), ask for a readable
# file (无法读取), or tell the maintainers (未能生成: a template or program problem).
GENERATED, REJECTED, UNREADABLE, NOT_RENDERED, DRAFT = "已生成", "审核未通过", "无法读取", "未能生成", "草稿"
STATUSES = (GENERATED, REJECTED, DRAFT, UNREADABLE, NOT_RENDERED)
PROBLEM_STATUSES = (REJECTED, DRAFT, UNREADABLE, NOT_RENDERED)


def summary_row(rec: dict) -> dict:
    """Turn a worker record into a summary row (status, first problem, notes)."""
    first = next((f for f in rec["findings"] if f["severity"] == ERROR), None)
    row = {
        "index": rec["index"], "file": rec["file"], "path": rec["path"], "department": rec["department"],
        "year": rec["year"], "status": NOT_RENDERED, "errors": rec["errors"], "warnings": rec["warnings"],
        "first_problem": None, "cell": None, "output": None, "pdf": None, "annotated": None,
        "seconds": rec["seconds"], "notes": [], "figures": rec.get("figures"), "checked": False, "reason": None,
        "findings": rec["findings"],
    }
    if rec.get("problems_note"):
        row["notes"].append(rec["problems_note"])
    if rec["internal"]:
        row["reason"] = "internal"
        row["first_problem"] = rec["internal"]
        row["figures"] = None
    elif rec["fatal"]:
        row["status"] = UNREADABLE
        row["reason"] = "fatal"
        row["first_problem"] = rec["fatal"]
        row["cell"] = first["cell"] if first else None
        row["figures"] = None
    elif rec["errors"]:
        row["status"] = DRAFT if rec["staged_docx"] else REJECTED
        row["reason"] = "errors"
        row["first_problem"] = f"{first['rule']} {first['message']}" if first else "工作簿有错误"
        row["cell"] = (first["cell"] or None) if first else None
    elif rec["problems"] or not rec["staged_docx"]:
        row["reason"] = "render"
        row["first_problem"] = rec["problems"][0] if rec["problems"] else "未生成报告（原因不明）。"
        if len(rec["problems"]) > 1:
            row["notes"].extend(rec["problems"][1:])
        row["checked"] = True
    else:
        row["status"] = GENERATED
        row["checked"] = True
        warn = next((f for f in rec["findings"] if f["severity"] == WARNING), None)
        if warn:
            row["first_problem"] = f"{warn['rule']} {warn['message']}"
            row["cell"] = warn["cell"] or None
    return row


def _name_key(name: str) -> str:
    # Windows compares file names without regard to case; NFC so that visually equal names match.
    return unicodedata.normalize("NFC", name).casefold()


def unique_name(name: str, taken: dict[str, str]) -> str:
    stem, suffix = os.path.splitext(name)
    candidate, n = name, 1
    while _name_key(candidate) in taken:
        n += 1
        candidate = f"{stem}（{n}）{suffix}"
    return candidate


def _keep_foreign(out_dir: Path, wanted: str, final: str, taken: dict[str, str]) -> tuple[str, str] | None:
    """A file already in OUT_DIR under ``final`` that is not this tool's unchanged report (a report
    edited by hand, another program's file) is never replaced: (its name, the name to use instead)."""
    from juesuan.render.names import FINAL, output_kind
    first = final
    while (out_dir / final).exists() and output_kind(out_dir / final)[0] != FINAL:
        taken.setdefault(_name_key(final), f"（已有文件）{final}")
        final = unique_name(wanted, taken)
    return (first, final) if final != first else None


def _our_annotated_copy(path: Path) -> bool:
    """An earlier annotated copy of this tool (its first sheet is “审核结果”), which may be replaced."""
    from juesuan.workbooks.annotate import SUMMARY_SHEET
    from juesuan.xlsx.cells import sheet_names
    try:
        names = sheet_names(path)
    except Exception:  # noqa: BLE001 - unreadable: not ours, so not replaced
        return False
    return bool(names) and names[0] == SUMMARY_SHEET


def publish_annotated(row: dict, rec: dict, out_dir: Path, taken: dict[str, str]) -> None:
    """Move the annotated copy (“<file>.审核.xlsx”) beside the reports, under a name unique in this run."""
    staged = Path(rec["staged_annotated"]) if rec.get("staged_annotated") else None
    if staged is None or not staged.exists():
        return
    name = unique_name(staged.name, taken)
    while (out_dir / name).exists() and not _our_annotated_copy(out_dir / name):
        taken[_name_key(name)] = ""  # a file of the user's with that name: never replaced, next name
        name = unique_name(staged.name, taken)
    try:
        replace_file(staged, out_dir / name)
    except OSError as exc:
        row["notes"].append(f"无法写入审核标注副本“{out_dir / name}”：{describe(exc)}")
        return
    taken[_name_key(name)] = row["file"]
    row["annotated"] = name


def publish_report(row: dict, rec: dict, out_dir: Path, taken: dict[str, str]) -> None:
    """Move a rendered report from its staging folder to OUT_DIR under a name unique in this run."""
    staged = Path(rec["staged_docx"]) if rec["staged_docx"] else None
    if staged is None or not staged.exists():
        return
    final = unique_name(staged.name, taken)
    kept = _keep_foreign(out_dir, staged.name, final, taken)
    if kept:
        final = kept[1]
    if final != staged.name:
        other = taken.get(_name_key(staged.name))
        note = (f"“{kept[0]}”已存在，且不是本工具生成的报告（或已在 Word/WPS 中修改过），未覆盖；报告另存为“{final}”"
                if kept else f"与“{other}”的部门、年度相同，报告改名为“{final}”")
        row["notes"].append(note)
        row["findings"] = row["findings"] + [Finding("批量-重名", WARNING, note, title=title_of("批量-重名")).as_dict()]
        row["warnings"] += 1
        if row["status"] == GENERATED and not row["first_problem"]:
            row["first_problem"] = note
    for staged_file, name, key in ((staged, final, "output"),
                                   (rec["staged_pdf"], Path(final).with_suffix(".pdf").name, "pdf")):
        if key == "output" and row["status"] == DRAFT:
            name = unique_name(f"{Path(final).stem}（草稿）.docx", taken)
        if not staged_file or not Path(staged_file).exists():
            continue
        try:
            replace_file(staged_file, out_dir / name)
        except OSError as exc:
            row["status"] = NOT_RENDERED
            row["reason"] = "publish"
            row["first_problem"] = f"无法写入“{out_dir / name}”：{describe(exc)}" + (
                "。" if isinstance(exc, TargetInUse) else "（文件可能正被 Word 或其他程序打开，或没有写权限）。")
            row["figures"] = None
            return
        row[key] = name
        taken[_name_key(final)] = row["file"]


def remove_stale_reports(rows: list[dict], out_dir: Path) -> None:
    """Reports an earlier run wrote for a workbook of this run, but this run did not (the
    workbook broke since, or its department or year changed): removed, and the row says so.

    Only this tool's own unchanged reports are touched (render/names.output_kind: their
    identifier is the workbook's file name); a report edited in Word since is named instead."""
    from juesuan.render.names import output_kind, pdf_is_ours
    written = {_name_key(n) for row in rows for n in (row.get("output"), row.get("pdf")) if n}
    by_source: dict[str, list[dict]] = {}
    for row in rows:
        by_source.setdefault(Path(row["path"]).name, []).append(row)
    try:
        existing = sorted(p for p in out_dir.iterdir() if p.suffix.lower() == ".docx" and p.is_file())
    except OSError:
        return
    for docx in existing:
        if _name_key(docx.name) in written:
            continue
        kind, source = output_kind(docx)
        if kind is None or source not in by_source:
            continue
        row = by_source[source][0]
        pdf = docx.with_suffix(".pdf")
        try:
            docx.unlink()
            note = f"已删除上次运行留下的旧报告“{docx.name}”（本次未生成，旧报告已不对应当前工作簿）"
            if pdf.is_file() and _name_key(pdf.name) not in written and pdf_is_ours(pdf):
                pdf.unlink()
                note += f"及“{pdf.name}”"
        except OSError as exc:
            note = f"上次运行留下的旧报告“{docx.name}”已过时，但无法删除：{describe(exc)}"
        row["notes"].append(note)
