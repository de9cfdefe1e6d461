"""--pdf: convert the .docx with LibreOffice (headless), when it is installed.

Each conversion runs in a fresh temporary profile (-env:UserInstallation) so it neither
touches the user's LibreOffice settings nor collides with a running LibreOffice.  A small
Basic macro in that profile opens the document, updates the 目录 (LibreOffice does not update
indexes on a plain --convert-to, so the PDF would show the pre-filled 目录 without page
numbers) and exports the PDF.  If the macro route fails, a plain --convert-to is tried.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path
from ..oserrors import describe

DEFAULT_TIMEOUT = 180  # seconds for the whole conversion

CANDIDATES = (
    "/usr/bin/soffice", "/usr/lib/libreoffice/program/soffice", "/opt/libreoffice/program/soffice",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    r"C:\Program Files\LibreOffice\program\soffice.exe", r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
)

MACRO = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">
Sub ConvertPdf(inUrl As String, outUrl As String)
  Dim args(0) As New com.sun.star.beans.PropertyValue
  args(0).Name = &quot;Hidden&quot;
  args(0).Value = True
  doc = StarDesktop.loadComponentFromURL(inUrl, &quot;_blank&quot;, 0, args())
  indexes = doc.getDocumentIndexes()
  toc = &quot;&quot;
  For i = 0 To indexes.getCount() - 1
    indexes.getByIndex(i).update()
    If i = 0 Then toc = indexes.getByIndex(i).getAnchor().getString()
  Next
  doc.getTextFields().refresh()
  Dim f(0) As New com.sun.star.beans.PropertyValue
  f(0).Name = &quot;FilterName&quot;
  f(0).Value = &quot;writer_pdf_Export&quot;
  doc.storeToURL(outUrl, f())
  doc.close(True)
  REM The page number of each 目录 line (the text after its tab), one per line, for the .docx.
  On Error Goto Done
  n = FreeFile
  Open ConvertFromURL(outUrl &amp; &quot;.pages&quot;) For Output As #n
  lines = Split(Join(Split(toc, Chr(13)), Chr(10)), Chr(10))
  For k = LBound(lines) To UBound(lines)
    p = InStr(lines(k), Chr(9))
    If p &gt; 0 Then Print #n, Mid(lines(k), p + 1)
  Next k
  Close #n
  Done:
End Sub
</script:module>
"""

SCRIPT_XLB = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE library:library PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "library.dtd">
<library:library xmlns:library="http://openoffice.org/2000/library" library:name="Standard" library:readonly="false" library:passwordprotected="false">
 <library:element library:name="Module1"/>
</library:library>
"""

SCRIPT_XLC = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE library:libraries PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "libraries.dtd">
<library:libraries xmlns:library="http://openoffice.org/2000/library" xmlns:xlink="http://www.w3.org/1999/xlink">
 <library:library library:name="Standard" xlink:href="$(USER)/basic/Standard/script.xlb/" xlink:type="simple" library:link="false"/>
</library:libraries>
"""


# Fonts of the report and what LibreOffice should draw when the machine lacks them.  Without
# this table LibreOffice falls back to a sans-serif CJK face even for 仿宋 and 宋体.  Only
# fonts that fontconfig does not know are replaced (LibreOffice's own "only when missing"
# mode does not fire, because fontconfig always offers some fallback).
SUBSTITUTES = {
    "仿宋": "Noto Serif CJK SC", "宋体": "Noto Serif CJK SC", "楷体": "Noto Serif CJK SC",
    "方正小标宋简体": "Noto Serif CJK SC", "黑体": "Noto Sans CJK SC",
}


