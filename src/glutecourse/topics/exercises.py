"""The exercise library (``data/exercises.json``) and the routine builder.

- ``library()`` loads and checks the library: the schema, then the rules a schema cannot
  express (known phases and reference keys, each exercise's type allowed in every phase it
  lists (in "settle" only gentle, difficulty-1 strengthening is listed), ``min_sets <= sets``,
  a gentle mobility warm-up in every phase).
- ``build_routine(phase_id, minutes, difficulty)`` is pure and deterministic: the same
  choices always give the same routine, and the routine always keeps the library's rules.
- ``routine_steps(routine)`` turns a routine into the timed steps a reader follows (get
  into position, each set on each side, rests between sets), adding up to its total time.

The cards, the routine builder and the follow-along timer are in ``glutecourse.ui.exercises``;
the stick-figure illustrations are drawn by ``glutecourse.charts.exercises``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from functools import lru_cache

from ..catalog.phases import phases
from ..catalog.references import reference_keys
from ..core.data import build, by_id, check_ids_and_refs, load
from ..core.errors import CourseDataError
from ..core.numbers import NumberError, format_duration, parse_number
from ..core.paths import data_dir
from ..core.records import Record

TYPE_LABELS = {"mobility": "Mobility", "stretch": "Stretch", "strength": "Strength", "recovery": "Recovery"}

LEVEL_LABELS = {1: "Gentle", 2: "Moderate", 3: "Harder"}

# ---------------------------------------------------------------------------- records


class Dose(Record):
    """One set on one side: a hold of ``seconds``, or ``reps`` at ``seconds_per_rep``."""

    kind: str  # "hold" or "reps"
    seconds: int = 0
    reps: int = 0
    seconds_per_rep: int = 0


class DaysPerWeek(Record):
    min: int
    max: int


class ExerciseEvidence(Record):
    """What the evidence says about an exercise, and its sources (reference keys)."""

    note: str
    refs: tuple[str, ...]


class Exercise(Record):
    """One exercise of the library: its steps, dose (``sides`` 2: each side in turn;
    ``min_sets``: the fewest sets the builder may use), how often, level, the phases it
    suits, cautions and evidence."""

    id: str
    name: str
    type: str
    targets: tuple[str, ...]
    steps: tuple[str, ...]
    dose: Dose
    sides: int
    sets: int
    min_sets: int
    rest_seconds: int
    days_per_week: DaysPerWeek
    difficulty: int
    phases: tuple[str, ...]
    cautions: tuple[str, ...]
    evidence: ExerciseEvidence


class PhasePlan(Record):
    """The exercise types a phase allows, in routine order, its main type and why."""

    phase: str
    main: str
    types: tuple[str, ...]
    why: str


class Rules(Record):
    """The routine builder's rules and the stop rules every routine shows."""

    transition_seconds: int
    min_mobility: int
    phase_plans: tuple[PhasePlan, ...]
    stop_rules: tuple[str, ...]


class Library(Record):
    """``data/exercises.json``."""

    note: str
    rules: Rules
    exercises: tuple[Exercise, ...]


#: A point of a pose in metres: (x, y) or (x, y, z).
Point = tuple[float, ...]


class Arrow(Record):
    """A movement arrow from ``from_`` to ``to`` (``from`` in the file), bent by ``curve``,
    with a head at both ends when ``both``."""

    from_: Point
    to: Point
    curve: float
    both: bool = False


class Loop(Record):
    center: Point
    size: Point


class Prop(Record):
    """A chair (``seat`` x range, ``seat_y``, ``back_top``) or a foam roller (``center``,
    ``radius``)."""

    kind: str
    center: Point | None = None
    radius: float | None = None
    seat: Point | None = None
    seat_y: float | None = None
    back_top: float | None = None


class Muscle(Record):
    """The highlighted muscle: one of the exercise's targets, where it sits on the body,
    on which side, and where its label goes."""

    target: str
    region: str
    side: str
    label_at: Point


class Panel(Record):
    """One drawn position: its title, the joints (by name), an optional start position drawn
    faded, and what is drawn on it."""

    label: str
    joints: Mapping[str, Point]
    spine_curve: float = 0.0
    arrows: tuple[Arrow, ...] = ()
    loops: tuple[Loop, ...] = ()
    props: tuple[Prop, ...] = ()
    start: Mapping[str, Point] | None = None
    muscles: tuple[Muscle, ...] = ()


