_IDNA_FULL_STOPS = str.maketrans("\u3002\uff0e\uff61", "...")  # label separators too (RFC 3490, section 3.1)


def _format_idn_hostname(value: str) -> bool:
    """ASCII labels as for "hostname", the others IDNA2008 U-labels; 253 characters at most once encoded."""
    if len(value) > 253:  # encoding never shortens a name
        return False
    labels = value.translate(_IDNA_FULL_STOPS).split(".")
    size = len(labels) - 1
    for label in labels:
        if label.isascii():
            if not _HOSTNAME_LABEL.fullmatch(label):
                return False
            size += len(label)
        elif _idna_ulabel_ok(label):
            encoded = 4 + len(label.encode("punycode"))
            if encoded > 63:
                return False
            size += encoded
        else:
            return False
    return size <= 253 and _idna_name_ok(labels)
