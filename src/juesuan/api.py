"""What the command line (and the batch runner) call: read, check, render.

No click here; callers get results and Chinese messages, never tracebacks for user errors.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .findings import ERROR, WARNING, Finding, count
from .model import Report
from .oserrors import describe


@dataclass
class CheckResult:
    path: Path
    report: Report | None
    findings: list[Finding] = field(default_factory=list)
    fatal: str | None = None  # the file could not be read at all

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
        from .checks.ordering import sort_findings
        return sort_findings(self.findings)


def check_workbook(path: str | Path) -> CheckResult:
    """Read and check a workbook. Never raises for a bad workbook: see ``fatal``/``findings``."""
    from .checks import run_checks
    from .findings import WorkbookError
    from .reader import read_workbook
    path = Path(path)
    try:
        report, findings = read_workbook(path)
    except WorkbookError as exc:
        return CheckResult(path, None, list(exc.findings), fatal=exc.message)
    findings = findings + run_checks(report, findings)  # cells the reader could not read are not checked again
    return CheckResult(path, report, findings)


@dataclass
class RenderResult:
    check: CheckResult
    docx: Path | None = None
    pdf: Path | None = None
    problems: list[str] = field(default_factory=list)  # Chinese messages (template errors, PDF failure …)
    pdf_fonts: list[str] = field(default_factory=list)  # Chinese lines: fonts replaced in the PDF, or a warning
    figures: object = None  # juesuan.figures.Figures the report was written from (for the batch summary)
    draft: bool = False  # written despite 错误 (render_workbook(draft=True)), marked as a draft

    @property
    def ok(self) -> bool:
        return self.docx is not None and not self.problems and not self.draft


def default_output(report: Report, workbook: Path, out_dir: Path | None = None) -> Path:
    """<部门名称><年度>年度部门决算.docx next to the workbook (or in out_dir), safe on Windows."""
    from .render.names import report_filename
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
    from .render.names import same_file
    from .textenv import TemplateProblem
    path = Path(path)
    check = check_workbook(path)
    result = RenderResult(check)
    if check.fatal is not None or check.report is None or (check.errors and not draft):
        return result
    result.draft = check.errors > 0
    target = Path(output) if output is not None else default_output(check.report, path, out_dir)
    if same_file(target, path):
        result.problems.append(f"输出文件不能是输入的工作簿本身：{path}；请用 -o 指定另一个 .docx 文件名。")
        return result
    if target.name in ("", ".", ".."):
        result.problems.append(f"输出文件名无效：“{target}”；请写 .docx 文件名。")
        return result
    if target.suffix == "":
        target = target.with_name(target.name + ".docx")
    if target.suffix.lower() != ".docx":
        result.problems.append(f"输出文件名应以 .docx 结尾：{target}")
        return result
    try:  # a missing output folder is created (only now: nothing is written for a workbook with errors)
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        result.problems.append(f"无法建立输出文件夹“{target.parent}”：{describe(exc)}")
        return result
    from .render import render_report
    from .template_set import Templates
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
    check.findings.extend(document.notes)
    result.docx = target
    result.figures = document.figures
    if pdf:
        from .render.document import toc_pages
        from .render.pdf import PdfError, PdfInterrupted, convert_with_pages
        try:
            try:
                conversion = convert_with_pages(target)
            except PdfError as exc:
                result.problems.append(exc.message)
                return result
            except OSError as exc:
                result.problems.append(f"无法写入 PDF：{describe(exc)}")
                return result
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
