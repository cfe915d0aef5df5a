"""`make docs-screenshot`: PNGs of each generated HTML reference page, in screenshots/: the top of
the page on a desktop (1280 px, light and dark) and on a phone (375 px)."""

from __future__ import annotations

import sys
from typing import Literal

from tests.browser import chromium
from tests.conftest import ROOT

Scheme = Literal["light", "dark"]
VIEWS: tuple[tuple[str, int, int, Scheme], ...] = (
    ("desktop", 1280, 900, "light"),
    ("desktop-dark", 1280, 900, "dark"),
    ("phone", 375, 812, "light"),
)


def main() -> int:
    out = ROOT / "screenshots"
    out.mkdir(exist_ok=True)
    with chromium() as browser:
        for page_path in sorted((ROOT / "generated" / "docs").glob("*.html")):
            for name, width, height, scheme in VIEWS:
                page = browser.new_page(viewport={"width": width, "height": height}, color_scheme=scheme)
                page.goto(page_path.as_uri())
                target = out / f"{page_path.stem}-{name}.png"
                page.screenshot(path=str(target), full_page=False)
                print(target.relative_to(ROOT))
                page.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
