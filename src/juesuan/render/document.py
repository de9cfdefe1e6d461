"""The whole report: cover (master template), 目录, 第一…第六部分, written to .docx atomically."""
from __future__ import annotations

from pathlib import Path

from juesuan.figures import compute
from juesuan.model.report import Report
from juesuan.render.narrative import report_charts
from juesuan.spec.supplement import CODE
from juesuan.spec.finding_ids import title_of
from juesuan.templating.template_set import Templates, as_templates
from juesuan.render.blocks import Block, Document, Heading, Orientation, TableBlock, Toc
from juesuan.render.parts import base_context, part1, part2, part3_title, part4, part5, part6
from juesuan.render.selfeval import fmt_date
from juesuan.render.text import one_line


def cover_context(report: Report) -> dict:
    ctx = base_context(report)
    return {
        "attachment": one_line(report.supp.get(CODE.G09)),
        "dept": ctx["dept"],
        "year": ctx["year"] or "",
        "caliber": ctx["caliber"],
        "year_first": report.settings.year_first,
        "date": fmt_date(report.supp.get(CODE.G08)),
        "doc_title": f"{ctx['dept']}{ctx['year'] or ''}年度{ctx['caliber']}",
    }


def with_orientation(blocks: list[Block]) -> list[Block]:
    """Put each heading group holding a landscape table into a landscape section of its own."""
    groups: list[list[Block]] = []
    for b in blocks:
        if isinstance(b, Heading) or not groups:
            groups.append([])
        groups[-1].append(b)
    out: list[Block] = []
    landscape = False
    for g in groups:
        want = any(isinstance(b, TableBlock) and b.landscape for b in g)
        if want != landscape:
            out.append(Orientation(want))
            landscape = want
        out.extend(g)
    return out


def build_document(report: Report, templates: Templates | Path | None = None) -> Document:
    """Every block of the report, in order, plus the findings raised while building it.

    The figures of 第三部分 and the chart specs are computed here, once, and shared by the text,
    the charts and (through ``Document.figures``) the batch summary."""
    from juesuan.render.narrative_blocks import part3_body
    templates = as_templates(templates)
    figs = compute(report)
    specs = report_charts(report, figs, templates)
    env = templates.parts_env
    doc = Document(cover=cover_context(report), figures=figs)
    notes: list = []
    blocks: list[Block] = [Toc()]
    blocks += part1(env, report)
    blocks += part2(env, report)
    blocks += part3_title(env, report) + part3_body(report, templates, figs, specs, notes)
    blocks += part4(env, report)
    blocks += part5(env, report) + part6(env, report)
    doc.blocks = with_orientation(blocks)
    doc.notes = notes + leftovers(doc) + text_warnings(doc)
    return doc


def text_warnings(document: Document) -> list:
    """The text lint (juesuan.render.lint) on everything the report prints: one 警告 per hit, naming
    the part and section."""
    from juesuan.render.lint import findings, lint_blocks
    return findings(lint_blocks(document.blocks))


# Text that must never reach a published report: placeholders and the instructions
# of a template.  Leftover template tags are the text lint's (one finding per problem).
LEFTOVERS = ("XX", "（请", "事项标题")


def leftovers(document: Document) -> list:
    from juesuan.model.findings import WARNING, Finding
    found = []
    for line in document.text().split("\n"):
        for mark in LEFTOVERS:
            if mark in line:
                found.append(Finding("R-LEFT", WARNING, f"报告中出现“{mark}”：{line[:60]}",
                                     hint="请检查对应的填写内容或模板", title=title_of("R-LEFT")))
    return found


def write_docx(document: Document, path: str | Path, templates: Templates | Path | None = None,
               thousands: bool = False, pages: dict[int, int] | None = None, draft: bool = False,
               source: str | Path | None = None) -> Path:
    from juesuan.fileio.atomic import atomic_save
    from juesuan.render.docx.master import render_master
    from juesuan.render.docx.deferred import DeferredTables
    from juesuan.render.docx.writer import Writer
    path = Path(path)
    docx = render_master(document.cover, as_templates(templates))
    tables = DeferredTables()
    Writer(docx, thousands=thousands, deferred=tables).write(document, pages)
    if draft:
        from juesuan.render.draft import mark_draft
        mark_draft(docx)
    from juesuan.render.names import DRAFT, FINAL, mark_output
    mark_output(docx, DRAFT if draft else FINAL, source)  # ours, so a later run may replace it (names.py)
    return atomic_save(path, lambda fh: tables.save(docx, fh))


def toc_pages(document: Document, numbers: list[int] | None) -> dict[int, int] | None:
    """Page numbers read back from LibreOffice, keyed for Writer.toc; None unless they match."""
    toc = next((b for b in document.blocks if isinstance(b, Toc)), Toc())
    entries = [h for h in document.headings() if h.level <= toc.levels and h.toc]
    if not numbers or len(numbers) != len(entries):
        return None
    return {id(h): n for h, n in zip(entries, numbers)}


def render_report(report: Report, path: str | Path, templates: Templates | Path | None = None,
                  document: Document | None = None, pages: dict[int, int] | None = None,
                  draft: bool = False) -> Document:
    """Write the report of ``report`` to ``path``; return the document (its ``notes`` are the
    findings raised while rendering).  Pass ``document`` and ``pages`` to write it again with the
    目录 page numbers filled in.  ``draft``: mark every page "审核未通过 草稿" (render/draft.py).

    ``templates``: a Templates object or an override folder.  Raises TemplateProblem for a
    broken template (nothing is written then)."""
    templates = as_templates(templates)
    document = document or build_document(report, templates)
    write_docx(document, path, templates, thousands=report.settings.thousands, pages=pages, draft=draft,
               source=report.source or None)
    return document


__all__ = ["build_document", "write_docx", "render_report", "Toc"]
