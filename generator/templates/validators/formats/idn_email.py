_IDN_EMAIL_LOCAL_PART = _email_local_part(_EMAIL_NON_ASCII)


def _idn_email_domain(domain: str) -> bool:
    """RFC 6532, section 3.1 lets a message carry text that is not normalized; the domain is checked as its NFC form."""
    return _format_idn_hostname(unicodedata.normalize("NFC", domain))


def _format_idn_email(value: str) -> bool:
    return _email_mailbox(value, _IDN_EMAIL_LOCAL_PART, _idn_email_domain)
