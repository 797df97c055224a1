"""Exercise views (notebook 08): the library as cards, the stop rules, the routine
builder, and a follow-along timer for a routine.

The library, the routine and the timer's steps are ``glutecourse.topics.exercises``; the
illustrations are pre-drawn SVGs (``images/exercises-<id>.svg``, ``make generate``).

The timer moves through the steps of a routine. Time only moves when ``tick(seconds)`` is
called. In a notebook, Start launches a small asyncio task on the kernel's own event loop
that calls ``tick`` about once a second. The task spends its time in ``await
asyncio.sleep(...)``, which hands control back to the kernel, so the kernel keeps running
your other cells and answering other widgets between ticks: the notebook does not block.
(While another cell is busy computing, ticks wait until it finishes, then catch up,
because each tick measures the real time elapsed.) Tests call ``tick`` directly with
``autorun=False``, so they run instantly.
"""

from __future__ import annotations

import time

from ..catalog.phases import phase, phases
from ..catalog.references import short_citations
from ..core.paths import images_dir
from ..core.records import asdict
from ..topics.exercises import (
    LEVEL_LABELS,
    TIMER_NO_KERNEL,
    TIMER_READY,
    TYPE_LABELS,
    Routine,
    TimerModel,
    build_routine,
    dose_text,
    exercise,
    exercise_seconds,
    exercises,
    fmt_duration,
    frequency_text,
    image_name,
    phase_plan,
    poses,
    routine_steps,
    rules,
)
from .display import html
from .glossary import define_html
from .html import Markup, callout, items, plain, safe_html, status_box, table, td, th
from .widgets import View, button, css, html_widget, shared_styles, slider

MIN_MINUTES, MAX_MINUTES = 5, 60

__all__ = ["RoutineBuilder", "RoutineTimer", "routine_builder", "routine_steps", "routine_timer"]


# ---------------------------------------------------------------------------- HTML


def _cite(keys) -> str:
    cites = short_citations()
    return "; ".join(safe_html(cites.get(k, k)) for k in keys)


def routine_html(routine: Routine) -> str:
    ph = phase(routine.phase_id)
    plan = phase_plan(routine.phase_id)
    head = (
        f"<p><strong>{safe_html(ph.name)}</strong>, up to {routine.minutes} minutes, "
        f"level {routine.difficulty} ({LEVEL_LABELS[routine.difficulty].lower()} and easier). "
        f"{safe_html(plan.why)}</p>"
    )
    if not routine.ok:
        head += status_box("warning", routine.message, label="Not enough time.", cls="gc-routine-short")
        caption = "The smallest routine that keeps the rules"
    else:
        caption = "Your routine for today"
    rows = [
        (i, item.name, TYPE_LABELS[item.type], item.dose, td(fmt_duration(item.seconds), cls="gc-num"))
        for i, item in enumerate(routine.items, 1)
    ]
    rows.append(
        (
            th(
                f"Total (including {rules().transition_seconds} s to get into position for each exercise)",
                cls="gc-num",
                colspan=4,
            ),
            td(Markup(f"<strong>{fmt_duration(routine.total_seconds)}</strong>"), cls="gc-num"),
        )
    )
    foot = f"<p>{safe_html(routine.message)}</p>" if routine.ok else ""
    return head + table(["#", "Exercise", "Type", "Dose", "Time"], rows, caption=caption, cls="gc-routine") + foot


