"""The Word report: blocks built from the Report and the templates, written into the master.

    render_report(report, path, templates_dir=None) -> Document (its .notes: findings raised)

Heavy libraries (python-docx, docxtpl, Pillow) are imported only when a report is drawn.
"""
from __future__ import annotations


def render_report(report, path, templates_dir=None, document=None, pages=None):
    from .document import render_report as _render
    return _render(report, path, templates_dir, document=document, pages=pages)


__all__ = ["render_report"]
