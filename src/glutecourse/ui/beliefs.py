"""The beliefs check's widget: rate a few of the course's myths at the start (notebook 00)
and again at the end (notebook 10).

One text box per statement (a whole number; the words for both ends of the scale are
under the statement, just above it) and **Save my ratings**. What was typed is checked by
``glutecourse.topics.beliefs.save_rating``: a number outside the scale or a word gets a
message under its box, never a traceback; the good ratings are saved in the reader's
progress store (the same locked merge as quiz answers). In 00 nothing is marked right or
wrong (it is a baseline); in 10 the reader then sees, per statement, their rating at the
start and now in words, with what the evidence says, how strong it is, and its sources.
"""

from __future__ import annotations

from ..catalog.references import short_citations
from ..topics.beliefs import PHASES, latest_ratings, reader_changes, save_rating, scale, statements
from ..topics.progress import ProgressStore
from .html import Markup, plain, safe_html, status_box, table
from .widgets import View, button, css, html_widget, layout, shared_styles

SAVE_LABEL = "Save my ratings"


def _sources(refs) -> str:
    cites = short_citations()
    return "; ".join(cites[r] for r in refs)


def change_table(ratings) -> Markup:
    """The reader's before and after per statement, in words, beside what the evidence says
    (its strength and sources): a table a screen reader reads row by row."""
    rows = []
    for ch in reader_changes(ratings):
        st = ch.statement
        rows.append(
            (
                safe_html(st.text),
                "not rated" if ch.before is None else str(ch.before),
                "not rated" if ch.after is None else str(ch.after),
                plain(ch.text),
                Markup(
                    f"{safe_html(st.evidence)}<br><strong>Strength of the evidence:</strong> "
                    f"{safe_html(st.strength_words)}. {safe_html(st.strength_why)} "
                    f"<em>({safe_html(_sources(st.refs))})</em>"
                ),
            )
        )
    sc = scale()
    return table(
        ["Statement", "Then", "Now", "Your change", "What the evidence says"],
        rows,
        caption=Markup(f"<strong>What you believed, then and now</strong> ({safe_html(sc.hint)})"),
        cls="gc-beliefs",
    )


class BeliefsCheck(View):
    """The beliefs check for one ``phase`` ("before" in notebook 00, "after" in 10)."""

    def __init__(self, phase: str = "before", store: ProgressStore | None = None):
        import ipywidgets as w

        if phase not in PHASES:
            raise ValueError(f"phase must be one of {PHASES}, not {phase!r}")
        self.phase = phase
        self.store = store
        sh = shared_styles()
        sc = scale()
        saved = latest_ratings(self._store().beliefs)
        self.boxes: dict[str, w.Text] = {}
        self.messages: dict[str, w.HTML] = {}
        rows = []
        for i, st in enumerate(statements(), 1):
            old = saved.get((st.id, phase))
            box = w.Text(
                value="" if old is None else str(old),
                description=f"Rating {i}:",
                placeholder=f"{sc.low} to {sc.high}",
                tooltip=f"Your rating of: {st.text} ({sc.hint})",
                layout=layout(width="170px"),
                style=sh["text_style"],
                continuous_update=False,
                **css("gc-belief-box"),
            )
            self.boxes[st.id] = box
            self.messages[st.id] = html_widget(cls="gc-belief-message")
            # The statement and both ends of the scale in one HTML model, the box under it:
            # three models a statement, not seven (each is a message to the browser).
            rows += [
                html_widget(
                    f"<p class='gc-belief-statement'><strong>{i}.</strong> {safe_html(st.text)}<br>"
                    f"<span class='gc-small'>{sc.low} = {safe_html(sc.low_words)} · "
                    f"{sc.high} = {safe_html(sc.high_words)}</span></p>"
                ),
                box,
                self.messages[st.id],
            ]
        self.save_button = button(
            SAVE_LABEL, "Check and save every rating typed above", "save", "auto", cls="gc-belief-save"
        )
        self.message = html_widget(cls="gc-belief-result")
        self.save_button.on_click(lambda _: self.save())
        intro = (
            f"<p>Type a whole number from {sc.low} to {sc.high} for each statement: {sc.low} if you are "
            f"{safe_html(sc.low_words)}, {sc.high} if you are {safe_html(sc.high_words)}, "
            f"{format(sc.middle, 'g')} if you are {safe_html(sc.middle_words)}. "
            + (
                "There are no right or wrong answers here: this is where you start, and notebook 10 asks again."
                if phase == "before"
                else "Then press the button to compare with what you said at the start."
            )
            + "</p>"
        )
        self.widget = w.VBox(
            [html_widget(intro), *rows, self.save_button, self.message], layout=sh["plain"], **css("gc-beliefs-check")
        )
        if phase == "after" and any((st.id, "after") in saved for st in statements()):
            self.message.value = str(change_table(saved))

    def _store(self) -> ProgressStore:
        if self.store is None:
            self.store = ProgressStore()
        else:
            self.store.reload()
        return self.store

    def save(self) -> list:
        """Check every box, save the good ratings, and say what happened (a message under
        each box that needs one, and one under the button). Returns the ``Saved`` results."""
        store = self._store()
        results, bad, blank = [], 0, 0
        for st in statements():
            text = self.boxes[st.id].value
            if not text.strip():
                blank += 1
                self.messages[st.id].value = ""
                continue
            result = save_rating(store, st.id, self.phase, text)
            results.append(result)
            if result.rating is None:
                bad += 1
                self.messages[st.id].value = status_box("error", plain(result.message), label="✖ Not saved.")
            else:
                self.messages[st.id].value = ""
        saved = [r for r in results if r.rating is not None]
        parts = []
        if store.problem:
            parts.append(
                status_box(
                    "warning",
                    plain(f"Your ratings are kept while this notebook is open but cannot be saved: {store.problem}"),
                    label="⚠ Please note.",
                )
            )
        if saved:
            text = f"Saved {len(saved)} rating{'' if len(saved) == 1 else 's'}."
            if bad:
                text += f" {bad} need{'s' if bad == 1 else ''} a look: see the message under {'it' if bad == 1 else 'them'}."
            if blank:
                text += f" {blank} left blank (you can come back to {'it' if blank == 1 else 'them'})."
            if self.phase == "before":
                text += " Nothing is marked right or wrong yet: notebook 10 asks again and shows your change."
            parts.append(
                status_box("ok", plain(text), label="✔ Done.")
                if not bad
                else status_box("warning", plain(text), label="⚠ Partly done.")
            )
        elif bad:
            parts.append(
                status_box("error", plain("Nothing saved: see the message under each rating."), label="✖ Not done.")
            )
        else:
            parts.append(status_box("info", plain("Type a rating in at least one box first."), label="ℹ"))
        if self.phase == "after" and saved:
            parts.append(str(change_table(latest_ratings(store.beliefs))))
        self.message.value = "".join(str(p) for p in parts)
        return results


def beliefs_check(phase: str = "before") -> BeliefsCheck:
    """The beliefs check: rate a few of the course's myths ("before" at the start of the
    course, "after" at its end, which then shows your change beside the evidence)."""
    return BeliefsCheck(phase)
