"""make-report audit 文件夹/ -o 审核汇总.xlsx: every .pdf / .docx of a folder, for the office that checks a
whole district's published reports.

Sheet 「汇总」: one row per report (reference used, contradictions by kind, unmatched, notes, what was
not read, or why the file could not be read).  Sheet 「问题清单」: every contradiction and note with its
page and a short quote.  Written through :mod:`juesuan.xlsx.text` (strings as text, atomically).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from juesuan.audit.issues import KINDS

SUFFIXES = (".pdf", ".docx")


@dataclass
class FolderResult:
    folder: Path
    results: list = field(default_factory=list)  # AuditResult, in file-name order

    @property
    def contradictions(self) -> int:
        return sum(r.summary()["total_contradictions"] for r in self.results if not r.fatal)

    @property
    def unreadable(self) -> int:
        return sum(1 for r in self.results if r.fatal)


def report_files(folder: Path) -> list[Path]:
    """The reports of ``folder`` (not its subfolders; Word's 「~$」 lock files skipped), by name."""
    return sorted((p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES
                   and not p.name.startswith("~$")), key=lambda p: p.name)


def audit_folder(folder: str | Path, workbook_path: str | Path | None = None) -> FolderResult:
    from juesuan.audit.run import audit_report  # noqa: PLC0415
    folder = Path(folder)
    out = FolderResult(folder)
    for path in report_files(folder):
        out.results.append(audit_report(path, workbook_path))
    return out


def page_text(page, estimated: bool) -> str:
    if page is None:
        return ""
    return f"约第{page}页" if estimated else f"第{page}页"


SUMMARY_HEAD = ["报告文件", "核对依据", "矛盾合计", "数字矛盾"] + list(KINDS) + ["未匹配", "提示", "未读取的部分", "无法读取的原因"]
LIST_HEAD = ["报告文件", "页码", "类别", "性质", "原文", "问题", "核对依据", "单元格"]


def rows(result: FolderResult) -> tuple[list[list], list[list]]:
    summary, items = [], []
    for r in result.results:
        name = r.report_path.name
        if r.fatal:
            summary.append([name, "", "", ""] + [""] * len(KINDS) + ["", "", "", r.fatal])
            continue
        counts = r.counts()
        s = r.summary()
        summary.append([name, r.reference, s["total_contradictions"], counts["数字"]] + [counts[k] for k in KINDS]
                       + [s["unmatched"], s["notes"], "；".join(r.not_read), ""])
        for x in r.found() + r.notes:
            if hasattr(x, "claim"):
                v = x
                problem = f"写的是 {v.claim.raw}" + (f"（{v.slot.label}），应为 {v.correct}" if v.slot else "")
                problem += f"；{v.note}" if v.note else ""
                items.append([name, page_text(v.claim.page, r.pages_estimated), "数字", "矛盾", v.claim.quote(), problem,
                              r.reference, v.slot.cell if v.slot else ""])
            else:
                items.append([name, page_text(x.page, r.pages_estimated), x.kind, x.severity, x.quote, x.message,
                              x.reference, x.cell])
    return summary, items


def write_xlsx(result: FolderResult, target: str | Path) -> Path:
    from openpyxl import Workbook
    from juesuan.xlsx.text import safe_row, save_workbook
    wb = Workbook()
    ws = wb.active
    ws.title = "汇总"
    summary, items = rows(result)
    ws.append(safe_row(SUMMARY_HEAD))
    for row in summary:
        ws.append(safe_row(row))
    ws2 = wb.create_sheet("问题清单")
    ws2.append(safe_row(LIST_HEAD))
    for row in items:
        ws2.append(safe_row(row))
    for sheet, widths in ((ws, [36, 12, 10, 10] + [10] * len(KINDS) + [8, 8, 40, 40]),
                          (ws2, [36, 10, 12, 8, 60, 70, 14, 18])):
        for i, w in enumerate(widths):
            sheet.column_dimensions[sheet.cell(1, i + 1).column_letter].width = w
        sheet.freeze_panes = "A2"
    return save_workbook(wb, target)
