"""What an override must look like before the program uses it:

* a JSON data file (``sections.json``, ``charts.json``, ``phrases.json``) has the shape of the
  shipped one: the same kinds of values under the same keys, lists of the same kind of items
  (keys every shipped item has are required; keys starting with "_" are comments);
* the text a template writes holds no control character (Word cannot store one; python-docx
  fails half way through the document).

The shipped file is the specification, so there is no second description to keep in step.
"""
from __future__ import annotations

from juesuan.model.textnorm import BAD_RE

_CONTROL = BAD_RE  # juesuan.model.textnorm: the one definition


def _kind(value) -> str:
    if isinstance(value, bool):
        return "是/否"
    if isinstance(value, (int, float)):
        return "数字"
    return {str: "文字", list: "列表", dict: "对象（{…}）", type(None): "空值"}.get(type(value), type(value).__name__)


def shape_problem(value, shipped, where: str = "") -> str | None:
    """None when ``value`` has the shape of ``shipped``, else the first difference in Chinese."""
    here = where or "整个文件"
    if isinstance(shipped, bool) or isinstance(value, bool):
        same = isinstance(shipped, bool) == isinstance(value, bool)
    elif isinstance(shipped, (int, float)):
        same = isinstance(value, (int, float))
    elif shipped is None:
        same = True
    else:
        same = isinstance(value, type(shipped))
    if not same:
        return f"{here} 应为{_kind(shipped)}，实际为{_kind(value)}"
    if isinstance(shipped, dict):
        for key, sub in shipped.items():
            if key.startswith("_"):
                continue
            if key not in value:
                return f"缺少“{_join(where, key)}”"
            problem = shape_problem(value[key], sub, _join(where, key))
            if problem:
                return problem
    elif isinstance(shipped, list) and shipped and value:
        dicts = [item for item in shipped if isinstance(item, dict)]
        if dicts and len(dicts) == len(shipped):
            required = set.intersection(*(set(d) for d in dicts))
            for i, item in enumerate(value):
                at = f"{where}[{i}]"
                if not isinstance(item, dict):
                    return f"{at} 应为对象（{{…}}），实际为{_kind(item)}"
                for key in sorted(required - set(item)):
                    if not key.startswith("_"):
                        return f"{at} 缺少“{key}”"
                for key, sub in item.items():
                    models = [d[key] for d in dicts if key in d]
                    if models and not key.startswith("_"):  # like any one of the shipped items
                        problems = [shape_problem(sub, m, f"{at}.{key}") for m in models]
                        if all(problems):
                            return problems[0]
        else:
            for i, item in enumerate(value):
                problem = shape_problem(item, shipped[0], f"{where}[{i}]")
                if problem:
                    return problem
    return None


def _join(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def control_problem(text: str, markers: str = "") -> str | None:
    """A control character in what a template wrote (``markers``: the ones the helpers emit)."""
    for n, line in enumerate(text.split("\n"), 1):
        for ch in _CONTROL.findall(line):
            if ch not in markers:
                return f"模板输出了控制字符 U+{ord(ch):04X}（输出第 {n} 行），Word 文档不能包含它；请删去模板中的这个字符"
    return None
