"""The templates folder as the program uses it: one :class:`Templates` object per report.

The shipped folder (``templates/``) holds the Jinja text of 第三部分 (``narrative/``) and of the
other parts (``parts/``), the data files next to the narrative templates (``sections.json``,
``phrases.json``, ``charts.json``) and the Word master ``report.docx``.  A maintainer's override
folder (``--templates DIR``) replaces shipped files of the same name, found either as
``DIR/<file>`` or as ``DIR/<subfolder>/<file>``; everything else stays shipped.

Every consumer (narrative, parts, charts, cover) takes a Templates object instead of a folder,
so the environments and the data files are set up once per report, in one place.
"""
from __future__ import annotations

import json
from functools import cached_property
from pathlib import Path

from juesuan.spec.paths import templates_dir
from juesuan.templating.env import TemplateProblem, make_env

NARRATIVE = "narrative"
PARTS = "parts"
MASTER = "report.docx"

# Compiling the narrative templates is the slow part of a render; the environment is kept per
# override folder for the life of the process (Jinja still reloads a file whose mtime changed).
_NARRATIVE_ENVS: dict[str | None, object] = {}


class Templates:
    """The shipped templates folder overlaid by an optional override folder."""

    def __init__(self, override: Path | str | None = None):
        self.override = Path(override) if override is not None else None
        self.builtin = templates_dir()
        self._data: dict[str, dict] = {}

    def __repr__(self) -> str:
        return f"Templates(override={self.override!r})"

    # -- environments ------------------------------------------------------------------
    @property
    def narrative_env(self):
        """Sandboxed environment for the paragraph templates of 第三部分, with the phrase filters.

        trim_blocks is off: a line ending in ``{% endif %}`` must still end its paragraph.  Lines
        that only hold a block tag render empty and are dropped; one non-empty output line is one
        paragraph; ``{%- … -%}`` joins template lines into one paragraph.
        """
        key = None if self.override is None else str(self.override.resolve())
        if key not in _NARRATIVE_ENVS:
            _NARRATIVE_ENVS[key] = self._new_narrative_env()
        return _NARRATIVE_ENVS[key]

    def _new_narrative_env(self):
        env = self._env_with_subfolder(NARRATIVE)
        env.trim_blocks = False
        env.lstrip_blocks = True
        phrases = self._checked("phrases.json", _load_json(env, "phrases.json"))
        _vocabulary(env, phrases)
        return env

    @cached_property
    def parts_env(self):
        """Environment for templates/parts/*.j2 (the skeleton document.j2 and the parts it includes):
        the same filters, tests and phrases as the narrative templates (one vocabulary)."""
        env = self._env_with_subfolder(PARTS)
        _vocabulary(env, self.narrative_env.globals["phrases"])
        return env

    @cached_property
    def master_env(self):
        """Environment for the cover placeholders of report.docx.  Its own: docxtpl switches
        autoescape on in the environment it is given, and the text templates must not escape."""
        from jinja2 import StrictUndefined

        from juesuan.templating.limits import LimitedEnvironment
        return LimitedEnvironment(autoescape=True, undefined=StrictUndefined)

    def _env_with_subfolder(self, folder: str):
        """make_env searches DIR/<folder>/<file> then the shipped file; a file copied straight into
        DIR counts too, for <folder>/<file> (before the shipped one)."""
        from jinja2 import ChoiceLoader, PrefixLoader

        from juesuan.templating.limits import ConfinedLoader
        env = make_env(self.override)
        if self.override is not None:
            loaders = env.loader.loaders
            env.loader = ChoiceLoader([loaders[0], PrefixLoader({folder: ConfinedLoader(str(self.override))}),
                                       *loaders[1:]])
        return env

    # -- data files ----------------------------------------------------------------------
    def data(self, name: str) -> dict:
        """A JSON data file of templates/narrative, read once per Templates object; an override
        must have the shape of the shipped file (template_shapes)."""
        if name not in self._data:
            self._data[name] = self._checked(name, _load_json(self.narrative_env, name))
        return self._data[name]

    def _checked(self, name: str, value):
        if self.override is None:
            return value
        from juesuan.templating.shapes import shape_problem
        shipped = json.loads((self.builtin / NARRATIVE / name).read_text(encoding="utf-8"))
        problem = shape_problem(value, shipped)
        if problem:
            raise TemplateProblem(f"{NARRATIVE}/{name}", None, f"结构与内置文件不同：{problem}（请以内置文件为样板修改）")
        return value

    @property
    def sections(self) -> dict:
        """sections.json: the sections of 第三部分, their titles, order and figures."""
        return self.data("sections.json")

    @property
    def charts(self) -> dict:
        """charts.json: captions, legends and unit of 图1–图4."""
        return self.data("charts.json")

    # -- Word master ---------------------------------------------------------------------
    @property
    def master_path(self) -> Path:
        if self.override is not None and (self.override / MASTER).is_file():
            from juesuan.templating.limits import inside
            if not inside(str(self.override / MASTER), str(self.override)):
                raise TemplateProblem(MASTER, None, f"是指向模板目录之外的链接（{(self.override / MASTER).resolve()}），"
                                      "出于安全考虑不读取")
            return self.override / MASTER
        return self.builtin / MASTER


def _vocabulary(env, phrases: dict) -> None:
    """The filters, tests and functions every template has, parts and narrative alike."""
    from juesuan.spec.layouts import cn_number
    from juesuan.templating.filters import TESTS, make_filters
    env.filters.update(make_filters(phrases))
    env.tests.update(TESTS)
    env.globals["phrases"] = phrases
    env.globals["cn"] = cn_number  # cn(3) as in the parts templates; 3|cn as in the narrative ones


def as_templates(value: Templates | Path | str | None) -> Templates:
    """A Templates object from what a caller has: one already, an override folder, or None."""
    return value if isinstance(value, Templates) else Templates(value)


def _load_json(env, name: str) -> dict:
    from jinja2 import TemplateNotFound

    from juesuan.templating.limits import OutsideFolder
    from juesuan.templating.env import template_problem
    try:
        source, filename, _ = env.loader.get_source(env, f"{NARRATIVE}/{name}")
    except TemplateNotFound:
        raise TemplateProblem(f"{NARRATIVE}/{name}", None, "找不到该数据文件") from None
    except OutsideFolder as exc:
        raise template_problem(exc, name) from None
    try:
        return json.loads(source)
    except json.JSONDecodeError as exc:
        from juesuan.templating.messages import json_message
        raise TemplateProblem(filename, exc.lineno, f"JSON 格式错误（第{exc.colno}列）：{json_message(exc.msg)}") from None