def _font_families() -> set[str] | None:
    """Installed font family names (fontconfig), or None where fontconfig is not available."""
    fc = shutil.which("fc-list")
    if not fc:
        return None
    try:
        out = subprocess.run([fc, ":", "family"], capture_output=True, timeout=20, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    families: set[str] = set()
    for line in out.decode("utf-8", "replace").splitlines():
        families.update(f.strip() for f in line.split(",") if f.strip())
    return families


def substitutions() -> dict[str, str]:
    families = _font_families()
    if families is None:
        return {}
    return {font: sub for font, sub in SUBSTITUTES.items() if font not in families and sub in families}


def _substitution_xml(pairs: dict[str, str]) -> str:
    from xml.sax.saxutils import escape
    items = ['<item oor:path="/org.openoffice.Office.Common/Font/Substitution">'
             '<prop oor:name="Replacement" oor:op="fuse"><value>true</value></prop></item>']
    for i, (font, sub) in enumerate(pairs.items()):
        items.append(
            '<item oor:path="/org.openoffice.Office.Common/Font/Substitution/FontPairs">'
            f'<node oor:name="_{i}" oor:op="replace">'
            '<prop oor:name="Always" oor:op="fuse"><value>true</value></prop>'
            '<prop oor:name="OnScreenOnly" oor:op="fuse"><value>false</value></prop>'
            f'<prop oor:name="ReplaceFont" oor:op="fuse"><value>{escape(font)}</value></prop>'
            f'<prop oor:name="SubstituteFont" oor:op="fuse"><value>{escape(sub)}</value></prop>'
            '</node></item>')
    return "\n".join(items)


class PdfError(Exception):
    """Conversion failed; ``message`` is Chinese and says what to do."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def find_soffice() -> str | None:
    env = os.environ.get("JUESUAN_SOFFICE")
    if env:
        return env if Path(env).is_file() else None
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return next((c for c in CANDIDATES if Path(c).is_file()), None)


def _run(cmd: list[str], timeout: float) -> tuple[int, str]:
    """Run LibreOffice in its own process group so a timeout kills soffice.bin too."""
    kwargs: dict = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, "stdin": subprocess.DEVNULL}
    if os.name == "posix":
        kwargs["start_new_session"] = True
    proc = subprocess.Popen(cmd, **kwargs)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        if os.name == "posix":
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        else:
            proc.kill()
        proc.communicate()
        raise
    text = (err or b"").decode("utf-8", "replace") + (out or b"").decode("utf-8", "replace")
    return proc.returncode, text


def _configure(profile: Path) -> None:
    """The conversion macro and the font replacement table, written into the fresh profile."""
    _install_macro(profile)
    pairs = substitutions()
    reg = profile / "user" / "registrymodifications.xcu"
    if pairs and reg.is_file():
        text = reg.read_text(encoding="utf-8")
        if "</oor:items>" in text:
            reg.write_text(text.replace("</oor:items>", _substitution_xml(pairs) + "\n</oor:items>"), encoding="utf-8")


def _install_macro(profile: Path) -> None:
    std = profile / "user" / "basic" / "Standard"
    std.mkdir(parents=True, exist_ok=True)
    (std / "Module1.xba").write_text(MACRO, encoding="utf-8")
    if not (std / "script.xlb").exists():
        (std / "script.xlb").write_text(SCRIPT_XLB, encoding="utf-8")
    xlc = profile / "user" / "basic" / "script.xlc"
    if not xlc.exists():
        xlc.write_text(SCRIPT_XLC, encoding="utf-8")


def convert(docx: str | Path, pdf: str | Path | None = None, *, timeout: float = DEFAULT_TIMEOUT) -> Path:
    """Convert ``docx`` to ``pdf`` (default: same name, .pdf); return the PDF path or raise PdfError."""
    return convert_with_pages(docx, pdf, timeout=timeout)[0]


def convert_with_pages(docx: str | Path, pdf: str | Path | None = None, *,
                       timeout: float = DEFAULT_TIMEOUT) -> tuple[Path, list[int] | None]:
    """Like convert; also the page numbers LibreOffice printed in the 目录, in order (None if unknown)."""
    import time
    docx = Path(docx)
    pdf = Path(pdf) if pdf else docx.with_suffix(".pdf")
    soffice = find_soffice()
    if soffice is None:
        raise PdfError("未找到 LibreOffice（soffice 命令），无法生成 PDF；已生成的 Word 报告不受影响。"
                       "请安装 LibreOffice 后重试，或用 Word / WPS 打开报告另存为 PDF。")
    deadline = time.monotonic() + timeout
    work = Path(tempfile.mkdtemp(prefix="juesuan-pdf-"))
    try:
        src = work / "report.docx"  # an ASCII path: no quoting trouble in the macro call
        shutil.copyfile(docx, src)
        out = work / "report.pdf"
        profile = work / "profile"
        user = f"-env:UserInstallation={profile.as_uri()}"
        base = [soffice, user, "--headless", "--norestore", "--nologo", "--nodefault", "--nolockcheck"]
        log = ""
        try:
            _run([soffice, user, "--headless", "--terminate_after_init"], max(1.0, deadline - time.monotonic()))
            _configure(profile)
            call = f'macro:///Standard.Module1.ConvertPdf("{src.as_uri()}","{out.as_uri()}")'
            _, log = _run(base + [call], max(1.0, deadline - time.monotonic()))
            if not (out.is_file() and out.stat().st_size > 0):
                _, log2 = _run(base + ["--convert-to", "pdf:writer_pdf_Export", "--outdir", str(work), str(src)],
                               max(1.0, deadline - time.monotonic()))
                log += log2
        except subprocess.TimeoutExpired:
            raise PdfError(f"LibreOffice 转换 PDF 超时（{int(timeout)} 秒），已放弃；Word 报告已生成。") from None
        except OSError as exc:
            raise PdfError(f"无法启动 LibreOffice（{soffice}）：{describe(exc)}") from None
        if not (out.is_file() and out.stat().st_size > 0):
            tail = " ".join(line for line in log.splitlines() if "javaldx" not in line)[-300:]
            raise PdfError("LibreOffice 未能生成 PDF" + (f"：{tail}" if tail.strip() else "。"))
        from ..atomic import atomic_path
        with atomic_path(pdf) as tmp:
            shutil.copyfile(out, tmp)
        return pdf, _pages(out.with_name(out.name + ".pages"))
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _pages(path: Path) -> list[int] | None:
    try:
        lines = [ln.strip() for ln in path.read_text(encoding="ascii", errors="replace").splitlines() if ln.strip()]
    except OSError:
        return None
    if not lines or not all(ln.isdigit() for ln in lines):
        return None
    return [int(ln) for ln in lines]
