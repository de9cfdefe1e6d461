"""Batch rendering: every workbook of a folder, in worker processes, with one summary row each.

* :mod:`.discovery` — which .xlsx files a run takes;
* :mod:`.pool` — worker processes, signals, crash recovery (:func:`run_batch`);
* :mod:`.rows` — the summary row of one workbook and publishing its report under a unique name;
* :mod:`.key_figures` — the figures compared across workbooks;
* :mod:`.summary` — 汇总.xlsx and the --json payload.

No click here: the command line (juesuan_cli.batch_cmd) parses arguments and shows progress.
"""
from __future__ import annotations

from juesuan.batch.discovery import DEFAULT_OUT_SUBDIR, SUMMARY_NAME, discover
from juesuan.batch.key_figures import FIGURE_NOTE, FIGURES, Figure, change_text, key_figures, table_figures
from juesuan.batch.pool import STAGE_PREFIX, BatchResult, default_jobs, render_one, run_batch
from juesuan.batch.rows import (DRAFT, GENERATED, NOT_RENDERED, PROBLEM_STATUSES, REJECTED, STATUSES,
                                UNREADABLE)
from juesuan.batch.summary import (BASE_COLUMNS, change_cell, figure_columns, status_counts, summary_payload,
                                   write_summary)

__all__ = [
    "BASE_COLUMNS", "DEFAULT_OUT_SUBDIR", "DRAFT", "FIGURES", "FIGURE_NOTE", "GENERATED",
    "NOT_RENDERED", "PROBLEM_STATUSES", "REJECTED", "STAGE_PREFIX", "STATUSES", "SUMMARY_NAME", "UNREADABLE",
    "BatchResult", "Figure", "change_cell", "change_text", "default_jobs", "discover", "figure_columns",
    "key_figures", "render_one", "run_batch", "status_counts", "summary_payload",
    "table_figures", "write_summary",
]
