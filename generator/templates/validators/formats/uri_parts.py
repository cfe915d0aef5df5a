# RFC 3986, appendix A, and RFC 3987's IRI grammar, which is the same with more characters.
_URI_PCT = r"%[0-9A-Fa-f]{2}"
_URI_SCHEME = r"[A-Za-z][A-Za-z0-9+\-.]*:"


def _uri_grammar(ucschar: str, iprivate: str) -> tuple[str, str, str]:
    """(hier-part, relative-part, query and fragment): ASCII only for a URI (anything else must be
    percent-encoded); an IRI also allows `ucschar` wherever a letter may stand, and `iprivate` in the query."""
    plain = rf"A-Za-z0-9\-._~!$&'()*+,;={ucschar}"
    pchar = rf"(?:[{plain}:@]|{_URI_PCT})"
    authority = (
        rf"(?:(?:[{plain}:]|{_URI_PCT})*@)?"
        rf"(?:\[[^\[\]/?#@]*\]|(?:[{plain}]|{_URI_PCT})*)"
        r"(?::[0-9]*)?"
    )
    query = rf"(?:{pchar}|[/?{iprivate}])*" if iprivate else rf"(?:{pchar}|[/?])*"
    tail = rf"(?:\?{query})?(?:#(?:{pchar}|[/?])*)?"
    path = rf"(?:/{pchar}*)*"
    absolute = rf"/(?:{pchar}+{path})?"
    hier = rf"(?://{authority}{path}|{absolute}|{pchar}+{path}|)"
    relative = rf"(?://{authority}{path}|{absolute}|(?:[{plain}@]|{_URI_PCT})+{path}|)"
    return hier, relative, tail


_URI_HIER, _URI_RELATIVE, _URI_TAIL = _uri_grammar("", "")
_IP_FUTURE = re.compile(r"[vV][0-9A-Fa-f]+\.[A-Za-z0-9\-._~!$&'()*+,;=:]+")
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
