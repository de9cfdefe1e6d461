"""The whole report: cover (master template), 目录, then the parts in the order of the skeleton
``templates/parts/document.j2`` (shipped: 第一…第六部分), written to .docx atomically."""
from __future__ import annotations

from pathlib import Path

from juesuan.figures import compute
from juesuan.model.findings import WARNING, Finding
from juesuan.model.report import Report
from juesuan.render.narrative import report_charts
from juesuan.spec.supplement import CODE
from juesuan.templating.env import TemplateProblem
from juesuan.templating.resolve import SKELETON
from juesuan.spec.finding_ids import BY_ID, title_of
from juesuan.templating.template_set import Templates, as_templates
from juesuan.render.blocks import Block, Document, Heading, Orientation, TableBlock, Toc
from juesuan.render.parts import base_context, parts_input
from juesuan.render.selfeval import fmt_date
from juesuan.render.text import NARRATIVE_ID, Placed, one_line, place_blocks, render_template


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


def place_parts(report: Report, templates: Templates, narrative, given=None, figs=None):
    """The skeleton rendered with every part and table in place: (what the parts were given, Placed).
    ``narrative``: the blocks of 第三部分, or a function making them — called after the skeleton
    rendered, so a broken parts template is told before the narrative runs (as it always was)."""
    given = given or parts_input(templates.parts_env, report, figs)
    env = templates.parts_env
    try:
        text = render_template(env, SKELETON, given.context)
    except TemplateProblem as exc:
        raise _culprit(env, exc, given.context) from None
    given.tables[NARRATIVE_ID] = narrative() if callable(narrative) else narrative
    try:
        placed = place_blocks(text, given.tables, given.titles)
    except TemplateProblem as exc:  # too many paragraphs: which part wrote them
        raise _culprit(env, exc, given.context) from None
    placed.problems[:0] = given.problems  # what parts/tables.j2 set and no table uses
    return given, placed


def _culprit(env, problem: TemplateProblem, context: dict) -> TemplateProblem:
    """A fault of the skeleton's whole output (a control character, too many paragraphs) named by
    the part template that wrote it: each included part is rendered on its own to find it."""
    if problem.template != SKELETON or problem.line is not None:
        return problem
    from juesuan.render.text import within_limits
    from juesuan.templating.resolve import parts_included
    for name in parts_included(env):
        try:
            within_limits(render_template(env, name, {"part_no": "", **context}), name)
        except TemplateProblem as exc:
            return exc
    return problem


def build_document(report: Report, templates: Templates | Path | None = None) -> Document:
    """Every block of the report, in order, plus the findings raised while building it.

    The figures of 第三部分 and the chart specs are computed here, once, and shared by the text,
    the charts and (through ``Document.figures``) the batch summary.  The order of the parts is
    the skeleton's (templates/parts/document.j2)."""
    from juesuan.render.narrative_blocks import part3_body
    templates = as_templates(templates)
    figs = compute(report)
    specs = report_charts(report, figs, templates)
    doc = Document(cover=cover_context(report), figures=figs)
    notes: list = []
    given, placed = place_parts(report, templates, lambda: part3_body(report, templates, figs, specs, notes), figs=figs)
    from juesuan.render.chart_place import place_charts
    doc.unplaced = with_orientation([Toc()] + placed.blocks)
    doc.blocks, doc.chart_spots = place_charts(doc.unplaced)
    doc.notes = (notes + skeleton_warnings(placed, given.content, doc, templates)
                 + leftovers(doc) + text_warnings(doc))
    return doc


def skeleton_warnings(placed: Placed, content: dict[str, list[str]], document: Document,
                      templates: Templates) -> list:
    return [Finding("R-TEMPLATE", WARNING, p, hint=BY_ID["R-TEMPLATE"].hint, title=title_of("R-TEMPLATE")) for p in skeleton_problems(placed, content, document.text(), templates)]


def _first_line(text: str) -> str:
    return text.strip().split("\n")[0].strip()[:20]


CONTENT_NAMES = {CODE.W02: "第四部分的事项", CODE.M01: "其他专用名词", CODE.G10: "部门主要职责"}


def skeleton_problems(placed: Placed, content: dict[str, list[str]], text: str, templates: Templates,
                      folder: bool = True) -> list[str]:
    """What the templates dropped: a table or workbook text no template placed (unless
    ``omit``-ted), an unknown table id, a heading level out of range, a section of 第三部分 in no
    order, an override file the render never reads.  The render makes each a 警告; templates
    check lists them."""
    from juesuan.templating.resolve import file_problems, section_problems
    problems = list(placed.problems)
    for code, texts in content.items():
        if placed.left_out(code):
            continue
        lost = [t for t in texts if t and _first_line(t) not in text]
        if lost:
            problems.append(f"{CONTENT_NAMES.get(code, code)}（{code}，如“{_first_line(lost[0])}”）"
                            f"没有模板放置，报告中没有印出；确实不要时请在 {SKELETON} 中写 {{{{ omit(\"{code}\") }}}}")
    if folder:  # the same for every report (templates check says them once)
        problems += section_problems(templates) + file_problems(templates)
    return list(dict.fromkeys(problems))


def text_warnings(document: Document) -> list:
    """The text lint (juesuan.render.lint) on everything the report prints: one 警告 per hit, naming
    the part and section."""
    from juesuan.render.lint import findings, lint_blocks
    opts = getattr(document.figures, "opts", None)
    return findings(lint_blocks(document.blocks, keep_zeros=bool(opts and opts.keep_zeros)))


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
