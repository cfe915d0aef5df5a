# RFC 3986, appendix A. Every class is ASCII: anything else must be percent-encoded.
_URI_PCT = r"%[0-9A-Fa-f]{2}"
_URI_PLAIN = r"A-Za-z0-9\-._~!$&'()*+,;="
_URI_PCHAR = rf"(?:[{_URI_PLAIN}:@]|{_URI_PCT})"
_URI_AUTHORITY = (
    rf"(?:(?:[{_URI_PLAIN}:]|{_URI_PCT})*@)?"
    rf"(?:\[[^\[\]/?#@]*\]|(?:[{_URI_PLAIN}]|{_URI_PCT})*)"
    r"(?::[0-9]*)?"
)
_URI_TAIL = rf"(?:\?(?:{_URI_PCHAR}|[/?])*)?(?:#(?:{_URI_PCHAR}|[/?])*)?"
_URI_SCHEME = r"[A-Za-z][A-Za-z0-9+\-.]*:"
_URI_HIER = (
    rf"(?://{_URI_AUTHORITY}(?:/{_URI_PCHAR}*)*"
    rf"|/(?:{_URI_PCHAR}+(?:/{_URI_PCHAR}*)*)?"
    rf"|{_URI_PCHAR}+(?:/{_URI_PCHAR}*)*|)"
)
_IP_FUTURE = re.compile(rf"[vV][0-9A-Fa-f]+\.[{_URI_PLAIN}:]+")
_URI_IP_LITERAL = re.compile(r"(?:[A-Za-z][A-Za-z0-9+\-.]*:)?//[^/?#\[]*\[([^\]]*)\]")


def _uri_literal_ok(value: str) -> bool:
    """An IP literal in brackets must be an IPv6 address (without a zone) or an IPvFuture."""
    match = _URI_IP_LITERAL.match(value)
    if match is None:
        return True
    literal = match.group(1)
    if _IP_FUTURE.fullmatch(literal):
        return True
    import ipaddress  # rarely needed: imported on first use, not with the module

    try:
        ipaddress.IPv6Address(literal)
    except ValueError:
        return False
    return "%" not in literal
