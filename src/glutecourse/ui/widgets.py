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


def css(*classes: str) -> dict:
    """Keyword arguments that give a widget its CSS classes as it is built:
    ``w.VBox(children, **css("gc-quiz"))``. A widget's model is sent to the browser when it is
    built, so ``add_class`` afterwards is one more message each; keep ``add_class`` and
    ``remove_class`` for classes that change while the reader uses the widget."""
    return {"_dom_classes": tuple(c for c in classes if c)}


def html_widget(value: str = "", layout_name: str = "plain", cls: str = ""):
    """An ``ipywidgets.HTML`` with the shared layout and style (``cls``: its CSS class)."""
    import ipywidgets as w

    sh = shared_styles()
    return w.HTML(value=value, layout=sh[layout_name], style=sh["html_style"], **css(cls))


def button(description: str, tooltip: str, icon: str = "", layout_name: str = "plain", cls: str = "", **kwargs):
    """An ``ipywidgets.Button`` with the shared layout and style (``cls``: its CSS class)."""
    import ipywidgets as w

    sh = shared_styles()
    return w.Button(
        description=description,
        tooltip=tooltip,
        icon=icon,
        layout=sh[layout_name],
        style=sh["button_style"],
        **css(cls),
        **kwargs,
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


# --------------------------------------------------------- a picture and a slider with names
# ipywidgets' Image has no alt text (and one given a tooltip fails to render), and its
# IntSlider's handle (a noUiSlider div with role=slider) has no accessible name: axe-core
# reports both (image-alt, critical; aria-input-field-name, serious). These two small
# anywidget views are the same controls in plain HTML: an <img> with its alt text, and a
# native range input with a <label>. Python sees what it saw before (``value``, ``format``;
# ``value``, ``min``, ``max``, ``step``, ``description``).

_PICTURE_ESM = r"""
function render({ model, el }) {
  const img = document.createElement("img");
  img.className = "gc-picture-img";
  el.classList.add("gc-picture");
  el.appendChild(img);
  let url = null;
  function update() {
    const value = model.get("value");
    if (url) { URL.revokeObjectURL(url); url = null; }
    if (value && value.byteLength) {
      url = URL.createObjectURL(new Blob([value], { type: "image/" + model.get("format") }));
      img.src = url;
      img.style.display = "";
    } else {
      img.removeAttribute("src");
      img.style.display = "none";
    }
    img.alt = model.get("alt");
  }
  model.on("change:value", update);
  model.on("change:format", update);
  model.on("change:alt", update);
  update();
  return () => { if (url) URL.revokeObjectURL(url); };
}
export default { render };
"""

# data-lm-suppress-shortcuts: in a notebook in command mode the arrow keys would otherwise
# move between cells instead of moving the slider (see glutecourse.ui.quizzes).
_SLIDER_ESM = r"""
function render({ model, el }) {
  const id = "gc-slider-" + Math.random().toString(36).slice(2);
  el.classList.add("gc-slider");
  const label = document.createElement("label");
  label.htmlFor = id;
  label.className = "gc-slider-label";
  const input = document.createElement("input");
  input.type = "range";
  input.id = id;
  input.setAttribute("data-lm-suppress-shortcuts", "true");
  input.setAttribute("role", "slider");  // its implicit role, said aloud for tools that look for it
  const readout = document.createElement("output");
  readout.htmlFor = id;
  readout.className = "gc-slider-readout";
  el.append(label, input, readout);
  function update() {
    label.textContent = model.get("description");
    input.title = model.get("tooltip") || "";
    for (const key of ["min", "max", "step"]) input[key] = String(model.get(key));
    input.value = String(model.get("value"));
    input.disabled = model.get("disabled");
    input.setAttribute("aria-valuenow", input.value);
    readout.textContent = input.value;
  }
  function send() {
    model.set("value", Number(input.value));
    model.save_changes();
  }
  input.addEventListener("input", () => {
    readout.textContent = input.value;
    input.setAttribute("aria-valuenow", input.value);
    if (model.get("continuous_update")) send();
  });
  input.addEventListener("change", send);
  for (const name of ["value", "min", "max", "step", "description", "tooltip", "disabled"]) model.on("change:" + name, update);
  update();
}
export default { render };
"""


def _named_classes():
    """The Picture and Slider widget classes (anywidget is imported only when one is shown)."""
    global _NAMED
    if _NAMED is None:
        import anywidget
        import traitlets as t

        class Picture(anywidget.AnyWidget):
            """An image with its alt text (``value``: the file's bytes; ``format``: "png",
            "svg+xml", ...; ``alt``: what the picture shows, for readers who cannot see it)."""

            _esm = _PICTURE_ESM
            value = t.Bytes(b"").tag(sync=True)
            format = t.Unicode("png").tag(sync=True)
            alt = t.Unicode("").tag(sync=True)

        class Slider(anywidget.AnyWidget):
            """A whole-number slider: a native range input named by its <label>
            (``description``), with its value shown beside it."""

            _esm = _SLIDER_ESM
            value = t.Int(0).tag(sync=True)
            min = t.Int(0).tag(sync=True)
            max = t.Int(100).tag(sync=True)
            step = t.Int(1).tag(sync=True)
            description = t.Unicode("").tag(sync=True)
            tooltip = t.Unicode("").tag(sync=True)
            disabled = t.Bool(False).tag(sync=True)
            continuous_update = t.Bool(True).tag(sync=True)

            @t.validate("value")
            def _clamp(self, proposal):
                return max(self.min, min(self.max, proposal["value"]))

        _NAMED = (Picture, Slider)
    return _NAMED


_NAMED = None


def image_alt(name: str) -> str:
    """The alt text of one of the course's figures (``images/manifest.json``), or ""."""
    import json

    from ..core.paths import images_dir

    try:
        manifest = json.loads((images_dir() / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ""
    return manifest.get(name, {}).get("alt", "")


def picture(alt: str = "", format: str = "svg+xml", layout=None):
    """A picture with alt text (use instead of ``ipywidgets.Image``, which has none)."""
    kwargs = {"layout": layout} if layout is not None else {}
    return _named_classes()[0](alt=alt, format=format, **kwargs)


def slider(description: str, value: int, min: int, max: int, tooltip: str = "", layout=None, **kwargs):
    """A labelled whole-number slider (use instead of ``ipywidgets.IntSlider``, whose handle
    has no accessible name)."""
    extra = {"layout": layout} if layout is not None else {}
    return _named_classes()[1](
        description=description, value=value, min=min, max=max, tooltip=tooltip, **extra, **kwargs
    )
