"""docs/RULES.md and docs/WORKBOOK.md are generated from the code (juesuan.maintenance.reference_docs); they
must match it.  After changing a rule, a layout or a supplementary field: python tools/make_docs.py"""
from __future__ import annotations

import pytest

from juesuan.maintenance.reference_docs import DOCUMENTS, rules_markdown, workbook_markdown


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_generated_document_is_current(root, name):
    path = root / name
    assert path.is_file(), f"{name} 不存在：请运行 python tools/make_docs.py"
    assert path.read_text(encoding="utf-8") == DOCUMENTS[name](), \
        f"{name} 已过期（规则、表样式或补充字段改了）：请运行 python tools/make_docs.py 并提交结果"


def test_rules_document_lists_every_rule_with_its_fields():
    from juesuan.checks.registry import RULES
    text = rules_markdown()
    for r in RULES.values():
        line = next((ln for ln in text.splitlines() if ln.startswith(f"| `{r.id}` |")), None)
        assert line is not None, r.id
        assert r.title.replace("|", "\\|") in line and " ".join(r.formula.split()).replace("|", "\\|") in line


def test_workbook_document_lists_every_field_and_table():
    from juesuan.spec.layouts import LAYOUTS
    from juesuan.spec.supplement import FIELDS, LISTS_BY_ID
    text = workbook_markdown()
    for fid, f in FIELDS.items():
        assert f"| `{fid}` | {f.label} |" in text, fid
    for lid, sheet in LISTS_BY_ID.items():
        assert f"### {sheet.name}（清单式，`{lid}`）" in text
    for layout in LAYOUTS:
        assert f"### {layout.sheet_name} {layout.title}" in text


def test_make_docs_check_names_a_stale_document(root, tmp_path, monkeypatch):
    import importlib.util
    spec = importlib.util.spec_from_file_location("make_docs", root / "tools" / "make_docs.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    (tmp_path / "docs").mkdir()
    for name, text in tool.documents().items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    monkeypatch.setattr(tool, "ROOT", tmp_path)
    assert tool.main(["--check"]) == 0
    (tmp_path / "docs" / "RULES.md").write_text("旧内容", encoding="utf-8")
    assert tool.main(["--check"]) == 1
    assert tool.main([]) == 0 and (tmp_path / "docs" / "RULES.md").read_text(encoding="utf-8") == rules_markdown()
