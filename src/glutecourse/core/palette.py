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
