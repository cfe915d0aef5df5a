# RFC 5321, section 4.1.2 (Mailbox), and RFC 6531, section 3.3, which lets in every non-ASCII character.
_EMAIL_ATEXT = r"A-Za-z0-9!#$%&'*+\-/=?^_`{|}~"
_EMAIL_NON_ASCII = r"\x80-\ud7ff\ue000-\U0010ffff"


def _email_local_part(non_ascii: str) -> re.Pattern[str]:
    """A dot-string or a quoted string, then the @."""
    atom = f"[{_EMAIL_ATEXT}{non_ascii}]++"
    return re.compile(rf'(?:{atom}(?:\.{atom})*+|"(?:[ !#-\[\]-~{non_ascii}]|\\[ -~])*+")@')


def _email_mailbox(value: str, local_part: re.Pattern[str], domain_ok: Callable[[str], bool]) -> bool:
    match = local_part.match(value)
    if match is None or len(value[: match.end() - 1].encode()) > 64:
        return False
    domain = value[match.end() :]
    if domain.startswith("[") and domain.endswith("]"):  # an address literal
        literal = domain[1:-1]
        if literal[:5].lower() == "ipv6:":
            return _format_ipv6(literal[5:])
        return _FORMAT_IPV4.fullmatch(literal) is not None
    return domain_ok(domain)
