"""The dialects of JSON Schema a spec may be written in, and what each one's keywords mean.

A dialect is chosen by `$schema`, per schema resource. Drafts 4 to 7 let `$ref` override its
siblings and spell prefix items as an array-form `items` with `additionalItems`; draft 4's
`exclusiveMaximum` is a boolean beside `maximum`; 2019-09 brings `$recursiveRef`, 2020-12
`$dynamicRef`. A custom metaschema's `$vocabulary` picks which keywords apply.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

_CORE = frozenset({"$ref"})
_VALIDATION = frozenset(
    {
        "type", "enum", "const", "multipleOf", "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum",
        "maxLength", "minLength", "pattern", "maxItems", "minItems", "uniqueItems", "maxContains", "minContains",
        "maxProperties", "minProperties", "required", "dependentRequired",
    }
)  # fmt: skip
_APPLICATOR = frozenset(
    {
        "prefixItems", "items", "contains", "additionalProperties", "properties", "patternProperties",
        "dependentSchemas", "propertyNames", "if", "then", "else", "allOf", "anyOf", "oneOf", "not",
    }
)  # fmt: skip
_UNEVALUATED = frozenset({"unevaluatedItems", "unevaluatedProperties"})
_FORMAT = frozenset({"format"})

_VOCABULARIES_2020 = {
    "https://json-schema.org/draft/2020-12/vocab/core": _CORE | {"$dynamicRef"},
    "https://json-schema.org/draft/2020-12/vocab/applicator": _APPLICATOR,
    "https://json-schema.org/draft/2020-12/vocab/unevaluated": _UNEVALUATED,
    "https://json-schema.org/draft/2020-12/vocab/validation": _VALIDATION,
    "https://json-schema.org/draft/2020-12/vocab/format-annotation": _FORMAT,
    "https://json-schema.org/draft/2020-12/vocab/format-assertion": _FORMAT,
    "https://json-schema.org/draft/2020-12/vocab/meta-data": frozenset(),
    "https://json-schema.org/draft/2020-12/vocab/content": frozenset(),
}
_APPLICATOR_2019 = (_APPLICATOR - {"prefixItems"}) | _UNEVALUATED | {"additionalItems"}
_VOCABULARIES_2019 = {
    "https://json-schema.org/draft/2019-09/vocab/core": _CORE | {"$recursiveRef"},
    "https://json-schema.org/draft/2019-09/vocab/applicator": _APPLICATOR_2019,
    "https://json-schema.org/draft/2019-09/vocab/validation": _VALIDATION,
    "https://json-schema.org/draft/2019-09/vocab/format": _FORMAT,
    "https://json-schema.org/draft/2019-09/vocab/meta-data": frozenset(),
    "https://json-schema.org/draft/2019-09/vocab/content": frozenset(),
}
FORMAT_ASSERTION = "https://json-schema.org/draft/2020-12/vocab/format-assertion"

_DRAFT4 = frozenset(
    {
        "$ref", "type", "enum", "multipleOf", "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum",
        "maxLength", "minLength", "pattern", "format", "items", "additionalItems", "maxItems", "minItems",
        "uniqueItems", "maxProperties", "minProperties", "required", "properties", "patternProperties",
        "additionalProperties", "dependencies", "allOf", "anyOf", "oneOf", "not",
    }
)  # fmt: skip
_DRAFT6 = _DRAFT4 | {"const", "contains", "propertyNames"}
_DRAFT7 = _DRAFT6 | {"if", "then", "else"}


@dataclass(frozen=True)
class Dialect:
    name: str
    uri: str
    keywords: frozenset[str]  # the keywords that constrain instances in this dialect
    ref_overrides_siblings: bool = False  # up to draft 7, `$ref` hides every keyword beside it
    array_items: bool = False  # `items` may be an array (prefix items), followed by `additionalItems`
    boolean_exclusive: bool = False  # draft 4: `exclusiveMaximum: true` modifies `maximum`
    id_keyword: str = "$id"
    fragment_ids: bool = False  # `"$id": "#name"` names a plain-name anchor (drafts 4 to 7)
    contains_evaluates: bool = True  # `contains` marks the items it matched as evaluated (2020-12)
    format_asserted: bool = False  # the vocabulary asks for formats to be asserted
    containers: tuple[str, ...] = ("$defs",)  # keywords holding named subschemas that apply to nothing

    def has(self, keyword: str) -> bool:
        return keyword in self.keywords


# Keywords that identify or organise schemas rather than constrain instances, in any dialect.
STRUCTURAL = frozenset(
    {
        "$schema", "$id", "id", "$anchor", "$dynamicAnchor", "$recursiveAnchor", "$vocabulary", "$comment",
        "$defs", "definitions",
    }
)  # fmt: skip


DRAFT2020_12 = Dialect(
    "2020-12",
    "https://json-schema.org/draft/2020-12/schema",
    frozenset().union(*_VOCABULARIES_2020.values()),
    containers=("$defs", "definitions"),
)
DRAFT2019_09 = Dialect(
    "2019-09",
    "https://json-schema.org/draft/2019-09/schema",
    frozenset().union(*_VOCABULARIES_2019.values()),
    array_items=True,
    contains_evaluates=False,
    containers=("$defs", "definitions"),
)
DRAFT7 = Dialect(
    "draft 7",
    "http://json-schema.org/draft-07/schema",
    _DRAFT7,
    ref_overrides_siblings=True,
    array_items=True,
    fragment_ids=True,
    containers=("definitions",),
)
DRAFT6 = replace(DRAFT7, name="draft 6", uri="http://json-schema.org/draft-06/schema", keywords=_DRAFT6)
DRAFT4 = replace(
    DRAFT6,
    name="draft 4",
    uri="http://json-schema.org/draft-04/schema",
    keywords=_DRAFT4,
    boolean_exclusive=True,
    id_keyword="id",
)

KNOWN = {d.uri: d for d in (DRAFT2020_12, DRAFT2019_09, DRAFT7, DRAFT6, DRAFT4)}
DEFAULT = DRAFT2020_12


def normalized(uri: str) -> str:
    """A `$schema` value as the table above spells it: no empty fragment."""
    return uri[:-1] if uri.endswith("#") else uri


def known(uri: str) -> Dialect | None:
    return KNOWN.get(normalized(uri))


class UnknownVocabularyError(ValueError):
    """A metaschema requires a vocabulary this compiler does not know."""


def from_vocabulary(base: Dialect, uri: str, vocabulary: dict[str, bool]) -> Dialect:
    """The dialect a custom metaschema defines with `$vocabulary`: its keywords are those of the
    vocabularies it lists, with `base`'s semantics. An unknown optional vocabulary is ignored;
    an unknown required one cannot be honoured."""
    tables = _VOCABULARIES_2019 if base is DRAFT2019_09 else _VOCABULARIES_2020
    keywords: set[str] = set()
    for vocabulary_uri, required in vocabulary.items():
        if vocabulary_uri in tables:
            keywords |= tables[vocabulary_uri]
        elif required:
            raise UnknownVocabularyError(f"the vocabulary {vocabulary_uri!r} is required but not known")
    return replace(
        base,
        name=f"{base.name} ({uri})",
        uri=uri,
        keywords=frozenset(keywords | _CORE),
        format_asserted=FORMAT_ASSERTION in vocabulary,
    )
