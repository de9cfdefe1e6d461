"""One audit: read the report, choose the reference (workbook, or the report's own tables), judge every
part, and say what was read and what was not."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from juesuan.audit.compare import RIGHT, TAIL, UNMATCHED, UNVERIFIABLE, WRONG, Verdict
from juesuan.audit.issues import CONTRADICTION, KINDS, NOTE, REF_TABLES, REF_WORKBOOK, Issue
from juesuan.audit.text_input import ReportText, ReportUnreadable, read_text


@dataclass
class AuditResult:
    report_path: Path
    workbook_path: Path | None
    verdicts: list[Verdict] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)  # tables, years, words, units, sums, 名词解释, parts
    sections: list[str] = field(default_factory=list)  # section ids found, in the printed order
    workbook_errors: int = 0  # 审核 errors of the workbook itself (a contradiction may be the table's fault)
    fatal: str | None = None  # a file could not be read
    mismatch: list[str] = field(default_factory=list)  # the report seems to be of another department/year
    reference: str = REF_WORKBOOK  # what the figures were judged against
    read: list[str] = field(default_factory=list)  # parts read, in words
    not_read: list[str] = field(default_factory=list)  # parts not read, with why
    pages_estimated: bool = False  # a .docx Word never paginated: pages are 「约」

    def of(self, status: str) -> list[Verdict]:
        return [v for v in self.verdicts if v.status == status]

    @property
    def contradictions(self) -> list[Verdict]:
        """Figures of the text that contradict the reference."""
        return self.of(WRONG)

    @property
    def unmatched(self) -> list[Verdict]:
        return self.of(UNMATCHED)

    @property
    def problems(self) -> list[Issue]:
        """Issues that are contradictions (not notes)."""
        return [i for i in self.issues if i.severity == CONTRADICTION]

    @property
    def notes(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == NOTE]

    def found(self) -> list:
        """Every contradiction, figures and issues, in page order."""
        items = [(v.claim.page, 0, v) for v in self.contradictions] + [(i.page, 1, i) for i in self.problems]
        return [x for _, _, x in sorted(items, key=lambda t: (t[0] if t[0] is not None else 10 ** 6, t[1]))]

    def counts(self) -> dict[str, int]:
        out = {"数字": len(self.contradictions)}
        for kind in KINDS:
            out[kind] = sum(1 for i in self.problems if i.kind == kind)
        return out

    def summary(self) -> dict:
        return {"claims": len(self.verdicts), "verified": len(self.of(RIGHT)) + len(self.of(TAIL)),
                "tail": len(self.of(TAIL)), "contradicted": len(self.of(WRONG)),
                "unmatched": len(self.of(UNMATCHED)), "unverifiable": len(self.of(UNVERIFIABLE)),
                "issues": len(self.problems), "notes": len(self.notes),
                "total_contradictions": len(self.of(WRONG)) + len(self.problems)}


_TABLE_CELL = re.compile(r"[^\s|+÷−()（）…]+![A-Z]+\d+(?::[A-Z]+\d+)?")
_NOT_TABLE = re.compile(r"未填|[A-Z]{1,2}\d{1,2}|采购|资产|年度|项级预算|年初预算|上年数|三公明细|绩效|补充")


def table_based(slot) -> bool:
    """True when every input of the slot is a cell of the nine 公开表 (then the report's own tables can
    judge it); a figure that needs 上年数, 年初预算, 采购, 资产 or 绩效 data needs the workbook."""
    cell = slot.cell or ""
    refs = _TABLE_CELL.findall(cell)
    if any(not r.startswith("公开0") for r in refs):
        return False
    rest = _TABLE_CELL.sub("", cell)
    return not _NOT_TABLE.search(rest) and (bool(refs) or "公开0" in rest)


def audit_paragraphs(paragraphs: list[str], report, text: ReportText | None = None,
                     tables_only: bool = False) -> tuple[list[Verdict], list[str]]:
    """Judge every claim of 第三部分 in ``paragraphs`` against ``report`` (a juesuan Report).
    ``tables_only``: the report's own tables are the reference, so a figure that needs data the tables
    do not hold is listed as 无从核对, never judged."""
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
        here = [s for s in slots if s.section in (key, "*") or key in s.also]
        for index, body in sec.paragraphs:
            if text is not None and text.tables[index]:
                continue  # a table row inside the text: its numbers are a table's, not claims
            claims = extract(key, index, body, literals)
            for claim, slot in zip(claims, match(claims, here)):
                claim.page = text.page(index) if text is not None else None
                if claim.kind == "blank":
                    verdicts.append(Verdict(claim, WRONG, None, "", "“万元”前没有数字（数值位置留空）"))
                elif slot is None and tables_only:
                    note = ("增减额、增减率需要上年数（工作簿）" if claim.kind in ("change", "rate")
                            else "报告的表格中没有这个数（年初预算、项目、绩效等数据在工作簿中）")
                    verdicts.append(Verdict(claim, UNVERIFIABLE, None, "", note))
                elif slot is None:
                    verdicts.append(Verdict(claim, UNMATCHED))
                elif tables_only and slot.kind != "date" and not table_based(slot):
                    verdicts.append(Verdict(claim, UNVERIFIABLE, slot, "", "报告的表格中没有这个数的依据（需要工作簿）"))
                else:
                    verdicts.append(judge(claim, slot, figs.opts, pool))
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


def audit_report(report_path: str | Path, workbook_path: str | Path | None = None) -> AuditResult:
    """Read the report (and the workbook, when given) and audit every part; never raises for an
    unreadable file (see ``fatal``)."""
    from juesuan.audit import tables as tbl
    result = AuditResult(Path(report_path), Path(workbook_path) if workbook_path else None)
    try:
        text = read_text(report_path)
    except ReportUnreadable as exc:
        result.fatal = exc.message
        return result
    if text.kind == "docx":
        from juesuan.audit.docx_text import estimated
        try:
            result.pages_estimated = estimated(report_path)
        except Exception:  # noqa: BLE001 - already read once; the flag only words the page numbers
            result.pages_estimated = True
    imported = tbl.import_tables(report_path) if text.kind in ("docx", "pdf") else None
    printed = imported.report if imported is not None and getattr(imported, "report", None) is not None else None
    reference = None
    if workbook_path is not None:
        from juesuan.api import check_workbook
        check = check_workbook(workbook_path)
        if check.fatal or check.report is None:
            result.fatal = f"工作簿无法读取：{check.fatal}"
            return result
        result.workbook_errors = check.errors
        result.mismatch = identity_mismatch(text.paragraphs, check.report)
        reference = check.report
    elif printed is not None:
        reference, result.reference = printed, REF_TABLES
    else:
        result.reference = REF_TABLES
    _audit_text(result, text, reference)
    _audit_tables(result, imported, printed, reference if workbook_path is not None else None)
    return result


def _audit_text(result: AuditResult, text: ReportText, reference) -> None:
    from juesuan.audit.parts import Parts, completeness
    from juesuan.audit.terms import terms_issues
    from juesuan.audit.text_checks import report_year, text_issues
    from juesuan.audit.workbook_texts import literal_texts
    parts = Parts(text.paragraphs)
    tables_only = result.reference == REF_TABLES
    if reference is not None:
        result.verdicts, result.sections = audit_paragraphs(text.paragraphs, reference, text, tables_only)
    else:
        from juesuan.audit.segment import sections
        result.sections = [s.id for s in sections(text.paragraphs)]
        result.not_read.append("第三部分的数字（没有工作簿，报告中的表格也没有读出，无从核对）")
    if not result.sections:
        result.fatal = ("报告中没有找到第三部分的节标题（如“一、收入支出决算总体情况说明”），无法核对；"
                        "请确认文件是部门决算公开报告。")
        return
    wrong: dict[int, list[tuple[int, int]]] = {}
    for v in result.contradictions:
        wrong.setdefault(v.claim.paragraph, []).append((v.claim.start, v.claim.end))
    year = report_year(text.paragraphs, getattr(reference, "year", None) if reference is not None else None)
    literals = literal_texts(reference) if reference is not None else []
    ref_words = result.reference
    issues = text_issues(text.paragraphs, text.pages, text.tables, parts.of, year, literals,
                         lambda i: wrong.get(i, []))
    from juesuan.audit.text_checks import listed_sum_issues
    issues += listed_sum_issues(result.verdicts)
    issues += terms_issues(text.paragraphs, text.pages, parts, reference, ref_words)
    issues += completeness(text.paragraphs, text.tables, parts, result.sections, text.pages)
    result.issues.extend(issues)
    result.read += [f"第{p}部分" for p in ("一", "三", "四", "五") if p in parts.starts]
    if "三" not in parts.starts and result.sections:
        result.read.append("第三部分")
    if "六" in parts.starts:
        if text.kind == "docx":
            from juesuan.audit.forms import forms_issues
            result.issues += forms_issues(text.paragraphs, text.pages, text.tables, parts.of)
            result.read.append("附件中的绩效自评表（算术）")
        else:
            result.not_read.append("附件中的绩效自评表（PDF/文本中的表格已压平，只有 .docx 核对其算术）")
    if not year:
        result.not_read.append("年度（报告中没有找到年度，年度一致性未核对）")


def _audit_tables(result: AuditResult, imported, printed, workbook_report) -> None:
    from juesuan.audit import tables as tbl
    if printed is None:
        why = "本版本不能读取报告中的表格" if imported is None else "报告中的表格没有读出"
        if result.report_path.suffix.lower() == ".txt":
            why = "文本文件没有表格"
        result.not_read.append(f"第二部分的九张表（{why}）")
        return
    result.read.append("第二部分的九张表")
    result.issues.extend(tbl.table_rule_issues(imported))
    if workbook_report is not None:
        result.issues.extend(tbl.compare_with_workbook(imported, workbook_report))
    result.issues.extend(tbl.problem_issues(imported))

