_URI_REFERENCE = re.compile(
    rf"(?:{_URI_SCHEME}{_URI_HIER}"
    rf"|//{_URI_AUTHORITY}(?:/{_URI_PCHAR}*)*"
    rf"|/(?:{_URI_PCHAR}+(?:/{_URI_PCHAR}*)*)?"
    rf"|(?:[{_URI_PLAIN}@]|{_URI_PCT})+(?:/{_URI_PCHAR}*)*|)" + _URI_TAIL
)


def _format_uri_reference(value: str) -> bool:
    match = _URI_REFERENCE.fullmatch(value)
    return match is not None and _uri_literal_ok(value)
