"""juesuan (决算): standard workbook -> 审核 -> 部门决算公开 Word report.

The front door.  Everything a client (the command line, a script, the batch runner) uses is
importable from here; the packages behind it follow the pipeline (docs/ARCHITECTURE.md):

    spec  model  xlsx  reader  checks  figures  templating  render  workbooks  batch  audit  maintenance  web

Names are resolved lazily, so ``import juesuan`` (and ``make-report --help``) stays cheap.
"""
from __future__ import annotations

import importlib

__version__ = "0.1.0"

# name -> module that defines it
_EXPORTS = {
    # reading, checking, rendering one workbook
    "check_workbook": "juesuan.api", "render_workbook": "juesuan.api", "CheckResult": "juesuan.api",
    "RenderResult": "juesuan.api", "InputError": "juesuan.api", "default_output": "juesuan.api",
    "init_next_year": "juesuan.api", "annotate": "juesuan.api", "default_annotation_path": "juesuan.api",
    "write_blank_workbook": "juesuan.api", "save_text": "juesuan.api", "pdf_available": "juesuan.api",
    "output_problem": "juesuan.api", "annotation_problem": "juesuan.api",
    # reading what exists: a 决算软件 export or a published report (importer)
    "import_source": "juesuan.api", "import_to_workbook": "juesuan.api", "init_from_report": "juesuan.api",
    "import_report": "juesuan.importer",
    "fill_explanations": "juesuan.api", "default_fill_path": "juesuan.api",
    # findings and rules
    "Finding": "juesuan.model.findings", "WorkbookError": "juesuan.model.findings",
    "ERROR": "juesuan.model.findings", "WARNING": "juesuan.model.findings", "INFO": "juesuan.model.findings",
    "RULES": "juesuan.checks", "rules_in_order": "juesuan.checks", "finding_sheet": "juesuan.checks.ordering",
    # files and OS errors in Chinese
    "describe_os_error": "juesuan.fileio.oserrors",
    # the 科目 dictionary
    "kemu_lookup": "juesuan.spec.catalog",
    # template maintenance
    "check_templates": "juesuan.maintenance.templates_check",
    "template_variables": "juesuan.maintenance.templates_vars",
    "variables_markdown": "juesuan.maintenance.templates_vars",
    # batch
    "batch": "juesuan.batch",
    # audit of a finished report
    "audit": "juesuan.audit",
    # the page in the browser (make-report serve)
    "web": "juesuan.web",
}
_RENAMED = {"describe_os_error": "describe", "kemu_lookup": "lookup", "check_templates": "check_all"}
_MODULES = {"batch", "audit", "web"}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'juesuan' has no attribute {name!r}")
    mod = importlib.import_module(module)
    value = mod if name in _MODULES else getattr(mod, _RENAMED.get(name, name))
    globals()[name] = value
    return value
