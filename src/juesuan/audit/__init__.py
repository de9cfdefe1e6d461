"""make-report audit: check a finished report's text (第三部分) against its workbook.

    audit_report(report_path, workbook_path) -> AuditResult

Pipeline, one module each: :mod:`.text_input` (docx / txt / pdf → paragraphs) → :mod:`.segment`
(第三部分 and its sections, by heading words) → :mod:`.claims` (numbers with their context) →
:mod:`.expected` / :mod:`.expected_more` (what each figure should be, from the renderer's own
``juesuan.figures.compute``) → :mod:`.compare` (match, judge at printed precision, diagnose a wrong base).
The claims recognised are listed in docs/AUDIT.md.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from juesuan.audit.compare import RIGHT, TAIL, UNMATCHED, WRONG, Verdict
from juesuan.audit.text_input import ReportUnreadable, read_paragraphs

__all__ = ["AuditResult", "audit_report", "audit_paragraphs", "ReportUnreadable", "Verdict",
           "RIGHT", "TAIL", "WRONG", "UNMATCHED"]


@dataclass
class AuditResult:
    report_path: Path
    workbook_path: Path
    verdicts: list[Verdict] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)  # section ids found, in the printed order
    workbook_errors: int = 0  # 审核 errors of the workbook itself (a contradiction may be the table's fault)
    fatal: str | None = None  # a file could not be read
    mismatch: list[str] = field(default_factory=list)  # the report seems to be of another department/year

    def of(self, status: str) -> list[Verdict]:
        return [v for v in self.verdicts if v.status == status]

    @property
    def contradictions(self) -> list[Verdict]:
        return self.of(WRONG)

    @property
    def unmatched(self) -> list[Verdict]:
        return self.of(UNMATCHED)

    def summary(self) -> dict:
        return {"claims": len(self.verdicts), "verified": len(self.of(RIGHT)) + len(self.of(TAIL)),
                "tail": len(self.of(TAIL)), "contradicted": len(self.of(WRONG)),
                "unmatched": len(self.of(UNMATCHED))}


def audit_paragraphs(paragraphs: list[str], report) -> tuple[list[Verdict], list[str]]:
    """Judge every claim of 第三部分 in ``paragraphs`` against the workbook ``report`` (a juesuan Report)."""
    from juesuan.audit.claims import extract, section_key
    from juesuan.audit.compare import amount_pool, judge, match
    from juesuan.audit.expected_9_14 import expected_slots
    from juesuan.audit.segment import sections
    from juesuan.audit.workbook_texts import literal_texts
    slots, figs = expected_slots(report)
    pool = amount_pool(slots)
    literals = literal_texts(report)
    verdicts: list[Verdict] = []
    found = sections(paragraphs)
    for sec in found:
        key = section_key(sec.id)
        here = [s for s in slots if s.section in (key, "*")]
        for index, text in sec.paragraphs:
            claims = extract(key, index, text, literals)
            for claim, slot in zip(claims, match(claims, here)):
                if claim.kind == "blank":
                    verdicts.append(Verdict(claim, WRONG, None, "", "“万元”前没有数字（数值位置留空）"))
                else:
                    verdicts.append(judge(claim, slot, figs.opts, pool) if slot else Verdict(claim, UNMATCHED))
    return verdicts, [s.id for s in found]


def identity_mismatch(paragraphs: list[str], report) -> list[str]:
    """Say so when the report's text never names the workbook's 部门全称 or 年度: then every
    contradiction below may only mean the two files do not belong together."""
    text = "".join(paragraphs)
    out = []
    if report.name and report.name not in text:
        out.append(f"报告中没有出现工作簿的部门全称“{report.name}”")
    if report.year is not None and f"{report.year}年" not in text:
        out.append(f"报告中没有出现工作簿的年度“{report.year}年”")
    return out


def audit_report(report_path: str | Path, workbook_path: str | Path) -> AuditResult:
    """Read both files and audit; never raises for an unreadable file (see ``fatal``)."""
    from juesuan.api import check_workbook
    result = AuditResult(Path(report_path), Path(workbook_path))
    try:
        paragraphs = read_paragraphs(report_path)
    except ReportUnreadable as exc:
        result.fatal = exc.message
        return result
    check = check_workbook(workbook_path)
    if check.fatal or check.report is None:
        result.fatal = f"工作簿无法读取：{check.fatal}"
        return result
    result.workbook_errors = check.errors
    result.mismatch = identity_mismatch(paragraphs, check.report)
    result.verdicts, result.sections = audit_paragraphs(paragraphs, check.report)
    if not result.sections:
        result.fatal = ("报告中没有找到第三部分的节标题（如“一、收入支出决算总体情况说明”），无法核对；"
                        "请确认文件是部门决算公开报告。")
    return result
