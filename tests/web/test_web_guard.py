"""The page is safe by default (without a browser: plain HTTP to a real server on loopback):
access token, host and same-origin checks, isolated sessions, upload limits, guarded .zip
archives, the private temporary folder removed on exit, and the library's front door only."""
from __future__ import annotations

import ast
import io
import os
import socket
import stat
import zipfile

import httpx
import pytest
from conftest import EXAMPLES, ROOT
from web_helpers import running_server

B = EXAMPLES / "b_hanyang_2024.xlsx"
WEB = ROOT / "src" / "juesuan" / "web"


def _client(server, **kw) -> httpx.Client:
    return httpx.Client(base_url=server.base, timeout=120, headers={"Origin": server.base.rstrip("/")}, **kw)


def _upload_clerk(client, name="b.xlsx", data=None):
    data = B.read_bytes() if data is None else data
    return client.post("/clerk", files={"workbook": (name, data)})


def test_loopback_needs_no_token_but_a_loopback_host_name():
    with running_server() as s:
        assert s.token is None
        with _client(s) as c:
            assert c.get("/").status_code == 200
            # DNS rebinding: a page of another site reaching this port under its own name is refused
            assert c.get("/", headers={"Host": f"evil.example:{s.port}"}).status_code == 403
            assert c.get("/", headers={"Host": f"localhost:{s.port}"}).status_code == 200


def test_another_address_needs_the_token_every_time():
    with running_server(host="127.0.0.2") as s:
        assert s.token and len(s.token) >= 24
        with httpx.Client(base_url=s.base, timeout=60) as c:
            refused = c.get("/")
            assert refused.status_code == 403 and "需要访问令牌" in refused.text
            assert c.get("/static/app.css").status_code == 403
            assert c.get("/blank").status_code == 403
            assert c.get("/?token=" + s.token[:-1] + "x").status_code == 403
            first = c.get(f"/collect?token={s.token}")
            assert first.status_code == 303 and first.headers["location"] == "/collect"  # token out of the address
            assert "juesuan_token" in first.headers["set-cookie"] and "HttpOnly" in first.headers["set-cookie"]
            assert c.get("/collect").status_code == 200  # the cookie carries it now
        with httpx.Client(base_url=s.base, timeout=60) as other:  # another browser without the token
            assert other.get("/collect").status_code == 403


def test_post_from_another_site_is_refused():
    with running_server() as s, httpx.Client(base_url=s.base, timeout=60) as c:
        data = {"workbook": ("b.xlsx", B.read_bytes())}
        assert c.post("/clerk", files=data).status_code == 403  # neither Origin nor Referer
        r = c.post("/clerk", files=data, headers={"Origin": "http://evil.example"})
        assert r.status_code == 403 and "拒绝提交" in r.text
        assert c.post("/clerk", files=data, headers={"Referer": s.base}).status_code == 303


def test_sessions_are_isolated_and_ids_are_random():
    with running_server() as s, _client(s) as alice, _client(s) as bob:
        r = _upload_clerk(alice)
        assert r.status_code == 303
        job = r.headers["location"]
        assert alice.get(job).status_code == 200
        assert alice.get(job + "/download/annotated").status_code == 200
        assert bob.get(job).status_code == 404  # another browser cannot see it
        assert bob.get(job + "/download/annotated").status_code == 404
        assert alice.get(job + "/download/..%2F..%2Fetc%2Fpasswd").status_code == 404
        assert len(job.rsplit("/", 1)[1]) >= 16


def test_private_folder_is_0700_and_removed_on_exit():
    with running_server() as s:
        root = s.workspace.root
        with _client(s) as c:
            _upload_clerk(c)
        if os.name != "nt":
            assert stat.S_IMODE(root.stat().st_mode) == 0o700
        assert any(root.rglob("*.xlsx"))
    assert not root.exists()


def test_uploaded_names_never_leave_the_job_folder():
    with running_server() as s, _client(s) as c:
        r = _upload_clerk(c, name="../../../../tmp/evil.xlsx")
        assert r.status_code == 303
        root = s.workspace.root
        found = list(root.rglob("evil.xlsx"))
        assert len(found) == 1 and found[0].parent.name == "in"
        assert not (root.parent / "evil.xlsx").exists()


