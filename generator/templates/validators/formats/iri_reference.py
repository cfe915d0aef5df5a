_IRI_REFERENCE = re.compile(f"(?:{_URI_SCHEME}{_IRI_HIER}|{_IRI_RELATIVE}){_IRI_TAIL}")


def _format_iri_reference(value: str) -> bool:
    match = _IRI_REFERENCE.fullmatch(value)
    return match is not None and _uri_literal_ok(value)
