"""What the command line (and the batch runner) call: read, check, render.

No click here; callers get results and Chinese messages, never tracebacks for user errors.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from juesuan.model.findings import ERROR, WARNING, Finding, count
from juesuan.model.report import Report
from juesuan.fileio.oserrors import describe


@dataclass
class CheckResult:
    path: Path
    report: Report | None
    findings: list[Finding] = field(default_factory=list)
    fatal: str | None = None  # the file could not be read at all
    # said before the findings: the --prior workbook is another department's, or has errors itself
    prior_notes: list[str] = field(default_factory=list)
    prior: str | None = None  # the name of last year's workbook (check --prior), when one was given

    @property
    def errors(self) -> int:
        return count(self.findings, ERROR)

    @property
    def warnings(self) -> int:
        return count(self.findings, WARNING)

    @property
    def ok(self) -> bool:
        return self.fatal is None and self.errors == 0

    def sorted_findings(self) -> list[Finding]:
        """Sheets in workbook order (公开01表 … 设置), then by cell (checks.ordering)."""
        from juesuan.checks.ordering import sort_findings
        return sort_findings(self.findings)

    def groups(self) -> dict[str, list[Finding]]:
        """The findings as a clerk reads them: ``current`` (this year's tables and inputs, by
        sheet and cell), ``rounding`` (尾数误差, after everything to correct) and ``prior`` (上年数
        against last year's workbook, check --prior), each in reading order."""
        from juesuan.checks.ordering import finding_group
        out: dict[str, list[Finding]] = {"current": [], "rounding": [], "prior": []}
        for f in self.sorted_findings():
            out[finding_group(f)].append(f)
        return out

    def prior_verdict(self) -> str | None:
        """One line on last year's workbook (None without --prior): all agree, or how many differ."""
        if self.prior is None or self.report is None:
            return None
        from juesuan.workbooks.next_year import prior_verdict
        return prior_verdict(self.groups()["prior"], self.prior)


class InputError(Exception):
    """A file the caller named cannot be used (missing, unreadable, would overwrite an input).
    ``message`` is the Chinese sentence to show; the command line exits with code 2."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def read_prior(path: str | Path) -> Report:
    """Last year's workbook (``check --prior``, ``init --from``); InputError when it cannot be read."""
    return read_prior_with_findings(path)[0]


def read_prior_with_findings(path: str | Path) -> tuple[Report, list[Finding]]:
    """Last year's workbook and its reading problems; InputError when it cannot be read."""
    from juesuan.model.findings import WorkbookError
    from juesuan.reader.workbook import read_workbook
    path = Path(path)
    if not path.is_file():
        raise InputError(f"上年工作簿“{path}”不存在或不是文件。")
    try:
        return read_workbook(path)
    except WorkbookError as exc:
        raise InputError(f"上年工作簿无法读取：{exc.message}") from None


def check_workbook(path: str | Path, *, prior: str | Path | None = None,
                   templates_dir: Path | None = None) -> CheckResult:
    """Read and check a workbook. Never raises for a bad workbook: see ``fatal``/``findings``.

    ``prior``: last year's workbook; its figures are compared with this year's 上年数 (S-16).
    ``templates_dir``: the override folder the report will be rendered with (a message that names
    a part of the report names it as that folder's skeleton numbers it).
    Raises InputError only when ``prior`` itself cannot be read (it is read first)."""
    from juesuan.checks import run_checks
    from juesuan.model.findings import WorkbookError
    from juesuan.reader.workbook import read_workbook
    path = Path(path)
    prior_report, prior_read = read_prior_with_findings(prior) if prior is not None else (None, [])
    try:
        report, findings = read_workbook(path)
    except WorkbookError as exc:
        return CheckResult(path, None, list(exc.findings), fatal=exc.message)
    from juesuan.templating.resolve import glossary_part
    # cells the reader could not read are not checked again
    findings = findings + run_checks(report, findings, glossary_part(templates_dir))
    explain_stored_values(report, findings)
    if prior_report is not None:
        from juesuan.workbooks.next_year import prior_findings
        found = prior_findings(report, prior_report, Path(prior).name, prior_read)
        findings += found
        notes = [f.message for f in found if f.message.startswith("上年工作簿") and "年度为" not in f.message]
        return CheckResult(path, report, findings, prior_notes=notes, prior=Path(prior).name)
    return CheckResult(path, report, findings)


def explain_stored_values(report: Report, findings: list[Finding]) -> None:
    """A finding that asks to change a cell Excel already shows as the wanted number: the cell
    stores more decimals than it shows (1653.7951 shown as 1653.80).  Say what differs."""
    from juesuan.model.money import parse_money
    for f in findings:
        notes = [f"{c} 实际存的是 {report.stored[c]}（Excel 按格式只显示两位小数，本工具按 "
                 f"{parse_money(report.stored[c])} 计算）" for c in f.cells[:6] if c in report.stored]
        if notes:
            f.hint = (f.hint + "；" if f.hint else "") + "注意：" + "；".join(notes) + "，请直接输入两位小数的金额"


def init_next_year(path: str | Path, source: str | Path, *, overwrite: bool = False):
    """``init NEW --from OLD``: next year's workbook (a ``workbooks.next_year.NextYear``).
    InputError (Chinese) for every file problem; never writes over OLD."""
    from juesuan.model.findings import WorkbookError
    from juesuan.render.names import same_file
    from juesuan.workbooks.next_year import write_next_year
    path, source = Path(path), Path(source)
    if not source.is_file():
        raise InputError(f"上年工作簿“{source}”不存在或不是文件。")
    if same_file(path, source):
        raise InputError(f"新工作簿不能覆盖上年工作簿本身：{source}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        return write_next_year(path, source, overwrite=overwrite)
    except WorkbookError as exc:
        raise InputError(f"上年工作簿无法读取：{exc.message}") from None
    except FileExistsError:
        raise InputError(f"文件“{path}”已存在；如要覆盖请加 --force。") from None
    except OSError as exc:
        raise InputError(f"无法写入“{path}”：{describe(exc)}") from None


def write_blank_workbook(path: str | Path, *, overwrite: bool = False) -> Path:
    """``init``: the blank standard workbook; InputError when it cannot be written."""
    from juesuan.workbooks.writer import write_workbook
    path = Path(path)
    if path.exists() and not overwrite:
        raise InputError(f"文件“{path}”已存在；如要覆盖请加 --force。")
    try:
        write_workbook(path, overwrite=overwrite)
    except OSError as exc:
        raise InputError(f"无法写入“{path}”：{describe(exc)}") from None
    return path


def default_annotation_path(workbook: str | Path) -> Path:
    """X.xlsx → X.审核.xlsx beside it."""
    from juesuan.workbooks.annotate import default_output as annotated_name
    return annotated_name(workbook)


def annotation_problem(target: str | Path, workbook: str | Path) -> str | None:
    """Why the annotated copy cannot be written to ``target`` (Chinese), or None.  An existing
    file is replaced only when it is this tool's own earlier annotated copy (its first sheet is
    “审核结果”): ``check 2025.xlsx --annotate 2024.xlsx`` must never replace last year's workbook."""
    from juesuan.render.names import same_file
    from juesuan.workbooks.annotate import SUMMARY_SHEET
    from juesuan.xlsx.cells import sheet_names
    target, workbook = Path(target), Path(workbook)
    if target.suffix.lower() != ".xlsx":
        return f"审核标注副本的文件名应以 .xlsx 结尾：{target}"
    if same_file(target, workbook):
        return f"审核标注副本不能覆盖输入的工作簿本身：{workbook}"
    if target.is_dir():
        return f"审核标注副本“{target}”是一个文件夹；请写 .xlsx 文件名。"
    if target.exists():
        names = sheet_names(target)
        if not names or names[0] != SUMMARY_SHEET:
            return (f"文件“{target}”已存在，且不是本工具生成的审核标注副本（第一张工作表不是“{SUMMARY_SHEET}”），"
                    "未覆盖它；请换一个文件名，或不写文件名使用默认的“X.审核.xlsx”。")
    return None


def annotate(workbook: str | Path, findings: list[Finding], target: str | Path) -> Path:
    """The annotated copy (``check --annotate``); ValueError/OSError/other as annotate_workbook."""
    from juesuan.workbooks.annotate import annotate_workbook
    target = Path(target)
    problem = annotation_problem(target, workbook)
    if problem:
        raise ValueError(problem)
    target.parent.mkdir(parents=True, exist_ok=True)
    return annotate_workbook(workbook, findings, target)


def pdf_available() -> bool:
    """Whether LibreOffice is installed, so that ``render_workbook(pdf=True)`` can make a PDF."""
    from juesuan.render.pdf.convert import find_soffice
    return find_soffice() is not None


def save_text(target: str | Path, text: str) -> Path:
    """Write a UTF-8 text file atomically; InputError when it cannot be written."""
    from juesuan.fileio.atomic import atomic_save
    try:
        atomic_save(Path(target), lambda fh: fh.write(text.encode("utf-8")))
    except OSError as exc:
        raise InputError(f"无法写入“{target}”：{describe(exc)}") from None
    return Path(target)


@dataclass
class RenderResult:
    check: CheckResult
    docx: Path | None = None
    pdf: Path | None = None
    problems: list[str] = field(default_factory=list)  # Chinese messages (template errors, PDF failure …)
    pdf_fonts: list[str] = field(default_factory=list)  # Chinese lines: fonts replaced in the PDF, or a warning
    figures: object = None  # juesuan.figures.Figures the report was written from (for the batch summary)
    draft: bool = False  # written despite 错误 (render_workbook(draft=True)), marked as a draft
    notices: list[str] = field(default_factory=list)  # Chinese lines about other files (a stale PDF …)

    @property
    def ok(self) -> bool:
        return self.docx is not None and not self.problems and not self.draft


def output_problem(target: str | Path, workbook: str | Path) -> str | None:
    """Why ``target`` cannot be the report's file name (the input itself, not .docx …), in
    Chinese, or None.  The command line asks before running the 审核 (exit code 2)."""
    from juesuan.render.names import same_file
    target, workbook = Path(target), Path(workbook)
    if target.name in ("", ".", ".."):
        return f"输出文件名无效：“{target}”；请写 .docx 文件名。"
    if same_file(target, workbook):
        return f"输出文件不能是输入的工作簿本身：{workbook}；请用 -o 指定另一个 .docx 文件名。"
    if target.suffix and target.suffix.lower() != ".docx":
        what = {".xlsx": "工作簿", ".xls": "工作簿", ".xlsm": "工作簿", ".pdf": "PDF（PDF 请加 --pdf，与 .docx 同名生成）",
                ".doc": "旧版 Word 文件"}.get(target.suffix.lower(), "")
        return f"输出文件名应以 .docx 结尾：{target}" + (f"（“{target.suffix}”是{what}）" if what else "")
    if target.is_dir():
        return f"输出文件“{target}”是一个文件夹；请写 .docx 文件名。"
    from juesuan.render.names import output_kind
    full = target if target.suffix else target.with_name(target.name + ".docx")
    if full.exists() and output_kind(full)[0] is None:
        return (f"文件“{full}”已存在，且不是本工具生成的报告（或已在 Word/WPS 中修改过），未覆盖它；"
                "请先移走或改名该文件，或用 -o 指定另一个文件名。")
    return None


def replace_problem(target: Path, *, draft: bool) -> str | None:
    """An existing ``target`` is replaced only when it is this tool's own, unchanged earlier
    report of the same kind (render/names.py); otherwise why not, in Chinese."""
    from juesuan.render.names import DRAFT, FINAL, output_kind
    if not target.exists():
        return None
    kind, _ = output_kind(target)
    if kind == (DRAFT if draft else FINAL):
        return None
    if draft and kind == FINAL:
        return (f"“{target}”是审核通过时生成的正式报告，草稿不能覆盖它；"
                "请去掉 -o 使用默认的“…（草稿）.docx”，或用 -o 指定另一个文件名。")
    if kind == DRAFT:
        return f"“{target}”是以前生成的草稿，正式报告不覆盖它；请先删除或移走该文件，或用 -o 指定另一个文件名。"
    return (f"文件“{target}”已存在，且不是本工具生成的报告（或已在 Word/WPS 中修改过），未覆盖它；"
            "请先移走或改名该文件，或用 -o 指定另一个文件名。")


def stale_pdf(docx: Path) -> str | None:
    """The PDF of the same name beside a report just written without --pdf shows the old report:
    removed when this tool made it, else named."""
    from juesuan.render.names import pdf_is_ours
    old = docx.with_suffix(".pdf")
    if not old.is_file():
        return None
    if pdf_is_ours(old):
        try:
            old.unlink()
            return f"已删除旧的 PDF“{old.name}”（它是上一版报告的，与新报告不一致；需要 PDF 请加 --pdf）"
        except OSError as exc:
            return f"旧的 PDF“{old}”是上一版报告的，与新报告不一致，但无法删除：{describe(exc)}"
    return f"注意：旁边的“{old.name}”不是由这份新报告生成的，内容可能已过时；需要 PDF 请加 --pdf 重新生成"


def default_output(report: Report, workbook: Path, out_dir: Path | None = None) -> Path:
    """<部门名称><年度>年度部门决算.docx next to the workbook (or in out_dir), safe on Windows."""
    from juesuan.render.names import report_filename
    folder = Path(out_dir) if out_dir is not None else Path(workbook).parent
    return folder / report_filename(report, fallback=Path(workbook).stem)


def render_workbook(path: str | Path, output: Path | None = None, *, out_dir: Path | None = None,
                    templates_dir: Path | None = None, pdf: bool = False, draft: bool = False) -> RenderResult:
    """Check ``path``; when there is no 错误, write the report (atomically) and return where.

    ``draft``: write it despite 错误 (a readable workbook still), marked "审核未通过 草稿" on the
    cover and on every page (``RenderResult.draft``), so that staff can read it while fixing.

    Never overwrites the input workbook. A template problem or a PDF failure is reported in
    ``problems`` in Chinese, never raised.
    """
    from juesuan.templating.env import TemplateProblem
    path = Path(path)
    check = check_workbook(path, templates_dir=templates_dir)
    result = RenderResult(check)
    if check.fatal is not None or check.report is None or (check.errors and not draft):
        return result
    result.draft = check.errors > 0
    target = Path(output) if output is not None else default_output(check.report, path, out_dir)
    if output is None and result.draft:
        from juesuan.render.names import draft_name
        target = draft_name(target)  # a draft never takes the final report's name
    problem = output_problem(target, path)
    if problem:
        result.problems.append(problem)
        return result
    if target.suffix == "":
        target = target.with_name(target.name + ".docx")
    problem = replace_problem(target, draft=result.draft)
    if problem:
        result.problems.append(problem)
        return result
    try:  # a missing output folder is created (only now: nothing is written for a workbook with errors)
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        result.problems.append(f"无法建立输出文件夹“{target.parent}”：{describe(exc)}")
        return result
    from juesuan.render import render_report
    from juesuan.templating.template_set import Templates
    templates = Templates(templates_dir)  # once: the PDF pass below writes with the same one
    try:
        document = render_report(check.report, target, templates, draft=result.draft)
    except TemplateProblem as exc:
        result.problems.append(f"报告未生成：{exc}")
        return result
    except OSError as exc:
        result.problems.append(f"无法写入“{target}”：{describe(exc)}")
        return result
    except Exception as exc:  # a bug must not reach the user as a traceback
        result.problems.append(f"报告未生成：程序内部错误（{type(exc).__name__}：{exc}），"
                               "请把工作簿和这条信息发给维护人员。")
        return result
    check.findings.extend(document.notes)  # what only rendering finds (R-LINT, R-LEFT, R-CHART)
    result.docx = target
    result.figures = document.figures
    if not pdf:
        stale = stale_pdf(target)
        if stale:
            result.notices.append(stale)
    if pdf and target.with_suffix(".pdf").exists():
        from juesuan.render.names import pdf_is_ours
        if not pdf_is_ours(target.with_suffix(".pdf")):
            result.problems.append(f"“{target.with_suffix('.pdf')}”已存在，且不是本工具生成的 PDF，未覆盖它；"
                                   "Word 报告已生成。需要 PDF 请先移走该文件后再加 --pdf。")
            return result
    if pdf:
        from juesuan.render.document import toc_pages
        from juesuan.render.pdf.convert import PdfError, PdfInterrupted, convert_with_pages
        try:
            try:
                conversion = convert_with_pages(target)
            except PdfError as exc:
                result.problems.append(exc.message)
                return result
            except OSError as exc:
                result.problems.append(f"无法写入 PDF：{describe(exc)}")
                return result
            from juesuan.render.pdf.chart_fit import refit_report
            conversion = refit_report(check.report, target, templates, document, conversion, result.draft)
            result.pdf, result.pdf_fonts = conversion.pdf, conversion.fonts
            pages = toc_pages(document, conversion.pages)
            if pages:  # the .docx 目录 then shows page numbers even where fields are not updated
                try:
                    render_report(check.report, target, templates, document=document, pages=pages,
                                  draft=result.draft)
                except (OSError, TemplateProblem):
                    pass  # the report written first is still there and correct
        except KeyboardInterrupt:
            # LibreOffice is gone and its files removed (render.lo_process); the .docx written
            # above is complete (the rewrite with page numbers is atomic), only the PDF is missing.
            raise PdfInterrupted(target) from None
    return result


# ---------------------------------------------------------------------------------------------
# import: the nine tables of a 决算软件 export or a published report into the standard workbook
# ---------------------------------------------------------------------------------------------
IMPORT_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".et", ".pdf", ".docx", ".doc", ".wps", ".txt")


def import_source(source: str | Path):
    """Read SOURCE (Excel export, PDF, .docx, .txt of a published report) into an
    ``importer.ImportResult``; InputError (one Chinese sentence) when it cannot be read."""
    from juesuan.importer import SourceError, import_report
    try:
        return import_report(Path(source))
    except SourceError as exc:
        raise InputError(exc.message) from None
    except Exception as exc:  # noqa: BLE001 - a file no reader foresaw: a sentence, never a traceback
        raise InputError(f"“{Path(source).name}”无法导入：读取时出错（{type(exc).__name__}）。"
                         "请把文件发给维护人员。") from None


def _output_path(path: Path, source: Path, overwrite: bool) -> Path:
    from juesuan.render.names import same_file
    if path.suffix.lower() != ".xlsx":
        raise InputError(f"输出文件名应以 .xlsx 结尾：{path}")
    if same_file(path, source):
        raise InputError(f"输出的工作簿不能覆盖导入的文件本身：{source}")
    if path.exists() and not overwrite:
        raise InputError(f"文件“{path}”已存在；如要覆盖请加 --force。")
    return path


def import_to_workbook(source: str | Path, target: str | Path, *, overwrite: bool = False):
    """``import SOURCE -o 工作簿.xlsx``: read, write the standard workbook (atomically, every
    imported cell with a comment naming its source), then check it as usual.
    Returns (ImportResult, CheckResult of the written workbook)."""
    from juesuan.workbooks.imported import write_imported
    source, target = Path(source), Path(target)
    _output_path(target, source, overwrite)
    result = import_source(source)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_imported(result, target)
    except OSError as exc:
        raise InputError(f"无法写入“{target}”：{describe(exc)}") from None
    return result, check_workbook(target)


def init_from_report(path: str | Path, source: str | Path, *, overwrite: bool = False):
    """``init NEW.xlsx --from-report 上年报告.pdf``: next year's workbook from last year's published
    report (上年数 as ``init --from`` computes them).  Returns (ImportResult, NextYear)."""
    from juesuan.workbooks.imported import write_next_year_from_report
    path, source = Path(path), Path(source)
    _output_path(path, source, overwrite)
    result = import_source(source)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        return result, write_next_year_from_report(result, path)
    except OSError as exc:
        raise InputError(f"无法写入“{path}”：{describe(exc)}") from None
def default_fill_path(workbook: str | Path) -> Path:
    """X.xlsx → X.已填说明.xlsx beside it (``make-report fill``)."""
    from juesuan.workbooks.fill import default_output as filled_name
    return filled_name(workbook)


def fill_explanations(path: str | Path, output: str | Path | None = None, *, overwrite: bool = False):
    """``make-report fill``: a copy of the workbook whose 科目说明 sheet holds the dictionary's
    checked (seed/official) wording for each 项 the tables use that has none there.

    Returns a ``workbooks.fill.Plan`` (``output`` is None when there was nothing to fill and no
    copy was written).  InputError (Chinese) when the workbook cannot be read, the output is the
    input, exists without ``overwrite``, or cannot be written."""
    from juesuan.model.findings import WorkbookError
    from juesuan.reader.workbook import read_workbook
    from juesuan.render.names import same_file
    from juesuan.spec.catalog import catalog
    from juesuan.workbooks.fill import NoNotesSheet, fill_workbook
    path = Path(path)
    target = Path(output) if output is not None else default_fill_path(path)
    if not path.is_file():
        raise InputError(f"工作簿“{path}”不存在或不是文件。")
    if target.suffix.lower() != ".xlsx":
        raise InputError(f"输出文件名应以 .xlsx 结尾：{target}")
    if same_file(path, target):
        raise InputError(f"填好说明的副本不能覆盖输入的工作簿本身：{path}")
    if target.exists() and not overwrite:
        raise InputError(f"文件“{target}”已存在；如要覆盖请加 --force。")
    try:
        report, _ = read_workbook(path)
    except WorkbookError as exc:
        raise InputError(f"工作簿无法读取：{exc.message}") from None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        return fill_workbook(path, report, catalog(report.year), target)
    except NoNotesSheet as exc:
        raise InputError(str(exc)) from None
    except OSError as exc:
        raise InputError(f"无法写入“{target}”：{describe(exc)}") from None
    except Exception as exc:  # noqa: BLE001 - openpyxl cannot open what our reader could read
        raise InputError(f"无法生成副本（工作簿的格式 openpyxl 无法处理：{type(exc).__name__}）。") from None
