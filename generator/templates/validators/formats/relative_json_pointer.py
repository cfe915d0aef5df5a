# draft-bhutton-relative-json-pointer-00: a non-negative integer (ASCII digits, no leading zero),
# an optional index manipulation, then "#" or a JSON pointer.
_FORMAT_RELATIVE_JSON_POINTER = re.compile(r"(?:0|[1-9][0-9]*+)(?:[+-](?:0|[1-9][0-9]*+))?(?:#|" + _JSON_POINTER + ")")
