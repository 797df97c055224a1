"""The course's one colour palette: Okabe & Ito's colour-blind-safe colours.

Used by the charts (the matplotlib style's colour cycle) and by the HTML views. Colour is
never the only signal: every coloured mark also carries a word or a symbol.
"""

from __future__ import annotations

#: Okabe & Ito's colour-blind-safe palette (Color Universal Design), by name.
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}
#: The order used for data series (matches the chart style's colour cycle).
PALETTE = [
    OKABE_ITO[k]
    for k in ("blue", "orange", "bluish_green", "vermillion", "reddish_purple", "sky_blue", "yellow", "black")
]

#: Light tints of the palette, for the background of a coloured box (the text on them
#: stays the page's own colour), and the neutral greys the views use for borders.
TINTS = {
    "vermillion": "#FDEEE6",
    "orange": "#FDF6E6",
    "blue": "#E8F1F8",
    "bluish_green": "#E6F5F0",
    "grey": "#F2F2F2",
}
GREYS = {
    "dark": "#555555",
    "mid": "#888888",
    "light": "#BBBBBB",
    "pale": "#EEEEEE",
}

#: Solid fills that carry white text. The self-check's emergency banner is a solid red with
#: white text: Okabe-Ito's vermillion is too light for that (3.9:1 against white, below the
#: 4.5:1 WCAG AA asks for text), so the banner uses a deep red (6.5:1; tests compute it).
#: The banner never relies on its colour alone: it says "Emergency" in words.
SOLIDS = {
    "emergency_red": "#B3261E",
    "white": "#FFFFFF",
}


def css_variables() -> dict[str, str]:
    """The palette as CSS custom properties (``--gc-<name>``), for the course stylesheet."""
    out = {f"--gc-{k.replace('_', '-')}": v for k, v in OKABE_ITO.items()}
    out.update({f"--gc-tint-{k.replace('_', '-')}": v for k, v in TINTS.items()})
    out.update({f"--gc-grey-{k}": v for k, v in GREYS.items()})
    out.update({f"--gc-{k.replace('_', '-')}": v for k, v in SOLIDS.items()})
    return out
