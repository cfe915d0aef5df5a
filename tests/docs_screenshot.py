"""`make docs-screenshot`: a PNG of each generated HTML reference page, in screenshots/."""

from __future__ import annotations

import sys

from tests.browser import chromium
from tests.conftest import ROOT


def main() -> int:
    out = ROOT / "screenshots"
    out.mkdir(exist_ok=True)
    with chromium() as browser:
        for page_path in sorted((ROOT / "generated" / "docs").glob("*.html")):
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(page_path.as_uri())
            target = out / f"{page_path.stem}.png"
            page.screenshot(path=str(target), full_page=False)
            print(target.relative_to(ROOT))
            page.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