class Pose(Record):
    """An exercise's illustration: the view, its alt text, one or two panels, props shown in
    every panel and how many degrees the camera looks down."""

    id: str
    view: str
    alt: str
    panels: tuple[Panel, ...]
    props: tuple[Prop, ...] = ()
    elevation: float = 0.0


class Poses(Record):
    """``data/exercises-poses.json``: the body's nominal segment lengths and every pose."""

    note: str
    lengths: Mapping[str, float]
    poses: tuple[Pose, ...]


# ---------------------------------------------------------------------------- data


@lru_cache(maxsize=1)
def library() -> Library:
    """The exercise library, validated (schema plus cross-file rules), as records."""
    return check_library(load("exercises.json", schema="exercises"))


def check_library(data: dict, path=None) -> Library:
    """Rules a schema cannot express, on the schema-checked file; raise CourseDataError
    naming the exercise. Then the file built into a ``Library`` record."""
    path = path or data_dir() / "exercises.json"
    phase_ids = [p.id for p in phases()]
    refs = reference_keys()
    plans = {}
    for plan in data["rules"]["phase_plans"]:
        if plan["phase"] not in phase_ids:
            raise CourseDataError(
                path, f"phase plan {plan['phase']!r}", f"unknown phase (known: {', '.join(phase_ids)})"
            )
        if plan["main"] not in plan["types"]:
            raise CourseDataError(
                path, f"phase plan {plan['phase']!r}", f"main type {plan['main']!r} is not among its types"
            )
        if data["rules"]["min_mobility"] and plan["types"][0] != "mobility":
            raise CourseDataError(
                path, f"phase plan {plan['phase']!r}", "types must start with 'mobility' (the warm-up)"
            )
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
        gentle = [
            e for e in data["exercises"] if e["type"] == "mobility" and ph in e["phases"] and e["difficulty"] == 1
        ]
        if len(gentle) < data["rules"]["min_mobility"]:
            raise CourseDataError(path, f"phase {ph!r}", "needs a difficulty-1 mobility exercise for the warm-up")
        main = [
            e
            for e in data["exercises"]
            if e["type"] == plans[ph]["main"] and ph in e["phases"] and e["difficulty"] == 1
        ]
        if not main:
            raise CourseDataError(path, f"phase {ph!r}", f"needs a difficulty-1 {plans[ph]['main']} exercise")
    return build(Library, data)


def _pose(data: dict) -> Pose:
    """A schema-checked pose as its record: an arrow's ``from`` (a Python keyword) is ``from_``."""
    panels = [
        {**panel, "arrows": [{**{k: v for k, v in a.items() if k != "from"}, "from_": a["from"]} for a in arrows]}
        if (arrows := panel.get("arrows"))
        else panel
        for panel in data["panels"]
    ]
    return build(Pose, {**data, "panels": panels})


@lru_cache(maxsize=1)
def poses() -> Poses:
    """Stick-figure poses (``data/exercises-poses.json``), one per exercise, as records."""
    data = load("exercises-poses.json", schema="exercises-poses")
    path = data_dir() / "exercises-poses.json"
    ids = [e.id for e in exercises()]
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
    lengths = build(dict[str, float], data["lengths"])
    return Poses(note=data["note"], lengths=lengths, poses=tuple(_pose(p) for p in data["poses"]))


def pose(exercise_id: str) -> Pose:
    return by_id(poses().poses, exercise_id)


def exercises() -> tuple[Exercise, ...]:
    return library().exercises


def exercise(exercise_id: str) -> Exercise:
    return by_id(exercises(), exercise_id)


def rules() -> Rules:
    return library().rules


def phase_plan(phase_id: str) -> PhasePlan:
    return by_id(rules().phase_plans, phase_id, key="phase")


def image_name(exercise_id: str) -> str:
    return f"exercises-{exercise_id}.svg"


# ---------------------------------------------------------------------------- doses and time


def work_seconds(ex: Exercise) -> int:
    """Seconds of work in one set on one side: the hold, or reps x seconds per rep."""
    dose = ex.dose
    return dose.seconds if dose.kind == "hold" else dose.reps * dose.seconds_per_rep


