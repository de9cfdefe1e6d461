"""What Windows refuses in a file name: shared by the report names and the web's upload names."""
from __future__ import annotations

# Windows device names: “CON.docx”, “con .docx”, “COM¹.xlsx” all open the device, not a file
_RESERVED = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
             *(f"{dev}{i}" for dev in ("COM", "LPT") for i in (*range(1, 10), "\u00b9", "\u00b2", "\u00b3"))}
FORBIDDEN = '<>:"/\\|?*'  # and the control characters


def reserved(name: str) -> bool:
    """``name`` (with or without extension) is a Windows device name."""
    return name.split(".")[0].rstrip(" ").upper() in _RESERVED
