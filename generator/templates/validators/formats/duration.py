# RFC 3339, appendix A: whole numbers only; weeks stand alone; a smaller unit needs every unit between.
_DURATION_TIME = r"T(?:[0-9]++H(?:[0-9]++M(?:[0-9]++S)?)?|[0-9]++M(?:[0-9]++S)?|[0-9]++S)"
_FORMAT_DURATION = re.compile(
    rf"P(?:(?:[0-9]++D|[0-9]++M(?:[0-9]++D)?|[0-9]++Y(?:[0-9]++M(?:[0-9]++D)?)?)(?:{_DURATION_TIME})?"
    rf"|{_DURATION_TIME}|[0-9]++W)"
)
