"""The Jinja environment every text template is rendered in.

Sandboxed, StrictUndefined, no autoescape (the output is plain text that python-docx/docxtpl
escape when they write XML).  Workbook text is only ever passed in as *values*, so a reason
that contains ``{{ x }}`` is printed as written and never evaluated.

A maintainer's override folder comes first in the search path: a file there replaces the
shipped file of the same name and nothing else.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .paths import templates_dir


@dataclass
class TemplateProblem(Exception):
    """A template failed: which file, which line, what (in Chinese)."""
    template: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.template}" + (f" 第{self.line}行" if self.line else "")
        return f"模板 {where}：{self.message}"


def make_env(override: Path | None = None):
    from jinja2 import ChoiceLoader, FileSystemLoader, StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment
    loaders = []
    if override is not None:
        loaders.append(FileSystemLoader(str(override)))
    loaders.append(FileSystemLoader(str(templates_dir())))
    env = SandboxedEnvironment(loader=ChoiceLoader(loaders), undefined=StrictUndefined, autoescape=False,
                               trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False)
    return env
