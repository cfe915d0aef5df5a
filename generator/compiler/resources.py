"""Every schema a spec reaches, where it lives, and what its references point at.

A place names one schema: a JSON pointer into the spec (`/$defs/Message`) or, in another
document, that document's URI and a pointer (`http://example.com/a.json#/$defs/b`). Walking a
document records, for each place, its base URI (after `$id`), its dialect (after `$schema`) and
the anchors it defines, so that `$ref`, `$dynamicRef` and `$recursiveRef` resolve at generation
time. Other documents come only from where the user allowed: files in the spec's folder or a
`--ref-dir`, URL prefixes mapped to folders (the test suite's remotes), and the metaschemas
specgen ships; never the network.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urldefrag, urljoin, urlsplit
from urllib.request import url2pathname

from generator.compiler import dialects
from generator.compiler.dialects import Dialect
from generator.core import jsontext
from generator.core import pointer as jp

MAIN = ""  # the spec's own document: its places are plain pointers

_SINGLE = (
    "additionalProperties", "items", "additionalItems", "contains", "propertyNames", "not", "if", "then",
    "else", "unevaluatedItems", "unevaluatedProperties",
)  # fmt: skip
_MAPPED = ("properties", "patternProperties", "dependentSchemas", "dependencies")
_LISTED = ("prefixItems", "allOf", "anyOf", "oneOf", "items")


class UnresolvableError(ValueError):
    """A reference that leads nowhere the compiler may look."""


@dataclass(frozen=True)
class RefSources:
    """Where documents other than the spec may be read from."""

    directories: tuple[Path, ...] = ()  # the spec's folder, each --ref-dir
    urls: tuple[tuple[str, Path], ...] = ()  # a URL prefix and the folder that serves it


@dataclass(frozen=True)
class PlaceInfo:
    base: str  # the base URI references are resolved against
    dialect: Dialect
    resource: str  # the URI of the schema resource the place belongs to


def place(document: str, pointer: str) -> str:
    return pointer if document == MAIN else f"{document}#{pointer}"


def split_place(where: str) -> tuple[str, str]:
    if where == "" or where.startswith("/"):
        return MAIN, where
    document, _, pointer = where.partition("#")
    return document, pointer


def join(base: str, reference: str) -> str:
    """`reference` resolved against `base`; a fragment alone keeps any base, even a URN."""
    if reference.startswith("#"):
        return urldefrag(base)[0] + reference
    return urljoin(base, reference) if base else reference


def children(schema: Any, pointer: str, dialect: Dialect) -> Iterator[tuple[str, Any]]:
    """The subschemas of `schema` that `dialect` defines, each with its pointer."""
    if not isinstance(schema, dict):
        return
    for keyword in _SINGLE:
        if isinstance(schema.get(keyword), (dict, bool)) and dialect.has(keyword):
            yield jp.child(pointer, keyword), schema[keyword]
    for keyword in (*_MAPPED, *dialect.containers):
        members = schema.get(keyword)
        if isinstance(members, dict) and (dialect.has(keyword) or keyword in dialect.containers):
            for name, member in members.items():
                if isinstance(member, (dict, bool)):
                    yield jp.child(pointer, keyword, name), member
    for keyword in _LISTED:
        members = schema.get(keyword)
        if isinstance(members, list) and dialect.has(keyword) and (keyword != "items" or dialect.array_items):
            for position, member in enumerate(members):
                yield jp.child(pointer, keyword, position), member


class Schemas:
    """The documents of one spec and everything their references reach."""

    def __init__(
        self, document: Any, base_uri: str, sources: RefSources, default_dialect: Dialect = dialects.DEFAULT
    ) -> None:
        self.sources = sources
        self.documents: dict[str, Any] = {MAIN: document}
        self.info: dict[str, PlaceInfo] = {}
        self.resources: dict[str, str] = {}  # resource URI -> the place of its root
        self.anchors: dict[tuple[str, str], str] = {}  # (resource URI, name) -> place
        self.dynamic_anchors: dict[tuple[str, str], str] = {}
        self.recursive_roots: set[str] = set()  # resource roots with `$recursiveAnchor: true`
        self.problems: list[tuple[str, str]] = []  # (place, message)
        self._walk(MAIN, "", document, PlaceInfo(base_uri, default_dialect, urldefrag(base_uri)[0]), root=True)
        self.resources.setdefault(urldefrag(base_uri)[0], "")

    # -- reading
    def schema_at(self, where: str) -> Any:
        document, pointer = split_place(where)
        return jp.resolve(self.documents[document], pointer)

    def info_at(self, where: str) -> PlaceInfo:
        if where not in self.info:
            self._walk_unvisited(where)
        return self.info[where]

    def dialect_at(self, where: str) -> Dialect:
        return self.info_at(where).dialect

    def resource_root_of(self, where: str) -> str:
        return self.resources.get(self.info_at(where).resource, where)

    def dynamic_anchors_of(self, root: str) -> list[tuple[str, str]]:
        """The `$dynamicAnchor`s (name, place) of the resource whose root is at `root`."""
        resource = self.info_at(root).resource
        return [(name, at) for (uri, name), at in self.dynamic_anchors.items() if uri == resource]

    @property
    def uses_dynamic_scope(self) -> bool:
        return bool(self.dynamic_anchors or self.recursive_roots)

    # -- references
    def resolve(self, reference: str, where: str) -> str:
        """The place `reference` (written at `where`) points at; UnresolvableError says why not."""
        info = self.info_at(where)
        uri, fragment = urldefrag(join(info.base, reference))
        root = self.resources.get(uri)
        if root is None:
            root = self._retrieve(uri, info.dialect)
        if fragment == "":
            return root
        if fragment.startswith("/"):
            document, root_pointer = split_place(root)
            target = place(document, root_pointer + unquote(fragment))
            try:
                self.schema_at(target)
            except (KeyError, ValueError):
                raise UnresolvableError(f"{reference!r} does not resolve: nothing is at that pointer") from None
            return target
        anchored = self.anchors.get((uri, unquote(fragment)))
        if anchored is None:
            raise UnresolvableError(f"{reference!r} does not resolve: no anchor {fragment!r} in {uri or 'the spec'}")
        return anchored

    def dynamic_target(self, reference: str, where: str) -> tuple[str, str | None]:
        """A `$dynamicRef`'s initial target, and the anchor name the dynamic scope may rebind
        (None when the target is not a `$dynamicAnchor`, so the reference is a plain `$ref`)."""
        target = self.resolve(reference, where)
        uri, fragment = urldefrag(join(self.info_at(where).base, reference))
        name = unquote(fragment)
        if fragment and not fragment.startswith("/") and self.dynamic_anchors.get((uri, name)) == target:
            return target, name
        return target, None

    # -- walking
    def _walk(self, document: str, pointer: str, schema: Any, parent: PlaceInfo, root: bool = False) -> None:
        stack = [(pointer, schema, parent, root)]
        while stack:
            here, node, inherited, is_root = stack.pop()
            info = self._enter(place(document, here), node, inherited, is_root)
            for child_pointer, child in children(node, here, info.dialect):
                stack.append((child_pointer, child, info, False))

    def _enter(self, where: str, node: Any, inherited: PlaceInfo, is_root: bool) -> PlaceInfo:
        """Record what `node` at `where` defines, and return the info its subschemas inherit."""
        info = inherited
        if isinstance(node, dict):
            declared = node.get("$schema")
            if isinstance(declared, str) and (is_root or self._has_id(node, info.dialect)):
                info = PlaceInfo(info.base, self._dialect(declared, where, info.dialect), info.resource)
            identifier = node.get(info.dialect.id_keyword)
            if isinstance(identifier, str) and not (info.dialect.ref_overrides_siblings and "$ref" in node):
                if info.dialect.fragment_ids and identifier.startswith("#"):
                    self.anchors[(info.resource, identifier[1:])] = where
                else:
                    base = urldefrag(join(info.base, identifier))[0]
                    info = PlaceInfo(base, info.dialect, base)
                    self.resources[base] = where
            anchor = node.get("$anchor")
            if isinstance(anchor, str) and not info.dialect.fragment_ids:  # 2019-09 on: $anchor
                self.anchors[(info.resource, anchor)] = where
            dynamic = node.get("$dynamicAnchor")
            if isinstance(dynamic, str) and info.dialect.has("$dynamicRef"):
                self.anchors.setdefault((info.resource, dynamic), where)
                self.dynamic_anchors[(info.resource, dynamic)] = where
            if node.get("$recursiveAnchor") is True and info.dialect.has("$recursiveRef"):
                self.recursive_roots.add(where)
        self.info[where] = info
        return info

    @staticmethod
    def _has_id(node: dict[str, Any], dialect: Dialect) -> bool:
        identifier = node.get(dialect.id_keyword)
        return isinstance(identifier, str) and not identifier.startswith("#")

    def _walk_unvisited(self, where: str) -> None:
        """A place references reach but walking did not (inside an unknown keyword, say): walk it
        with what its nearest walked ancestor knows."""
        document, pointer = split_place(where)
        tokens = jp.split(pointer)
        for length in range(len(tokens) - 1, -1, -1):
            ancestor = place(document, jp.join(*tokens[:length]))
            if ancestor in self.info:
                self._walk(document, pointer, self.schema_at(where), self.info[ancestor])
                return
        raise UnresolvableError(f"{where!r} is not in any document")  # pragma: no cover - the root is walked

    # -- other documents
    def _dialect(self, declared: str, where: str, fallback: Dialect) -> Dialect:
        known = dialects.known(declared)
        if known is not None:
            return known
        try:
            root = self.resources.get(dialects.normalized(declared)) or self._retrieve(
                dialects.normalized(declared), fallback
            )
        except UnresolvableError as error:
            self.problems.append((jp.child(where, "$schema"), f"unknown dialect: {error}"))
            return fallback
        metaschema = self.schema_at(root)
        # a metaschema being walked (one that names itself as its own $schema) has no dialect yet
        base = self.info[root].dialect if root in self.info else fallback
        vocabulary = metaschema.get("$vocabulary") if isinstance(metaschema, dict) else None
        if not isinstance(vocabulary, dict):
            return base
        try:
            return dialects.from_vocabulary(base, declared, vocabulary)
        except dialects.UnknownVocabularyError as error:
            self.problems.append((jp.child(where, "$schema"), str(error)))
            return base

    def _retrieve(self, uri: str, dialect: Dialect) -> str:
        """Read the document `uri` names from an allowed place, walk it, and return its root."""
        document = self._read(uri)
        self.documents[uri] = document
        self.resources[uri] = place(uri, "")
        self._walk(uri, "", document, PlaceInfo(uri, dialect, uri), root=True)
        return self.resources[uri]

    def _read(self, uri: str) -> Any:
        metaschema = _metaschema(uri)
        if metaschema is not None:
            return metaschema
        path = self._path_of(uri)
        if path is None:
            raise UnresolvableError(
                f"no document for {uri!r}: references are read from the spec's folder, --ref-dir and the "
                "metaschemas specgen knows, never from the network"
            )
        try:
            return jsontext.loads(jsontext.decode(path.read_bytes()))
        except OSError as error:
            raise UnresolvableError(f"{uri!r} cannot be read: {error.strerror}") from None
        except jsontext.JsonTextError as error:
            raise UnresolvableError(f"{uri!r} is not valid JSON (line {error.line}): {error}") from None

    def _path_of(self, uri: str) -> Path | None:
        candidates: list[tuple[Path, Path]] = []
        for prefix, folder in self.sources.urls:
            if uri.startswith(prefix):
                candidates.append((folder, folder / unquote(uri[len(prefix) :])))
        if urlsplit(uri).scheme == "file":
            local = Path(url2pathname(urlsplit(uri).path))
            candidates += [(folder, local) for folder in self.sources.directories]
        for folder, path in candidates:
            resolved = path.resolve()
            if resolved.is_relative_to(folder.resolve()) and resolved.is_file():
                return resolved
        return None


def _metaschema(uri: str) -> Any:
    import jsonschema_specifications  # the metaschemas jsonschema ships: read only when referenced

    try:
        return jsonschema_specifications.REGISTRY.contents(dialects.normalized(uri))
    except LookupError:
        return None
