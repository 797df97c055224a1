"""The course bibliography (``data/references.json``), as typed records."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from types import MappingProxyType

from ..core.data import build, load
from ..core.records import Record


class Reference(Record):
    """One source: its key (the slug notebooks and banks cite), how it is cited in prose
    (``short``), the full citation, its kind, and where a reader can find it."""

    key: str
    short: str
    full: str
    kind: str
    secondary: bool = False  # read through a summary that quotes it, not in its own text
    doi: str | None = None
    url: str | None = None


@lru_cache(maxsize=1)
def bibliography() -> Mapping[str, Reference]:
    """Every source by key, in file order (read-only)."""
    data = load("references.json", schema="references")
    return MappingProxyType({key: build(Reference, {"key": key, **entry}) for key, entry in data.items()})


def reference_keys() -> set[str]:
    return set(bibliography())


def short_citations() -> dict[str, str]:
    """How each source is cited in prose, by key (a lookup table of strings)."""
    return {key: entry.short for key, entry in bibliography().items()}
