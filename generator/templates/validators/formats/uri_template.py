# RFC 6570, section 2 (level 4), with erratum 6937: an apostrophe is a literal.
_URI_TEMPLATE_VARCHAR = r"(?:[A-Za-z0-9_]|%[0-9A-Fa-f]{2})"
_URI_TEMPLATE_VARSPEC = rf"{_URI_TEMPLATE_VARCHAR}(?:\.?{_URI_TEMPLATE_VARCHAR})*+(?::[1-9][0-9]{{0,3}}|\*)?"
_FORMAT_URI_TEMPLATE = re.compile(
    rf"(?:[!#$&-;=?-\[\]_a-z~{_UCSCHAR}{_IPRIVATE}]|%[0-9A-Fa-f]{{2}}"
    rf"|\{{[+#./;?&=,!@|]?{_URI_TEMPLATE_VARSPEC}(?:,{_URI_TEMPLATE_VARSPEC})*+\}})*+"
)
