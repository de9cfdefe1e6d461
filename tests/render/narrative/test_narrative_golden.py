"""第三部分 of the example workbooks against golden text written by hand (tests/golden/<x>/sNN.txt).

Each golden file is one section, one paragraph per line.  The comparison is paragraph by
paragraph with a readable diff of the first differing paragraph.
"""
from __future__ import annotations

import difflib

import pytest

from conftest import EXAMPLE_DATA, GOLDEN
from juesuan.maintenance.examples import load_example
from juesuan.render.narrative import build_part3

EXAMPLES = {"a": "a_jingkai_2024", "c": "c_synthetic_2024", "d": "d_carryover_2024"}


def _cases():
    for key, stem in EXAMPLES.items():
        folder = GOLDEN / key
        for f in sorted(folder.glob("s*.txt")) if folder.is_dir() else []:
            yield pytest.param(key, stem, f.stem, id=f"{key}-{f.stem}")


_cache: dict[str, dict[str, list[str]]] = {}


def _generated(stem: str) -> dict[str, list[str]]:
    if stem not in _cache:
        report = load_example(EXAMPLE_DATA / f"{stem}.json")
        _cache[stem] = {s.id: s.paragraphs for s in build_part3(report)}
    return _cache[stem]


def _explain(expected: list[str], actual: list[str]) -> str:
    lines = []
    for i in range(max(len(expected), len(actual))):
        e = expected[i] if i < len(expected) else "（无此段）"
        a = actual[i] if i < len(actual) else "（无此段）"
        if e != a:
            lines.append(f"第{i + 1}段不同：\n  期望：{e}\n  生成：{a}")
            sm = difflib.SequenceMatcher(None, e, a)
            for op, i1, i2, j1, j2 in sm.get_opcodes():
                if op != "equal":
                    lines.append(f"  {op}: 期望「{e[max(0, i1 - 8):i2 + 8]}」 生成「{a[max(0, j1 - 8):j2 + 8]}」")
    return "\n".join(lines)


@pytest.mark.parametrize("key,stem,section", list(_cases()))
def test_section_matches_golden(key, stem, section):
    expected = (GOLDEN / key / f"{section}.txt").read_text(encoding="utf-8").splitlines()
    expected = [line for line in expected if line.strip()]
    generated = _generated(stem)
    assert section in generated, f"示例 {key} 没有生成第 {section} 节"
    actual = generated[section]
    assert actual == expected, _explain(expected, actual)


@pytest.mark.parametrize("key", sorted(EXAMPLES))
def test_every_generated_section_has_golden(key):
    folder = GOLDEN / key
    if not folder.is_dir():
        pytest.skip(f"tests/golden/{key} 尚未写好")
    generated = _generated(EXAMPLES[key])
    with_text = {sid for sid, paragraphs in generated.items() if paragraphs}
    golden = {f.stem for f in folder.glob("s*.txt")}
    assert with_text == golden
