"""A follow-along timer for a routine from the routine builder.

Two separate parts:

- ``routine_steps(routine)`` is pure: it turns a routine into the list of timed steps a
  reader follows (get into position, each set on each side, rests between sets). Its
  durations add up exactly to the routine's total time.
- ``RoutineTimer`` moves through those steps. Time only moves when ``tick(seconds)`` is
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
from dataclasses import dataclass

from .textfmt import safe_html


@dataclass(frozen=True)
class Step:
    kind: str  # "position", "work" or "rest"
    label: str
    seconds: int
    exercise_id: str
    set_no: int = 0
    sets: int = 0
    side: str = ""


def _fmt(seconds: int) -> str:
    from .exercises import fmt_duration

    return fmt_duration(seconds)


def routine_steps(routine) -> list[Step]:
    """Every timed step of ``routine`` in order (pure; no widgets, no clock)."""
    from .exercises import rules, work_seconds

    transition = rules()["transition_seconds"]
    steps: list[Step] = []
    for item in routine.items:
        ex = item.exercise
        name = ex["name"]
        if transition:
            steps.append(Step("position", f"Get ready: {name}", transition, ex["id"]))
        work = work_seconds(ex)
        sides = ("left side", "right side") if ex["sides"] == 2 else ("",)
        for set_no in range(1, item.sets + 1):
            of = f" (set {set_no} of {item.sets})" if item.sets > 1 else ""
            for side in sides:
                where = f", {side}" if side else ""
                if ex["dose"]["kind"] == "hold":
                    what = f"hold {_fmt(work)}" if ex["type"] in ("stretch", "strength") else _fmt(work)
                else:
                    what = f"{ex['dose']['reps']} reps, about {_fmt(work)}"
                steps.append(Step("work", f"{name}{where} — {what}{of}", work, ex["id"], set_no, item.sets, side))
            if set_no < item.sets and ex["rest_seconds"]:
                steps.append(Step("rest", f"Rest {_fmt(ex['rest_seconds'])} — next: {name}, set {set_no + 1} of {item.sets}",
                                  ex["rest_seconds"], ex["id"], set_no, item.sets))
    return steps


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

        from .exercises import html_widget, shared_widget_parts

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

        from .exercises import shared_widget_parts

        sh = shared_widget_parts()
        return w.Button(description=description, icon=icon, tooltip=tooltip, layout=sh["auto"],
                        style=sh["button_style"], **kwargs)

    def _build_ui(self):
        """The rest of the controls, built when the reader first presses Start."""
        if self._ui_built:
            return
        import ipywidgets as w

        from .exercises import html_widget, shared_widget_parts

        sh = shared_widget_parts()
        self.pause_button = self._button("Pause", "pause", "Pause the timer", disabled=True)
        self.skip_button = self._button("Skip", "forward", "Skip to the next step", disabled=True)
        self.stop_button = self._button("Stop", "stop", "Stop and go back to the beginning", disabled=True)
        self.pause_button.on_click(lambda _: self.pause())
        self.skip_button.on_click(lambda _: self.skip())
        self.stop_button.on_click(lambda _: self.stop())
        self.progress = w.IntProgress(value=0, min=0, max=1, description="This step:", tooltip="Time passed in the current step",
                                      style=sh["progress_style"], layout=w.Layout(width="60%"))
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
        later = sum(s.seconds for s in self.steps[self.index + 1:])
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
            self.label.value = ("<p style='font-size:1.3em'><strong>Routine complete. Well done.</strong></p>"
                                "<p>Note how your back feels today, for example in your pain diary (notebook 09).</p>")
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
            f"<p>Step {self.index + 1} of {len(self.steps)} · about {_fmt(self.seconds_left())} left in the routine"
            f" · next: {safe_html(nxt)}</p>"
        )

    def _ipython_display_(self):
        from IPython.display import display

        display(self.widget)


def routine_timer(source, tick_interval: float = 1.0) -> RoutineTimer:
    """A follow-along timer for a routine (or for the routine builder's current routine)."""
    return RoutineTimer(source, tick_interval=tick_interval)
