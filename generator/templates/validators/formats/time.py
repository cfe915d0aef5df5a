_FORMAT_TIME = re.compile(_TIME)


def _format_time(value: str) -> bool:
    match = _FORMAT_TIME.fullmatch(value)
    return match is not None and _time_ok(match)
