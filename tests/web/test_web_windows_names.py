"""Upload names as Windows browsers send them: an Office lock file (~$…) is skipped even when the
browser sends it with a folder part (“C:\\fakepath\\~$a.xlsx”, “部门/~$a.xlsx”)."""
from __future__ import annotations

import httpx
from conftest import EXAMPLES
from web_helpers import running_server

B = EXAMPLES / "b_hanyang_2024.xlsx"


def test_lock_file_with_a_folder_part_is_not_a_workbook():
    from juesuan.web.uploads import Limits
    with running_server(limits=Limits(files=1)) as s:
        with httpx.Client(base_url=s.base, timeout=120, headers={"Origin": s.base.rstrip("/")}) as c:
            files = [("workbooks", ("C:\\fakepath\\~$b.xlsx", b"\x00lock")),
                     ("workbooks", ("部门/~$c.xlsx", b"\x00lock")),
                     ("workbooks", ("b.xlsx", B.read_bytes()))]
            sent = c.post("/collect", files=files)
    assert sent.status_code in (200, 303), sent.text[-500:]
    assert "一次最多处理" not in sent.text
