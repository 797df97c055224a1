"""The class-results notebook in a real browser, used as a teacher would (issue 13): no code
to edit. After Run All the sample class is on screen; a wrong path gets a message in the
widget; the sample folder typed in the box loads a table whose rows show the questions'
text; two exports chosen with the upload button load; **Save class summary (CSV)** writes
the file and says where. Screenshots: ``artifacts/e2e/class-results-*.png``."""

from __future__ import annotations

import csv

from jlab import SHORT, open_and_run, wait_widgets_synced
from playwright.sync_api import expect

from conftest import ARTIFACTS

NB = "notebooks/instructor/class-results.ipynb"


def shot(page, locator, name: str):
    locator.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / f"class-results-{name}.png"))


def test_a_teacher_loads_a_class_without_editing_code(page, lab, tmp_path):
    from glutecourse.topics.classroom import load_class, question_stats, sample_class_folder

    sample = sample_class_folder()
    cls = load_class(sample)
    stats = question_stats(cls)
    open_and_run(page, lab, NB)
    nb = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook").first
    message = nb.locator(".gc-class-message")
    report = nb.locator(".gc-class-report")
    path_box = page.get_by_role("textbox", name="Class folder:")
    # Run All shows the sample class shipped with the course.
    expect(message).to_contain_text(f"Loaded {len(cls.readers)} readers")
    expect(report.locator("table.gc-class").first).to_be_visible()
    shot(page, path_box, "start")

    # A wrong path: a message in the widget, never a traceback.
    wrong = tmp_path / "no-such-class"
    path_box.fill(str(wrong))
    path_box.press("Enter")
    expect(message).to_contain_text(f"There is no folder at {wrong}", timeout=SHORT)
    expect(message.locator("[role=alert]")).to_be_visible()
    expect(nb).not_to_contain_text("Traceback")
    shot(page, message, "wrong-path")

    # The sample folder typed in the box: loaded again, rows show the question text.
    path_box.fill(str(sample))
    nb.locator("button[title^='Load every progress export']").click()
    expect(message).to_contain_text(f"Loaded {len(cls.readers)} readers from the folder {sample}", timeout=SHORT)
    table = report.locator("table.gc-class", has_text="Percent correct per question")
    for q in (stats[0], stats[-1]):
        row = table.locator("tr", has=page.locator(f"code:text-is('{q.qid}')"))
        expect(row.locator(".gc-qtext")).to_have_text(q.text)
        expect(row.locator(".gc-qtext")).to_have_attribute("title", q.full_text)
    shot(page, table.locator("caption"), "question-text")

    # Two exports chosen with the upload button.
    exports = sorted(sample.glob("progress-export-student-*.json"))[:2]
    upload = nb.locator("button.widget-upload")
    with page.expect_file_chooser() as chooser:
        upload.click()
    chooser.value.set_files([str(p) for p in exports])
    expect(message).to_contain_text("Loaded 2 readers from 2 uploaded files", timeout=SHORT)
    expect(upload).to_contain_text("(2)")
    for reader in [r for r in cls.readers if r.file in {p.name for p in exports}]:
        expect(report).to_contain_text(reader.label)
    shot(page, message, "uploaded")

    # The teacher's export: a real button; the message names the file, which exists.
    target = tmp_path / "summary" / "class-summary.csv"
    save_to = page.get_by_role("textbox", name="Save to:")
    save_to.fill(str(target))
    save_to.press("Tab")
    wait_widgets_synced(page, {"Save to:": str(target)}, "the kernel to receive the summary's path")
    nb.get_by_role("button", name="Save class summary (CSV)").click()
    export_message = nb.locator(".gc-class-export")
    expect(export_message).to_contain_text(f"Saved the class summary (2 readers) to {target}", timeout=SHORT)
    assert target.is_file()
    with open(target, newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert sum(r[0] == "reader" for r in rows) == 2
    expect(export_message.locator("a[download='class-summary.csv']")).to_be_visible()
    expect(nb).not_to_contain_text("Traceback")
    shot(page, export_message, "saved")
