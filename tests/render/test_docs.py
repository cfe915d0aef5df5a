"""The reference pages: faithful to the source page, examples that validate and run, one
self-contained HTML file, an index when there are several specs."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import Any

import httpx
import pytest
import zai_glm_4_7 as glm

from generator.render import docs_examples, docs_samples, render_all
from generator.render.plan import plan
from generator.spec import project
from generator.spec.model import Spec, StreamExample
from generator.tools.serve.server import RunwareHTTPServer
from tests.conftest import ROOT, SPEC
from tests.seedpage import PageParameter, parse

MARKDOWN = ROOT / "generated" / "docs" / "zai-glm-4-7.md"
HTML = ROOT / "generated" / "docs" / "zai-glm-4-7.html"


# -- fidelity: the page and the Markdown, both parsed -------------------------------------------


def markdown_parameters(text: str) -> dict[str, dict[str, Any]]:
    """Each `### name` section of the parameter groups: its facts line and its text."""
    sections: dict[str, dict[str, Any]] = {}
    body = text.split("## Request schemas", 1)[0]
    for match in re.finditer(r"^### (.+)\n\n(.+)\n\n((?:(?!###|<a ).*\n)*)", body, re.MULTILINE):
        name = unescape(match.group(1))
        facts = [unescape(fact.strip()) for fact in match.group(2).split(" · ")]
        sections[name] = {
            "type": facts[0].strip("`"),
            "required": facts[1] == "**required**",
            "facts": facts[2:],
            "rest": unescape(match.group(3)),
        }
    return sections


def unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def fact(section: dict[str, Any], label: str) -> str | None:
    return next((f.split(": ", 1)[1] for f in section["facts"] if f.startswith(label + ": ")), None)


PAGE = parse()
SECTIONS = markdown_parameters(MARKDOWN.read_text())


@pytest.mark.parametrize("page", PAGE, ids=lambda p: ".".join(p.path))
def test_every_page_parameter_is_documented_as_the_page_has_it(page: PageParameter) -> None:
    section = SECTIONS[" » ".join(page.path)]
    assert section["type"] == page.type
    assert section["required"] == page.required
    assert page.description in section["rest"]
    attributes = dict(page.attributes)
    if "default" in attributes:
        assert json.loads(str(fact(section, "default")).strip("`")) == attributes.pop("default")
    if "value" in attributes:
        assert json.dumps(attributes.pop("value")) in section["rest"]
    if "step" in attributes:
        assert json.loads(str(fact(section, "step"))) == attributes.pop("step")
    kind = "length" if page.type == "string" else "items" if page.type.startswith("array") else ""
    for bound in ("min", "max", "min items"):
        if bound in attributes:
            label = bound if not kind or bound == "min items" else f"{bound} {kind}"
            assert json.loads(str(fact(section, label))) == attributes.pop(bound), bound
    assert attributes == {}
    if page.format:
        assert {"uuid": "UUID", "uri": "URI"}[page.format] in section["facts"]
    if page.allowed_count:
        assert section["rest"].split("Allowed values:", 1)[1].count("\n- ") == page.allowed_count


def test_an_inferred_parameter_says_so() -> None:
    assert "Inferred, not confirmed:" in SECTIONS["settings » thinkingLevel"]["rest"]
    assert "Inferred, not confirmed" in HTML.read_text()


# -- examples -----------------------------------------------------------------------------------


def test_the_request_examples_validate(spec: Spec) -> None:
    for body in (spec.minimal_request, spec.full_request):
        assert glm.validate_request_body([body]) == []
    exchange = spec.task.stream_example if spec.task else None
    assert isinstance(exchange, StreamExample)
    frames = exchange.frames
    assert glm.validate_request_body([exchange.request]) == []
    chunks = [json.loads(frame.removeprefix("data: ")) for frame in frames if frame.startswith("data: {")]
    assert chunks and all(glm.validate_stream_chunk(chunk) == [] for chunk in chunks)
    assert frames[-1] == "data: [DONE]"


def test_every_example_is_on_both_pages(spec: Spec) -> None:
    markdown, html = MARKDOWN.read_text(), HTML.read_text()
    for example in docs_examples.examples(plan(spec)):
        assert example.text in markdown
        assert (
            example.text.replace("&", "&amp;").replace('"', "&#34;").replace("'", "&#39;").replace("<", "&lt;") in html
        )


@pytest.fixture
def served(spec: Spec) -> Iterator[str]:
    server = RunwareHTTPServer(spec)
    server.start()
    yield server.url
    server.shutdown()
    server.server_close()


def test_the_client_snippet_runs(spec: Spec, served: str) -> None:
    snippet = docs_examples.client_snippet(plan(spec))
    assert isinstance(snippet, str)
    environment = {**os.environ, "RUNWARE_API_KEY": "k", "RUNWARE_BASE_URL": served}
    done = subprocess.run(
        [sys.executable, "-c", snippet], env=environment, capture_output=True, text=True, check=False, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == "You said: Write a haiku about JSON Schema.\n"


# -- the HTML page ------------------------------------------------------------------------------


def test_the_html_page_is_self_contained(spec: Spec) -> None:
    html = HTML.read_text()
    assert "<style>" in html and "<script>" in html
    assert not re.search(r"<(link|img|iframe)\b|\bsrc=", html), "nothing to fetch"
    outside = set(re.findall(r'href="(?!#)([^"]*)"', html))
    assert outside == {spec.source_url}, "links stay on the page, but for the source page it cites"


def test_an_index_lists_the_pages_when_there_are_several(tmp_path: Path) -> None:
    second = json.loads(SPEC.read_text())
    second["x-runware"] = {**second["x-runware"], "modelId": "other-model", "name": "Other"}
    other = tmp_path / "other-model.schema.json"
    other.write_text(json.dumps(second))
    files = render_all(project.load_specs([SPEC, other], ROOT))
    index = files[PurePosixPath("docs", "index.md")]
    assert "[zai-glm-4-7.md](zai-glm-4-7.md)" in index and "[other-model.md](other-model.md)" in index
    assert 'href="other-model.html"' in files[PurePosixPath("docs", "index.html")]
    assert PurePosixPath("docs", "index.md") not in render_all(project.load_specs([SPEC], ROOT))


# -- code samples: each one sends a request specgen serve accepts --------------------------------


def sample(spec: Spec, sample_id: str) -> docs_samples.Sample:
    return next(s for s in docs_samples.samples(plan(spec)) if s.id == sample_id)


def received(url: str) -> list[Any]:
    return list(httpx.get(f"{url}/_specgen/received").json())


@pytest.mark.parametrize("sample_id", ["python-client", "python-sdk"])
def test_the_python_samples_run_against_serve(spec: Spec, served: str, sample_id: str) -> None:
    environment = {**os.environ, "RUNWARE_API_KEY": "k", "RUNWARE_BASE_URL": served}
    done = subprocess.run(
        [sys.executable, "-c", sample(spec, sample_id).text],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    tasks = received(served)
    assert len(tasks) == 1 and glm.validate_text_inference_task(tasks[0]) == []
    assert done.stdout == f"You said: {tasks[0]['messages'][-1]['content']}\n"


def test_the_curl_sample_sends_what_it_says(spec: Spec, served: str) -> None:
    """The command is read as a shell reads it (its variables given) and replayed with httpx."""
    environment = {"RUNWARE_BASE_URL": served, "RUNWARE_API_KEY": "k"}
    words = shlex.split(sample(spec, "curl").text.replace("\\\n", " "))
    assert words[0] == "curl"

    def expand(word: str) -> str:
        word = re.sub(r"\$\{(\w+):-([^}]*)\}", lambda m: environment.get(m.group(1), m.group(2)), word)
        return re.sub(r"\$(\w+)", lambda m: environment[m.group(1)], word)

    url, headers, data = expand(words[1]), {}, None
    for flag, value in zip(words[2::2], words[3::2], strict=True):
        if flag == "-H":
            name, _, content = expand(value).partition(": ")
            headers[name] = content
        else:
            assert flag == "-d"
            data = value
    assert data is not None and glm.validate_request_body(json.loads(data)) == []
    answer = httpx.post(url, headers=headers, content=data.encode())
    assert answer.status_code == 200, answer.text
    assert glm.validate_response_body(answer.json()) == []
