"""The pain diary's widget (notebook 09): add, edit, delete, export and import entries;
draw the chart. The diary itself (entries, the file, the checks) is
``glutecourse.topics.diary``; the chart is ``glutecourse.charts.diary``."""

from __future__ import annotations

from ..core import storage
from ..core.numbers import format_number
from ..core.paths import images_dir, user_dir
from ..topics.diary import FILENAME, Diary, Editor, Entry, Outcome, Settings, comparison
from .display import html
from .html import Markup, items, plain, safe_html, status_box
from .widgets import View, button, html_widget, shared_styles

# --- widget ---------------------------------------------------------------------------


class DiaryWidget(View):
    """Add, edit, delete, export and import diary entries; messages in ``self.message``.

    The logic (what each button does, and what to say) is ``glutecourse.topics.diary.Editor``,
    tested without widgets; this view reads the boxes, calls the editor and shows its
    :class:`~glutecourse.topics.diary.Outcome`.
    """

    def __init__(self, diary: Diary | None = None):
        import ipywidgets as w

        sh = shared_styles()
        self.diary = diary if diary is not None else Diary()
        self.editor = Editor(self.diary)
        self.date = self._text("Date", "The day this entry is for, as year-month-day", "YYYY-MM-DD")
        self.date.value = self.diary.today.isoformat()
        self.pain = self._text("Pain (0-10)", "Your pain that day, a whole number from 0 to 10", "0 = none, 10 = worst")
        self.minutes = self._text(
            "Exercise (minutes)", "Minutes of exercise that day, a whole number (empty means 0)", "0"
        )
        self.note = self._text("Note (optional)", "An optional short note", "up to 200 characters", wide=True)
        self.save_button = button(
            "Add entry", "Check the entry and save it to your diary", "plus", "auto", button_style="primary"
        )
        self.cancel_button = w.Button(
            description="Cancel editing",
            layout=w.Layout(width="auto", display="none"),
            style=sh["button_style"],
            tooltip="Leave the entry as it was and clear the form",
        )
        self.message = html_widget()
        self.entry_list = w.Select(
            description="Your entries", options=[], rows=7, layout=sh["form_wide"], style=sh["form_select_style"]
        )
        self.edit_button = button(
            "Edit selected", "Load the selected entry into the form above to change it", "pencil", "auto"
        )
        self.delete_button = button(
            "Delete selected", "Delete the selected entry (you will be asked to confirm)", "trash", "auto"
        )
        self.draw_button = button(
            "Draw my chart", "Draw your pain, its 7-day rolling mean and the example average", "line-chart", "auto"
        )
        self.transfer_button = button(
            "Export or import…",
            "Show the controls to save your diary as a CSV file or read one in",
            "exchange",
            "auto",
        )
        self.chart = None
        self.transfer = None
        self.save_button.on_click(lambda _: self.save())
        self.cancel_button.on_click(lambda _: self.cancel_edit())
        self.edit_button.on_click(lambda _: self.edit_selected())
        self.delete_button.on_click(lambda _: self.delete_selected())
        self.draw_button.on_click(lambda _: self.draw())
        self.transfer_button.on_click(lambda _: self.show_transfer())
        self.info = html_widget()
        self.widget = w.VBox(
            [
                self.info,
                self.date,
                self.pain,
                self.minutes,
                self.note,
                w.HBox([self.save_button, self.cancel_button], layout=sh["plain"]),
                self.message,
                self.entry_list,
                w.HBox(
                    [self.edit_button, self.delete_button, self.draw_button, self.transfer_button], layout=sh["plain"]
                ),
            ],
            layout=sh["plain"],
        )
        self._refresh_list()
        opening = self.editor.opening()
        if opening is not None:
            self._show(opening)

    @staticmethod
    def _text(description, tooltip, placeholder="", value="", wide=False):
        import ipywidgets as w

        sh = shared_styles()
        return w.Text(
            value=value,
            description=description,
            placeholder=placeholder,
            tooltip=tooltip,
            layout=sh["form_wide" if wide else "field"],
            style=sh["form_style"],
        )

    # state the tests and scripts read
    editing = property(lambda self: self.editor.editing)

    # messages
    def _say(self, text: str, kind: str = "ok"):
        self.message.value = status_box(kind, text)

    def _show(self, outcome: Outcome):
        """Show what the editor did: the message, the form and the list."""
        if outcome.problems:
            shown = items(f"line {n}: {m}" for n, m in outcome.problems[:20])
            more = len(outcome.problems) - 20
            extra = f"<ul><li>… and {more} more</li></ul>" if more > 0 else ""
            self.message.value = status_box(
                "error",
                Markup(f"Fix these rows of <code>{safe_html(outcome.path)}</code> and try again:{shown}{extra}"),
                label=f"✖ {outcome.text}",
            )
        else:
            self._say(outcome.text, outcome.kind)
        if outcome.form == "clear":
            self._clear_form()
        elif outcome.form == "load":
            self._load_form(self.editor.editing_entry)
        self._refresh_list(select=outcome.select)

    def _refresh_list(self, select=None):
        entries = sorted(self.diary.entries.values(), reverse=True)
        self.entry_list.options = [(e.label(), e.date.isoformat()) for e in entries]
        if select is not None and select.isoformat() in [v for _, v in self.entry_list.options]:
            self.entry_list.value = select.isoformat()
        self.info.value = (
            f"<p>Saved only on this computer, in <code>{safe_html(self.diary.path)}</code>. "
            f"{len(self.diary)} entries so far.</p>"
        )

    def _clear_form(self):
        self.pain.value = ""
        self.minutes.value = ""
        self.note.value = ""
        self.save_button.description = "Add entry"
        self.save_button.icon = "plus"
        self.cancel_button.layout.display = "none"

    def _load_form(self, entry: Entry):
        self.date.value = entry.date.isoformat()
        self.pain.value = str(entry.pain)
        self.minutes.value = str(entry.minutes)
        self.note.value = entry.note
        self.save_button.description = "Save changes"
        self.save_button.icon = "check"
        self.cancel_button.layout.display = None

    # actions
    def save(self):
        self._show(self.editor.save(self.date.value, self.pain.value, self.minutes.value, self.note.value))

    def cancel_edit(self):
        self._show(self.editor.cancel())

    def edit_selected(self):
        self._show(self.editor.edit(self.entry_list.value))

    def delete_selected(self):
        self._show(self.editor.delete(self.entry_list.value))

    def _build_chart_area(self):
        """The chart, its caption and the 'about your pain' boxes, built on first use."""
        import ipywidgets as w

        sh = shared_styles()
        saved = self.diary.settings()
        self.pain_began = self._text(
            "Pain began on",
            "The day this episode of back pain began, as year-month-day. Only if it "
            "began recently is your chart compared with the average for recent pain.",
            "YYYY-MM-DD (optional)",
            saved.pain_began.isoformat() if saved.pain_began else "",
        )
        self.goal_pain = self._text(
            "Pain goal (0-10)",
            "A pain level you would like to get to, a whole number from 0 to 10",
            "optional",
            "" if saved.goal_pain is None else str(saved.goal_pain),
        )
        self.goal_minutes = self._text(
            "Exercise goal (min/day)",
            "Minutes of exercise a day you are aiming for, a whole number",
            "optional",
            "" if saved.goal_minutes is None else str(saved.goal_minutes),
        )
        self.settings_button = button(
            "Save and redraw", "Save these three boxes and draw your chart again", "check", "auto"
        )
        self.settings_button.on_click(lambda _: self.save_settings())
        self.chart = w.Image(format="svg+xml", layout=w.Layout(max_width="800px", width="100%"))
        self.chart_caption = w.HTML()
        about = w.VBox(
            [
                w.HTML("<p><strong>About your pain</strong> (optional): what your chart compares you with.</p>"),
                self.pain_began,
                self.goal_pain,
                self.goal_minutes,
                self.settings_button,
            ],
            layout=sh["plain"],
        )
        self.widget.children = (*self.widget.children, about, self.chart_caption, self.chart)

    def save_settings(self):
        outcome, settings = self.editor.save_settings(
            self.pain_began.value, self.goal_pain.value, self.goal_minutes.value
        )
        self._show(outcome)
        if settings is not None:
            self.draw(settings)

    def draw(self, settings: Settings | None = None):
        if self.chart is None:
            self._build_chart_area()
        if not self.diary.entries:
            self.chart.value = (images_dir() / "diary-sample.svg").read_bytes()
            self.chart_caption.value = (
                "<p>You have no entries yet, so this is the <strong>made-up sample "
                "diary</strong>. Add entries, then press Draw my chart again.</p>"
            )
            return
        import datetime as _dt

        from ..charts.diary import diary_figure
        from ..charts.plotting import figure_svg

        settings = settings or self.diary.settings()
        entries = self.diary.sorted()
        # The reader's chart runs to today, so days without entries since the last one show.
        today = max(_dt.date.today(), entries[-1].date)
        self.chart.value = figure_svg(diary_figure(entries, settings=settings, today=today)).encode("utf-8")
        self.chart_caption.value = chart_caption_html(entries, settings)

    def show_transfer(self):
        """Build the export and import controls (only when the reader asks for them)."""
        import ipywidgets as w

        if self.transfer is not None:
            return
        self.export_path = self._text(
            "Export to",
            "Where to write the CSV file (a full path)",
            wide=True,
            value=str(self.diary.path.with_name("pain-diary-export.csv")),
        )
        self.export_button = button(
            "Export CSV", "Write all your entries to the file named on the left", "download", "auto"
        )
        self.import_path = self._text(
            "Import from", "The CSV file to read: columns date, pain, minutes, note", "path to a .csv file", wide=True
        )
        self.import_button = button(
            "Import CSV", "Check every row of the file; if all are good, add them to your diary", "upload", "auto"
        )
        self.export_button.on_click(lambda _: self.export())
        self.import_button.on_click(lambda _: self.import_())
        self.transfer = w.VBox(
            [w.HBox([self.export_path, self.export_button]), w.HBox([self.import_path, self.import_button])]
        )
        children = list(self.widget.children)
        children.insert(children.index(self.message), self.transfer)
        self.widget.children = tuple(children)

    def export(self):
        """Export to the typed path; an existing file is replaced only when the reader
        presses Export CSV a second time for the same path (the widget asks first)."""
        self._show(self.editor.export(self.export_path.value))

    def import_(self):
        self._show(self.editor.import_(self.import_path.value))


def chart_caption_html(entries: list[Entry], settings: Settings) -> str:
    """What the diary's chart shows and what it compares the reader with."""
    compare = comparison(entries, settings)
    if compare.kind == "acute":
        against = (
            f"Your pain began on {settings.pain_began.isoformat()}, recently, so the dashed line is the "
            "average for recent back pain from research, counted from that day. It is an example, "
            "<strong>not a target</strong>: about half of people sit above an average."
        )
    else:
        against = (
            f"The dashed line is <strong>your own first week</strong> (average pain "
            f"{format_number(compare.first_week, 1)}): {safe_html(compare.reason)}, so your "
            "chart is not compared with the average for pain that has only just begun."
        )
    goals = ""
    if settings.goal_pain is not None or settings.goal_minutes is not None:
        goals = " The dotted lines are your goals."
    return (
        f"<p>Your diary: {len(entries)} entries, {entries[0].date.isoformat()} to "
        f"{entries[-1].date.isoformat()}. {against}{goals}</p>"
    )


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
