"""Shared ipywidgets layouts and styles.

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
