"""Which fonts LibreOffice draws for the report's Chinese fonts when a machine lacks them.

The report asks for 仿宋 / 宋体 / 楷体 / 黑体 / 方正小标宋简体 (styles.py), as published reports
do.  Windows has most of them; a Linux machine usually has none, and LibreOffice's fallback
then picks whatever CJK face fontconfig offers first, often a Japanese one.  The conversion
profile gets a font replacement table (org.openoffice.Office.Common/Font/Substitution) that
maps each missing report font to an installed Simplified-Chinese face:

- a stand-alone SC font when one is installed (Noto Serif SC, Source Han Serif SC …);
- else the SC face of a Noto CJK collection (.ttc), written out under our own name by
  sc_faces so the PDF names an SC font (see there);
- else another Chinese font (AR PL, WenQuanYi).

Fonts that fontconfig knows are left alone (a machine with real 仿宋 keeps it).
"""
from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from juesuan.fileio.oserrors import on_windows
from juesuan.render.pdf.sc_faces import FACES, face_file

# The report's fonts and the names documents from Word / WPS use for the same faces.
ROLES = {
    "serif": ("仿宋", "仿宋_GB2312", "FangSong", "FangSong_GB2312", "宋体", "SimSun", "新宋体", "NSimSun",
              "楷体", "楷体_GB2312", "KaiTi", "KaiTi_GB2312"),
    "title": ("方正小标宋简体", "方正小标宋_GBK", "方正小标宋", "FZXiaoBiaoSong-B05S"),
    "sans": ("黑体", "SimHei", "微软雅黑", "Microsoft YaHei"),
}
# Installed Simplified-Chinese families, best first; "@face" = the SC face of a collection.
PREFERRED = {
    "serif": ("Noto Serif SC", "Source Han Serif SC", "Source Han Serif CN", "@Juesuan Serif SC",
              "AR PL SungtiL GB", "AR PL UMing CN"),
    "title": ("@Juesuan Title SC", "Noto Serif SC", "Source Han Serif SC", "Source Han Serif CN",
              "@Juesuan Serif SC", "AR PL SungtiL GB", "AR PL UMing CN"),
    "sans": ("Noto Sans SC", "Source Han Sans SC", "Source Han Sans CN", "@Juesuan Sans SC",
             "WenQuanYi Zen Hei", "WenQuanYi Micro Hei"),
}
_FACE = {f.family: f for f in FACES}
# The fonts the report itself uses (styles.py): the ones named in the `--pdf` message.
PRIMARY = ("仿宋", "宋体", "楷体", "方正小标宋简体", "黑体")


@dataclass
class FontPlan:
    pairs: dict[str, str] = field(default_factory=dict)  # report font -> family drawn instead
    files: dict[str, Path | bytes] = field(default_factory=dict)  # file name -> cached font file or its data
    shown: dict[str, str] = field(default_factory=dict)  # our family -> what it is, for messages
    missing_sc: bool = False  # some report font is missing and no SC font could replace it
    windows: bool = False  # planned from the Windows font folders (the warning says what to do there)

    def messages(self) -> list[str]:
        """Chinese lines for `--pdf`: what was replaced, or the warning."""
        out = []
        if self.pairs:
            by_target: dict[str, list[str]] = {}
            for font, sub in self.pairs.items():
                if font in PRIMARY:
                    by_target.setdefault(self.shown.get(sub, sub), []).append(font)
            if by_target:
                out.append("PDF 字体：本机没有 " + "；".join(
                    f"{'、'.join(fonts)}，用 {target} 代替".replace("） ", "）") for target, fonts in by_target.items())
                    + "。")
        if self.missing_sc and self.windows:
            from juesuan.render.pdf.win_fonts import MESSAGE
            out.append(MESSAGE)
        elif self.missing_sc:
            out.append("警告：本机没有简体中文字体，PDF 中的汉字可能是日文或繁体字形；请安装简体中文字体"
                       "（如 Debian/Ubuntu 的 fonts-noto-cjk），或在 Word / WPS 中另存为 PDF。")
        return out


