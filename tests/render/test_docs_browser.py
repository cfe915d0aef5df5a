"""The HTML reference page in a real browser: anchors, the search box, no console errors, a phone.

Without Chromium the tests are skipped with the command that installs it; with
SPECGEN_REQUIRE_BROWSER=1 (set by .ci/run) a missing browser fails them instead.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator

import pytest
import zai_glm_4_7 as glm
from playwright.sync_api import Browser, Page

from generator.render import docs, docs_samples, docs_schemas, docs_trials
from generator.render.plan import plan
from generator.spec.model import Spec
from generator.tools.serve.server import RunwareHTTPServer
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
    """The parameters as the page shows them, trials included (computed as `generate` does)."""
    views = docs.groups(spec, docs_trials.trials(plan(spec)))
    return [p for group in views for p in group.parameters]


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


# -- layout, search, theme, permalinks -------------------------------------------------------------

# Every word of visible text outside code blocks, and whether it is laid out on more than one line.
BROKEN_WORDS = """() => {
  const broken = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement.closest("pre, script, style, textarea")) continue;
    for (const match of node.textContent.matchAll(/[^\\s\\-\\/»]+/g)) {
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const tops = new Set(Array.from(range.getClientRects()).map((r) => Math.round(r.top)));
      if (tops.size > 1) broken.push(match[0]);
    }
  }
  return broken;
}"""


@pytest.mark.parametrize("width", [375, 768, 1280])
def test_no_word_is_broken_and_nothing_scrolls_sideways(browser: Browser, width: int) -> None:
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(PAGE.as_uri())
    page.evaluate("document.querySelectorAll('details').forEach((d) => { d.open = true; })")
    assert page.evaluate(BROKEN_WORDS) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.close()


def test_on_a_phone_the_content_starts_at_the_top(browser: Browser) -> None:
    phone = browser.new_page(viewport={"width": 375, "height": 740})
    phone.goto(PAGE.as_uri())
    title = phone.locator("main h1").bounding_box()
    assert title is not None and title["y"] < 200, title
    phone.close()


def test_search_finds_a_value_a_response_field_and_an_error_code(
    browser_page: tuple[Page, list[str]], spec: Spec
) -> None:
    page, _ = browser_page
    delivery = next(p for p in parameters(spec) if any(v.value == '"stream"' for v in p.values))
    page.fill("#search", "stream")
    assert page.locator(f"article#{delivery.anchor}").is_visible()
    result = spec.task.result if spec.task else None
    assert result is not None
    field = docs_schemas.schema_anchor(result.title).replace("schema-", "field-") + "-finishReason"
    page.fill("#search", "finishreason")
    assert page.locator(f"tr#{field}").is_visible()
    assert not page.locator(f"article#{delivery.anchor}").is_visible()
    code = docs.error_codes(spec)[-1]
    page.fill("#search", code.code)
    assert page.locator(f"li#{code.anchor}").is_visible()
    assert page.locator(f"#{docs_schemas.schema_anchor('ErrorItem')}").is_visible(), "the code is a field example"
    page.fill("#search", "")


def background(page: Page) -> str:
    return str(page.evaluate("getComputedStyle(document.body).backgroundColor"))


def test_dark_mode_follows_the_system_and_the_toggle(browser: Browser) -> None:
    light = browser.new_page(color_scheme="light")
    light.goto(PAGE.as_uri())
    dark = browser.new_page(color_scheme="dark")
    dark.goto(PAGE.as_uri())
    assert background(light) != background(dark)
    light.click("#theme")
    assert background(light) == background(dark), "the toggle turns a light page dark"
    light.reload()
    assert background(light) == background(dark), "and the choice is remembered"
    light.click("#theme")
    assert background(light) != background(dark)
    light.close()
    dark.close()


def test_a_permalink_leads_to_its_value(browser: Browser, spec: Spec) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 700})
    page.goto(PAGE.as_uri())
    value = next(v for p in parameters(spec) for v in p.values if v.value == '"stream"')
    link = page.locator(f'li#{value.anchor} > a.permalink[href="#{value.anchor}"]')
    link.click(force=True)  # shown on hover
    assert page.evaluate("location.hash") == f"#{value.anchor}"
    box = page.locator(f"li#{value.anchor}").bounding_box()
    assert box is not None and 0 <= box["y"] < 700, "scrolled into view"
    page.close()


# -- the near-miss tables: the page says what the generated validator says -----------------------


def test_every_trial_shows_the_generated_validators_verdict(browser_page: tuple[Page, list[str]], spec: Spec) -> None:
    page, _ = browser_page
    rows = 0
    for parameter in parameters(spec):
        for number, trial in enumerate(parameter.trials, 1):
            row = page.locator(f"tr#{parameter.anchor}-trial-{number}")
            errors = glm.validate_text_inference_task(trial.payload)
            pointers = [str(t) for t in row.locator("code.pointer").all_text_contents()]
            messages = [str(t) for t in row.locator("span.message").all_text_contents()]
            assert pointers == [e.path for e in errors], (parameter.anchor, number)
            assert messages == [e.message for e in errors], (parameter.anchor, number)
            assert row.locator("td.verdict").text_content() == ("valid" if not errors else "invalid")
            rows += 1
    assert rows > 2 * len(parameters(spec)), "at least a valid and an invalid value each"


# -- try it -------------------------------------------------------------------------------------


@pytest.fixture
def served(spec: Spec) -> Iterator[RunwareHTTPServer]:
    server = RunwareHTTPServer(spec)
    server.start()
    yield server
    server.shutdown()
    server.server_close()


def test_try_it_checks_and_streams_through_specgen_serve(browser: Browser, served: RunwareHTTPServer) -> None:
    page = browser.new_page()
    sent: list[str] = []
    page.on("request", lambda request: sent.append(request.url) if not request.url.startswith("file:") else None)
    page.goto(PAGE.as_uri())
    assert sent == [], "nothing leaves the page unless asked"
    page.fill("#try-base", served.url)
    body = json.loads(page.input_value("#try-body"))
    assert glm.validate_request_body(body) == []
    bad = json.loads(json.dumps(body))
    bad[0]["settings"] = {"temperature": 3}
    page.fill("#try-body", json.dumps(bad))
    page.click("#try-check")
    expected = glm.validate_request_body(bad)
    page.wait_for_function("document.querySelectorAll('#try-problems li').length > 0")
    shown = page.locator("#try-problems li").all_text_contents()
    assert shown == [f"{e.path} {e.message}" for e in expected]
    page.fill("#try-body", json.dumps(body))
    page.click("#try-send")
    page.wait_for_function("document.getElementById('try-status').textContent === 'Done.'")
    task = served.state.received[-1]
    words = [m["content"] for m in task["messages"] if m["role"] == "user"][-1]
    assert page.text_content("#try-text") == f"You said: {words}"
    assert "data: [DONE]" in str(page.text_content("#try-output"))
    assert all(url.startswith(served.url) for url in sent)
    page.close()


def test_the_fetch_sample_runs_in_the_browser_against_serve(
    browser: Browser, served: RunwareHTTPServer, spec: Spec
) -> None:
    """The JavaScript sample, run as a module would run it, with `process.env` given."""
    text = next(s for s in docs_samples.samples(plan(spec)) if s.id == "javascript").text
    page = browser.new_page()
    page.goto(PAGE.as_uri())
    logged = page.evaluate(
        """async ([source, url]) => {
          const lines = [];
          const process = { env: { RUNWARE_BASE_URL: url, RUNWARE_API_KEY: "k" } };
          const console = { log: (line) => lines.push(String(line)) };
          await new Function("process", "console", "return (async () => {" + source + "})();")(process, console);
          return lines;
        }""",
        [text, served.url],
    )
    task = served.state.received[-1]
    assert glm.validate_text_inference_task(task) == []
    assert logged == [f"You said: {task['messages'][-1]['content']}"]
    page.close()