def card_html(exercise_id: str, open_: bool = True) -> str:
    """One exercise as an HTML card: dose, steps, cautions, evidence (no image)."""
    ex = exercise(exercise_id)
    targets = ", ".join(safe_html(t) for t in ex.targets)
    return (
        f"<details class='gc-exercise-card' {'open' if open_ else ''}>"
        f"<summary><strong>{safe_html(ex.name)}</strong> · {TYPE_LABELS[ex.type]} · "
        f"level {ex.difficulty} ({LEVEL_LABELS[ex.difficulty].lower()})</summary>"
        f"<p><strong>Works on:</strong> {targets}<br><strong>Dose:</strong> {safe_html(dose_text(ex))} "
        f"(about {fmt_duration(exercise_seconds(ex))}), {frequency_text(ex)}.</p>"
        f"<p><strong>How to do it</strong></p>{items(ex.steps, ordered=True)}"
        f"<p><strong>Take care</strong></p>{items(ex.cautions)}"
        f"<p><strong>What the evidence says:</strong> {safe_html(ex.evidence.note)} "
        f"<span class='gc-source'>Sources: {_cite(ex.evidence.refs)}.</span></p></details>"
    )


def exercise_cards(kind: str | None = None, open_: bool = False, terms: tuple | list = ()):
    """Cards for every exercise of one type (or all), from the library; ``terms`` first shows
    the glossary definitions the cards rely on (as ``define`` does)."""
    chosen = [e for e in exercises() if kind is None or e.type == kind]
    if not chosen:
        raise ValueError(f"No exercises of type {kind!r}: choose one of {', '.join(TYPE_LABELS)}.")
    words = ""
    if terms:
        words = define_html(*terms)
    return html(words + "".join(card_html(e.id, open_) for e in chosen))


def stop_rules():
    """The library's stop rules as an HTML box."""
    return html(
        callout(
            "emergency",
            "Stop the exercise, and get advice, if you notice:",
            items(rules().stop_rules),
            cls="gc-stop-rules",
        )
    )


def svg_bytes(exercise_id: str) -> bytes:
    return (images_dir() / image_name(exercise_id)).read_bytes()


def picture_alt(exercise_id: str) -> str:
    """The picture's description (from the pose data), else the exercise's name."""
    return next((p.alt for p in poses().poses if p.id == exercise_id), exercise(exercise_id).name)


def figure_html(exercise_id: str) -> str:
    """The exercise's picture as an HTML figure with its alt text (empty when the picture is
    missing). An ``<img>`` in HTML, not an ``ipywidgets.Image``: an Image given a tooltip
    fails to render in ipywidgets 8.1, and an Image has no alt text for screen readers."""
    import base64

    try:
        data = svg_bytes(exercise_id)
    except FileNotFoundError:
        return ""
    src = "data:image/svg+xml;base64," + base64.b64encode(data).decode("ascii")
    return f"<figure class='gc-exercise-figure'><img src='{src}' alt='{plain(picture_alt(exercise_id))}'></figure>"


def card_with_picture_html(exercise_id: str) -> str:
    """Picture and steps side by side (they stack on a narrow screen)."""
    return f"<div class='gc-exercise-pair'>{figure_html(exercise_id)}{card_html(exercise_id, open_=True)}</div>"


# ---------------------------------------------------------------------------- widget


