_URI_REFERENCE = re.compile(f"(?:{_URI_SCHEME}{_URI_HIER}|{_URI_RELATIVE}){_URI_TAIL}")


def _format_uri_reference(value: str) -> bool:
    match = _URI_REFERENCE.fullmatch(value)
    return match is not None and _uri_literal_ok(value)
