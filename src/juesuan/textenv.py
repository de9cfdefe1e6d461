"""The Jinja environment every text template is rendered in.

Sandboxed, StrictUndefined, no autoescape (the output is plain text that python-docx/docxtpl
escape when they write XML).  Workbook text is only ever passed in as *values*, so a reason
that contains ``{{ x }}`` is printed as written and never evaluated.

A maintainer's override folder comes first in the search path: a file there replaces the
shipped file of the same name and nothing else.
"""
from __future__ import annotations

import os
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


def _cache_dir() -> Path | None:
    """A per-user folder for compiled templates, or None when none can be written."""
    base = os.environ.get("JUESUAN_CACHE_DIR")
    if not base:
        root = os.environ.get("LOCALAPPDATA") or os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache")
        base = os.path.join(root, "juesuan", "jinja")
    try:
        os.makedirs(base, exist_ok=True)
    except OSError:
        return None
    return Path(base) if os.access(base, os.W_OK) else None


def _bytecode_cache():
    """Compiling ~40 templates costs ~0.2 s per run; Jinja checks each cached entry against the
    template source, so an edited template is recompiled.  A cache that cannot be read or
    written is simply not used."""
    from jinja2 import FileSystemBytecodeCache

    class QuietCache(FileSystemBytecodeCache):
        def load_bytecode(self, bucket):
            try:
                super().load_bytecode(bucket)
            except (OSError, EOFError, ValueError):
                bucket.reset()

        def dump_bytecode(self, bucket):
            try:
                super().dump_bytecode(bucket)
            except OSError:
                pass

    folder = _cache_dir()
    return QuietCache(str(folder), "juesuan-%s.cache") if folder else None


def make_env(override: Path | None = None):
    from jinja2 import ChoiceLoader, FileSystemLoader, StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment
    loaders = []
    if override is not None:
        loaders.append(FileSystemLoader(str(override)))
    loaders.append(FileSystemLoader(str(templates_dir())))
    env = SandboxedEnvironment(loader=ChoiceLoader(loaders), undefined=StrictUndefined, autoescape=False,
                               trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False,
                               bytecode_cache=_bytecode_cache())
    from .textjoin import JOIN_FILTERS
    env.filters.update(JOIN_FILTERS)  # joining workbook text without doubled words (every template)
    return env
