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

import math
import time

from ..catalog.phases import phase, phases
from ..catalog.references import short_citations
from ..core.paths import images_dir
from ..core.text import safe_html
from ..topics.exercises import (
    LEVEL_LABELS,
    TYPE_LABELS,
    Routine,
    Step,
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
from .widgets import layout, style

MIN_MINUTES, MAX_MINUTES = 5, 60


# ---------------------------------------------------------------------------- HTML


def _cite(keys) -> str:
    cites = short_citations()
    return "; ".join(safe_html(cites.get(k, k)) for k in keys)


def routine_html(routine: Routine) -> str:
    ph = phase(routine.phase_id)
    plan = phase_plan(routine.phase_id)
    head = (
        f"<p><strong>{safe_html(ph['name'])}</strong>, up to {routine.minutes} minutes, "
        f"level {routine.difficulty} ({LEVEL_LABELS[routine.difficulty].lower()} and easier). "
        f"{safe_html(plan['why'])}</p>"
    )
    if not routine.ok:
        head += (
            "<div role='status' style='border-left:4px solid #D55E00;background:#fdf0e6;padding:6px 10px'>"
            f"<strong>Not enough time.</strong> {safe_html(routine.message)}</div>"
        )
        caption = "The smallest routine that keeps the rules"
    else:
        caption = "Your routine for today"
    rows = "".join(
        f"<tr><td>{i}</td><td>{safe_html(item.name)}</td><td>{TYPE_LABELS[item.type]}</td>"
        f"<td>{safe_html(item.dose)}</td><td style='text-align:right'>{fmt_duration(item.seconds)}</td></tr>"
        for i, item in enumerate(routine.items, 1)
    )
    total = (
        f"<tr><th scope='row' colspan='4' style='text-align:right'>Total (including {rules()['transition_seconds']} s "
        f"to get into position for each exercise)</th><td style='text-align:right'><strong>"
        f"{fmt_duration(routine.total_seconds)}</strong></td></tr>"
    )
    foot = f"<p>{safe_html(routine.message)}</p>" if routine.ok else ""
    return (
        f"{head}<table class='gc-routine'><caption>{caption}</caption><tr><th scope='col'>#</th>"
        "<th scope='col'>Exercise</th><th scope='col'>Type</th><th scope='col'>Dose</th>"
        f"<th scope='col'>Time</th></tr>{rows}{total}</table>{foot}"
    )


def card_html(exercise_id: str, open_: bool = True) -> str:
    """One exercise as an HTML card: dose, steps, cautions, evidence (no image)."""
    ex = exercise(exercise_id)
    steps = "".join(f"<li>{safe_html(s)}</li>" for s in ex["steps"])
    cautions = "".join(f"<li>{safe_html(c)}</li>" for c in ex["cautions"])
    targets = ", ".join(safe_html(t) for t in ex["targets"])
    return (
        f"<details class='gc-exercise-card' {'open' if open_ else ''} style='margin:4px 0'>"
        f"<summary><strong>{safe_html(ex['name'])}</strong> · {TYPE_LABELS[ex['type']]} · "
        f"level {ex['difficulty']} ({LEVEL_LABELS[ex['difficulty']].lower()})</summary>"
        f"<p><strong>Works on:</strong> {targets}<br><strong>Dose:</strong> {safe_html(dose_text(ex))} "
        f"(about {fmt_duration(exercise_seconds(ex))}), {frequency_text(ex)}.</p>"
        f"<p><strong>How to do it</strong></p><ol>{steps}</ol>"
        f"<p><strong>Take care</strong></p><ul>{cautions}</ul>"
        f"<p><strong>What the evidence says:</strong> {safe_html(ex['evidence']['note'])} "
        f"<span class='gc-source'>Sources: {_cite(ex['evidence']['refs'])}.</span></p></details>"
    )


def exercise_cards(kind: str | None = None, open_: bool = False, terms: tuple | list = ()):
    """Cards for every exercise of one type (or all), from the library; ``terms`` first shows
    the glossary definitions the cards rely on (as ``define`` does)."""
    chosen = [e for e in exercises() if kind is None or e["type"] == kind]
    if not chosen:
        raise ValueError(f"No exercises of type {kind!r}: choose one of {', '.join(TYPE_LABELS)}.")
    words = ""
    if terms:
        words = define_html(*terms)
    return html(words + "".join(card_html(e["id"], open_) for e in chosen))


def stop_rules():
    """The library's stop rules as an HTML box."""
    items = "".join(f"<li>{safe_html(r)}</li>" for r in rules()["stop_rules"])
    return html(
        "<div class='gc-stop-rules' role='note' style='border:2px solid #D55E00;border-radius:6px;padding:6px 12px'>"
        f"<strong>Stop the exercise, and get advice, if you notice:</strong><ul>{items}</ul></div>"
    )


def svg_bytes(exercise_id: str) -> bytes:
    return (images_dir() / image_name(exercise_id)).read_bytes()


# ---------------------------------------------------------------------------- widget


def shared_widget_parts() -> dict:
    """One Layout and one Style per widget class, shared by the builder and the timer
    (see widgets.py): fewer models, fewer messages to the browser."""
    return dict(
        auto=layout(width="auto"),
        desc_style=style("description", description_width="initial"),
        slider_style=style("slider", description_width="initial"),
        toggle_style=style("toggle", description_width="initial"),
        html_style=style("html"),
        button_style=style("button"),
        progress_style=style("progress", description_width="initial"),
    )


def html_widget(value: str = ""):
    import ipywidgets as w

    sh = shared_widget_parts()
    return w.HTML(value=value, layout=sh["auto"], style=sh["html_style"])


class RoutineBuilder:
    """Phase, minutes and level in; the routine as a table out, plus one exercise card."""

    def __init__(self, phase_id: str | None = None, minutes: int = 15, difficulty: int = 1):
        import ipywidgets as w

        sh = shared_widget_parts()
        self._layout = sh["auto"]
        options = [(p["name"], p["id"]) for p in phases()]
        self.phase = w.Dropdown(
            options=options,
            value=phase_id or options[0][1],
            description="Phase:",
            tooltip="Which phase of the example programme you are in",
            style=sh["desc_style"],
            layout=self._layout,
        )
        self.minutes = w.IntSlider(
            value=minutes,
            min=MIN_MINUTES,
            max=MAX_MINUTES,
            step=1,
            description="Minutes available:",
            tooltip="How many minutes you have today",
            continuous_update=False,
            style=sh["slider_style"],
            layout=self._layout,
        )
        self.level = w.ToggleButtons(
            options=[(f"{n} · {LEVEL_LABELS[n]}", n) for n in (1, 2, 3)],
            value=difficulty,
            description="Level:",
            tooltips=["Gentle exercises only", "Gentle and moderate exercises", "All levels, including harder ones"],
            style=sh["toggle_style"],
        )
        self.table = html_widget()
        self.card_choice = w.Dropdown(
            options=[("(choose an exercise)", None)],
            value=None,
            description="Show exercise card:",
            tooltip="Pick an exercise from your routine to see how to do it",
            style=sh["desc_style"],
            layout=self._layout,
        )
        self.card = None  # the card (HTML) and its illustration (Image) are built on first use
        self.image = None
        self.card_box = None
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
            self.table.value = f"<div role='status'><strong>ⓘ</strong> {safe_html(exc)}</div>"
            return None
        self.routine = routine
        self.table.value = routine_html(routine)
        keep = self.card_choice.value
        opts = [("(choose an exercise)", None)] + [(item.name, item.id) for item in routine.items]
        self.card_choice.options = opts
        self.card_choice.value = keep if keep in [o[1] for o in opts] else None
        return routine

    def _show_card(self, change=None):
        import ipywidgets as w

        ex_id = self.card_choice.value
        if ex_id is None:
            if self.card is not None:
                self.card.value = ""
                self.card_box.children = [self.card]
            return
        if self.card is None:
            self.card = html_widget()
            self.card_box = w.VBox([self.card], layout=self._layout)
            self.widget.children = [*self.widget.children, self.card_box]
        self.card.value = card_html(ex_id, open_=True)
        try:
            data = svg_bytes(ex_id)
        except FileNotFoundError:
            self.card_box.children = [self.card]
            return
        if self.image is None:
            self.image = w.Image(format="svg+xml", layout=w.Layout(max_width="640px"))
        self.image.value = data
        alt = next((p["alt"] for p in poses()["poses"] if p["id"] == ex_id), exercise(ex_id)["name"])
        self.image.tooltip = alt
        self.card_box.children = [self.image, self.card]

    def _ipython_display_(self):
        from IPython.display import display

        display(self.widget)


def routine_builder(phase_id: str | None = None, minutes: int = 15, difficulty: int = 1) -> RoutineBuilder:
    """Build a day's routine: choose your phase, the minutes you have and a level."""
    return RoutineBuilder(phase_id, minutes, difficulty)


# ---------------------------------------------------------------------------- the timer


def _routine_of(source):
    """A routine from a Routine, a RoutineBuilder (its current routine) or a callable."""
    if hasattr(source, "items") and hasattr(source, "phase_id"):
        return source
    if hasattr(source, "routine"):
        return source.routine
    if callable(source):
        return source()
    raise TypeError("routine_timer needs a routine or a routine builder")


class RoutineTimer:
    """Follow a routine step by step: Start / Pause / Skip / Stop, a progress bar and a label.

    ``source`` is a Routine, or the routine builder (the timer then follows whatever routine
    the builder shows when you press Start). ``autorun=False`` never starts the asyncio
    task: time then moves only through ``tick`` (used by the tests). ``clock`` is the time
    source the task uses to measure how long really passed between ticks.
    """

    def __init__(self, source, tick_interval: float = 1.0, autorun: bool = True, clock=time.monotonic):
        import ipywidgets as w

        self.source = source
        self.tick_interval = tick_interval
        self.autorun = autorun
        self.clock = clock
        self.steps: list[Step] = []
        self.index = 0
        self.remaining = 0.0
        self.state = "ready"  # ready, running, paused, finished, stopped
        self._task = None
        sh = shared_widget_parts()
        self._ui_built = False
        self.start_button = self._button("Start", "play", "Start or resume the routine", button_style="success")
        self.label = html_widget("<p>Press <strong>Start</strong> to follow your routine step by step.</p>")
        self.bar = w.HBox([self.start_button], layout=sh["auto"])
        self.widget = w.VBox([self.bar, self.label], layout=sh["auto"])
        self.start_button.on_click(lambda _: self.start())

    def _button(self, description, icon, tooltip, **kwargs):
        import ipywidgets as w

        sh = shared_widget_parts()
        return w.Button(
            description=description, icon=icon, tooltip=tooltip, layout=sh["auto"], style=sh["button_style"], **kwargs
        )

    def _build_ui(self):
        """The rest of the controls, built when the reader first presses Start."""
        if self._ui_built:
            return
        import ipywidgets as w

        sh = shared_widget_parts()
        self.pause_button = self._button("Pause", "pause", "Pause the timer", disabled=True)
        self.skip_button = self._button("Skip", "forward", "Skip to the next step", disabled=True)
        self.stop_button = self._button("Stop", "stop", "Stop and go back to the beginning", disabled=True)
        self.pause_button.on_click(lambda _: self.pause())
        self.skip_button.on_click(lambda _: self.skip())
        self.stop_button.on_click(lambda _: self.stop())
        self.progress = w.IntProgress(
            value=0,
            min=0,
            max=1,
            description="This step:",
            tooltip="Time passed in the current step",
            style=sh["progress_style"],
            layout=w.Layout(width="60%"),
        )
        self.status = html_widget()
        self.bar.children = [self.start_button, self.pause_button, self.skip_button, self.stop_button]
        self.widget.children = [self.bar, self.label, self.progress, self.status]
        self._ui_built = True

    # -- state
    @property
    def current(self) -> Step | None:
        return self.steps[self.index] if 0 <= self.index < len(self.steps) else None

    def seconds_left(self) -> int:
        """Seconds left in the whole routine (rounded up)."""
        if self.current is None:
            return 0
        later = sum(s.seconds for s in self.steps[self.index + 1 :])
        return math.ceil(self.remaining - 1e-9) + later

    # -- controls
    def start(self):
        self._build_ui()
        if self.state == "running":
            return
        if self.state in ("ready", "stopped", "finished"):
            try:
                routine = _routine_of(self.source)
            except TypeError as exc:
                self._message(safe_html(exc))
                return
            self.steps = routine_steps(routine) if routine is not None else []
            if not self.steps:
                self._message("There is nothing to time yet: build a routine first.")
                return
            self.index = 0
            self.remaining = float(self.steps[0].seconds)
        self.state = "running"
        self._render()
        self._start_ticking()

    def pause(self):
        if self.state != "running":
            return
        self.state = "paused"
        self._cancel()
        self._render()

    def skip(self):
        if self.state not in ("running", "paused") or self.current is None:
            return
        self._advance()
        self._render()

    def stop(self):
        self._cancel()
        if self.state in ("running", "paused"):
            self.state = "stopped"
        self._render()

    def tick(self, seconds: float = 1.0):
        """Let ``seconds`` pass (only while running); moves on through as many steps as needed."""
        if self.state != "running" or seconds <= 0:
            return
        left = float(seconds)
        while self.state == "running" and left > 0:
            if left < self.remaining - 1e-9:
                self.remaining -= left
                left = 0
            else:
                left -= self.remaining
                self._advance()
        self._render()

    def _advance(self):
        self.index += 1
        if self.index >= len(self.steps):
            self.index = len(self.steps)
            self.remaining = 0.0
            self.state = "finished"
            self._cancel()
        else:
            self.remaining = float(self.steps[self.index].seconds)

    # -- ticking on the kernel's event loop
    def _start_ticking(self):
        if not self.autorun or self._task is not None:
            return
        import asyncio

        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            self._message("This timer needs a running notebook kernel to tick by itself.", keep=True)
            return
        self._task = loop.create_task(self._run())

    async def _run(self):
        import asyncio

        last = self.clock()
        try:
            while self.state == "running":
                await asyncio.sleep(self.tick_interval)
                now = self.clock()
                self.tick(now - last)
                last = now
        except asyncio.CancelledError:
            pass
        except Exception as exc:  # never lose an error silently in a background task
            self._message(f"The timer stopped because of an error: {safe_html(exc)}")
            self.state = "stopped"
        finally:
            self._task = None

    def _cancel(self):
        task, self._task = self._task, None
        if task is not None:
            task.cancel()

    # -- display
    def _message(self, html: str, keep: bool = False):
        self._build_ui()
        self.status.value = f"<div role='status' aria-live='polite'><strong>ⓘ</strong> {html}</div>"

    def _render(self):
        self._build_ui()
        running = self.state == "running"
        self.start_button.disabled = running
        self.start_button.description = "Resume" if self.state == "paused" else "Start"
        self.pause_button.disabled = not running
        self.skip_button.disabled = self.state not in ("running", "paused")
        self.stop_button.disabled = self.state not in ("running", "paused")
        step = self.current
        if self.state == "finished":
            self.progress.max, self.progress.value = 1, 1
            self.label.value = (
                "<p style='font-size:1.3em'><strong>Routine complete. Well done.</strong></p>"
                "<p>Note how your back feels today, for example in your pain diary (notebook 09).</p>"
            )
            self.status.value = ""
            return
        if self.state == "stopped" or step is None:
            self.progress.max, self.progress.value = 1, 0
            self.label.value = "<p>Stopped. Press <strong>Start</strong> to begin the routine again from the top.</p>"
            self.status.value = ""
            return
        shown = math.ceil(self.remaining - 1e-9)
        self.progress.max = step.seconds
        self.progress.value = max(0, min(step.seconds, step.seconds - shown))
        colour = {"work": "#0072B2", "rest": "#009E73", "position": "#555555"}[step.kind]
        paused = " <em>(paused)</em>" if self.state == "paused" else ""
        self.label.value = (
            f"<p aria-live='polite' style='font-size:1.3em;border-left:6px solid {colour};padding-left:8px'>"
            f"<strong>{safe_html(step.label)}</strong>{paused}<br><span style='font-size:0.9em'>{shown} s left in this step</span></p>"
        )
        nxt = self.steps[self.index + 1].label if self.index + 1 < len(self.steps) else "the end"
        self.status.value = (
            f"<p>Step {self.index + 1} of {len(self.steps)} · about {fmt_duration(self.seconds_left())} left in the routine"
            f" · next: {safe_html(nxt)}</p>"
        )

    def _ipython_display_(self):
        from IPython.display import display

        display(self.widget)


def routine_timer(source, tick_interval: float = 1.0) -> RoutineTimer:
    """A follow-along timer for a routine (or for the routine builder's current routine)."""
    return RoutineTimer(source, tick_interval=tick_interval)
