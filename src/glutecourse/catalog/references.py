"""The course bibliography (``data/references.json``)."""

from __future__ import annotations

from functools import lru_cache

from ..core.data import load


@lru_cache(maxsize=1)
def bibliography() -> dict:
    return load("references.json", schema="references")


def reference_keys() -> set[str]:
    return set(bibliography())


def short_citations() -> dict[str, str]:
    return {key: entry["short"] for key, entry in bibliography().items()}
