"""The one number parser (and the number formatters) of the course.

Every number a reader types goes through :func:`parse_number`: quiz answers, the pain
diary's pain and minutes, the sitting calculator's hours and the recovery timeline's
starting pain. No widgets are imported here.

What a reader may type
----------------------
- An optional sign: ``-`` or ``+`` (a range, such as pain 0 to 10, then decides whether a
  negative number is allowed).
- Digits 0-9 only (ASCII). Other scripts' digits (``٥``, ``５``) are refused with a message
  that shows the number in 0-9.
- At most one decimal mark: a point (``6.5``) or a comma (``6,5``). A comma followed by
  exactly three digits (``1,000``) could be a thousands separator or a decimal comma, so it
  is refused as ambiguous, with both readings spelled out; ``0,125`` (nothing before the
  comma but 0) is read as a decimal.
- Thousands may be grouped with a space (``1 000``, ``12 345.5``; also a no-break or thin
  space), and only in groups of three digits: a space can never be mistaken for a
  decimal mark.
- At most :data:`MAX_LENGTH` characters, and at most :data:`MAX_MAGNITUDE` in size.
- Nothing else: no ``_``, no exponents (``1e3``), no ``NaN`` or ``inf``, no fractions
  (``1/2``), no units or percent signs, no hexadecimal.

A number given directly by code (``int`` or ``float``, never ``bool``) must be finite and
within the same bounds.

Every refusal raises :class:`NumberError`, whose message names the problem in plain words
(``“1,000” is ambiguous: type 1000, or 1.000 with a point if you meant one``).
"""

from __future__ import annotations

import math
import re
from decimal import Decimal

MAX_LENGTH = 30
MAX_MAGNITUDE = 10**12
_SPACES = " \u00a0\u202f\u2009"  # space, no-break space, narrow no-break space, thin space
_PLAIN = re.compile(
    r"^(?P<sign>[+-]?)"
    r"(?P<int>\d{1,3}(?:[" + _SPACES + r"]\d{3})+|\d*)"
    r"(?:(?P<mark>[.,])(?P<frac>\d*))?$",
    re.ASCII,
)
_WORDS = {"nan": "NaN", "inf": "inf", "infinity": "infinity"}


class NumberError(ValueError):
    """What a reader typed is not a number the course accepts; the message says why."""


def shown(text, limit: int = 30) -> str:
    """Reader text made safe to quote in a message: shortened, and with characters that
    cannot be encoded (a lone surrogate) replaced, so the message can always be shown."""
    text = str(text)
    if len(text) > limit:
        text = text[:limit] + "…"
    return text.encode("utf-8", "replace").decode("utf-8")


def _quoted(text) -> str:
    return f"“{shown(text)}”"


def _ascii_digits(text: str) -> str | None:
    """``text`` with any Unicode decimal digits replaced by 0-9, or None if it has none."""
    import unicodedata

    out, changed = [], False
    for ch in text:
        if not ch.isascii() and ch.isdecimal():
            out.append(str(unicodedata.decimal(ch)))
            changed = True
        else:
            out.append(ch)
    return "".join(out) if changed else None


