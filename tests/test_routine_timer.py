"""The follow-along timer: the pure step list, and ticking driven by hand (no waiting)."""

import asyncio

import pytest

from glutecourse.catalog.phases import phases
from glutecourse.topics import exercises as exm
from glutecourse.ui import exercises as exm_ui
from glutecourse.ui.exercises import RoutineTimer, routine_steps


@pytest.mark.parametrize("phase_id", [p.id for p in phases()])
def test_steps_add_up_to_the_routine_time(phase_id):
    for minutes in (5, 12, 30, 60):
        for level in (1, 2, 3):
            r = exm.build_routine(phase_id, minutes, level)
            steps = routine_steps(r)
            assert sum(s.seconds for s in steps) == r.total_seconds
            assert all(s.seconds > 0 for s in steps)
            assert steps[0].kind == "position"


def test_two_sided_holds_alternate_sides_with_a_rest_between_sets():
    r = exm.build_routine("mobility", 60, 3)
    pigeon = [s for s in routine_steps(r) if s.exercise_id == "pigeon-pose"]
    labels = [s.label for s in pigeon]
    assert labels == [
        "Get ready: Pigeon pose",
        "Pigeon pose, left side — hold 30 s (set 1 of 2)",
        "Pigeon pose, right side — hold 30 s (set 1 of 2)",
        "Rest 15 s — next: Pigeon pose, set 2 of 2",
        "Pigeon pose, left side — hold 30 s (set 2 of 2)",
        "Pigeon pose, right side — hold 30 s (set 2 of 2)",
    ]
    assert [s.seconds for s in pigeon] == [15, 30, 30, 15, 30, 30]


def test_reps_say_how_many_and_roughly_how_long():
    r = exm.build_routine("strength", 10, 1)
    bridge = next(s for s in routine_steps(r) if s.exercise_id == "glute-bridge" and s.kind == "work")
    assert bridge.label.startswith("Glute bridge — 10 reps, about 40 s")


@pytest.fixture
def timer(home):
    return RoutineTimer(exm.build_routine("strength", 10, 1), autorun=False)


def test_start_shows_the_first_step_and_enables_the_right_buttons(timer):
    assert len(timer.widget.children) == 2, "only Start and a label until the reader starts"
    timer.start()
    assert all(b.tooltip for b in (timer.start_button, timer.pause_button, timer.skip_button, timer.stop_button))
    assert timer.state == "running"
    assert "Get ready: Pelvic tilts" in timer.label.value
    assert timer.start_button.disabled and not timer.pause_button.disabled
    assert "Step 1 of" in timer.status.value


def test_the_timer_shows_the_current_poses_picture(timer):
    from test_exercises import assert_shows_picture

    timer.start()
    first = timer.current.exercise_id
    assert_shows_picture(timer.picture.value, first)
    while timer.current is not None and timer.current.exercise_id == first:
        timer.skip()
    assert_shows_picture(timer.picture.value, timer.current.exercise_id)
    timer.stop()
    assert timer.picture.value == ""


def test_tick_moves_the_bar_and_crosses_into_the_next_step(timer):
    timer.start()
    timer.tick(5)
    assert timer.progress.max == 15 and timer.progress.value == 5
    assert "10 s left in this step" in timer.label.value
    timer.tick(12)  # 10 s to finish "get ready", 2 s into the first set
    assert timer.index == 1
    assert "Pelvic tilts — 10 reps" in timer.label.value
    assert timer.progress.value == 2


def test_pause_freezes_time_and_resume_continues(timer):
    timer.start()
    timer.tick(3)
    timer.pause()
    left = timer.seconds_left()
    timer.tick(100)
    assert timer.seconds_left() == left
    assert "(paused)" in timer.label.value and timer.start_button.description == "Resume"
    timer.start()
    timer.tick(1)
    assert timer.seconds_left() == left - 1


def test_skip_and_stop(timer):
    timer.start()
    timer.skip()
    assert timer.index == 1
    timer.stop()
    assert timer.state == "stopped" and "Stopped" in timer.label.value
    assert timer.stop_button.disabled and not timer.start_button.disabled
    timer.start()
    assert timer.index == 0 and timer.state == "running"


def test_running_to_the_end_finishes_cleanly(timer):
    timer.start()
    total = timer.seconds_left()
    assert total == exm.build_routine("strength", 10, 1).total_seconds
    timer.tick(total + 30)
    assert timer.state == "finished"
    assert "Routine complete" in timer.label.value
    assert timer.progress.value == timer.progress.max
    timer.tick(5)  # ticking after the end does nothing
    assert timer.state == "finished"


def test_timer_follows_the_builders_current_routine(home):
    b = exm_ui.routine_builder("settle", 5, 1)
    t = RoutineTimer(b, autorun=False)
    b.phase.value = "strength"
    t.start()
    assert t.seconds_left() == b.routine.total_seconds
    assert any(s.exercise_id == "glute-bridge" for s in t.steps)