class RoutineBuilder(View):
    """Phase, minutes and level in; the routine as a table out, plus one exercise card."""

    def __init__(self, phase_id: str | None = None, minutes: int = 15, difficulty: int = 1):
        import ipywidgets as w

        sh = shared_styles()
        self._layout = sh["auto"]
        options = [(p.name, p.id) for p in phases()]
        self.phase = w.Dropdown(
            options=options,
            value=phase_id or options[0][1],
            description="Phase:",
            tooltip="Which phase of the example programme you are in",
            style=sh["desc_style"],
            layout=self._layout,
        )
        self.minutes = slider(
            "Minutes available:",
            minutes,
            MIN_MINUTES,
            MAX_MINUTES,
            step=1,
            tooltip="How many minutes you have today",
            continuous_update=False,
            layout=self._layout,
        )
        self.level = w.ToggleButtons(
            options=[(f"{n} · {LEVEL_LABELS[n]}", n) for n in (1, 2, 3)],
            value=difficulty,
            description="Level:",
            tooltips=["Gentle exercises only", "Gentle and moderate exercises", "All levels, including harder ones"],
            layout=self._layout,
            style=sh["toggle_style"],
        )
        self.table = html_widget(layout_name="auto")
        self.card_choice = w.Dropdown(
            options=[("(choose an exercise)", None)],
            value=None,
            description="Show exercise card:",
            tooltip="Pick an exercise from your routine to see how to do it",
            style=sh["desc_style"],
            layout=self._layout,
        )
        self.card = None  # the card with its picture (one HTML widget) is built on first use
        self.routine: Routine | None = None
        for control in (self.phase, self.minutes, self.level):
            control.observe(self._changed, names="value")
        self.card_choice.observe(self._show_card, names="value")
        self.widget = w.VBox([self.phase, self.minutes, self.level, self.table, self.card_choice], layout=self._layout)
        self.update()

    def _changed(self, _change=None):
        self.update()

    def update(self) -> Routine:
        try:
            routine = build_routine(self.phase.value, self.minutes.value, self.level.value)
        except ValueError as exc:  # only reachable with values set from code
            self.table.value = status_box("info", str(exc), label="Note:")
            return None
        self.routine = routine
        self.table.value = routine_html(routine)
        keep = self.card_choice.value
        opts = [("(choose an exercise)", None)] + [(item.name, item.id) for item in routine.items]
        self.card_choice.options = opts
        self.card_choice.value = keep if keep in [o[1] for o in opts] else None
        return routine

    def _show_card(self, change=None):
        ex_id = self.card_choice.value
        if ex_id is None:
            if self.card is not None:
                self.card.value = ""
            return
        if self.card is None:
            self.card = html_widget(layout_name="auto")
            self.widget.children = [*self.widget.children, self.card]
        self.card.value = card_with_picture_html(ex_id)


def routine_builder(phase_id: str | None = None, minutes: int = 15, difficulty: int = 1) -> RoutineBuilder:
    """Build a day's routine: choose your phase, the minutes you have and a level."""
    return RoutineBuilder(phase_id, minutes, difficulty)


# ---------------------------------------------------------------------------- the timer


