"""Headless Chromium (Debian's `chromium`) driven by Playwright, for the docs tests and screenshot.

Playwright only drives the browser here: no browser is downloaded; the system's Chromium runs.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager

from playwright.sync_api import Browser, sync_playwright

INSTALL = "apt-get install chromium (.ci/run does this on CI)"
# Flags for a locked-down machine: no sandbox as root, no GPU, no calls home.
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]  # fmt: skip


def chromium_path() -> str | None:
    return os.environ.get("SPECGEN_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


@contextmanager
def chromium() -> Iterator[Browser]:
    path = chromium_path()
    if path is None:
        raise RuntimeError(f"headless Chromium is not installed: {INSTALL}")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=FLAGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()