def _fc(args: list[str]) -> str | None:
    exe = shutil.which(args[0])
    if not exe:
        return None
    try:
        return subprocess.run([exe, *args[1:]], capture_output=True, timeout=20,
                              check=False).stdout.decode("utf-8", "replace")
    except (OSError, subprocess.SubprocessError):
        return None


def installed_families() -> set[str] | None:
    """Installed font family names (fontconfig), or None where fontconfig is not available
    (Windows: LibreOffice finds SimSun, FangSong, SimHei of the system itself)."""
    out = _fc(["fc-list", ":", "family"])
    if out is None:
        return None
    return {f.strip() for line in out.splitlines() for f in line.split(",") if f.strip()}


def _collection(family: str, weight: str) -> Path | None:
    out = _fc(["fc-list", f"{family}:style={weight}", "file"]) or ""
    for line in out.splitlines():
        path = Path(line.strip().rstrip(":"))
        if path.suffix.lower() in (".ttc", ".otc") and path.is_file():
            return path
    return None


def plan(families: set[str] | None = None) -> FontPlan:
    families = installed_families() if families is None else families
    result = FontPlan()
    if families is None:
        return windows_plan() if on_windows() else result
    chosen: dict[str, str | None] = {}
    for role, candidates in PREFERRED.items():
        chosen[role] = None
        for cand in candidates:
            if cand.startswith("@"):
                face = _FACE[cand[1:]]
                if face.source_family not in families:
                    continue
                name = _file_name(face.family)
                if name not in result.files:
                    source = _collection(face.source_family, face.weight)
                    font = face_file(source, face) if source else None
                    if font is None:
                        continue
                    result.files[name] = font
                result.shown[face.family] = face.source_family + ("（粗体）" if face.weight == "Bold" else "")
                chosen[role] = face.family
                break
            if cand in families:
                chosen[role] = cand
                break
    for role, fonts in ROLES.items():
        for font in fonts:
            if font in families:
                continue
            if chosen[role]:
                result.pairs[font] = chosen[role]
            elif font in PRIMARY:
                result.missing_sc = True
    used = {_file_name(family) for family in result.pairs.values()}
    result.files = {name: data for name, data in result.files.items() if name in used}
    return result


def windows_plan(families: set[str] | None = None) -> FontPlan:
    """No fontconfig on Windows: the fonts of the Windows font folders (win_fonts)."""
    from juesuan.render.pdf import win_fonts
    families = win_fonts.installed_families() if families is None else families
    result = FontPlan(windows=True)
    for font, instead in win_fonts.INSTEAD.items():
        if font in families:
            continue
        sub = next((f for f in instead if f in families), None)
        if sub is None:
            result.missing_sc = result.missing_sc or font in PRIMARY
            continue
        result.pairs[font] = sub
        result.shown[sub] = f"{win_fonts.SHOWN[sub]}（{sub}）"
    return result


def _file_name(family: str) -> str:
    return family.replace(" ", "") + ".otf"


def substitution_xml(pairs: dict[str, str]) -> str:
    """registrymodifications.xcu items: replace each font always, on screen and in the PDF."""
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


def install(profile: Path, font_plan: FontPlan) -> None:
    """Write the replacement table into the fresh profile and its fonts into user/fonts
    (LibreOffice loads the fonts of its user profile; the files go with the profile)."""
    if font_plan.files:
        folder = profile / "user" / "fonts"
        folder.mkdir(parents=True, exist_ok=True)
        for name, font in font_plan.files.items():
            target = folder / name
            if isinstance(font, bytes):
                target.write_bytes(font)
                continue
            try:  # a link to the cached file: nothing to copy
                os.symlink(font, target)
            except OSError:  # (Windows without the right to make links)
                shutil.copyfile(font, target)
    reg = profile / "user" / "registrymodifications.xcu"
    if font_plan.pairs and reg.is_file():
        text = reg.read_text(encoding="utf-8")
        if "</oor:items>" in text:
            reg.write_text(text.replace("</oor:items>", substitution_xml(font_plan.pairs) + "\n</oor:items>"),
                           encoding="utf-8")
