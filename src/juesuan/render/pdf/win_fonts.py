"""The PDF fonts on Windows, where there is no fontconfig: the Windows font folders.

Chinese Windows has 宋体 (simsun.ttc), 仿宋 (simfang.ttf), 楷体 (simkai.ttf), 黑体 (simhei.ttf)
and 微软雅黑 (msyh.ttc), and LibreOffice finds them itself.  What it lacks is 方正小标宋简体 (the
cover title) unless the office installed it, and the *_GB2312 names that documents from older
Word versions carry; those are mapped to the Windows face of the same kind.  A Windows without
the Chinese supplemental fonts (an English system) gets the warning, in Windows terms.
"""
from __future__ import annotations

import os
from pathlib import Path

# File name (lower case) -> the family names LibreOffice knows it by on Windows.
FILES = {
    "simsun.ttc": ("宋体", "SimSun", "新宋体", "NSimSun"),
    "simfang.ttf": ("仿宋", "FangSong"),
    "simkai.ttf": ("楷体", "KaiTi"),
    "simhei.ttf": ("黑体", "SimHei"),
    "msyh.ttc": ("微软雅黑", "Microsoft YaHei"),
    "msyh.ttf": ("微软雅黑", "Microsoft YaHei"),
    "fzxbsjw.ttf": ("方正小标宋简体", "FZXiaoBiaoSong-B05S"),
    "simfang_gb2312.ttf": ("仿宋_GB2312", "FangSong_GB2312"),
    "fangsong_gb2312.ttf": ("仿宋_GB2312", "FangSong_GB2312"),
    "simkai_gb2312.ttf": ("楷体_GB2312", "KaiTi_GB2312"),
}
# Report font -> the Windows families to draw instead, best first (English names: LibreOffice's own).
INSTEAD = {
    "仿宋": ("FangSong", "SimSun"), "仿宋_GB2312": ("FangSong", "SimSun"), "FangSong": ("FangSong", "SimSun"),
    "FangSong_GB2312": ("FangSong", "SimSun"),
    "宋体": ("SimSun",), "SimSun": ("SimSun",), "新宋体": ("NSimSun", "SimSun"), "NSimSun": ("NSimSun", "SimSun"),
    "楷体": ("KaiTi", "SimSun"), "楷体_GB2312": ("KaiTi", "SimSun"), "KaiTi": ("KaiTi", "SimSun"),
    "KaiTi_GB2312": ("KaiTi", "SimSun"),
    "方正小标宋简体": ("SimSun",), "方正小标宋_GBK": ("SimSun",), "方正小标宋": ("SimSun",),
    "FZXiaoBiaoSong-B05S": ("SimSun",),
    "黑体": ("SimHei", "Microsoft YaHei"), "SimHei": ("SimHei", "Microsoft YaHei"),
    "微软雅黑": ("Microsoft YaHei", "SimHei"), "Microsoft YaHei": ("Microsoft YaHei", "SimHei"),
}
SHOWN = {"SimSun": "宋体", "NSimSun": "新宋体", "FangSong": "仿宋", "KaiTi": "楷体", "SimHei": "黑体",
         "Microsoft YaHei": "微软雅黑"}
MESSAGE = ("警告：本机（Windows）没有简体中文字体（宋体、仿宋、黑体），PDF 中的汉字可能显示不正确；"
           "请在“设置 → 时间和语言 → 语言”中添加“中文（简体）”（会安装中文补充字体），或在 Word / WPS 中另存为 PDF。")


def font_folders(environ=None) -> list[Path]:
    """%WINDIR%\\Fonts and the per-user font folder (fonts installed “for me only”)."""
    env = os.environ if environ is None else environ
    folders = [Path(env.get("WINDIR") or env.get("SystemRoot") or r"C:\Windows") / "Fonts"]
    if env.get("LOCALAPPDATA"):
        folders.append(Path(env["LOCALAPPDATA"]) / "Microsoft" / "Windows" / "Fonts")
    return folders


def installed_families(folders: list[Path] | None = None) -> set[str]:
    found: set[str] = set()
    for folder in font_folders() if folders is None else folders:
        try:
            names = {p.name.lower() for p in folder.iterdir()}
        except OSError:
            continue
        for name, families in FILES.items():
            if name in names:
                found.update(families)
    return found