def test_upload_size_and_count_limits():
    from juesuan.web.uploads import Limits
    with running_server(limits=Limits(file_bytes=200_000, request_bytes=5_000_000, files=2)) as s, _client(s) as c:
        big = c.post("/clerk", files={"workbook": ("big.xlsx", b"x" * 300_000)})
        assert big.status_code == 413 and "超过了单个文件的上限" in big.text
        files = [("workbooks", (f"{i}.xlsx", B.read_bytes())) for i in range(3)]
        many = c.post("/collect", files=files)
        assert many.status_code == 413 and "一次最多处理 2 份工作簿" in many.text
        # a body announced above the limit is refused before it is read
        with socket.create_connection(("127.0.0.1", s.port), timeout=30) as raw:
            raw.sendall(f"POST /clerk HTTP/1.1\r\nHost: 127.0.0.1:{s.port}\r\nOrigin: http://127.0.0.1:{s.port}\r\n"
                        "Content-Type: multipart/form-data; boundary=x\r\nContent-Length: 6000000\r\n\r\n".encode())
            head = b""
            while b"</html>" not in head:
                chunk = raw.recv(65536)
                if not chunk:
                    break
                head += chunk
            head = head.decode("utf-8", "replace")
        assert head.startswith("HTTP/1.1 413") and "超过了上限" in head


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(zipfile.ZipInfo(name), data, compress_type=zipfile.ZIP_DEFLATED)
    return buf.getvalue()


def test_zip_archive_is_unpacked_with_guards(tmp_path):
    from juesuan.web.uploads import Limits, UploadRefused, unpack_workbooks
    archive = tmp_path / "各部门.zip"
    archive.write_bytes(_zip({"../../evil.xlsx": B.read_bytes(), "区/汉阳.xlsx": B.read_bytes(),
                              "__MACOSX/._x.xlsx": b"junk", "~$lock.xlsx": b"", "说明.txt": b"hello",
                              "bomb.xlsx": b"\0" * 3_000_000}))
    out = tmp_path / "out"
    out.mkdir()
    files, notes = unpack_workbooks(archive, out, Limits(file_bytes=1_000_000))
    assert sorted(p.name for p in files) == ["evil.xlsx", "汉阳.xlsx"]
    assert all(p.parent == out for p in files) and not (tmp_path / "evil.xlsx").exists()
    assert any("bomb.xlsx" in n and "超过单个文件上限" in n for n in notes)
    assert any("1 个不是 .xlsx" in n for n in notes)
    (tmp_path / "again").mkdir()
    with pytest.raises(UploadRefused, match="一次最多处理 1 份"):
        unpack_workbooks(archive, tmp_path / "again", Limits(files=1))
    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(UploadRefused, match="不是有效的 zip 压缩包"):
        unpack_workbooks(bad, out, Limits())


def test_zip_names_from_a_chinese_windows_are_read_as_gbk(tmp_path):
    """Windows' own “send to compressed folder” on a Chinese system stores GBK names without the
    UTF-8 flag: they are shown and saved as the clerk named them, not as cp437 mojibake."""
    from juesuan.web.uploads import Limits, unpack_workbooks
    archive = tmp_path / "a.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("abcd.xlsx", B.read_bytes())  # 9 bytes, as the GBK name below
    gbk = "汉阳.xlsx".encode("gbk")
    assert len(gbk) == 9
    archive.write_bytes(archive.read_bytes().replace(b"abcd.xlsx", gbk))
    out = tmp_path / "out"
    out.mkdir()
    files, _ = unpack_workbooks(archive, out, Limits())
    assert [p.name for p in files] == ["汉阳.xlsx"]


def test_safe_names():
    from juesuan.web.workspace import safe_name
    assert safe_name("..\\..\\a.xlsx", "x.xlsx") == "a.xlsx"
    assert safe_name("/etc/passwd", "x.xlsx", ".xlsx") == "passwd.xlsx"
    assert safe_name("CON.xlsx", "工作簿.xlsx") == "工作簿.xlsx"
    assert safe_name('a<b>:"c|?*.xlsx', "x") == "abc.xlsx"
    assert safe_name("", "工作簿.xlsx") == "工作簿.xlsx"
    assert len(safe_name("长" * 300 + ".xlsx", "x")) <= 106


def test_the_page_uses_the_front_door_only():
    """web/ is a client like cli/: it imports ``juesuan`` and its own modules, nothing deeper."""
    for path in WEB.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module or ""]
            for name in names:
                if name.startswith("juesuan."):
                    assert name.startswith("juesuan.web"), (path.name, name)


def test_no_template_override_and_nothing_from_a_cdn():
    for path in (WEB / "templates").iterdir():
        text = path.read_text(encoding="utf-8")
        assert "http://" not in text and "https://" not in text and "//cdn" not in text, path.name
        assert "templates" not in text.replace("templates/", ""), path.name  # no field that names a template folder
    source = "".join(p.read_text(encoding="utf-8") for p in WEB.glob("*.py"))
    assert "templates_dir=" not in source.replace("templates_dir=None", "")


def test_help_does_not_import_the_web_stack():
    from cli.test_lazy_imports import _imported
    assert {"starlette", "uvicorn", "multipart", "python_multipart"} & _imported("--help") == set()
