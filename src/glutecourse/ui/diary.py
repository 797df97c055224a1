"""The pain diary's widget (notebook 09): add, edit, delete, export and import entries;
draw the chart. The diary itself (entries, the file, the checks) is
``glutecourse.topics.diary``; the chart is ``glutecourse.charts.diary``."""

from __future__ import annotations

from ..core import storage
from ..core.paths import images_dir, user_dir
from ..core.records import asdict
from ..topics.diary import FILENAME, Diary, Editor, Outcome, Settings
from .display import html
from .html import Markup, items, plain, safe_html, status_box, strip_tags
from .widgets import View, button, html_widget, image_alt, picture, shared_styles

# --- widget ---------------------------------------------------------------------------

#: The text boxes: attribute -> (label, what a screen reader says, placeholder, wide).
BOXES = {
    "date": ("Date", "The day this entry is for, as year-month-day", "YYYY-MM-DD", False),
    "pain": ("Pain (0-10)", "Your pain that day, a whole number from 0 to 10", "0 = none, 10 = worst", False),
    "minutes": ("Exercise (minutes)", "Minutes of exercise that day, a whole number (empty means 0)", "0", False),
    "note": ("Note (optional)", "An optional short note", "up to 200 characters", True),
    "pain_began": (
        "Pain began on",
        "The day this episode of back pain began, as year-month-day. Only if it began recently is your "
        "chart compared with the average for recent pain.",
        "YYYY-MM-DD (optional)",
        False,
    ),
    "goal_pain": (
        "Pain goal (0-10)",
        "A pain level you would like to get to, a whole number from 0 to 10",
        "optional",
        False,
    ),
    "goal_minutes": (
        "Exercise goal (min/day)",
        "Minutes of exercise a day you are aiming for, a whole number",
        "optional",
        False,
    ),
    "export_path": ("Export to", "Where to write the CSV file (a full path)", "", True),
    "import_path": (
        "Import from",
        "The CSV file to read: columns date, pain, minutes, note",
        "path to a .csv file",
        True,
    ),
}

#: The buttons: attribute -> (label, what it does, icon, the view's method it calls).
BUTTONS = {
    "save_button": ("Add entry", "Check the entry and save it to your diary", "plus", "save"),
    "cancel_button": ("Cancel editing", "Leave the entry as it was and clear the form", "", "cancel_edit"),
    "edit_button": (
        "Edit selected",
        "Load the selected entry into the form above to change it",
        "pencil",
        "edit_selected",
    ),
    "delete_button": (
        "Delete selected",
        "Delete the selected entry (you will be asked to confirm)",
        "trash",
        "delete_selected",
    ),
    "draw_button": (
        "Draw my chart",
        "Draw your pain, its 7-day rolling mean and the example average",
        "line-chart",
        "draw",
    ),
    "transfer_button": (
        "Export or import…",
        "Show the controls to save your diary as a CSV file or read one in",
        "exchange",
        "show_transfer",
    ),
    "settings_button": (
        "Save and redraw",
        "Save these three boxes and draw your chart again",
        "check",
        "save_settings",
    ),
    "export_button": ("Export CSV", "Write all your entries to the file named on the left", "download", "export"),
    "import_button": (
        "Import CSV",
        "Check every row of the file; if all are good, add them to your diary",
        "upload",
        "import_",
    ),
}


def _make(view, *names, values: dict | None = None):
    """Build the named boxes and buttons (see :data:`BOXES`, :data:`BUTTONS`) as attributes
    of ``view``, each button calling the view's method of its row."""
    import ipywidgets as w

    sh = shared_styles()
    for name in names:
        if name in BOXES:
            label, tooltip, placeholder, wide = BOXES[name]
            value, layout = (values or {}).get(name, ""), sh["form_wide" if wide else "field"]
            box = w.Text(
                value,
                description=label,
                placeholder=placeholder,
                tooltip=tooltip,
                layout=layout,
                style=sh["form_style"],
            )
            setattr(view, name, box)
        else:
            label, tooltip, icon, method = BUTTONS[name]
            setattr(view, name, button(label, tooltip, icon, "auto"))
            getattr(view, name).on_click(lambda _, act=getattr(view, method): act())