def exercise_seconds(ex: Exercise, sets: int | None = None, transition: int | None = None) -> int:
    """Time for one exercise: getting into position, every set on every side, rests between sets."""
    sets = ex.sets if sets is None else sets
    transition = rules().transition_seconds if transition is None else transition
    return transition + sets * ex.sides * work_seconds(ex) + (sets - 1) * ex.rest_seconds


def fmt_duration(seconds: int) -> str:
    """'45 s', '2 min', '2 min 30 s' (the course's one duration formatter, in core.numbers)."""
    return format_duration(seconds)


def dose_text(ex: Exercise, sets: int | None = None) -> str:
    sets = ex.sets if sets is None else sets
    dose = ex.dose
    if dose.kind == "hold":
        work = (
            f"hold {fmt_duration(dose.seconds)}"
            if ex.type != "mobility" and ex.type != "recovery"
            else fmt_duration(dose.seconds)
        )
    else:
        work = f"{dose.reps} reps"
    side = " each side" if ex.sides == 2 else ""
    sets_text = f"{sets} × {work}" if sets > 1 else work
    rest = f", rest {fmt_duration(ex.rest_seconds)} between sets" if sets > 1 and ex.rest_seconds else ""
    return f"{sets_text}{side}{rest}"


def frequency_text(ex: Exercise) -> str:
    d = ex.days_per_week
    if d.min == d.max:
        return "every day" if d.min == 7 else f"{d.min} days a week"
    return f"{d.min}-{d.max} days a week" if d.max < 7 else f"at least {d.min} days a week, daily if you like"


# ---------------------------------------------------------------------------- the routine


class RoutineItem(Record):
    exercise: Exercise
    sets: int

    @property
    def id(self) -> str:
        return self.exercise.id

    @property
    def name(self) -> str:
        return self.exercise.name

    @property
    def type(self) -> str:
        return self.exercise.type

    @property
    def seconds(self) -> int:
        return exercise_seconds(self.exercise, self.sets)

    @property
    def dose(self) -> str:
        return dose_text(self.exercise, self.sets)


class Routine(Record):
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
    ids = [p.id for p in phases()]
    if phase_id not in ids:
        raise ValueError(f"Unknown phase {phase_id!r}: choose one of {', '.join(ids)}.")
    try:
        minutes = parse_number(minutes, what="Minutes", low=0, high=24 * 60)
    except NumberError as exc:
        raise ValueError(f"Minutes must be a number from 0 to 1440: {exc}") from None
    if isinstance(difficulty, bool) or difficulty not in (1, 2, 3):
        raise ValueError(f"Difficulty must be 1, 2 or 3, not {difficulty!r}.")
    return int(minutes) if minutes.is_integer() else minutes


def candidates(phase_id: str, difficulty: int) -> tuple[Exercise, ...]:
    """Exercises suitable for the phase (listed for it and allowed by its plan) at or below
    the difficulty, in library order."""
    allowed = phase_plan(phase_id).types
    return tuple(e for e in exercises() if phase_id in e.phases and e.type in allowed and e.difficulty <= difficulty)


def smallest_routine(phase_id: str, difficulty: int = 1) -> tuple[RoutineItem, ...]:
    """The shortest routine that keeps the rules: the quickest warm-up item(s) and the
    quickest exercise of the phase's main type, each with its fewest sets."""
    n = rules().min_mobility
    pool = candidates(phase_id, difficulty)
    main_type = phase_plan(phase_id).main

    def quickest(items):
        return sorted(items, key=lambda e: exercise_seconds(e, e.min_sets))

    mobility = quickest([e for e in pool if e.type == "mobility"])[:n]
    main = quickest([e for e in pool if e.type == main_type and e not in mobility])[:1]
    return tuple(RoutineItem(e, e.min_sets) for e in mobility + main)


