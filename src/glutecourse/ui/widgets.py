"""Shared ipywidgets layouts and styles, and the registry of styles the views share.

Every ipywidgets control brings its own Layout and Style models unless given one, and
every model is one more message between kernel and browser when a notebook runs. The
course's widgets therefore share one model per distinct layout or style: ``layout(...)``
and ``style(kind, ...)`` return the same object for the same arguments within a kernel.
Shared objects must never be changed per widget (set ``widget.layout`` to a new Layout
for a widget whose layout changes, e.g. to hide it).
"""

from __future__ import annotations

_CACHE: dict = {}

_STYLE_CLASSES = {
    "button": ("ipywidgets.widgets.widget_button", "ButtonStyle"),
    "checkbox": ("ipywidgets.widgets.widget_bool", "CheckboxStyle"),
    "description": ("ipywidgets.widgets.widget_description", "DescriptionStyle"),
    "html": ("ipywidgets.widgets.widget_string", "HTMLStyle"),
    "text": ("ipywidgets.widgets.widget_string", "TextStyle"),
    "slider": ("ipywidgets.widgets.widget_int", "SliderStyle"),
    "progress": ("ipywidgets.widgets.widget_int", "ProgressStyle"),
    "toggle": ("ipywidgets.widgets.widget_selection", "ToggleButtonsStyle"),
}


def _key(kind, kwargs):
    return (kind, tuple(sorted(kwargs.items())))


def layout(**kwargs):
    """A shared ``ipywidgets.Layout`` with these settings."""
    key = _key("layout", kwargs)
    if key not in _CACHE:
        import ipywidgets as w

        _CACHE[key] = w.Layout(**kwargs)
    return _CACHE[key]


def style(kind: str, **kwargs):
    """A shared style model: kind is one of button, checkbox, description, html, text,
    slider, progress, toggle."""
    key = _key(kind, kwargs)
    if key not in _CACHE:
        from importlib import import_module

        module, name = _STYLE_CLASSES[kind]
        _CACHE[key] = getattr(import_module(module), name)(**kwargs)
    return _CACHE[key]


_SHARED_SPECS = {
    "auto": ("layout", {"width": "auto"}),
    "plain": ("layout", {}),
    "text_style": ("text", {"description_width": "initial"}),
    "desc_style": ("description", {"description_width": "initial"}),
    "html_style": ("html", {}),
    "checkbox_style": ("checkbox", {}),
    "button_style": ("button", {}),
}


class _Shared(dict):
    """Shared layouts and styles by name, each created on first use only: sharing cuts a
    quiz's start-up messages to the browser by about two thirds."""

    def __missing__(self, key):
        kind, kwargs = _SHARED_SPECS[key]
        value = layout(**kwargs) if kind == "layout" else style(kind, **kwargs)
        self[key] = value
        return value


def shared_styles() -> dict:
    """The layouts and styles the quiz, the cause cards and the treatment explorer share."""
    return _Shared()
