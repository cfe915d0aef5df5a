_EMAIL_LOCAL_PART = _email_local_part("")


def _format_email(value: str) -> bool:
    return _email_mailbox(value, _EMAIL_LOCAL_PART, _format_hostname)
