"""Every figure the narrative of 第三部分 uses, computed once per report from the Report.

Pure: no I/O, no wording.  The templates under ``templates/narrative/`` turn these objects into
sentences.  The package in reading order:

* :mod:`.options` — the 设置 that change numbers or wording (:class:`Options`);
* :mod:`.workbook_text` — reasons and other workbook text as the sentences use it;
* :mod:`.values` — Change, Part, Completion, Subject and the F1/F2 display;
* :mod:`.sections` — one dataclass per section and :class:`Figures`, the template context;
* :mod:`.compute` — :func:`compute`, Report → Figures;
* :mod:`.chart_specs` — 图1–图4 as data, from the Figures and the chart words.
"""
from __future__ import annotations

from juesuan.figures.chart_specs import ChartSpec, chart_specs
from juesuan.figures.compute import Namer, class_short, compute, subject_name
from juesuan.figures.options import Options, doc, options
from juesuan.figures.sections import (Admin, Assets, Basic, ClassLine, Count, Detail, Figures, Fiscal, FundLine, FundTable, Gpb,
                       IncomeExpense, ItemLine, Overall, Performance, Procurement, ProjectEval, ProjectUse,
                       SanGong, SanGongLine, SocTable, Special)
from juesuan.figures.values import (Change, Completion, Part, Subject, balanced, make_change, make_completion, rate_of,
                     show_amount, show_percent, zero_denominator_rate)
from juesuan.figures.workbook_text import Reason, paragraph_lines, parse_reason, reason_for, sentence_text, text_lines

__all__ = [
    "Admin", "Assets", "Basic", "Change", "ChartSpec", "ClassLine", "Completion", "Count", "Detail", "Figures",
    "Fiscal", "FundLine", "FundTable", "Gpb", "IncomeExpense", "ItemLine", "Namer", "Options", "Overall", "Part",
    "Performance", "Procurement", "ProjectEval", "ProjectUse", "Reason", "SanGong", "SanGongLine", "SocTable",
    "Special", "Subject", "balanced", "chart_specs", "class_short", "compute", "doc", "make_change",
    "make_completion", "options", "paragraph_lines", "parse_reason", "rate_of", "reason_for", "sentence_text",
    "show_amount", "show_percent", "subject_name", "text_lines", "zero_denominator_rate",
]
