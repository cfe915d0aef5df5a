"""Every `format` checker, through the generated validators: differential tests against independent
implementations, and hostile strings. The suite's optional/format files of every draft run in
tests/compiler/test_conformance.py.
"""

from __future__ import annotations

import ipaddress
import json
import subprocess
import unicodedata
from collections.abc import Callable
from functools import cache
from types import ModuleType
from typing import Any

import idna
import pytest
import rfc3987
from email_validator import EmailNotValidError, validate_email
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from idna.core import check_bidi

from generator.compiler import format_tables
from generator.compiler.formats import FORMATS
from generator.compiler.inmemory import validators_at
from generator.compiler.patterns import is_ecma_regex
from generator.spec.examples import Examples
from generator.spec.load import parse_spec
from tests.conftest import SHARED

SUITE = SHARED / "json-schema-test-suite"
DRAFTS = ("draft2020-12", "draft2019-09", "draft7", "draft6", "draft4")
FORMAT_FILES = sorted(
    (path for draft in DRAFTS for path in (SUITE / draft / "optional" / "format").glob("*.json")),
    key=lambda path: (path.parent.parent.parent.name, path.name),
)


@cache
def _module(fmt: str) -> ModuleType:
    """The in-memory validators of a spec whose root is a string in format `fmt` (asserted)."""
    source = parse_spec(json.dumps({"type": "string", "format": fmt}), "format.schema.json")
    module, _ = validators_at(source, [""], assert_formats=True)
    return module


def _checks(fmt: str, value: str) -> bool:
    module = _module(fmt)
    verdict: bool = module.is_valid_entry_0(value)
    assert verdict == (not module.validate_entry_0(value)), f"the boolean and the full check disagree on {value!r}"
    return verdict


def test_every_format_of_the_suite_is_asserted() -> None:
    named = {group["schema"]["format"] for path in FORMAT_FILES for group in json.loads(path.read_text())}
    assert named - {"unknown"} == set(FORMATS)


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_the_docs_example_of_every_format_is_in_it(fmt: str) -> None:
    example = Examples({}).value({"type": "string", "format": fmt})
    assert _checks(fmt, example), example


@pytest.mark.parametrize("name", sorted(format_tables.SNIPPET_MAKERS))
def test_the_data_snippets_are_what_the_script_makes(name: str) -> None:
    snippet = format_tables.SNIPPETS / f"{name}.py"
    assert snippet.read_text() == format_tables.SNIPPET_MAKERS[name](), (
        "regenerate: .venv/bin/python -m generator.compiler.format_tables"
    )


# -- hostile strings: every checker answers without raising (`make bench` shows the time is linear)


# (head, unit, tail): a string with the unit repeated, built to make a checker backtrack or recurse.
HOSTILE = {
    "digits": ("", "9", ""),
    "open groups": ("", "(", ""),
    "nested groups": ("", "(a", ")"),
    "big quantifier": ("a{", "9", ",8}"),
    "labels": ("", "a.", "-"),
    "letters": ("", "a", "!"),
    "dots": ("", ".", ""),
    "at signs": ("", "a@", ""),
    "quoted": ('"', "\\a", ""),
    "authority": ("http://", "a:", "!"),
    "percents": ("http://a/", "%4", ""),
    "braces": ("", "{a", ""),
    "template": ("{", "a.", "}"),
    "duration": ("P", "1", "X"),
    "duration time": ("PT", "1", "HX"),
    "pointer": ("", "/~", ""),
    "bidi": ("", "\u05d0\u0660", ""),
    "joiners": ("", "\u0628\u200c", ""),
    "surrogates": ("", "\ud800", ""),
    "class": ("[", "a-", "]"),
    "properties": ("", "\\p{L}", ""),
    "escapes": ("", "\\u{41}", ""),
}


def hostile(name: str, repeats: int) -> str:
    head, unit, tail = HOSTILE[name]
    return head + unit * repeats + tail


def checker(fmt: str) -> Callable[[str], bool]:
    """The generated boolean check of a string in format `fmt`."""
    check: Callable[[str], bool] = _module(fmt).is_valid_entry_0
    return check


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_hostile_strings_get_a_verdict(fmt: str) -> None:
    for name in HOSTILE:
        _checks(fmt, hostile(name, 50_000))


# -- differential tests against independent implementations

_SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_SETTINGS
@given(
    st.one_of(
        st.text(alphabet="0123456789.", max_size=20),
        st.ip_addresses(v=4).map(str),
    )
)
def test_ipv4_agrees_with_ipaddress(value: str) -> None:
    try:
        ipaddress.IPv4Address(value)
        expected = True
    except ValueError:
        expected = False
    assert _checks("ipv4", value) == expected


@_SETTINGS
@given(st.one_of(st.text(alphabet="0123456789abcdefABCDEF:.", max_size=45), st.ip_addresses(v=6).map(str)))
def test_ipv6_agrees_with_ipaddress(value: str) -> None:
    try:
        ipaddress.IPv6Address(value)
        expected = True
    except ValueError:
        expected = False
    assert _checks("ipv6", value) == expected


