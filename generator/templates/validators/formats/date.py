_FORMAT_DATE = re.compile(_DATE)


def _format_date(value: str) -> bool:
    match = _FORMAT_DATE.fullmatch(value)
    return match is not None and _date_ok(match)