def test_a_bad_source_gives_a_message_not_a_traceback(home):
    t = RoutineTimer(object(), autorun=False)
    t.start()
    assert t.state == "ready"
    assert "needs a routine" in t.status.value


def test_autorun_ticks_on_the_event_loop_without_blocking_it(home):
    """With a fake clock that jumps 60 s per reading, the routine runs to the end quickly,
    while another coroutine on the same loop keeps running."""

    now = [0.0]

    def clock():
        now[0] += 60
        return now[0]

    async def scenario():
        t = RoutineTimer(exm.build_routine("strength", 5, 1), tick_interval=0.001, clock=clock)
        t.start()
        assert t._task is not None
        other = 0
        for _ in range(500):
            other += 1
            await asyncio.sleep(0.001)
            if t.state == "finished":
                break
        return t, other

    t, other = asyncio.run(scenario())
    assert t.state == "finished"
    assert other >= 2  # the loop was free for other work between ticks
    assert t._task is None


def test_without_a_running_loop_autorun_explains_itself(home):
    t = RoutineTimer(exm.build_routine("strength", 5, 1))
    t.start()
    assert t.state == "running"
    assert "running notebook kernel" in t.status.value


# -- the timer's model, without widgets (glutecourse.topics.exercises.TimerModel)


def _model_routine():
    return exm.build_routine("strength", 10, 1)


def test_timer_model_walks_the_routine_without_widgets():
    routine = _model_routine()
    steps = exm.routine_steps(routine)
    model = exm.TimerModel()
    assert model.view().step is None and model.state == "ready"
    assert model.start(routine) and model.state == "running"
    first = model.view()
    assert first.step == steps[0] and first.number == 1 and first.count == len(steps)
    assert first.left_in_routine == sum(s.seconds for s in steps)
    assert first.next_label == steps[1].label
    model.tick(steps[0].seconds + 2)  # through the first step, 2 s into the second
    now = model.view()
    assert now.number == 2 and now.progress == 2 and now.shown_seconds == steps[1].seconds - 2
    assert "ipywidgets" not in exm.__dict__  # the model's module imports no widgets


def test_timer_model_pause_skip_stop_and_finish():
    routine = _model_routine()
    steps = exm.routine_steps(routine)
    model = exm.TimerModel()
    assert not model.start(None) and model.state == "ready"  # nothing to time
    model.start(routine)
    model.pause()
    left = model.seconds_left()
    assert not model.tick(50) and model.seconds_left() == left  # paused: time does not pass
    model.start()  # resumes without a routine
    assert model.state == "running" and model.seconds_left() == left
    assert model.skip() and model.index == 1
    model.stop()
    assert model.state == "stopped" and model.view().step is None
    model.start(routine)
    assert model.index == 0
    model.tick(sum(s.seconds for s in steps) + 10)
    done = model.view()
    assert model.state == "finished" and done.progress == done.progress_max and model.seconds_left() == 0
    assert not model.tick(5) and not model.skip()


def test_timer_model_says_what_each_button_does_and_what_to_show():
    """Every word and every button state comes from the model: a view only draws them."""
    routine = _model_routine()
    steps = exm.routine_steps(routine)
    model = exm.TimerModel()
    ready = model.view()
    assert ready.headline == exm.TIMER_READY and ready.status == "" and ready.exercise_id is None
    assert ready.enabled == exm.TimerButtons(start=True, pause=False, skip=False, stop=False)
    assert "needs a routine" in model.begin(object()) and model.state == "ready"
    assert model.begin(lambda: None) == exm.TIMER_NOTHING
    assert model.begin(routine) == "" and model.state == "running"
    running = model.view()
    assert running.headline == steps[0].label and running.exercise_id == steps[0].exercise_id
    assert running.detail == f"{steps[0].seconds} s left in this step"
    assert running.status.startswith(f"Step 1 of {len(steps)}") and steps[1].label in running.status
    assert running.enabled == exm.TimerButtons(start=False, pause=True, skip=True, stop=True)
    model.pause()
    paused = model.view()
    assert paused.start_label == "Resume" and paused.headline.endswith("(paused)")
    assert paused.enabled == exm.TimerButtons(start=True, pause=False, skip=True, stop=True)
    assert model.begin(object()) == "" and model.state == "running"  # resuming needs no routine
    assert "boom" in model.failed(RuntimeError("boom")) and model.state == "stopped"
    stopped = model.view()
    assert stopped.start_label == "Start" and stopped.exercise_id is None and "again" in stopped.detail
    model.begin(routine)
    model.tick(sum(s.seconds for s in steps))
    done = model.view()
    assert done.state == "finished" and "complete" in done.headline and "diary" in done.detail
    assert done.enabled.start and not done.enabled.stop