# IRIs without IP literals: rfc3987's grammar reads "[...]" loosely (it accepts an IPv6 address whose
# embedded IPv4 has a leading zero, and refuses an upper-case IPvFuture "V"); the suite covers literals.
_IRI_PIECES = st.sampled_from(
    ["http", "urn", "a", "Z9", "+", "-", ".", ":", "/", "//", "?", "#", "@", "%", "%4", "%41", "!", "$", "'",
     "(", "*", ",", ";", "=", "~", "_", " ", "\\", "{", "^", "é", "π", "\u00a0", "\ue000", "\U000f0000",
     "\ufffe", "\u0085", "\x7f", "80", "example.com", "ƒøø"]
)  # fmt: skip
_IRIS = st.tuples(
    st.sampled_from(["", "http:", "urn:", "a+b.c-d:", "1a:", "http://"]), st.lists(_IRI_PIECES, max_size=10)
).map(lambda parts: parts[0] + "".join(parts[1]))


@_SETTINGS
@given(_IRIS)
def test_iri_and_uri_agree_with_rfc3987(value: str) -> None:
    for fmt, rule in (
        ("iri", "IRI"),
        ("iri-reference", "IRI_reference"),
        ("uri", "URI"),
        ("uri-reference", "URI_reference"),
    ):
        assert _checks(fmt, value) == (rfc3987.match(value, rule) is not None), (fmt, value)


def _idna_oracle(value: str) -> bool:
    """idna's IDNA2008, corrected where it differs on purpose; each correction says why."""
    labels = value.replace("\u3002", ".").replace("\uff0e", ".").replace("\uff61", ".").split(".")
    if value.endswith((".", "\u3002", "\uff0e", "\uff61")):
        return False  # idna reads a trailing dot as the root; the suite's hostnames have none
    try:
        idna.encode(value)
    except idna.IDNAError:
        return False
    # idna applies the Bidi rule label by label; RFC 5893 (and the suite) applies it to every label
    # of a name that has a right-to-left label.
    decoded = [idna.decode(label) if label.lower().startswith("xn--") else label for label in labels]
    if any(_right_to_left(label) for label in decoded):
        try:
            return all(check_bidi(label, check_ltr=True) for label in decoded)
        except idna.IDNAError:
            return False
    return True


def _right_to_left(label: str) -> bool:
    return any(unicodedata.bidirectional(char) in ("R", "AL", "AN") for char in label)


_HOST_PIECES = st.sampled_from(
    ["a", "b", "z", "0", "9", "-", ".", "\u3002", "xn--", "xn--9n2bp8q", "xn--4db", "ll", "\u00b7", "é", "e\u0301",
     "\u05d0", "\u05f3", "\u0627", "\u0660", "\u06f0", "\u0375", "\u03b1", "\u30fb", "\u3041", "\u0915",
     "\u094d", "\u200c", "\u200d", "\u0628", "\u064a", "\u0300", "\u0903", "ß", "A", "Ä", "_", "\u302e", "\u0640"]
)  # fmt: skip
# RFC 1123 lets a label have "--" in its third and fourth characters (the suite: "ab--cd.example");
# IDNA2008 reserves such labels, so idna refuses them: both formats follow RFC 1123 for ASCII labels.
_HOSTS = (
    st.lists(_HOST_PIECES, min_size=1, max_size=8)
    .map("".join)
    .filter(
        lambda v: not any(lb[2:4] == "--" and lb[:4].lower() != "xn--" for lb in v.replace("\u3002", ".").split("."))
    )
)


@_SETTINGS
@given(_HOSTS)
def test_idn_hostname_agrees_with_idna(value: str) -> None:
    assert _checks("idn-hostname", value) == _idna_oracle(value)


@_SETTINGS
@given(_HOSTS.filter(str.isascii))
def test_hostname_agrees_with_idna_on_ascii_names(value: str) -> None:
    assert _checks("hostname", value) == _idna_oracle(value)


def _email_oracle(value: str, international: bool) -> bool:
    """email-validator's syntax check (no DNS), corrected where it differs on purpose; each correction says why."""
    local, _, domain = value.rpartition("@")
    if not international and not domain.isascii():
        return False  # it converts an internationalized domain to IDNA; format "email" is RFC 5321's ASCII
    labels = domain.split(".")
    if any(
        label[2:4] == "--" and label[:4].lower() != "xn--" for label in labels
    ):  # RFC 1123 allows "ab--cd" (see _HOSTS)
        labels = [label.replace("--", "-") if label[:4].lower() != "xn--" else label for label in labels]
        return _email_oracle(f"{local}@{'.'.join(labels)}", international)
    if international and any("\x80" <= char <= "\x9f" for char in local):
        # it refuses C1 controls; RFC 6531's UTF8-non-ascii has them (the suite: "a C1 control ... is valid")
        return _email_oracle(value.translate({code: "e" for code in range(0x80, 0xA0)}), international)
    if not local:
        return False  # with allow_empty_local, it takes an empty dot-string; RFC 5321's Local-part has an atom
    try:
        validate_email(
            value,
            check_deliverability=False,
            allow_quoted_local=True,
            allow_domain_literal=True,
            allow_empty_local=True,  # RFC 5321 allows the empty quoted string ""
            globally_deliverable=False,
            allow_smtputf8=international,
            test_environment=True,
        )
    except EmailNotValidError:
        return False
    return True


