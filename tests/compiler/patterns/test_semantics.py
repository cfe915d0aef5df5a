"""Each point of issue 17's pattern paragraph, with node's RegExp(p, "u") as the oracle.

Every case states the reading ECMA-262 gives (and node confirms): the tests fail if the compiled
matcher reads a pattern the Python way instead.
"""

from __future__ import annotations

import pytest

from generator.compiler.patterns import (
    UNICODE_VERSION,
    PatternSyntaxError,
    compile_pattern,
    is_ecma_regex,
    property_names,
)
from tests.compiler.patterns.ecma import Node

# (pattern, text, whether ECMA-262 finds a match)
CASES = [
    # `.` is any code point but the four line terminators
    (".", "\n", False), (".", "\r", False), (".", "\u2028", False), (".", "\u2029", False), ("^.$", "😀", True),
    ("^.$", "\ud83d", True),
    # \b, \w and \d are ASCII; \s is ECMA's WhiteSpace and LineTerminator
    ("a\\b", "aé", True), ("\\bé", "é", False), ("^\\w$", "é", False), ("^\\d$", "٣", False),
    ("^\\s$", "\ufeff", True), ("^\\s$", "\u1680", True), ("^\\s$", "\u0085", False), ("\\B", "", True),
    # `$` is the very end; `^` the very start
    ("a$", "a\n", False), ("^a", "\na", False),
    # surrogate-pair escapes are one code point; a lone one matches only a lone surrogate
    ("^\\ud83d\\ude00$", "😀", True), ("\\ud83d", "😀", False), ("\\ud83d", "\ud83d", True),
    ("^\\u{1F600}$", "😀", True), ("^[\\u{1F600}-\\u{1F602}]$", "😁", True),
    # a backreference to a group that did not take part matches empty
    ("^(a)?\\1b$", "b", True), ("^(?<x>a)?\\k<x>b$", "b", True), ("^(a)\\1$", "aa", True), ("^\\1(a)$", "a", True),
    ("^(a\\1)$", "a", True), ("^(?:(a)|b)\\1$", "b", True),
    # the idioms Python's translation used to refuse
    ("^[\\s\\S]$", "\n", True), ("^[\\D]$", "a", True), ("^[^\\W]$", "_", True), ("^[^]$", "\u2028", True),
    ("[]", "a", False), ("^\\cJ$", "\n", True), ("^\\p{L}+$", "Ωé", True), ("^\\P{L}$", "1", True),
    ("^\\p{Script=Greek}$", "Ω", True), ("^\\p{sc=Grek}$", "a", False), ("^\\p{scx=Cyrl}$", "\u0483", True),
    ("^\\p{Lu}$", "A", True), ("^\\p{gc=Ll}$", "A", False), ("^\\p{ASCII_Hex_Digit}+$", "Fa9", True),
    ("^\\p{Emoji}$", "😀", True), ("^[\\p{L}\\d]+$", "a1", True), ("^[^\\p{L}]$", "a", False),
    # quantifiers, groups and lookaround
    ("^a{2,3}?$", "aaa", True), ("^a{2}$", "aaa", False), ("^(?:ab)+$", "abab", True), ("(?<=a|bc)d", "bcd", True),
    ("(?<!a)b", "ab", False), ("^(?=a)\\w+$", "ab", True), ("^(?!a)\\w+$", "ab", False), ("^a|b$", "xb", True),
    # a character a new Unicode version assigned (U+1E030, Unicode 15) is a letter whatever Python says
    ("^\\p{L}$", "\U0001e030", True),
]  # fmt: skip

INVALID = ["a{,2}", "a++", "a**", "(?#c)", "\\a", "\\A", "\\-", "{", "a{1", "}", "]", "(", ")", "[a", "\\", "a{2,1}",
           "[z-a]", "[\\d-z]", "\\p{Nope}", "\\p{Script=Nope}", "\\p{L=Lu}", "\\p{ASCII=Yes}", "\\k<x>", "(?<a>)(?<a>)",
           "\\2(a)", "\\c1", "\\x4", "\\u12", "\\u{110000}", "(?=a)*", "(?<=a)+", "^*", "\\b+", "\\01", "[\\1]",
           "(?<1a>x)", "\\P"]  # fmt: skip


@pytest.mark.parametrize(("pattern", "text", "matches"), CASES)
def test_reads_patterns_as_ecma_262(node: Node, pattern: str, text: str, matches: bool) -> None:
    assert node.ask(pattern, [text]) == [matches]  # the case states ECMA-262's reading
    assert (compile_pattern(pattern).matcher().search(text) is not None) == matches


@pytest.mark.parametrize("pattern", INVALID)
def test_rejects_what_the_u_flag_rejects(node: Node, pattern: str) -> None:
    assert node.ask(pattern, []) is None
    assert not is_ecma_regex(pattern)
    with pytest.raises(PatternSyntaxError):
        compile_pattern(pattern)


def test_a_syntax_error_says_where() -> None:
    with pytest.raises(PatternSyntaxError) as caught:
        compile_pattern("ab{,2}")
    assert caught.value.position == 2
    assert "at offset 2" in str(caught.value)


def test_the_property_tables_are_one_pinned_unicode_version() -> None:
    assert UNICODE_VERSION == "17.0.0"


@pytest.mark.parametrize("pattern", ["(a+)+$", "(a|a)*$", "(a|aa)+$", "(.*a){12}", "^(\\w+\\s?)*$", "[a-z]+@"])
def test_super_linear_families_run_on_the_automaton(pattern: str) -> None:
    compiled = compile_pattern(pattern)
    assert compiled.automaton is not None and compiled.python_regex is None and not compiled.backtracking


@pytest.mark.parametrize(
    "pattern", ["^[0-9a-f]{8}-[0-9a-f]{4}$", "^[a-z]+(?:-[a-z]+)*$", "\\d+", "^\\w+@\\w+\\.com$", "^(?:a|b)c*$"]
)
def test_patterns_linear_under_backtracking_stay_on_re(pattern: str) -> None:
    compiled = compile_pattern(pattern)
    assert compiled.python_regex is not None and not compiled.backtracking and compiled.worst_case == "O(n)"


def test_backreferences_keep_re_and_say_so() -> None:
    compiled = compile_pattern("^(a+)+\\1$")
    assert compiled.python_regex is not None and compiled.backtracking and compiled.worst_case == "exponential"


def test_every_property_name_listed_is_one_node_accepts(node: Node) -> None:
    names = property_names()
    escapes = [f"\\p{{{name}}}" for kind in ("general_category", "binary") for name in names[kind]]
    escapes += [f"\\p{{{p}={s}}}" for p in names["property"] - {"General_Category", "gc"} for s in names["script"]]
    escapes += [f"\\p{{gc={name}}}" for name in names["general_category"]]
    rejected = [escape for escape in escapes if node.ask(escape, []) is None or not is_ecma_regex(escape)]
    assert not rejected
    assert len(names["script"]) > 300 and "Zyyy" in names["script"]
