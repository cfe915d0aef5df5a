"""Strict, exact JSON text: what `json` (the oracle for well-formed text) reads, read the same,
and what it lets through refused with its place; the stream reads as the whole text does."""

from __future__ import annotations

import io
import json
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.core.payloadcheck import jsonread

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=20,
)


def streamed(text: str, chunk: int = 3) -> Any:
    return jsonread.Stream(io.BytesIO(text.encode()), chunk).value()


@given(json_values, st.integers(min_value=1, max_value=40))
def test_well_formed_text_reads_as_json_reads_it(value: Any, chunk: int) -> None:
    text = json.dumps(value, indent=1)
    assert jsonread.parse(text) == json.loads(text)
    assert streamed(text, chunk) == json.loads(text)


@pytest.mark.parametrize(
    ("text", "exact"),
    [
        ("0.290000000000000000001", Decimal("0.290000000000000000001")),
        ("1e400", Decimal("1e400")),
        ("-1e400", Decimal("-1e400")),
        ("1e-400", Decimal("1e-400")),
        ("0.123456789012345678", Decimal("0.123456789012345678")),
    ],
)
def test_numbers_no_float_holds_exactly_stay_decimals(text: str, exact: Decimal) -> None:
    for read in (jsonread.parse(f"[{text}]")[0], streamed(f"[{text}]")[0]):
        assert isinstance(read, Decimal) and read == exact


@pytest.mark.parametrize("text", ["0.29", "1e22", "0.1000000000000000000000", "5e-324", "-0.0", "123456789012.5"])
def test_numbers_a_float_holds_exactly_stay_floats(text: str) -> None:
    read = jsonread.parse(text)
    assert type(read) is float and Decimal(repr(read)) == Decimal(text)


@pytest.mark.parametrize(
    ("text", "message", "line", "column"),
    [
        ('{"model": "a",\n "model": "b"}', "duplicate key 'model'", 2, 2),
        ('[{"a": {"b": 1, "b": 2}}]', "duplicate key 'b'", 1, 17),
        ('{"model": "\\ud800"}', "a lone surrogate", 1, 11),
        ('["ok", "\\udc00x"]', "a lone surrogate", 1, 8),
        ('{"seed": NaN}', "NaN is not a JSON value", 1, 10),
        ('{"seed": -Infinity}', "-Infinity is not a JSON value", 1, 10),
        ("[1,\n 2,\n ]", "expecting a value", 3, 2),
        ('{"a": 1} x', "extra data after the document", 1, 10),
        ("", "the document is empty", 1, 1),
    ],
)
def test_what_json_lets_through_or_refuses_is_refused_with_its_place(
    text: str, message: str, line: int, column: int
) -> None:
    for read in (jsonread.parse, streamed):
        with pytest.raises(jsonread.JsonError) as caught:
            read(text)
        assert message in caught.value.message and (caught.value.line, caught.value.column) == (line, column)


def test_a_surrogate_pair_is_one_character() -> None:
    assert jsonread.parse('"\\ud83d\\ude00"') == "\U0001f600"


def test_a_bom_is_skipped_and_bad_utf8_placed() -> None:
    assert jsonread.decode(b"\xef\xbb\xbf{}") == "{}"
    assert jsonread.Stream(io.BytesIO(b"\xef\xbb\xbf[1]"), 1).value() == [1]
    with pytest.raises(jsonread.JsonError) as caught:
        jsonread.Stream(io.BytesIO(b'[1,\n "\xff"]'), 2).value()
    assert (caught.value.message, caught.value.line, caught.value.column) == ("not UTF-8: byte 0xff", 2, 3)


def test_locate_finds_where_each_pointer_starts() -> None:
    text = '{"a": [1, {"b~/": 2}],\n "c": 3}'
    offsets = jsonread.locate(text, {"/a/1/b~0~1", "/c", "/a/0", "/a/5"})
    assert {p: jsonread.position(text, o) for p, o in offsets.items()} == {
        "/a/1/b~0~1": (1, 19),
        "/c": (2, 7),
        "/a/0": (1, 8),
        "/a/5": (1, 7),  # no such element: its array
    }


def test_a_streamed_array_holds_one_element_at_a_time() -> None:
    count = 20_000
    text = "[" + ",".join(['{"content": "' + "x" * 100 + '"}'] * count) + "]"
    reader = jsonread.Stream(io.BytesIO(text.encode()), 4096)
    assert reader.skip_space() == "["
    widest = number = 0
    for value, start, end in reader.elements():
        assert value == {"content": "x" * 100} and reader.text[start:end].startswith("{")
        widest, number = max(widest, len(reader.text)), number + 1
    assert number == count
    assert widest < 3 * 4096, "the window slides: it never holds the whole text"
