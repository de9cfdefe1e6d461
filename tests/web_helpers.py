"""A real server on a free loopback port and a real headless Chromium (Debian's chromium and
chromedriver; nothing is downloaded) for the tests of the page in the browser (tests/web/)."""
from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import time
from pathlib import Path

import pytest

from conftest import ROOT

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or (
    "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
CHROMEDRIVER = shutil.which("chromedriver") or (
    "/usr/bin/chromedriver" if Path("/usr/bin/chromedriver").exists() else None)
needs_chromium = pytest.mark.skipif(CHROMIUM is None or CHROMEDRIVER is None,
                                    reason="没有安装 chromium 和 chromedriver（.ci/run 会安装）")
FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--window-size=1280,1000", "--lang=zh-CN")
# Screenshots go to docs/ (shown in the README) when JUESUAN_WEB_SCREENSHOTS=docs; otherwise to a
# temporary folder, so that an ordinary test run leaves the repository clean.
SCREENSHOTS = ROOT / "docs" if os.environ.get("JUESUAN_WEB_SCREENSHOTS") == "docs" else None


@contextlib.contextmanager
def running_server(**settings):
    """A juesuan.web server in a thread on a free port, always stopped (and its folder removed)."""
    from juesuan import web
    settings.setdefault("pdf", False)
    settings.setdefault("jobs", 2)
    server = web.WebServer(web.Settings(**settings)).start(timeout=60)
    try:
        yield server
    finally:
        server.stop(timeout=60)


@contextlib.contextmanager
def chromium(download_dir: Path):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    profile = tempfile.mkdtemp(prefix="juesuan-chromium-")
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    options.add_experimental_option("prefs", {"download.default_directory": str(download_dir),
                                              "download.prompt_for_download": False,
                                              "safebrowsing.enabled": False})
    # the browser's own words (the file chooser's button) in Chinese, as on the clerks' computers
    env = {**os.environ, "LANGUAGE": "zh_CN"}
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER, env=env), options=options)
    try:
        driver.set_page_load_timeout(600)
        driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(download_dir)})
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def wait_for_download(folder: Path, before: set[str], timeout: float = 60) -> Path:
    """The file that appeared in ``folder`` (complete: no .crdownload left)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        names = {p.name for p in folder.iterdir()}
        new = [n for n in names - before if not n.endswith((".crdownload", ".tmp"))]
        partial = [n for n in names if n.endswith(".crdownload")]
        if new and not partial:
            return folder / sorted(new)[0]
        time.sleep(0.2)
    raise AssertionError(f"没有下载到文件：{sorted(p.name for p in folder.iterdir())}")


def click_download(driver, element_id: str, folder: Path, timeout: float = 60) -> Path:
    from selenium.webdriver.common.by import By
    before = {p.name for p in folder.iterdir()}
    driver.find_element(By.ID, element_id).click()
    return wait_for_download(folder, before, timeout)


def wait_until(predicate, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.3)
    raise AssertionError(f"超时：{what}")


def screenshot(driver, name: str, fallback: Path, width: int = 1280) -> Path:
    """A full-page screenshot: docs/web_<name>.png when asked for (see SCREENSHOTS)."""
    driver.set_window_size(width, 1000)
    height = driver.execute_script("return Math.min(document.body.scrollHeight + 40, 4000)")
    driver.set_window_size(width, max(700, height))
    target = (SCREENSHOTS or fallback) / f"web_{name}.png"
    driver.save_screenshot(str(target))
    driver.set_window_size(1280, 1000)
    return target
