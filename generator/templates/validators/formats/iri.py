_IRI = re.compile(_URI_SCHEME + _IRI_HIER + _IRI_TAIL)


def _format_iri(value: str) -> bool:
    match = _IRI.fullmatch(value)
    return match is not None and _uri_literal_ok(value)
