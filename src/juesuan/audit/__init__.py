"""make-report audit: check a finished report against its workbook, or against its own tables.

    audit_report(report_path, workbook_path=None) -> AuditResult

Pipeline, one module each: :mod:`.text_input` / :mod:`.docx_text` (docx as Word shows the final text /
txt / pdf → paragraphs with pages) → :mod:`.parts` (封面, 目录, 第一…六部分; completeness) →
:mod:`.segment` (第三部分 and its sections) → :mod:`.claims` (numbers with their context) →
:mod:`.expected_1_8` / :mod:`.expected_9_14` (what each figure should be, from the renderer's own
``juesuan.figures.compute``) → :mod:`.compare` (match, judge at printed precision, diagnose a wrong base).
Beside the figures: :mod:`.tables` (the printed tables: 审核 rules, and against the workbook),
:mod:`.text_checks` (years, direction words, units, wording, sums), :mod:`.terms` (名词解释).
Without a workbook the report's own tables (read by ``juesuan.importer``) are the reference.
The claims recognised are listed in docs/AUDIT.md.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from juesuan.audit.compare import RIGHT, TAIL, UNMATCHED, UNVERIFIABLE, WRONG, Verdict
from juesuan.audit.issues import CONTRADICTION, NOTE, REF_TABLES, REF_TEXT, REF_WORKBOOK, Issue
from juesuan.audit.text_input import ReportText, ReportUnreadable, read_paragraphs, read_text

__all__ = ["AuditResult", "audit_report", "audit_paragraphs", "audit_folder", "ReportUnreadable", "Verdict", "Issue",
           "RIGHT", "TAIL", "WRONG", "UNMATCHED", "UNVERIFIABLE", "CONTRADICTION", "NOTE",
           "REF_WORKBOOK", "REF_TABLES", "REF_TEXT"]


from juesuan.audit.run import AuditResult, audit_paragraphs, audit_report  # noqa: E402
from juesuan.audit.folder import FolderResult, audit_folder, write_xlsx as write_folder_summary  # noqa: E402

__all__ += ["FolderResult", "write_folder_summary"]