def _too_short(phase_id, minutes, difficulty, budget) -> Routine:
    smallest = smallest_routine(phase_id, difficulty)
    need = sum(i.seconds for i in smallest)
    names = "; ".join(f"{i.name} ({i.dose})" for i in smallest)
    return Routine(
        phase_id,
        minutes,
        difficulty,
        smallest,
        False,
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
    n_mob = rules().min_mobility

    chosen: list[RoutineItem] = []
    used = 0

    def try_add(ex, full=True) -> bool:
        nonlocal used
        for sets in (ex.sets, ex.min_sets) if full else (ex.min_sets,):
            t = exercise_seconds(ex, sets)
            if used + t <= budget:
                chosen.append(RoutineItem(ex, sets))
                used += t
                return True
        return False

    warmups = [e for e in pool if e.type == "mobility"][:n_mob]
    mains = [e for e in pool if e.type == plan.main and e not in warmups]
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
    order = [t for t in plan.types if t != "mobility"] + ["mobility"]
    queues = {t: [e for e in rest if e.type == t] for t in order}
    while any(queues.values()):
        for t in order:
            while queues[t]:
                if try_add(queues[t].pop(0)):
                    break

    # 4. Final order: by the plan's type order (mobility first), then by choice order.
    rank = {t: i for i, t in enumerate(plan.types)}
    indexed = sorted(enumerate(chosen), key=lambda pair: (rank[pair[1].type], pair[0]))
    items = tuple(item for _, item in indexed)
    left = budget - used
    message = f"Total {fmt_duration(used)} of your {fmt_duration(budget)}."
    if left >= 120:
        message += " Everything suitable fits with time to spare: walk for the rest, or stop here."
    return Routine(phase_id, minutes, difficulty, items, True, message)


# ---------------------------------------------------------------------------- the timer's steps


class Step(Record):
    kind: str  # "position", "work" or "rest"
    label: str
    seconds: int
    exercise_id: str
    set_no: int = 0
    sets: int = 0
    side: str = ""


def routine_steps(routine) -> list[Step]:
    """Every timed step of ``routine`` in order (pure; no widgets, no clock)."""
    transition = rules().transition_seconds
    steps: list[Step] = []
    for item in routine.items:
        ex = item.exercise
        name = ex.name
        if transition:
            steps.append(Step("position", f"Get ready: {name}", transition, ex.id))
        work = work_seconds(ex)
        sides = ("left side", "right side") if ex.sides == 2 else ("",)
        for set_no in range(1, item.sets + 1):
            of = f" (set {set_no} of {item.sets})" if item.sets > 1 else ""
            for side in sides:
                where = f", {side}" if side else ""
                if ex.dose.kind == "hold":
                    what = f"hold {fmt_duration(work)}" if ex.type in ("stretch", "strength") else fmt_duration(work)
                else:
                    what = f"{ex.dose.reps} reps, about {fmt_duration(work)}"
                steps.append(Step("work", f"{name}{where} — {what}{of}", work, ex.id, set_no, item.sets, side))
            if set_no < item.sets and ex.rest_seconds:
                steps.append(
                    Step(
                        "rest",
                        f"Rest {fmt_duration(ex.rest_seconds)} — next: {name}, set {set_no + 1} of {item.sets}",
                        ex.rest_seconds,
                        ex.id,
                        set_no,
                        item.sets,
                    )
                )
    return steps


# ---------------------------------------------------------------------------- figure geometry
# Pure geometry for the illustrations (drawn by ``glutecourse.charts.exercises``). Joints in
# ``data/exercises-poses.json`` are points in metres: x along the floor, y up (floor at 0),
# and an optional z towards the viewer. A pose's ``elevation`` tilts the camera down by that
# many degrees, so a movement towards or away from the viewer (a knee opening, a leg turned
# out) stays visible.

#: Which nominal length (``lengths`` in the pose file) each drawn segment has.
SEGMENT_LENGTHS = {
    ("pelvis", "neck"): "torso",
    ("neck", "head"): "neck_head",
    ("shoulder", "elbow"): "upper_arm",
    ("elbow", "wrist"): "forearm",
    ("hip", "knee"): "thigh",
    ("knee", "ankle"): "shin",
    ("ankle", "toe"): "foot",
}
#: The body as chains, drawn far side first: each chain starts at a joint of the torso.
CHAINS = (
    ("arm_f", ("shoulder_f", "elbow_f", "wrist_f")),
    ("leg_f", ("hip_f", "knee_f", "ankle_f", "toe_f")),
    ("torso", ("pelvis", "neck")),
    ("head", ("neck", "head")),
    ("leg", ("hip", "knee", "ankle", "toe")),
    ("arm", ("shoulder", "elbow", "wrist")),
)


def point3(p) -> tuple[float, float, float]:
    return (float(p[0]), float(p[1]), float(p[2]) if len(p) > 2 else 0.0)


def full_joints(joints: Mapping[str, Point]) -> Mapping[str, tuple[float, float, float]]:
    """Every joint in 3D, with the torso's own points filled in: ``pelvis`` (between the
    hips), ``hip_f`` and ``shoulder``/``shoulder_f`` (at the hip and the neck when a pose
    does not place them)."""
    j = {k: point3(v) for k, v in joints.items()}
    j.setdefault("hip_f", j["hip"])
    j["pelvis"] = tuple((a + b) / 2 for a, b in zip(j["hip"], j["hip_f"]))
    j.setdefault("shoulder", j["neck"])
    j.setdefault("shoulder_f", j["shoulder"])
    return j


def segments(joints: Mapping[str, Point]):
    """The drawn segments as ``(chain, a, b, nominal)``: consecutive joints of each chain
    present in ``joints`` (a chain stops at its first missing joint)."""
    j = full_joints(joints)
    for chain, names in CHAINS:
        for a, b in zip(names, names[1:]):
            if a not in j or b not in j:
                break
            nominal = SEGMENT_LENGTHS[(a.removesuffix("_f"), b.removesuffix("_f"))]
            yield chain, a, b, nominal


def project(p, elevation: float = 0.0) -> tuple[float, float]:
    """A 3D point seen by a camera tilted down by ``elevation`` degrees (z towards it)."""
    import math

    x, y, z = point3(p)
    e = math.radians(elevation)
    return (x, y * math.cos(e) - z * math.sin(e))


def projected(joints: Mapping[str, Point], elevation: float = 0.0) -> Mapping[str, tuple[float, float]]:
    """Every joint (``full_joints``) projected to the drawing plane."""
    return {k: project(v, elevation) for k, v in full_joints(joints).items()}


# ---------------------------------------------------------------------------- the timer

TIMER_STATES = ("ready", "running", "paused", "finished", "stopped")


def routine_of(source):
    """A routine from a Routine, anything with a ``routine`` (the builder) or a callable."""
    if hasattr(source, "items") and hasattr(source, "phase_id"):
        return source
    if hasattr(source, "routine"):
        return source.routine
    if callable(source):
        return source()
    raise TypeError("routine_timer needs a routine or a routine builder")


#: What the timer says before the reader starts, when it has nothing to time, and without a kernel.
TIMER_READY = "Press Start to follow your routine step by step."
TIMER_NOTHING = "There is nothing to time yet: build a routine first."
TIMER_NO_KERNEL = "This timer needs a running notebook kernel to tick by itself."


class TimerButtons(Record):
    """Which of the timer's buttons can be pressed, by button."""

    start: bool
    pause: bool
    skip: bool
    stop: bool


class TimerView(Record):
    """What the timer shows at one moment (the widget only draws this): the numbers, the
    buttons' state and the words, as plain text."""

    state: str
    step: Step | None
    number: int  # 1-based step number
    count: int  # steps in the routine
    shown_seconds: int  # seconds left in this step, rounded up
    progress: int  # seconds done in this step
    progress_max: int
    left_in_routine: int
    next_label: str

    @property
    def exercise_id(self) -> str | None:
        """The exercise whose picture to show (None: no picture)."""
        return self.step.exercise_id if self.step is not None else None

    @property
    def start_label(self) -> str:
        return "Resume" if self.state == "paused" else "Start"

    @property
    def enabled(self) -> TimerButtons:
        """Which buttons can be pressed now."""
        active = self.state in ("running", "paused")
        return TimerButtons(start=self.state != "running", pause=self.state == "running", skip=active, stop=active)

    @property
    def headline(self) -> str:
        if self.state == "finished":
            return "Routine complete. Well done."
        if self.step is None:
            return TIMER_READY if self.state == "ready" else "Stopped."
        return self.step.label + (" (paused)" if self.state == "paused" else "")

    @property
    def detail(self) -> str:
        if self.state == "finished":
            return "Note how your back feels today, for example in your pain diary (notebook 09)."
        if self.step is None:
            return "" if self.state == "ready" else "Press Start to begin the routine again from the top."
        return f"{self.shown_seconds} s left in this step"

    @property
    def status(self) -> str:
        if self.step is None:
            return ""
        return (
            f"Step {self.number} of {self.count} · about {fmt_duration(self.left_in_routine)} left in the "
            f"routine · next: {self.next_label}"
        )


class TimerModel:
    """A routine's steps and where the reader is in them; no widgets and no clock.

    ``start(routine)`` begins (or resumes when paused); ``tick(seconds)`` lets time pass
    while running and moves through as many steps as needed; ``pause``, ``skip``, ``stop``
    do what the buttons say. ``view()`` says what to show."""

    def __init__(self):
        self.steps: list[Step] = []
        self.index = 0
        self.remaining = 0.0
        self.state = "ready"

    @property
    def current(self) -> Step | None:
        return self.steps[self.index] if 0 <= self.index < len(self.steps) else None

    def seconds_left(self) -> int:
        """Seconds left in the whole routine (rounded up)."""
        if self.current is None:
            return 0
        later = sum(s.seconds for s in self.steps[self.index + 1 :])
        return math.ceil(self.remaining - 1e-9) + later

    def needs_routine(self) -> bool:
        """True when Start begins again from the top (it resumes when paused)."""
        return self.state in ("ready", "stopped", "finished")

    def begin(self, source) -> str:
        """What the Start button does with ``source`` (a Routine, the builder, or a callable):
        start it from the top, or resume when paused. Returns "" when the timer runs, else
        what to tell the reader."""
        routine = None
        if self.needs_routine():
            try:
                routine = routine_of(source)
            except TypeError as exc:
                return str(exc)
        return "" if self.start(routine) else TIMER_NOTHING

    def failed(self, exc: Exception) -> str:
        """The ticking stopped because of an error: stop, and say so."""
        self.state = "stopped"
        return f"The timer stopped because of an error: {exc}"

    def start(self, routine=None) -> bool:
        """Start ``routine`` from its first step (or resume when paused); False when
        there is nothing to time."""
        if self.state == "running":
            return True
        if self.needs_routine():
            steps = routine_steps(routine) if routine is not None else []
            if not steps:
                return False
            self.steps = steps
            self.index = 0
            self.remaining = float(steps[0].seconds)
        self.state = "running"
        return True

    def pause(self) -> bool:
        if self.state != "running":
            return False
        self.state = "paused"
        return True

    def skip(self) -> bool:
        if self.state not in ("running", "paused") or self.current is None:
            return False
        self._advance()
        return True

    def stop(self):
        if self.state in ("running", "paused"):
            self.state = "stopped"

    def tick(self, seconds: float = 1.0) -> bool:
        """Let ``seconds`` pass (only while running); True when anything changed."""
        if self.state != "running" or seconds <= 0:
            return False
        left = float(seconds)
        while self.state == "running" and left > 0:
            if left < self.remaining - 1e-9:
                self.remaining -= left
                left = 0
            else:
                left -= self.remaining
                self._advance()
        return True

    def _advance(self):
        self.index += 1
        if self.index >= len(self.steps):
            self.index = len(self.steps)
            self.remaining = 0.0
            self.state = "finished"
        else:
            self.remaining = float(self.steps[self.index].seconds)

    def view(self) -> TimerView:
        step = self.current
        if self.state == "finished":
            return TimerView(self.state, None, len(self.steps), len(self.steps), 0, 1, 1, 0, "")
        if self.state == "stopped" or step is None:
            return TimerView(self.state, None, 0, len(self.steps), 0, 0, 1, 0, "")
        shown = math.ceil(self.remaining - 1e-9)
        nxt = self.steps[self.index + 1].label if self.index + 1 < len(self.steps) else "the end"
        return TimerView(
            state=self.state,
            step=step,
            number=self.index + 1,
            count=len(self.steps),
            shown_seconds=shown,
            progress=max(0, min(step.seconds, step.seconds - shown)),
            progress_max=step.seconds,
            left_in_routine=self.seconds_left(),
            next_label=nxt,
        )
