"""Every finding id is data: the reader's, the renderer's and the batch's ids are registered with the
审核 rules (juesuan.spec.finding_ids → checks.registry), so docs/RULES.md and `check --rules` list
every id a user can meet, each with one meaning."""
from __future__ import annotations

import ast
import re

from click.testing import CliRunner
from conftest import ROOT
from juesuan_cli.main import cli

from juesuan.checks import RULES, rules_in_order
from juesuan.checks.registry import GROUP_ORDER

PACKAGE = ROOT / "src" / "juesuan"
_ID = re.compile(r"^(?:R|CHECK|批量)-[A-Z一-龥]+$")


def _ids_used(path) -> set[tuple[str, int]]:
    """Ids given to Finding(…), reader.problem(…), ctx.add/check(…), and every literal like R-NUM."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            owner = getattr(func.value, "id", "") if isinstance(func, ast.Attribute) else ""
            if name in ("Finding", "problem") or (name in ("add", "check") and owner in ("ctx", "self")):
                args = [*node.args[:1], *(k.value for k in node.keywords if k.arg == "rule")]
                found |= {(a.value, node.lineno) for a in args if isinstance(a, ast.Constant) and isinstance(a.value, str)}
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and _ID.match(node.value):
            found.add((node.value, node.lineno))
    return found


def test_every_finding_id_used_in_src_is_registered():
    unknown = [f"{p.relative_to(ROOT)}:{line} {fid}" for p in sorted(PACKAGE.rglob("*.py"))
               for fid, line in sorted(_ids_used(p)) if fid not in RULES]
    assert not unknown, "未登记的结果编号（请在 juesuan/spec/finding_ids.py 或规则中登记）：\n" + "\n".join(unknown)
    reader_ids = {fid for p in (PACKAGE / "reader").rglob("*.py") for fid, _ in _ids_used(p)}
    assert {"R-NUM", "R-HEADER", "R-SHEET", "R-FORMULA", "R-TEXT"} <= reader_ids  # the scan sees them


def test_reader_and_renderer_ids_are_listed_like_rules():
    groups = {r.id: r.group for r in rules_in_order()}
    assert (groups["R-NUM"], groups["R-LINT"], groups["批量-重名"]) == ("读取", "生成", "批量")
    assert set(groups.values()) <= set(GROUP_ORDER)  # one group order, for the docs and the CLI alike
    rules_md = (ROOT / "docs" / "RULES.md").read_text(encoding="utf-8")
    listed = CliRunner().invoke(cli, ["check", "--rules"]).output
    for fid in ("R-NUM", "R-TEXT", "R-LINT", "R-CHART", "批量-重名", "CHECK-INTERNAL"):
        assert f"`{fid}` | {RULES[fid].title} |" in rules_md and fid in listed


def test_r_text_means_one_thing():
    """R-TEXT is damaged text in a cell (reader); the renderer's text lint is R-LINT."""
    assert RULES["R-TEXT"].group == "读取" and RULES["R-LINT"].group == "生成"
    lint = (PACKAGE / "render" / "lint.py").read_text(encoding="utf-8")
    assert '"R-TEXT"' not in lint and '"R-LINT"' in lint


def test_one_group_order_for_the_docs_and_the_command():
    rules_md = (ROOT / "docs" / "RULES.md").read_text(encoding="utf-8")
    in_docs = re.findall(r"^## (\S+)（", rules_md, re.M)
    in_cli = re.findall(r"【(\S+)】", CliRunner().invoke(cli, ["check", "--rules"]).output)
    assert in_docs == in_cli == [g for g in GROUP_ORDER if any(r.group == g for r in RULES.values())]
