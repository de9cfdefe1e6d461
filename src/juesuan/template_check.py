"""Template maintenance: render every narrative template against every bundled example and list
the problems a reader would see (``make-report templates check``).  The parts templates are
checked by :func:`juesuan.render.document.check_part_templates`.
"""
from __future__ import annotations

from pathlib import Path

from . import textlint
from .example_data import example_reports
from .figures import compute
from .narrative import render_section
from .template_set import NARRATIVE, Templates
from .textenv import TemplateProblem, template_problem

# The checks on rendered text are juesuan.textlint's, the same lint every render runs; kept importable
# here for the template tests.
lint_paragraph = textlint.lint_paragraph


def check_templates(override: Path | None = None) -> list[str]:
    """Render every narrative template (all variants) against every bundled example; list every
    problem in Chinese (empty list = all good)."""
    problems: list[str] = []
    if override is not None and not Path(override).is_dir():
        return [f"模板目录不存在：{override}"]
    templates = Templates(override)
    if override is not None:
        shipped = set(templates.shipped_names())
        for p in sorted(override.rglob("*")):
            if p.is_file() and p.name not in shipped:
                problems.append(f"{p}：不对应任何内置模板文件，不会被使用（文件名须与内置模板完全相同）")
    try:
        env = templates.narrative_env
        data = templates.sections
        templates.charts  # noqa: B018 - loaded to report a broken charts.json
    except TemplateProblem as exc:
        return problems + [str(exc)]
    names = []
    for name in dict.fromkeys(s["template"] for s in data["sections"] if s.get("template")):
        try:  # syntax first, once per file
            env.get_template(f"{NARRATIVE}/{name}")
            names.append(name)
        except Exception as exc:  # every failure is listed, none stops the check
            problems.append(str(template_problem(exc, f"{NARRATIVE}/{name}")))
    examples = example_reports()
    if not examples:
        problems.append("找不到内置示例数据，无法试渲染模板")
    seen: set[str] = set()
    for label, report in examples:
        ctx = compute(report).context()
        for name in names:
            try:
                paragraphs = render_section(env, name, ctx)
            except TemplateProblem as exc:
                if str(exc) not in seen:  # the same fault in the next example is not news
                    seen.add(str(exc))
                    problems.append(f"[示例 {label}] {exc}")
                continue
            for i, text in enumerate(paragraphs, 1):
                for msg in lint_paragraph(text):
                    problems.append(f"[示例 {label}] 模板 {NARRATIVE}/{name} 第{i}段：{msg}：{text}")
            for msg in textlint.lint_shares(paragraphs):
                problems.append(f"[示例 {label}] 模板 {NARRATIVE}/{name}：{msg}")
    return problems
