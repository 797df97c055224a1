"""The exercise library (``data/exercises.json``) and the routine builder.

- ``library()`` loads and checks the library: the schema, then the rules a schema cannot
  express (known phases and reference keys, each exercise's type allowed in every phase it
  lists (in "settle" only gentle, difficulty-1 strengthening is listed), ``min_sets <= sets``,
  a gentle mobility warm-up in every phase).
- ``build_routine(phase_id, minutes, difficulty)`` is pure and deterministic: the same
  choices always give the same routine, and the routine always keeps the library's rules.
- ``routine_builder()`` wraps it in a few widgets; ``exercise_cards(type)`` shows the
  library as cards (steps, dose, cautions, evidence).

Nothing heavy is imported at module level: ipywidgets only inside the widget code.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .data import by_id, check_ids_and_refs, load
from .errors import CourseDataError
from .paths import data_dir, images_dir
from .textfmt import safe_html

TYPE_LABELS = {"mobility": "Mobility", "stretch": "Stretch", "strength": "Strength", "recovery": "Recovery"}
LEVEL_LABELS = {1: "Gentle", 2: "Moderate", 3: "Harder"}
MIN_MINUTES, MAX_MINUTES = 5, 60


# ---------------------------------------------------------------------------- data


@lru_cache(maxsize=1)
def library() -> dict:
    """The exercise library, validated (schema plus cross-file rules)."""
    data = load("exercises.json", schema="exercises")
    check_library(data)
    return data


def check_library(data: dict, path=None) -> dict:
    """Rules a schema cannot express; raise CourseDataError naming the exercise."""
    from .phases import phases
    from .references import reference_keys

    path = path or data_dir() / "exercises.json"
    phase_ids = [p["id"] for p in phases()]
    refs = reference_keys()
    plans = {}
    for plan in data["rules"]["phase_plans"]:
        if plan["phase"] not in phase_ids:
            raise CourseDataError(path, f"phase plan {plan['phase']!r}", f"unknown phase (known: {', '.join(phase_ids)})")
        if plan["main"] not in plan["types"]:
            raise CourseDataError(path, f"phase plan {plan['phase']!r}", f"main type {plan['main']!r} is not among its types")
        if data["rules"]["min_mobility"] and plan["types"][0] != "mobility":
            raise CourseDataError(path, f"phase plan {plan['phase']!r}", "types must start with 'mobility' (the warm-up)")
        plans[plan["phase"]] = plan
    missing = [p for p in phase_ids if p not in plans]
    if missing:
        raise CourseDataError(path, None, f"no phase plan for phase(s) {', '.join(missing)}")
    check_ids_and_refs(path, data["exercises"], "exercise", refs, lambda ex: ex["evidence"]["refs"])
    for ex in data["exercises"]:
        where = f"exercise {ex['id']!r}"
        for ph in ex["phases"]:
            if ph not in plans:
                raise CourseDataError(path, where, f"unknown phase {ph!r}")
            if ex["type"] not in plans[ph]["types"]:
                raise CourseDataError(path, where, f"a {ex['type']} exercise is not allowed in phase {ph!r}")
        if ex["min_sets"] > ex["sets"]:
            raise CourseDataError(path, where, "min_sets is larger than sets")
        if ex["days_per_week"]["min"] > ex["days_per_week"]["max"]:
            raise CourseDataError(path, where, "days_per_week min is larger than max")
    for ph in phase_ids:
        gentle = [e for e in data["exercises"] if e["type"] == "mobility" and ph in e["phases"] and e["difficulty"] == 1]
        if len(gentle) < data["rules"]["min_mobility"]:
            raise CourseDataError(path, f"phase {ph!r}", "needs a difficulty-1 mobility exercise for the warm-up")
        main = [e for e in data["exercises"] if e["type"] == plans[ph]["main"] and ph in e["phases"] and e["difficulty"] == 1]
        if not main:
            raise CourseDataError(path, f"phase {ph!r}", f"needs a difficulty-1 {plans[ph]['main']} exercise")
    return data


@lru_cache(maxsize=1)
def poses() -> dict:
    """Stick-figure poses (``data/exercise-poses.json``), one per exercise."""
    data = load("exercise-poses.json", schema="exercise-poses")
    path = data_dir() / "exercise-poses.json"
    ids = [e["id"] for e in exercises()]
    seen = set()
    for pose in data["poses"]:
        if pose["id"] not in ids:
            raise CourseDataError(path, f"pose {pose['id']!r}", "no exercise with this id in data/exercises.json")
        if pose["id"] in seen:
            raise CourseDataError(path, f"pose {pose['id']!r}", "duplicate pose")
        seen.add(pose["id"])
    missing = [i for i in ids if i not in seen]
    if missing:
        raise CourseDataError(path, None, f"no pose for exercise(s) {', '.join(missing)}")
    return data


def exercises() -> list[dict]:
    return library()["exercises"]


def exercise(exercise_id: str) -> dict:
    return by_id(exercises(), exercise_id)


def rules() -> dict:
    return library()["rules"]


def phase_plan(phase_id: str) -> dict:
    return by_id(rules()["phase_plans"], phase_id, key="phase")


def image_name(exercise_id: str) -> str:
    return f"exercise-{exercise_id}.svg"


# ---------------------------------------------------------------------------- doses and time


def work_seconds(ex: dict) -> int:
    """Seconds of work in one set on one side: the hold, or reps x seconds per rep."""
    dose = ex["dose"]
    return dose["seconds"] if dose["kind"] == "hold" else dose["reps"] * dose["seconds_per_rep"]


def exercise_seconds(ex: dict, sets: int | None = None, transition: int | None = None) -> int:
    """Time for one exercise: getting into position, every set on every side, rests between sets."""
    sets = ex["sets"] if sets is None else sets
    transition = rules()["transition_seconds"] if transition is None else transition
    return transition + sets * ex["sides"] * work_seconds(ex) + (sets - 1) * ex["rest_seconds"]


def fmt_duration(seconds: int) -> str:
    """'45 s', '2 min', '2 min 30 s' (the course's one duration formatter, in numbers.py)."""
    from .numbers import format_duration

    return format_duration(seconds)


def dose_text(ex: dict, sets: int | None = None) -> str:
    sets = ex["sets"] if sets is None else sets
    dose = ex["dose"]
    if dose["kind"] == "hold":
        work = f"hold {fmt_duration(dose['seconds'])}" if ex["type"] != "mobility" and ex["type"] != "recovery" else fmt_duration(dose["seconds"])
    else:
        work = f"{dose['reps']} reps"
    side = " each side" if ex["sides"] == 2 else ""
    sets_text = f"{sets} × {work}" if sets > 1 else work
    rest = f", rest {fmt_duration(ex['rest_seconds'])} between sets" if sets > 1 and ex["rest_seconds"] else ""
    return f"{sets_text}{side}{rest}"


def frequency_text(ex: dict) -> str:
    d = ex["days_per_week"]
    if d["min"] == d["max"]:
        return "every day" if d["min"] == 7 else f"{d['min']} days a week"
    return f"{d['min']}-{d['max']} days a week" if d["max"] < 7 else f"at least {d['min']} days a week, daily if you like"


# ---------------------------------------------------------------------------- the routine


@dataclass(frozen=True)
class RoutineItem:
    exercise: dict
    sets: int

    @property
    def id(self) -> str:
        return self.exercise["id"]

    @property
    def name(self) -> str:
        return self.exercise["name"]

    @property
    def type(self) -> str:
        return self.exercise["type"]

    @property
    def seconds(self) -> int:
        return exercise_seconds(self.exercise, self.sets)

    @property
    def dose(self) -> str:
        return dose_text(self.exercise, self.sets)


@dataclass(frozen=True)
class Routine:
    phase_id: str
    minutes: int
    difficulty: int
    items: tuple[RoutineItem, ...]
    ok: bool
    message: str = ""

    @property
    def total_seconds(self) -> int:
        return sum(item.seconds for item in self.items)

    def __len__(self) -> int:
        return len(self.items)


def _check_choices(phase_id, minutes, difficulty):
    from .phases import phases

    ids = [p["id"] for p in phases()]
    if phase_id not in ids:
        raise ValueError(f"Unknown phase {phase_id!r}: choose one of {', '.join(ids)}.")
    from .numbers import NumberError, parse_number

    try:
        minutes = parse_number(minutes, what="Minutes", low=0, high=24 * 60)
    except NumberError as exc:
        raise ValueError(f"Minutes must be a number from 0 to 1440: {exc}") from None
    if isinstance(difficulty, bool) or difficulty not in (1, 2, 3):
        raise ValueError(f"Difficulty must be 1, 2 or 3, not {difficulty!r}.")
    return int(minutes) if minutes.is_integer() else minutes


def candidates(phase_id: str, difficulty: int) -> list[dict]:
    """Exercises suitable for the phase (listed for it and allowed by its plan) at or below
    the difficulty, in library order."""
    allowed = phase_plan(phase_id)["types"]
    return [e for e in exercises() if phase_id in e["phases"] and e["type"] in allowed and e["difficulty"] <= difficulty]


def smallest_routine(phase_id: str, difficulty: int = 1) -> tuple[RoutineItem, ...]:
    """The shortest routine that keeps the rules: the quickest warm-up item(s) and the
    quickest exercise of the phase's main type, each with its fewest sets."""
    n = rules()["min_mobility"]
    pool = candidates(phase_id, difficulty)
    main_type = phase_plan(phase_id)["main"]

    def quickest(items):
        return sorted(items, key=lambda e: exercise_seconds(e, e["min_sets"]))

    mobility = quickest([e for e in pool if e["type"] == "mobility"])[:n]
    main = quickest([e for e in pool if e["type"] == main_type and e not in mobility])[:1]
    return tuple(RoutineItem(e, e["min_sets"]) for e in mobility + main)


def _too_short(phase_id, minutes, difficulty, budget) -> Routine:
    smallest = smallest_routine(phase_id, difficulty)
    need = sum(i.seconds for i in smallest)
    names = "; ".join(f"{i.name} ({i.dose})" for i in smallest)
    return Routine(
        phase_id, minutes, difficulty, smallest, False,
        f"{fmt_duration(budget)} is too short for a routine with a warm-up and one main exercise. "
        f"The smallest routine that keeps the rules takes {fmt_duration(need)} "
        f"(about {-(-need // 60)} minutes): {names}.",
    )


def build_routine(phase_id: str, minutes, difficulty: int) -> Routine:
    """An ordered routine for one session that fits in ``minutes``.

    Rules: only exercises suited to the phase (and allowed by its plan: while settling, only
    the gentle strengthening the library lists for it), at or below ``difficulty``; a mobility warm-up first and at least one
    exercise of the phase's main type (stretch or strength); holds and reps are
    never shortened (when time is short an exercise gets fewer sets, down to its minimum, or
    is left out); the order follows the phase plan (warm-up, then the main work, then
    stretches and recovery). Deterministic: no randomness. If even the smallest routine does
    not fit, the result has ``ok=False``, a message, and that smallest routine as a suggestion.
    """
    minutes = _check_choices(phase_id, minutes, difficulty)
    budget = int(minutes * 60)
    plan = phase_plan(phase_id)
    pool = candidates(phase_id, difficulty)
    n_mob = rules()["min_mobility"]

    chosen: list[RoutineItem] = []
    used = 0

    def try_add(ex, full=True) -> bool:
        nonlocal used
        for sets in ((ex["sets"], ex["min_sets"]) if full else (ex["min_sets"],)):
            t = exercise_seconds(ex, sets)
            if used + t <= budget:
                chosen.append(RoutineItem(ex, sets))
                used += t
                return True
        return False

    warmups = [e for e in pool if e["type"] == "mobility"][:n_mob]
    mains = [e for e in pool if e["type"] == plan["main"] and e not in warmups]
    first_main = None
    # 1-2. The warm-up (the first mobility items in library order, gentlest first), then at
    # least one exercise of the phase's main type. If the main exercise does not fit after a
    # full warm-up, try again with the warm-up at its fewest sets.
    for full_warmup in (True, False):
        chosen.clear()
        used = 0
        if all(try_add(ex, full_warmup) for ex in warmups):
            first_main = next((e for e in mains if try_add(e)), None)
            if first_main is not None:
                break
    if first_main is None:
        return _too_short(phase_id, minutes, difficulty, budget)

    # 3. The rest, round-robin over the plan's types so a short routine still mixes them.
    rest = [e for e in pool if e not in warmups and e is not first_main]
    order = [t for t in plan["types"] if t != "mobility"] + ["mobility"]
    queues = {t: [e for e in rest if e["type"] == t] for t in order}
    while any(queues.values()):
        for t in order:
            while queues[t]:
                if try_add(queues[t].pop(0)):
                    break

    # 4. Final order: by the plan's type order (mobility first), then by choice order.
    rank = {t: i for i, t in enumerate(plan["types"])}
    indexed = sorted(enumerate(chosen), key=lambda pair: (rank[pair[1].type], pair[0]))
    items = tuple(item for _, item in indexed)
    left = budget - used
    message = f"Total {fmt_duration(used)} of your {fmt_duration(budget)}."
    if left >= 120:
        message += " Everything suitable fits with time to spare: walk for the rest, or stop here."
    return Routine(phase_id, minutes, difficulty, items, True, message)


# ---------------------------------------------------------------------------- HTML


def _cite(keys) -> str:
    from .references import short_citations

    cites = short_citations()
    return "; ".join(safe_html(cites.get(k, k)) for k in keys)


def routine_html(routine: Routine) -> str:
    from .phases import phase

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
    from IPython.display import HTML

    chosen = [e for e in exercises() if kind is None or e["type"] == kind]
    if not chosen:
        raise ValueError(f"No exercises of type {kind!r}: choose one of {', '.join(TYPE_LABELS)}.")
    words = ""
    if terms:
        from .glossary import define_html

        words = define_html(*terms)
    return HTML(words + "".join(card_html(e["id"], open_) for e in chosen))


def stop_rules():
    """The library's stop rules as an HTML box."""
    from IPython.display import HTML

    items = "".join(f"<li>{safe_html(r)}</li>" for r in rules()["stop_rules"])
    return HTML(
        "<div class='gc-stop-rules' role='note' style='border:2px solid #D55E00;border-radius:6px;padding:6px 12px'>"
        f"<strong>Stop the exercise, and get advice, if you notice:</strong><ul>{items}</ul></div>"
    )


def svg_bytes(exercise_id: str) -> bytes:
    return (images_dir() / image_name(exercise_id)).read_bytes()


# ---------------------------------------------------------------------------- widget

def shared_widget_parts() -> dict:
    """One Layout and one Style per widget class, shared by the builder and the timer
    (see widgets.py): fewer models, fewer messages to the browser."""
    from .widgets import layout, style

    return dict(
        auto=layout(width="auto"), desc_style=style("description", description_width="initial"),
        slider_style=style("slider", description_width="initial"),
        toggle_style=style("toggle", description_width="initial"), html_style=style("html"),
        button_style=style("button"), progress_style=style("progress", description_width="initial"),
    )


def html_widget(value: str = ""):
    import ipywidgets as w

    sh = shared_widget_parts()
    return w.HTML(value=value, layout=sh["auto"], style=sh["html_style"])


class RoutineBuilder:
    """Phase, minutes and level in; the routine as a table out, plus one exercise card."""

    def __init__(self, phase_id: str | None = None, minutes: int = 15, difficulty: int = 1):
        import ipywidgets as w

        from .phases import phases

        sh = shared_widget_parts()
        self._layout = sh["auto"]
        options = [(p["name"], p["id"]) for p in phases()]
        self.phase = w.Dropdown(options=options, value=phase_id or options[0][1], description="Phase:",
                                tooltip="Which phase of the example programme you are in", style=sh["desc_style"], layout=self._layout)
        self.minutes = w.IntSlider(value=minutes, min=MIN_MINUTES, max=MAX_MINUTES, step=1, description="Minutes available:",
                                   tooltip="How many minutes you have today", continuous_update=False,
                                   style=sh["slider_style"], layout=self._layout)
        self.level = w.ToggleButtons(
            options=[(f"{n} · {LEVEL_LABELS[n]}", n) for n in (1, 2, 3)], value=difficulty, description="Level:",
            tooltips=["Gentle exercises only", "Gentle and moderate exercises", "All levels, including harder ones"],
            style=sh["toggle_style"],
        )
        self.table = html_widget()
        self.card_choice = w.Dropdown(options=[("(choose an exercise)", None)], value=None, description="Show exercise card:",
                                      tooltip="Pick an exercise from your routine to see how to do it",
                                      style=sh["desc_style"], layout=self._layout)
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
