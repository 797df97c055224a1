"""Figure generators: every image in ``images/`` is drawn here from ``data/``.

Each submodule of this package defines ``figures()``, yielding ``FigureSpec`` objects.
``scripts/make_images.py`` (``make images``) draws them all as deterministic SVG into
``images/`` and writes ``images/manifest.json`` with each image's alt text and source.
A test redraws everything and fails if a committed image is out of date.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from typing import Callable


@dataclass(frozen=True)
class FigureSpec:
    name: str  # file name in images/, ending in .svg
    alt: str  # alt text: what the image shows, for readers who cannot see it
    draw: Callable  # () -> matplotlib.figure.Figure


def all_specs() -> list[FigureSpec]:
    specs = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        specs.extend(module.figures())
    names = [s.name for s in specs]
    duplicates = {n for n in names if names.count(n) > 1}
    if duplicates:
        raise ValueError(f"figure names used twice: {sorted(duplicates)}")
    return specs