_LOCAL_PIECES = st.sampled_from(
    ["a", "Z", "0", ".", "~", "!", "#", "'", "`", "{", "|", "=", "-", "_", '"', "\\", " ", "@", "(", ",", "é",
     "\u0085", "\x7f", "\t", "\U0001d54f"]
)  # fmt: skip
_DOMAINS = st.sampled_from(
    ["example.com", "a.b", "xn--4db.com", "[127.0.0.1]", "[IPv6:::1]", "[IPv6:1:2]", "[1.2.3]", "[127.0.0.300]",
     "a-b.c", "-a.com", "a..b", "1.2.3.4", "é.com", "실례.테스트", "b", "ab--cd.com", "a_b.com", ""]
)  # fmt: skip


@_SETTINGS
@given(st.lists(_LOCAL_PIECES, max_size=6).map("".join), _DOMAINS)
def test_email_and_idn_email_agree_with_email_validator(local: str, domain: str) -> None:
    value = f"{local}@{domain}"
    assert _checks("email", value) == _email_oracle(value, international=False)
    assert _checks("idn-email", value) == _email_oracle(value, international=True)


# ECMA-262 patterns, judged by node's `new RegExp(pattern, "u")` (V8, ES2024). Not sampled: group
# names that Python's isidentifier() and V8 read differently (a handful of non-ASCII code points).
_REGEX_PIECES = st.sampled_from(
    ["a", "b", "é", "\U0001f600", "(", ")", "(?:", "(?=", "(?!", "(?<=", "(?<!", "(?<n>", "(?<m>", "(?<1>", "(?P<n>",
     "(?i)", "(?i:", "[", "]", "[^", "-", "{", "}", "{2}", "{2,}", "{3,1}", "{1,3}", "?", "*", "+", "|", "^", "$",
     ".", "\\", "\\d", "\\b", "\\B", "\\1", "\\2", "\\0", "\\00", "\\k<n>", "\\k", "\\cA", "\\c1", "\\x4", "\\x41",
     "\\u004", "\\u0041", "\\u{1F600}", "\\u{110000}", "\\ud83d\\ude00", "\\p{L}", "\\p{Script=Greek}", "\\p{sc=Latn}",
     "\\P{Lu}", "\\p{ASCII}", "\\p{Foo}", "\\p{Script=Foo}", "\\p", "\\a", "\\-", "\\/", "\\.", "\\]", "\\s", "/", ","]
)  # fmt: skip
_NODE = """
const patterns = JSON.parse(require("fs").readFileSync(0, "utf8"));
console.log(JSON.stringify(patterns.map(p => { try { new RegExp(p, "u"); return true; } catch { return false; } })));
"""


def _node_verdicts(patterns: list[str]) -> list[bool]:
    done = subprocess.run(
        ["node", "-e", _NODE], input=json.dumps(patterns), capture_output=True, text=True, check=True, timeout=60
    )
    verdicts: list[bool] = json.loads(done.stdout)
    return verdicts


# Not shrunk: each try costs a node process, and the failure lists every pattern judged otherwise.
@settings(
    max_examples=25,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.lists(st.lists(_REGEX_PIECES, max_size=8).map("".join), min_size=200, max_size=200))
def test_regex_agrees_with_node(patterns: list[str]) -> None:
    expected = _node_verdicts(patterns)
    wrong = [(p, e) for p, e in zip(patterns, expected, strict=True) if _checks("regex", p) != e]
    assert wrong == []


@_SETTINGS
@given(st.lists(_REGEX_PIECES, max_size=10).map("".join))
def test_regex_format_accepts_exactly_what_the_pattern_keyword_compiles(pattern: str) -> None:
    """The run-time scanner and the patterns package's parser (generation time) read ECMA-262 alike."""
    assert _checks("regex", pattern) == is_ecma_regex(pattern)


def test_node_judges_the_suite_regexes_as_the_suite_does() -> None:
    """The oracle itself is checked against the suite, so that agreeing with it means something."""
    cases: list[tuple[str, Any]] = [
        (case["data"], case["valid"])
        for name in ("regex", "ecmascript-regex")
        for group in json.loads((SUITE / "draft2020-12" / "optional" / "format" / f"{name}.json").read_text())
        for case in group["tests"]
        if isinstance(case["data"], str)
    ]
    assert _node_verdicts([data for data, _ in cases]) == [valid for _, valid in cases]
