"""The pain diary's widget (notebook 09): add, edit, delete, export and import entries;
draw the chart. The diary itself (entries, the file, the checks) is
``glutecourse.topics.diary``; the chart is ``glutecourse.charts.diary``."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

from ..core import storage
from ..core.numbers import format_number
from ..core.paths import images_dir, user_dir
from ..core.text import safe_html
from ..topics.diary import (
    FILENAME,
    ConflictError,
    Diary,
    Entry,
    EntryError,
    ImportProblem,
    Settings,
    comparison,
    validate_entry,
    validate_settings,
)
from .display import html
from .widgets import layout, style

# --- widget ---------------------------------------------------------------------------


def _shared():
    """Shared, never-changed layouts and styles (see widgets.py)."""
    return dict(
        auto=layout(width="auto"),
        field=layout(width="300px"),
        wide=layout(width="560px"),
        style=style("text", description_width="150px"),
        select_style=style("description", description_width="150px"),
        button=style("button"),
        plain=layout(),
        html_style=style("html"),
    )


class DiaryWidget:
    """Add, edit, delete, export and import diary entries; messages in ``self.message``.

    Adding a date that already has an entry does not overwrite it: the entry is loaded
    into the form for editing, and the reader presses *Save changes*.
    """

    def __init__(self, diary: Diary | None = None):
        import ipywidgets as w

        sh = _shared()
        self.diary = diary if diary is not None else Diary()
        self.editing: _dt.date | None = None
        self._editing_entry: Entry | None = None
        self._pending_delete: _dt.date | None = None
        self.date = w.Text(
            value=self.diary.today.isoformat(),
            description="Date",
            placeholder="YYYY-MM-DD",
            tooltip="The day this entry is for, as year-month-day",
            layout=sh["field"],
            style=sh["style"],
        )
        self.pain = w.Text(
            description="Pain (0-10)",
            placeholder="0 = none, 10 = worst",
            tooltip="Your pain that day, a whole number from 0 to 10",
            layout=sh["field"],
            style=sh["style"],
        )
        self.minutes = w.Text(
            description="Exercise (minutes)",
            placeholder="0",
            value="",
            tooltip="Minutes of exercise that day, a whole number (empty means 0)",
            layout=sh["field"],
            style=sh["style"],
        )
        self.note = w.Text(
            description="Note (optional)",
            placeholder="up to 200 characters",
            tooltip="An optional short note",
            layout=sh["wide"],
            style=sh["style"],
        )
        self.save_button = w.Button(
            description="Add entry",
            button_style="primary",
            icon="plus",
            layout=sh["auto"],
            style=sh["button"],
            tooltip="Check the entry and save it to your diary",
        )
        self.cancel_button = w.Button(
            description="Cancel editing",
            layout=w.Layout(width="auto", display="none"),
            style=sh["button"],
            tooltip="Leave the entry as it was and clear the form",
        )
        self.message = w.HTML(layout=sh["plain"], style=sh["html_style"])
        self.entry_list = w.Select(
            description="Your entries", options=[], rows=7, layout=sh["wide"], style=sh["select_style"]
        )
        self.edit_button = w.Button(
            description="Edit selected",
            icon="pencil",
            layout=sh["auto"],
            style=sh["button"],
            tooltip="Load the selected entry into the form above to change it",
        )
        self.delete_button = w.Button(
            description="Delete selected",
            icon="trash",
            layout=sh["auto"],
            style=sh["button"],
            tooltip="Delete the selected entry (you will be asked to confirm)",
        )
        self.draw_button = w.Button(
            description="Draw my chart",
            icon="line-chart",
            layout=sh["auto"],
            style=sh["button"],
            tooltip="Draw your pain, its 7-day rolling mean and the example average",
        )
        self.transfer_button = w.Button(
            description="Export or import…",
            icon="exchange",
            layout=sh["auto"],
            style=sh["button"],
            tooltip="Show the controls to save your diary as a CSV file or read one in",
        )
        self.chart = None
        self.transfer = None
        self.save_button.on_click(lambda _: self.save())
        self.cancel_button.on_click(lambda _: self.cancel_edit())
        self.edit_button.on_click(lambda _: self.edit_selected())
        self.delete_button.on_click(lambda _: self.delete_selected())
        self.draw_button.on_click(lambda _: self.draw())
        self.transfer_button.on_click(lambda _: self.show_transfer())
        self.info = w.HTML(layout=sh["plain"], style=sh["html_style"])
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
        self.info.value = (
            f"<p>Saved only on this computer, in <code>{safe_html(self.diary.path)}</code>. "
            f"{len(self.diary)} entries so far.</p>"
        )
        self._pending_overwrite: Path | None = None
        if self.diary.problem:
            self._say(
                f"{self.diary.problem[:1].upper()}{self.diary.problem[1:]}. The diary still works, but "
                "nothing can be saved until this is fixed.",
                "error",
            )
        elif self.diary.warning:
            self._say(self.diary.warning, "warning")

    # messages
    def _say(self, text: str, kind: str = "ok"):
        colour = {"ok": "#009E73", "error": "#D55E00", "warning": "#D55E00", "info": "#0072B2"}[kind]
        prefix = {"ok": "✔ Saved.", "error": "✖ Not saved.", "warning": "⚠ Please note.", "info": "ℹ"}[kind]
        role = "alert" if kind in ("error", "warning") else "status"
        self.message.value = (
            f"<div role='{role}' aria-live='polite' style='border-left:4px solid {colour};"
            f"padding:2px 8px'><strong>{prefix}</strong> {safe_html(text)}</div>"
        )

    def _refresh_list(self, select=None):
        entries = sorted(self.diary.entries.values(), reverse=True)
        self.entry_list.options = [(e.label(), e.date.isoformat()) for e in entries]
        if select is not None and select.isoformat() in [v for _, v in self.entry_list.options]:
            self.entry_list.value = select.isoformat()
        if hasattr(self, "info"):
            self.info.value = (
                f"<p>Saved only on this computer, in <code>{safe_html(self.diary.path)}</code>. "
                f"{len(self.diary)} entries so far.</p>"
            )

    def _clear_form(self):
        self.pain.value = ""
        self.minutes.value = ""
        self.note.value = ""
        self.editing = None
        self._editing_entry = None
        self.save_button.description = "Add entry"
        self.save_button.icon = "plus"
        self.cancel_button.layout.display = "none"

    def _load_form(self, entry: Entry):
        self.editing = entry.date
        self._editing_entry = entry
        self.date.value = entry.date.isoformat()
        self.pain.value = str(entry.pain)
        self.minutes.value = str(entry.minutes)
        self.note.value = entry.note
        self.save_button.description = "Save changes"
        self.save_button.icon = "check"
        self.cancel_button.layout.display = None

    # actions
    def save(self):
        self._pending_delete = None
        try:
            entry = validate_entry(
                self.date.value, self.pain.value, self.minutes.value, self.note.value, today=self.diary.today
            )
        except EntryError as exc:
            self._say(str(exc), "error")
            return
        try:
            if self.editing is not None:
                self.diary.update(self.editing, entry, expected=self._editing_entry)
                done = f"Entry for {entry.date.isoformat()} changed: pain {entry.pain}, {entry.minutes} min."
            else:
                self.diary.reload()  # another window may have added this date meanwhile
                if entry.date in self.diary.entries:
                    old = self.diary.entries[entry.date]
                    self._load_form(old)
                    self._refresh_list()
                    self._say(
                        f"There is already an entry for {entry.date.isoformat()} (pain {old.pain}, "
                        f"{old.minutes} min). It is now in the form: change it and press Save changes, "
                        "or press Cancel editing.",
                        "info",
                    )
                    return
                self.diary.add(entry)
                done = f"Entry for {entry.date.isoformat()}: pain {entry.pain}, {entry.minutes} min."
        except ConflictError as exc:
            self._refresh_list()
            current = self.diary.entries.get(self.editing) if self.editing is not None else None
            if current is not None:
                # The reader has now been shown the other window's version: pressing Save
                # changes again is a deliberate choice to replace it.
                self._editing_entry = current
                self._say(
                    f"{exc} Press Save changes again to replace it with what is in the form, or Cancel editing.",
                    "error",
                )
            else:
                self._clear_form()
                self._say(str(exc), "error")
            return
        except EntryError as exc:
            self._refresh_list()
            self._say(str(exc), "error")
            return
        except (OSError, ValueError) as exc:
            self._refresh_list()
            reason = storage.describe_error(exc, self.diary.path) if isinstance(exc, OSError) else str(exc)
            self._say(f"Your diary file could not be written ({reason}). Nothing was changed.", "error")
            return
        self._clear_form()
        self._refresh_list(select=entry.date)
        self._say(done)

    def cancel_edit(self):
        self._clear_form()
        self._say("Editing cancelled; the entry is unchanged.", "info")

    def _selected(self) -> Entry | None:
        if not self.entry_list.value:
            self._say("Choose an entry in the list first.", "info")
            return None
        return self.diary.get(self.entry_list.value)

    def edit_selected(self):
        entry = self._selected()
        if entry:
            self._load_form(entry)
            self._say(f"Editing {entry.date.isoformat()}: change the form and press Save changes.", "info")

    def delete_selected(self):
        entry = self._selected()
        if not entry:
            return
        if self._pending_delete != entry.date:
            self._pending_delete = entry.date
            self._say(f"Press Delete selected again to delete the entry for {entry.date.isoformat()}.", "info")
            return
        self._pending_delete = None
        try:
            self.diary.delete(entry.date, expected=entry)
        except EntryError as exc:
            self._refresh_list()
            self._say(str(exc), "error")
            return
        except OSError as exc:
            self._refresh_list()
            self._say(
                f"Your diary file could not be written ({storage.describe_error(exc, self.diary.path)}). "
                "Nothing was changed.",
                "error",
            )
            return
        if self.editing == entry.date:
            self._clear_form()
        self._refresh_list()
        self._say(f"Deleted the entry for {entry.date.isoformat()}.")

    def _build_chart_area(self):
        """The chart, its caption and the 'about your pain' boxes, built on first use."""
        import ipywidgets as w

        sh = _shared()
        saved = self.diary.settings()
        self.pain_began = w.Text(
            value=saved.pain_began.isoformat() if saved.pain_began else "",
            description="Pain began on",
            placeholder="YYYY-MM-DD (optional)",
            tooltip="The day this episode of back pain began, as year-month-day. Only if it "
            "began recently is your chart compared with the average for recent pain.",
            layout=sh["field"],
            style=sh["style"],
        )
        self.goal_pain = w.Text(
            value="" if saved.goal_pain is None else str(saved.goal_pain),
            description="Pain goal (0-10)",
            placeholder="optional",
            tooltip="A pain level you would like to get to, a whole number from 0 to 10",
            layout=sh["field"],
            style=sh["style"],
        )
        self.goal_minutes = w.Text(
            value="" if saved.goal_minutes is None else str(saved.goal_minutes),
            description="Exercise goal (min/day)",
            placeholder="optional",
            tooltip="Minutes of exercise a day you are aiming for, a whole number",
            layout=sh["field"],
            style=sh["style"],
        )
        self.settings_button = w.Button(
            description="Save and redraw",
            icon="check",
            layout=sh["auto"],
            style=sh["button"],
            tooltip="Save these three boxes and draw your chart again",
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
        try:
            settings = validate_settings(
                self.pain_began.value, self.goal_pain.value, self.goal_minutes.value, today=self.diary.today
            )
        except EntryError as exc:
            self._say(str(exc), "error")
            return
        try:
            self.diary.save_settings(settings)
        except OSError as exc:
            self._say(
                f"Your settings could not be saved ({storage.describe_error(exc, self.diary.settings_path)}).", "error"
            )
            return
        self._say("Your settings are saved.")
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
        from ..charts.diary import diary_figure
        from ..charts.plotting import figure_svg

        settings = settings or self.diary.settings()
        entries = self.diary.sorted()
        compare = comparison(entries, settings)
        self.chart.value = figure_svg(diary_figure(entries, settings=settings)).encode("utf-8")
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
        self.chart_caption.value = (
            f"<p>Your diary: {len(entries)} entries, {entries[0].date.isoformat()} to "
            f"{entries[-1].date.isoformat()}. {against}{goals}</p>"
        )

    def show_transfer(self):
        """Build the export and import controls (only when the reader asks for them)."""
        import ipywidgets as w

        if self.transfer is not None:
            return
        sh = _shared()
        self.export_path = w.Text(
            value=str(self.diary.path.with_name("pain-diary-export.csv")),
            description="Export to",
            tooltip="Where to write the CSV file (a full path)",
            layout=sh["wide"],
            style=sh["style"],
        )
        self.export_button = w.Button(
            description="Export CSV",
            icon="download",
            layout=sh["auto"],
            style=sh["button"],
            tooltip="Write all your entries to the file named on the left",
        )
        self.import_path = w.Text(
            description="Import from",
            placeholder="path to a .csv file",
            tooltip="The CSV file to read: columns date, pain, minutes, note",
            layout=sh["wide"],
            style=sh["style"],
        )
        self.import_button = w.Button(
            description="Import CSV",
            icon="upload",
            layout=sh["auto"],
            style=sh["button"],
            tooltip="Check every row of the file; if all are good, add them to your diary",
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
        text = self.export_path.value.strip()
        if not text:
            self._say("Type where to save the file first.", "error")
            return
        overwrite = self._pending_overwrite == text
        self._pending_overwrite = None
        try:
            path = self.diary.export_csv(text, overwrite=overwrite)
        except FileExistsError as exc:
            self._pending_overwrite = text
            self._say(f"{exc.strerror}. Press Export CSV again to replace it, or type another name.", "info")
            return
        except storage.RefusedTarget as exc:
            self._say(f"Not exported: {exc.strerror}.", "error")
            return
        except OSError as exc:
            self._say(f"Could not write {text}: {storage.describe_error(exc, text)}.", "error")
            return
        self._say(f"Exported {len(self.diary)} entries to {path}.")

    def import_(self):
        text = self.import_path.value.strip()
        if not text:
            self._say("Type the path of a CSV file to import first.", "error")
            return
        try:
            counts = self.diary.import_csv(text)
        except ImportProblem as exc:
            items = "".join(f"<li>line {n}: {safe_html(m)}</li>" for n, m in exc.problems[:20])
            more = f"<li>… and {len(exc.problems) - 20} more</li>" if len(exc.problems) > 20 else ""
            self.message.value = (
                f"<div role='alert' style='border-left:4px solid #D55E00;padding:2px 8px'>"
                f"<strong>✖ Nothing was imported.</strong> Fix these rows of "
                f"<code>{safe_html(text)}</code> and try again:<ul>{items}{more}</ul></div>"
            )
            return
        except FileNotFoundError:
            self._say(f"There is no file at {text}.", "error")
            return
        except UnicodeDecodeError as exc:
            self._say(f"Could not read {text} as a text CSV file ({exc.reason}).", "error")
            return
        except OSError as exc:
            self._refresh_list()
            self._say(f"Could not import {text}: {storage.describe_error(exc)}.", "error")
            return
        self._refresh_list()
        self._say(f"Imported from {text}: {counts['added']} new entries, {counts['updated']} changed.")

    def _ipython_display_(self):
        from IPython.display import display

        display(self.widget)


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
    return html(f"<p>Your diary file on this computer: <code>{safe_html(path)}</code>. {safe_html(state)}</p>")
