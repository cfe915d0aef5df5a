# RFC 1123, section 2.1: labels of letters, digits and inner hyphens, 63 characters at most, 253 in all.
_HOSTNAME_LABEL = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?")


def _format_hostname(value: str) -> bool:
    """An A-label ("xn--" and Punycode) must also stand for a valid IDNA2008 label."""
    if not value.isascii() or len(value) > 253:
        return False
    labels = value.split(".")
    if not all(_HOSTNAME_LABEL.fullmatch(label) for label in labels):
        return False
    return not any(label[:4].lower() == "xn--" for label in labels) or _idna_name_ok(labels)
