# RFC 3339, section 5.6; the letters T and Z may be lower case.
_DATE = r"(?P<year>[0-9]{4})-(?P<month>[0-9]{2})-(?P<day>[0-9]{2})"
_TIME = (
    r"(?P<hour>[01][0-9]|2[0-3]):(?P<minute>[0-5][0-9]):(?P<second>[0-5][0-9]|60)(?:\.[0-9]+)?"
    r"(?:[Zz]|(?P<sign>[+-])(?P<offset_hour>[01][0-9]|2[0-3]):(?P<offset_minute>[0-5][0-9]))"
)


def _date_ok(match: re.Match[str]) -> bool:
    year, month, day = int(match["year"]), int(match["month"]), int(match["day"])
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]


def _time_ok(match: re.Match[str]) -> bool:
    """A leap second (:60) is only valid at 23:59 UTC."""
    if match["second"] != "60":
        return True
    minutes = int(match["hour"]) * 60 + int(match["minute"])
    if match["sign"]:
        offset = int(match["offset_hour"]) * 60 + int(match["offset_minute"])
        minutes -= offset if match["sign"] == "+" else -offset
    return minutes % 1440 == 23 * 60 + 59
