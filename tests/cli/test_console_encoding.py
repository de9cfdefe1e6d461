"""Windows: a redirected stdout/stderr writes the ANSI code page (cp936/GBK on a Chinese system).

Simulated on Linux with PYTHONIOENCODING=gbk (the encoding Python gives a redirected stream on
Chinese Windows) and with a TextIOWrapper over bytes: no command may stop on a character GBK
lacks, and its exit code is the one it has on a UTF-8 console.
"""
from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys

import pytest
from conftest import EXAMPLES, ROOT

from juesuan_cli.console import printable_streams

LAUNCH = f"""
import sys
sys.path[:0] = [{str(ROOT / 'src')!r}, {str(ROOT / 'cli')!r}]
from juesuan_cli.main import main
main(sys.argv[1:])
"""


def _run(args: list[str], encoding: str, cwd) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONIOENCODING": encoding}
    env.pop("PYTHONUTF8", None)
    return subprocess.run([sys.executable, "-c", LAUNCH, *args], capture_output=True, timeout=300,
                          check=False, env=env, cwd=cwd)


def _gbk_text(data: bytes) -> str:
    return data.decode("gbk")  # strict: what was written is valid GBK


def test_lookalikes_for_what_gbk_lacks():
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="gbk")
    printable_streams([stream])
    stream.write("表4 行60 = 行1 + 行29 − 行59；☑ 是 • 否\u2060；表7 为空 ⇔ 表1 为空；≥ 0 ①\n")
    stream.flush()
    assert _gbk_text(raw.getvalue()) == "表4 行60 = 行1 + 行29 - 行59；√ 是 · 否；表7 为空 <=> 表1 为空；≥ 0 ①\n"


def test_utf8_stream_unchanged():
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="utf-8")
    printable_streams([stream])
    stream.write("行29 − 行59 ☑\n")
    stream.flush()
    assert raw.getvalue().decode("utf-8") == "行29 − 行59 ☑\n"


def test_unknown_character_becomes_question_mark():
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="gbk")
    printable_streams([stream])
    stream.write("部门\U0001F600名\n")
    stream.flush()
    assert _gbk_text(raw.getvalue()) == "部门?名\n"


@pytest.mark.parametrize("args", [
    ["templates", "vars"],  # 上年（年度−1）: U+2212
    ["kemu", "工会"],
    ["kemu", "工会☑•\u2060"],  # the user's own text echoed back
    ["check", str(EXAMPLES / "a_jingkai_2024.xlsx")],
    ["check", "--help"],
    ["check", str(EXAMPLES / "不存在−☑.xlsx")],
    ["--no-such-option−"],
])
def test_commands_survive_a_gbk_console(args, tmp_path):
    gbk = _run(args, "gbk", tmp_path)
    utf8 = _run(args, "utf-8", tmp_path)
    assert b"UnicodeEncodeError" not in gbk.stderr and b"Traceback" not in gbk.stderr, gbk.stderr[-800:]
    assert gbk.returncode == utf8.returncode, (gbk.returncode, utf8.returncode, _gbk_text(gbk.stderr)[-500:])
    out = _gbk_text(gbk.stdout) + _gbk_text(gbk.stderr)
    assert "错误：程序内部出错" not in out
    if args == ["templates", "vars"]:
        assert "年度-1" in out


def test_render_init_batch_on_a_gbk_console(tmp_path):
    """The writing commands: a report, a blank workbook, a batch of two (2 processes)."""
    src = tmp_path / "工作簿"
    src.mkdir()
    for name in ("a_jingkai_2024.xlsx", "c_synthetic_2024.xlsx"):
        shutil.copy(EXAMPLES / name, src / name)
    runs = [
        (["render", str(src / "c_synthetic_2024.xlsx"), "-o", str(tmp_path / "报告.docx")], tmp_path / "报告.docx"),
        (["init", str(tmp_path / "空白.xlsx")], tmp_path / "空白.xlsx"),
        (["batch", str(src), "-o", str(tmp_path / "批量"), "-j", "2"], tmp_path / "批量" / "汇总.xlsx"),
    ]
    for args, made in runs:
        proc = _run(args, "gbk", tmp_path)
        text = _gbk_text(proc.stdout) + _gbk_text(proc.stderr)
        assert "UnicodeEncodeError" not in text and "Traceback" not in text, text[-800:]
        assert "程序内部出错" not in text, text[-800:]
        assert proc.returncode in (0, 1), (args, proc.returncode, text[-800:])
        assert made.is_file(), (args, text[-800:])
