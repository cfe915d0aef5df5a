# RFC 6901: each reference token escapes "~" as "~0" and "/" as "~1"; any other character stands as is.
_JSON_POINTER = r"(?:/(?:[^~/]|~[01])*+)*+"
_FORMAT_JSON_POINTER = re.compile(_JSON_POINTER)