def _plain(value: Decimal) -> str:
    """A Decimal written out in full, without an exponent or trailing zeros."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _read_text(text: str) -> Decimal:
    raw = text
    text = text.strip()
    if not text:
        raise NumberError("Type a number first.")
    if len(text) > MAX_LENGTH:
        raise NumberError(f"{_quoted(text)} is too long to be a number (at most {MAX_LENGTH} characters).")
    lowered = text.lower().lstrip("+-")
    if lowered in _WORDS:
        name = "NaN" if lowered == "nan" else text
        raise NumberError(f"{_quoted(name)} is not a number you can use here: type digits, for example 6 or 6.5.")
    converted = _ascii_digits(text)
    if converted is not None:
        hint = ""
        try:
            hint = f" (type {_plain(_read_text(converted))})"
        except NumberError:
            pass
        raise NumberError(
            f"{_quoted(text)} uses digits the course cannot read: type the number with the digits 0-9{hint}."
        )
    if "_" in text:
        hint = ""
        try:
            hint = f" (type {_plain(_read_text(text.replace('_', '')))})"
        except NumberError:
            pass
        raise NumberError(f"{_quoted(text)} is not a plain number: leave out the _{hint}.")
    if re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)[eE][+-]?\d+", text):
        try:
            full = Decimal(text)
            hint = f": type {_plain(full)}" if abs(full) <= MAX_MAGNITUDE and len(_plain(full)) <= MAX_LENGTH else ""
        except ArithmeticError:  # an exponent past Decimal's range (Overflow): no hint, a message still
            hint = ""
        raise NumberError(f"{_quoted(text)} is not a plain number (no exponents){hint or ': type it in full'}.")
    if text.lower().startswith(("0x", "-0x", "+0x")):
        raise NumberError(f"{_quoted(text)} is not a plain number: type it with the digits 0-9 in base ten.")
    match = _PLAIN.match(text)
    if not match or not (match["int"] or match["frac"]):
        if text.count(".") + text.count(",") > 1 and re.fullmatch(r"[+-]?[\d.,]+", text):
            raise NumberError(
                f"{_quoted(text)} has more than one decimal mark or separator: type the number without "
                "thousands separators, with at most one decimal point, for example 1000 or 1000.5."
            )
        if re.fullmatch(r"[+-]?[\d.," + _SPACES + r"]+", text) and re.search(r"\d", text):
            raise NumberError(
                f"{_quoted(text)} is not a number the course can read: a space may only separate groups of "
                "three digits (as in 1 000), and there may be one decimal point."
            )
        if re.search(r"\d", text):
            raise NumberError(
                f"{_quoted(text)} is not a plain number: type only the number, without units, signs or other "
                "characters, for example 6 or 6.5."
            )
        raise NumberError(f"{_quoted(text)} is not a number: type digits, for example 6 or 6.5.")
    sign, integer, mark, frac = match["sign"], match["int"], match["mark"], match["frac"] or ""
    digits = re.sub("[" + _SPACES + "]", "", integer)
    if mark == "," and len(frac) == 3 and digits not in ("", "0") and not any(c in integer for c in _SPACES):
        whole = f"{sign}{digits}{frac}"
        decimal = f"{sign}{digits}.{frac}"
        raise NumberError(
            f"{_quoted(raw.strip())} is ambiguous: type {whole} (without the comma), or {decimal} with a point if "
            "you meant a decimal."
        )
    value = Decimal(f"{sign}{digits or '0'}.{frac or '0'}")
    if abs(value) > MAX_MAGNITUDE:
        raise NumberError(f"{_quoted(text)} is too large a number for the course.")
    return value


def _to_decimal(value) -> Decimal:
    if isinstance(value, bool):
        raise NumberError(f"{value} is not a number: type digits, for example 6 or 6.5.")
    if isinstance(value, int):
        if abs(value) > MAX_MAGNITUDE:
            raise NumberError("That number is too large for the course.")
        return Decimal(value)
    if isinstance(value, float):
        if math.isnan(value):
            raise NumberError("NaN is not a number: type digits, for example 6 or 6.5.")
        if not math.isfinite(value):
            raise NumberError(f"{value} is not a number you can use here: type digits, for example 6 or 6.5.")
        if abs(value) > MAX_MAGNITUDE:
            raise NumberError("That number is too large for the course.")
        return Decimal(repr(value))
    if value is None:
        raise NumberError("Type a number first.")
    if isinstance(value, str):
        return _read_text(value)
    raise NumberError(f"{_quoted(value)} is not a number: type digits, for example 6 or 6.5.")


def parse_number(
    value, *, what: str = "The number", whole: bool = False, low=None, high=None, hint: str = "", empty=None
):
    """Read one number typed by a reader (text) or given by code (int or float).

    ``what`` names the quantity in messages ("Pain", "Minutes of exercise"); ``whole``
    asks for a whole number; ``low``/``high`` bound it (inclusive), and ``hint`` explains
    the range ("0 = no pain, 10 = worst pain imaginable"). ``empty`` is what a blank box
    means (None: a blank box is an error). Returns an ``int`` when ``whole``, else a
    ``float``. Raises :class:`NumberError` with a message naming the problem.
    """
    if empty is not None and (value is None or (isinstance(value, str) and not value.strip())):
        return empty
    rule = _rule(what, whole, low, high)
    try:
        number = _to_decimal(value)
    except NumberError as exc:
        message = str(exc)
        if message == "Type a number first." and rule:
            raise NumberError(f"Please enter {what[:1].lower() + what[1:]}{': ' + rule if rule else ''}.") from None
        raise NumberError(f"{message} {what} must be {rule}." if rule else message) from None
    text = _plain(number)
    if whole and number != number.to_integral_value():
        raise NumberError(f"{what} must be a whole number{_range(low, high)}; {text} has a fraction.")
    if (low is not None and number < low) or (high is not None and number > high):
        extra = f" ({hint})" if hint else ""
        raise NumberError(
            f"{what} must be {'a whole number ' if whole else ''}from {format_number(low)} to "
            f"{format_number(high)}{extra}; {text} is outside that range.".replace("  ", " ")
        )
    return int(number) if whole else float(number)


def try_number(value, **kwargs):
    """:func:`parse_number` that returns ``(number, None)`` or ``(None, message)``."""
    try:
        return parse_number(value, **kwargs), None
    except NumberError as exc:
        return None, str(exc)


def _range(low, high) -> str:
    if low is not None and high is not None:
        return f" from {format_number(low)} to {format_number(high)}"
    if low is not None:
        return f" of at least {format_number(low)}"
    if high is not None:
        return f" of at most {format_number(high)}"
    return ""


def _rule(what, whole, low, high) -> str:
    if not whole and low is None and high is None:
        return ""
    return f"{'a whole number' if whole else 'a number'}{_range(low, high)}"


# ----------------------------------------------------------------------- formatters


def format_number(value, decimals: int | None = None, thousands: str = "") -> str:
    """A number as the course writes it: never an exponent, no trailing zeros.

    ``decimals`` rounds first (None: as many as needed, up to 6 significant decimals);
    ``thousands`` groups whole-number digits (``","`` for prose such as "11,166 people";
    leave it empty where a reader may type the number back, since the parser refuses
    ``1,000`` as ambiguous).
    """
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        return str(value)
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    number = Decimal(value) if isinstance(value, int) else Decimal(repr(value)) if isinstance(value, float) else value
    if decimals is not None:
        number = round(number, decimals)
    elif number != number.to_integral_value():
        number = round(number, 6)
    text = _plain(number)
    if thousands:
        sign = "-" if text.startswith("-") else ""
        whole, _, frac = text.lstrip("-").partition(".")
        grouped = f"{int(whole):,}".replace(",", thousands)
        text = f"{sign}{grouped}{'.' + frac if frac else ''}"
    return text


def format_signed(value: float, decimals: int = 2) -> str:
    """A figure as published, with a fixed number of decimals and a real minus sign
    (U+2212), e.g. ``-0.52`` -> "−0.52" (effect sizes and their intervals)."""
    return f"{value:.{decimals}f}".replace("-", "\u2212")


def format_hours(hours: float) -> str:
    """'1 hour', '2.5 hours' (rounded to a tenth)."""
    value = round(hours, 1)
    return f"{format_number(value)} hour" if value == 1 else f"{format_number(value)} hours"


def format_duration(seconds) -> str:
    """'45 s', '2 min', '2 min 30 s' (rounded to the second)."""
    seconds = int(round(seconds))
    if seconds < 60:
        return f"{seconds} s"
    m, s = divmod(seconds, 60)
    return f"{m} min" if s == 0 else f"{m} min {s} s"
