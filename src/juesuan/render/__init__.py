"""The Word report: blocks built from the Report and the templates, written into the master.

    render_report(report, path, templates=None) -> Document (its .notes: findings raised,
    its .figures: the figures of 第三部分); templates: a Templates object or an override folder

Heavy libraries (python-docx, docxtpl, Pillow) are imported only when a report is drawn.
"""
from __future__ import annotations


def render_report(report, path, templates=None, document=None, pages=None, draft=False):
    from juesuan.render.document import render_report as _render
    return _render(report, path, templates, document=document, pages=pages, draft=draft)


__all__ = ["render_report"]
