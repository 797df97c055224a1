"""The chart layer: runtime charts and the figure generators together.

Each topic's chart module (``charts/<topic>.py``) draws from that topic's data with
matplotlib, imported only inside the drawing functions, so importing a chart module is
cheap. A module that draws committed figures defines ``figures()``, yielding
``FigureSpec`` objects; ``scripts/make_images.py`` (``make generate``) draws them all as
deterministic SVG into ``images/`` and writes ``images/manifest.json`` with each image's alt
text and the module that draws it. A test redraws everything and fails if a committed image
is out of date. Chart modules may import ``core``, ``catalog`` and ``topics``, never ``ui``.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable

from ..core.records import Record


class FigureSpec(Record):
    name: str  # file name in images/, ending in .svg
    alt: str  # alt text: what the image shows, for readers who cannot see it
    draw: Callable  # () -> matplotlib.figure.Figure


def all_specs() -> list[FigureSpec]:
    """Every committed figure, from every chart module that defines ``figures()``."""
    specs = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        if hasattr(module, "figures"):
            specs.extend(module.figures())
    names = [s.name for s in specs]
    duplicates = {n for n in names if names.count(n) > 1}
    if duplicates:
        raise ValueError(f"figure names used twice: {sorted(duplicates)}")
    return specs
