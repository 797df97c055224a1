"""The registry of shared ipywidgets layouts and styles, the few widget builders every
view repeats, and the base class of the course's views.

Every ipywidgets control brings its own Layout and Style models unless given one, and
every model is one more message between kernel and browser when a notebook runs. The
course's widgets therefore share one model per distinct layout or style: ``layout(...)``
and ``style(kind, ...)`` return the same object for the same arguments within a kernel,
and :data:`SHARED` names the ones the views use (``shared_styles()["auto"]``). Shared
objects must never be changed per widget (set ``widget.layout`` to a new Layout for a
widget whose layout changes, e.g. to hide it).
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


#: Every shared layout and style the views use, by name: (kind, settings).
SHARED = {
    # layouts
    "plain": ("layout", {}),
    "auto": ("layout", {"width": "auto"}),
    "wide": ("layout", {"width": "100%"}),
    "field": ("layout", {"width": "300px"}),
    "form_wide": ("layout", {"width": "560px"}),
    "image": ("layout", {"width": "100%", "max_width": "640px", "height": "auto"}),
    # styles
    "text_style": ("text", {"description_width": "initial"}),
    "form_style": ("text", {"description_width": "150px"}),
    "form_select_style": ("description", {"description_width": "150px"}),
    "desc_style": ("description", {"description_width": "initial"}),
    "slider_style": ("slider", {"description_width": "initial"}),
    "toggle_style": ("toggle", {"description_width": "initial"}),
    "toggle_auto_style": ("toggle", {"description_width": "initial", "button_width": "auto"}),
    "progress_style": ("progress", {"description_width": "initial"}),
    "html_style": ("html", {}),
    "checkbox_style": ("checkbox", {}),
    "button_style": ("button", {}),
}


class _Shared(dict):
    """Shared layouts and styles by name, each created on first use only: sharing cuts a
    quiz's start-up messages to the browser by about two thirds."""

    def __missing__(self, key):
        kind, kwargs = SHARED[key]
        value = layout(**kwargs) if kind == "layout" else style(kind, **kwargs)
        self[key] = value
        return value


_SHARED = _Shared()


def shared_styles() -> dict:
    """The registry's layouts and styles by name (see :data:`SHARED`)."""
    return _SHARED


def html_widget(value: str = "", layout_name: str = "plain", cls: str = ""):
    """An ``ipywidgets.HTML`` with the shared layout and style (``cls`` adds a CSS class)."""
    import ipywidgets as w

    sh = shared_styles()
    widget = w.HTML(value=value, layout=sh[layout_name], style=sh["html_style"])
    if cls:
        widget.add_class(cls)
    return widget


def button(description: str, tooltip: str, icon: str = "", layout_name: str = "plain", **kwargs):
    """An ``ipywidgets.Button`` with the shared layout and style."""
    import ipywidgets as w

    sh = shared_styles()
    return w.Button(
        description=description, tooltip=tooltip, icon=icon, layout=sh[layout_name], style=sh["button_style"], **kwargs
    )


class View:
    """The base of the course's widget views: ``self.widget`` is the root widget, shown
    when the view is the last thing in a cell (with the course stylesheet the first time
    in a kernel, for a page that shows no ``objectives()``: an app, a teacher's notebook)."""

    widget = None

    def _ipython_display_(self):
        from IPython.display import HTML, display

        from .html import with_stylesheet

        css = with_stylesheet("")
        if css:
            display(HTML(css))
        display(self.widget)
