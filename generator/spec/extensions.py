"""The extension keywords a spec may use, beside JSON Schema's own: where each goes and what it
means. `specgen lint` refuses any other `x-` keyword (a typo such as `x-gruop` would otherwise
be ignored in silence), and the README's "Writing a spec" section documents each one."""

from __future__ import annotations

# keyword -> (where it goes, what it means)
EXTENSIONS: dict[str, tuple[str, str]] = {
    "x-runware": (
        "the root",
        "The model's metadata: modelId (names the files and the package), air, name, provider, taskType, "
        "status, overview, source (the documentation page the spec follows) and groups, the sections "
        "of that page as a list of {id, title, description}.",
    ),
    "x-group": (
        "a top-level property",
        "The id of the section (one of x-runware's groups) the parameter is documented in. Nested "
        "parameters take their parent's.",
    ),
    "x-provenance": (
        "a property",
        'Where its allowed values come from when not from the source page: "inferred" (guessed, not '
        'confirmed by any source) or "secondary" (named by another source, such as an SDK). The docs '
        "flag the parameter; the client's docstring says so too.",
    ),
    "x-provenance-note": (
        "a property with x-provenance",
        "The sentence the docs show: which values are confirmed, and by what.",
    ),
    "x-learn-more": (
        "a property",
        'How many "Learn more" resources the source page lists for the parameter; the docs link to the page.',
    ),
    "x-specgen-assert-formats": (
        "the root",
        "true: `format` is asserted (checked), not only an annotation, as the format-assertion vocabulary would say.",
    ),
    "x-dropped": (
        "any schema (written by specgen import)",
        "What the importer could not keep from an OpenAPI document, as the document wrote it: the validators "
        "accept more than the document does there.",
    ),
}

PROVENANCES = ("inferred", "secondary")
