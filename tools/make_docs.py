"""Write the generated reference documents under docs/ (RULES.md, WORKBOOK.md, TEMPLATE_VARIABLES.md).

    python tools/make_docs.py           # write them
    python tools/make_docs.py --check   # exit 1 and name the files that are out of date

Run it after changing a rule (checks/), a table layout (layouts.py), a supplementary field
(supplement_spec.py) or the narrative figures (figures/): tests/test_reference_docs.py fails
until the documents match the code.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def documents() -> dict[str, str]:
    from juesuan.maintenance.reference_docs import DOCUMENTS
    from juesuan.maintenance.templates_vars import variables_markdown
    texts = {name: build() for name, build in DOCUMENTS.items()}
    texts["docs/TEMPLATE_VARIABLES.md"] = variables_markdown()
    return texts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only compare, write nothing")
    args = parser.parse_args(argv)
    stale = []
    for name, text in documents().items():
        path = ROOT / name
        if path.is_file() and path.read_text(encoding="utf-8") == text:
            continue
        stale.append(name)
        if not args.check:
            from juesuan.fileio.atomic import atomic_path
            with atomic_path(path) as tmp:
                Path(tmp).write_text(text, encoding="utf-8", newline="\n")
    for name in stale:
        print(("过期：" if args.check else "已写入：") + name)
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
