_URI = re.compile(_URI_SCHEME + _URI_HIER + _URI_TAIL)


def _format_uri(value: str) -> bool:
    match = _URI.fullmatch(value)
    return match is not None and _uri_literal_ok(value)