class DiaryWidget(View):
    """Add, edit, delete, export and import diary entries; messages in ``self.message``.

    The logic (what each button does, what to say, what the form and the chart show) is
    ``glutecourse.topics.diary.Editor``, tested without widgets; this view reads the boxes,
    calls the editor and shows what it returns."""

    def __init__(self, diary: Diary | None = None):
        import ipywidgets as w

        sh = shared_styles()
        self.diary = diary if diary is not None else Diary()
        self.editor = Editor(self.diary)
        _make(self, "date", "pain", "minutes", "note", "save_button", "cancel_button")
        _make(self, "edit_button", "delete_button", "draw_button", "transfer_button")
        self.date.value = self.diary.today.isoformat()
        self.save_button.button_style = "primary"
        self.cancel_button.layout = w.Layout(width="auto", display="none")  # its own: it is shown and hidden
        self.message, self.info = html_widget(), html_widget()
        self.entry_list = w.Select(
            description="Your entries", options=[], rows=7, layout=sh["form_wide"], style=sh["form_select_style"]
        )
        self.chart = self.transfer = None
        actions = [self.edit_button, self.delete_button, self.draw_button, self.transfer_button]
        self.widget = w.VBox(
            [self.info, self.date, self.pain, self.minutes, self.note]
            + [w.HBox([self.save_button, self.cancel_button], layout=sh["plain"]), self.message, self.entry_list]
            + [w.HBox(actions, layout=sh["plain"])],
            layout=sh["plain"],
        )
        self._refresh_list()
        opening = self.editor.opening()
        if opening is not None:
            self._show(opening)

    # state the tests and scripts read
    editing = property(lambda self: self.editor.editing)

    def _show(self, outcome: Outcome):
        """Show what the editor did: the message, the form and the list."""
        if outcome.problems:
            where = Markup(f"Fix these rows of <code>{safe_html(outcome.path)}</code> and try again:")
            body = Markup(where + items(outcome.problem_lines()))
            self.message.value = status_box("error", body, label=f"✖ {outcome.text}")
        else:
            self.message.value = status_box(outcome.kind, outcome.text)
        if outcome.form is not None:
            form = self.editor.form()
            for name, value in form.values:
                getattr(self, name).value = value
            self.save_button.description, self.save_button.icon = form.save_label, form.save_icon
            self.cancel_button.layout.display = None if form.editing else "none"
        self._refresh_list(select=outcome.select)

    def _refresh_list(self, select=None):
        self.entry_list.options = self.editor.choices()
        if select is not None and select.isoformat() in [v for _, v in self.entry_list.options]:
            self.entry_list.value = select.isoformat()
        self.info.value = f"<p>{safe_html(self.editor.info())}</p>"

    # actions
    def save(self):
        self._show(self.editor.save(self.date.value, self.pain.value, self.minutes.value, self.note.value))

    def cancel_edit(self):
        self._show(self.editor.cancel())

    def edit_selected(self):
        self._show(self.editor.edit(self.entry_list.value))

    def delete_selected(self):
        self._show(self.editor.delete(self.entry_list.value))

    def save_settings(self):
        outcome, settings = self.editor.save_settings(
            self.pain_began.value, self.goal_pain.value, self.goal_minutes.value
        )
        self._show(outcome)
        if settings is not None:
            self.draw(settings)

    def draw(self, settings: Settings | None = None):
        """Draw the chart (building its area, with the 'about your pain' boxes, on first use)."""
        import ipywidgets as w

        if self.chart is None:
            _make(
                self,
                "pain_began",
                "goal_pain",
                "goal_minutes",
                "settings_button",
                values=asdict(self.editor.settings_form()),
            )
            self.chart = picture(format="svg+xml", layout=w.Layout(max_width="800px", width="100%"))
            self.chart_caption = html_widget()
            heading = html_widget(
                "<p><strong>About your pain</strong> (optional): what your chart compares you with.</p>"
            )
            boxes = [heading, self.pain_began, self.goal_pain, self.goal_minutes, self.settings_button]
            self.widget.children = (
                *self.widget.children,
                w.VBox(boxes, layout=shared_styles()["plain"]),
                self.chart_caption,
                self.chart,
            )
        plan = self.editor.chart(settings)
        self.chart_caption.value = f"<p>{safe_html(plan.caption)}</p>"
        if plan.sample:
            self.chart.value = (images_dir() / "diary-sample.svg").read_bytes()
            self.chart.alt = image_alt("diary-sample.svg")
            return
        from ..charts.diary import diary_figure
        from ..charts.plotting import figure_svg

        figure = diary_figure(plan.entries, settings=plan.settings, today=plan.today)
        self.chart.value = figure_svg(figure).encode("utf-8")
        self.chart.alt = (
            "Chart of your pain diary: your pain each day (0 to 10) as dots, its 7-day rolling mean as a solid "
            "line, and below it your minutes of exercise as bars; the text above the chart says what it is "
            f"compared with. {strip_tags(plan.caption)}"
        )

    def show_transfer(self):
        """Build the export and import controls (only when the reader asks for them)."""
        import ipywidgets as w

        if self.transfer is not None:
            return
        _make(self, "export_path", "export_button", "import_path", "import_button")
        self.export_path.value = self.editor.default_export()
        rows = [w.HBox([self.export_path, self.export_button]), w.HBox([self.import_path, self.import_button])]
        self.transfer = w.VBox(rows)
        children = list(self.widget.children)
        children.insert(children.index(self.message), self.transfer)
        self.widget.children = tuple(children)

    def export(self):
        """Export to the typed path; an existing file is replaced only when the reader
        presses Export CSV a second time for the same path (the editor asks first)."""
        self._show(self.editor.export(self.export_path.value))

    def import_(self):
        self._show(self.editor.import_(self.import_path.value))


def diary_widget(diary: Diary | None = None) -> DiaryWidget:
    """Your pain diary: add, edit, delete, export and import entries; draw your chart."""
    return DiaryWidget(diary)


def where_saved():
    """Show where this reader's diary is saved (it never leaves the computer)."""
    try:
        path = user_dir() / FILENAME
        state = "It already exists." if path.exists() else "It will be created when you add your first entry."
    except OSError as exc:
        path = user_dir(create=False) / FILENAME
        state = (
            f"It cannot be saved there at the moment ({storage.describe_error(exc, path)}); the diary "
            "below will say so too."
        )
    return html(f"<p>Your diary file on this computer: <code>{plain(path)}</code>. {safe_html(state)}</p>")
