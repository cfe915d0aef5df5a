"""The HTML reference page in a real browser: anchors, the search box, no console errors, a phone.

Without Chromium the tests are skipped with the command that installs it; with
SPECGEN_REQUIRE_BROWSER=1 (set by .ci/run) a missing browser fails them instead.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from generator.render import docs
from generator.spec.model import Spec
from tests.browser import INSTALL, chromium, chromium_path
from tests.conftest import ROOT

PAGE = ROOT / "generated" / "docs" / "zai-glm-4-7.html"

if chromium_path() is None:
    if os.environ.get("SPECGEN_REQUIRE_BROWSER"):
        raise RuntimeError(f"SPECGEN_REQUIRE_BROWSER is set but headless Chromium is missing: {INSTALL}")
    pytest.skip(f"headless Chromium is not installed: {INSTALL}", allow_module_level=True)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as running:
        yield running


@pytest.fixture(scope="module")
def browser_page(browser: Browser) -> Iterator[tuple[Page, list[str]]]:
    page = browser.new_page()
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on(
        "request",
        lambda request: problems.append(f"network: {request.url}") if not request.url.startswith("file:") else None,
    )
    page.goto(PAGE.as_uri())
    yield page, problems
    page.close()


def parameters(spec: Spec) -> list[docs.ParameterView]:
    return [p for group in docs.groups(spec) for p in group.parameters]


def roots(spec: Spec) -> list[docs.ParameterView]:
    return [p for group in docs.groups(spec) for p in group.roots]


def matching(parameter: docs.ParameterView, query: str) -> list[docs.ParameterView]:
    """The parameters the search shows: those that match, and those that hold one that does."""
    inner = [p for child in parameter.children for p in matching(child, query)]
    return [parameter, *inner] if inner or query in parameter.search_text else []


def test_every_parameter_has_its_anchor(browser_page: tuple[Page, list[str]], spec: Spec) -> None:
    page, _ = browser_page
    for parameter in parameters(spec):
        assert page.locator(f"article#{parameter.anchor}").count() == 1, parameter.anchor
        assert page.locator(f'nav a[href="#{parameter.anchor}"]').count() == 1, parameter.anchor
        assert page.locator(f'article#{parameter.anchor} > h3 > a.permalink[href="#{parameter.anchor}"]').count() == 1


def test_typing_in_the_search_box_hides_what_does_not_match(browser_page: tuple[Page, list[str]], spec: Spec) -> None:
    page, _ = browser_page
    every = parameters(spec)
    page.fill("#search", "penalty")
    shown = {p.anchor for p in every if page.locator(f"article#{p.anchor}").is_visible()}
    expected = {p.anchor for root in roots(spec) for p in matching(root, "penalty")}
    assert shown == expected and 0 < len(shown) < len(every)
    assert page.locator("section#core").is_hidden(), "a group with no match is hidden too"
    page.fill("#search", "no parameter has this text")
    assert page.locator("#no-match").is_visible()
    page.fill("#search", "")
    assert all(page.locator(f"article#{p.anchor}").is_visible() for p in every)


def test_the_page_has_no_console_errors_and_loads_nothing(browser_page: tuple[Page, list[str]]) -> None:
    page, problems = browser_page
    page.reload()
    page.fill("#search", "temperature")
    assert problems == []


def test_the_page_reads_on_a_phone_and_prints_without_the_sidebar(browser: Browser) -> None:
    phone = browser.new_page(viewport={"width": 375, "height": 740})
    phone.goto(PAGE.as_uri())
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375, "no sideways scrolling"
    phone.emulate_media(media="print")
    assert phone.locator("nav").is_hidden()
    phone.close()
