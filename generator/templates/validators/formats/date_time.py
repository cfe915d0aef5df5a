_FORMAT_DATE_TIME = re.compile(_DATE + "[Tt]" + _TIME)


def _format_date_time(value: str) -> bool:
    match = _FORMAT_DATE_TIME.fullmatch(value)
    return match is not None and _date_ok(match) and _time_ok(match)
