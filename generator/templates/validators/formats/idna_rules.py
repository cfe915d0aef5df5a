# IDNA2008 (RFC 5890 to 5893): which code points a U-label may hold, where the contextual ones may
# stand, and the Bidi rule. Bidi classes, marks and viramas come from unicodedata, as in `idna`.
_IDNA_BOUNDS: dict[str, list[int]] = {}
_BIDI_RTL = frozenset({"R", "AL", "AN"})
_BIDI_IN_RTL = frozenset({"R", "AL", "AN", "EN", "ES", "CS", "ET", "ON", "BN", "NSM"})
_BIDI_IN_LTR = frozenset({"L", "EN", "ES", "CS", "ET", "ON", "BN", "NSM"})


def _idna_in(table: str, char: str) -> bool:
    bounds = _IDNA_BOUNDS.get(table)
    if bounds is None:  # parsed on first use: most payloads never need these tables
        bounds = _IDNA_BOUNDS[table] = [int(bound, 16) for bound in _IDNA_DATA[table].split()]
    return bisect.bisect_right(bounds, ord(char)) % 2 == 1


def _idna_joins(char: str, *kinds: str) -> bool:
    return any(_idna_in(f"joining {kind}", char) for kind in kinds)


def _idna_context_ok(label: str, at: int) -> bool:
    """RFC 5892, appendix A: whether the CONTEXTJ or CONTEXTO code point at `at` may stand there."""
    char, before, after = label[at], label[at - 1 : at], label[at + 1 : at + 2]
    if char in ("\u200c", "\u200d"):
        if before and unicodedata.combining(before) == 9:  # a virama
            return True
        if char == "\u200d":
            return False
        left, right = at - 1, at + 1  # ZERO WIDTH NON-JOINER between joining letters, past transparent ones
        while left >= 0 and _idna_joins(label[left], "T"):
            left -= 1
        while right < len(label) and _idna_joins(label[right], "T"):
            right += 1
        return left >= 0 and right < len(label) and _idna_joins(label[left], "L", "D") and _idna_joins(label[right], "R", "D")
    if char == "\u00b7":
        return before == "l" and after == "l"
    if char == "\u0375":
        return bool(after) and _idna_in("script Greek", after)
    if char in ("\u05f3", "\u05f4"):
        return bool(before) and _idna_in("script Hebrew", before)
    if char == "\u30fb":
        return any(_idna_in(f"script {script}", c) for c in label for script in ("Hiragana", "Katakana", "Han"))
    if "\u0660" <= char <= "\u0669":
        return not any("\u06f0" <= c <= "\u06f9" for c in label)
    if "\u06f0" <= char <= "\u06f9":
        return not any("\u0660" <= c <= "\u0669" for c in label)
    return False  # DISALLOWED or UNASSIGNED


def _idna_ulabel_ok(label: str) -> bool:
    """RFC 5891, section 5.4."""
    if not label or len(label) > 63 or not unicodedata.is_normalized("NFC", label):
        return False
    if label[0] == "-" or label[-1] == "-" or label[2:4] == "--" or unicodedata.category(label[0]).startswith("M"):
        return False
    return all(_idna_in("PVALID", char) or _idna_context_ok(label, at) for at, char in enumerate(label))


def _idna_decode(label: str) -> str | None:
    """The U-label that an A-label ("xn--" and Punycode) stands for; None unless it is one (RFC 5891, section 5.5)."""
    try:
        decoded = label[4:].encode("ascii").decode("punycode")
        canonical = decoded.encode("punycode").lower() == label[4:].lower().encode("ascii")
    except (UnicodeError, ValueError):
        return None
    return decoded if canonical and not decoded.isascii() and _idna_ulabel_ok(decoded) else None


def _idna_bidi_ok(labels: list[str]) -> bool:
    """RFC 5893, section 2: once one label is right-to-left, every label keeps to the Bidi rule."""
    names = [[unicodedata.bidirectional(char) for char in label] for label in labels]
    if not any(kind in _BIDI_RTL for classes in names for kind in classes):
        return True
    for classes in names:
        last = next((kind for kind in reversed(classes) if kind != "NSM"), "")
        if classes[0] in ("R", "AL"):
            if not _BIDI_IN_RTL.issuperset(classes) or last not in ("R", "AL", "EN", "AN"):
                return False
            if "EN" in classes and "AN" in classes:
                return False
        elif classes[0] != "L" or not _BIDI_IN_LTR.issuperset(classes) or last not in ("L", "EN"):
            return False
    return True


def _idna_name_ok(labels: list[str]) -> bool:
    """Labels that are each a valid ASCII label or U-label: every A-label among them must decode to
    a U-label, and the name must keep to the Bidi rule."""
    decoded = []
    for label in labels:
        if label[:4].lower() == "xn--":
            unicode_label = _idna_decode(label)
            if unicode_label is None:
                return False
            label = unicode_label
        decoded.append(label)
    return _idna_bidi_ok(decoded)