class RoutineTimer(View):
    """Follow a routine step by step: Start / Pause / Skip / Stop, a progress bar and a label.

    The steps, where the reader is in them and every word shown are a :class:`TimerModel`
    (``glutecourse.topics.exercises``, tested without widgets); this view holds the
    buttons, draws ``model.view()`` and runs the ticking task. ``source``: see
    :meth:`TimerModel.begin`. ``autorun=False`` never starts the task: time then moves
    only through ``tick`` (the tests). ``clock`` measures the time really passed."""

    def __init__(self, source, tick_interval: float = 1.0, autorun: bool = True, clock=time.monotonic):
        import ipywidgets as w

        self.source, self.tick_interval, self.autorun, self.clock = source, tick_interval, autorun, clock
        self.model = TimerModel()
        self._task = None
        self._ui_built = False
        self.start_button = _timer_button("Start", "play", "Start or resume the routine", button_style="success")
        self.label = html_widget(f"<p>{safe_html(TIMER_READY)}</p>", layout_name="auto")
        self.bar = w.HBox([self.start_button], layout=shared_styles()["auto"])
        self.widget = w.VBox([self.bar, self.label], layout=shared_styles()["auto"])
        self.start_button.on_click(lambda _: self.start())

    def _build_ui(self):
        """The rest of the controls, built when the reader first presses Start."""
        if self._ui_built:
            return
        import ipywidgets as w

        sh = shared_styles()
        self.pause_button = _timer_button("Pause", "pause", "Pause the timer", disabled=True)
        self.skip_button = _timer_button("Skip", "forward", "Skip to the next step", disabled=True)
        self.stop_button = _timer_button("Stop", "stop", "Stop and go back to the beginning", disabled=True)
        self.pause_button.on_click(lambda _: self.pause())
        self.skip_button.on_click(lambda _: self.skip())
        self.stop_button.on_click(lambda _: self.stop())
        self.progress = w.IntProgress(
            max=1, description="This step:", tooltip="Time passed in the current step", style=sh["progress_style"]
        )
        self.progress.layout = w.Layout(width="60%")
        self.status = html_widget(layout_name="auto")
        # The current pose's picture beside the step (sent only when the exercise changes).
        self.picture = html_widget(cls="gc-timer-picture")
        self._picture_of = None
        self.step_row = w.HBox([self.picture, self.label], layout=sh["auto"], **css("gc-pair"))
        self.bar.children = [self.start_button, self.pause_button, self.skip_button, self.stop_button]
        self.widget.children = [self.bar, self.step_row, self.progress, self.status]
        self._ui_built = True

    # -- the model's state, read through the view (tests and scripts)
    state = property(lambda self: self.model.state)
    index = property(lambda self: self.model.index)
    steps = property(lambda self: self.model.steps)
    remaining = property(lambda self: self.model.remaining)
    current = property(lambda self: self.model.current)

    def seconds_left(self) -> int:
        """Seconds left in the whole routine (rounded up)."""
        return self.model.seconds_left()

    # -- controls: each asks the model, then draws what it says
    def start(self):
        self._build_ui()
        message = self.model.begin(self.source)
        if message:
            self._message(message)
            return
        self._render()
        self._start_ticking()

    def pause(self):
        if self.model.pause():
            self._cancel()
            self._render()

    def skip(self):
        if self.model.skip():
            self._render()

    def stop(self):
        self.model.stop()
        self._render()

    def tick(self, seconds: float = 1.0):
        """Let ``seconds`` pass (only while running); moves on through as many steps as needed."""
        if self.model.tick(seconds):
            self._render()

    # -- ticking on the kernel's event loop (stops by itself when the model stops running)
    def _start_ticking(self):
        if not self.autorun or self._task is not None:
            return
        import asyncio

        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            self._message(TIMER_NO_KERNEL)
            return
        self._task = loop.create_task(self._run())

    async def _run(self):
        import asyncio

        last = self.clock()
        try:
            while self.model.state == "running":
                await asyncio.sleep(self.tick_interval)
                now = self.clock()
                self.tick(now - last)
                last = now
        except asyncio.CancelledError:
            pass
        except Exception as exc:  # never lose an error silently in a background task
            self._message(self.model.failed(exc))
        finally:
            self._task = None

    def _cancel(self):
        task, self._task = self._task, None
        if task is not None:
            task.cancel()

    # -- display
    def _message(self, text: str):
        self._build_ui()
        self.status.value = status_box("info", text, label="Note:")

    def _render(self):
        self._build_ui()
        v = self.model.view()
        if v.state != "running":
            self._cancel()
        if v.exercise_id != self._picture_of:
            self._picture_of = v.exercise_id
            self.picture.value = figure_html(v.exercise_id) if v.exercise_id else ""
        for name, on in asdict(v.enabled).items():
            getattr(self, f"{name}_button").disabled = not on
        self.start_button.description = v.start_label
        self.progress.max, self.progress.value = v.progress_max, v.progress
        cls = "gc-timer-big" if v.state == "finished" else f"gc-timer-step gc-step-{v.step.kind}" if v.step else ""
        self.label.value = (
            f"<p aria-live='polite' class='{cls}'><strong>{safe_html(v.headline)}</strong><br>"
            f"<span class='gc-timer-left'>{safe_html(v.detail)}</span></p>"
        )
        self.status.value = f"<p>{safe_html(v.status)}</p>" if v.status else ""


def _timer_button(description, icon, tooltip, **kwargs):
    return button(description, tooltip, icon, layout_name="auto", **kwargs)


def routine_timer(source, tick_interval: float = 1.0) -> RoutineTimer:
    """A follow-along timer for a routine (or for the routine builder's current routine)."""
    return RoutineTimer(source, tick_interval=tick_interval)
