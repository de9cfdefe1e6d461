"""What the command line (and the batch runner) call: read, check, render.

No click here; callers get results and Chinese messages, never tracebacks for user errors.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .findings import ERROR, SEVERITY_ORDER, WARNING, Finding, count
from .model import Report


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
        return sorted(self.findings, key=lambda f: (f.sort_key(), SEVERITY_ORDER[f.severity]))


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
    findings = findings + run_checks(report)
    return CheckResult(path, report, findings)


@dataclass
class RenderResult:
    check: CheckResult
    docx: Path | None = None
    pdf: Path | None = None
    problems: list[str] = field(default_factory=list)  # Chinese messages (template errors, PDF failure …)

    @property
    def ok(self) -> bool:
        return self.docx is not None and not self.problems


def default_output(report: Report, workbook: Path, out_dir: Path | None = None) -> Path:
    """<部门名称><年度>年度部门决算.docx next to the workbook (or in out_dir), safe on Windows."""
    raise NotImplementedError  # implemented with the Word renderer (issue 5)


def render_workbook(path: str | Path, output: Path | None = None, *, out_dir: Path | None = None,
                    templates_dir: Path | None = None, pdf: bool = False) -> RenderResult:
    """Check ``path``; when there is no 错误, write the report (atomically) and return where.

    Never overwrites the input workbook. A template problem or a PDF failure is reported in
    ``problems`` in Chinese, never raised.
    """
    raise NotImplementedError  # implemented with the Word renderer (issue 5)
