"""Quiz banks exported for learning platforms (issue 14): Moodle XML and QTI 1.2 (Canvas).

- QTI: every assessment in the package is valid against the published QTI ASI 1.2.1 DTD
  (vendored: tests/vendor/qti/SOURCE.md), and the manifest lists exactly the files inside;
- Moodle XML (Moodle publishes no schema: its importer is the definition) is checked for
  what that importer needs: known question types, a name and text for each, fractions from
  Moodle's list of grades, right answers summing to 100 %;
- both read back (lxml) to the bank's every option, key, feedback, tolerance and explanation;
- text that would break hand-made XML (``]]>``, ``<script>``, ``&``) survives escaped.
"""

import io
import zipfile

import pytest
from lxml import etree
from msgspec.structs import replace

from conftest import ROOT
from glutecourse.catalog.references import short_citations
from glutecourse.topics import lms
from glutecourse.topics.quizzes import Bank, Option, Question, all_banks

DTD = ROOT / "tests" / "vendor" / "qti" / "ims_qtiasiv1p2p1.dtd"
BANKS = all_banks()
CITATIONS = short_citations()
# Moodle's grade choices for an answer (question/format.php, question_bank::fraction_options_full),
# as percentages; negative ones are the same values below zero.
MOODLE_FRACTIONS = {
    100,
    90,
    83.33333,
    80,
    75,
    70,
    66.66667,
    60,
    50,
    40,
    33.33333,
    30,
    25,
    20,
    16.66667,
    14.28571,
    12.5,
    11.11111,
    10,
    5,
    0,
}


def package():
    return zipfile.ZipFile(io.BytesIO(lms.qti_package(BANKS, CITATIONS)))


def without_namespace(data: bytes):
    """The document with QTI's namespace (and the xsi attributes) taken off, as the DTD
    (written before namespaces) describes it."""
    root = etree.fromstring(data)
    for el in root.iter():
        el.tag = etree.QName(el).localname
    for name in list(root.attrib):
        del root.attrib[name]
    etree.cleanup_namespaces(root)
    return root


def dtd():
    return etree.DTD(str(DTD))


def test_qti_package_validates_against_the_published_dtd():
    with package() as z:
        names = sorted(z.namelist())
        assessments = [n for n in names if n != "imsmanifest.xml"]
        assert assessments == sorted(lms.qti_path(b) for b in BANKS)
        checker = dtd()
        for name in assessments:
            doc = without_namespace(z.read(name))
            assert checker.validate(doc), f"{name}: {checker.error_log.filter_from_errors()[:3]}"
            assert len(doc.findall(".//item")) == len(next(b for b in BANKS if lms.qti_path(b) == name).questions)
        manifest = etree.fromstring(z.read("imsmanifest.xml"))
        ns = {"cp": lms.CP_NS}
        listed = sorted(f.get("href") for f in manifest.iterfind(".//cp:resource/cp:file", ns))
        assert listed == assessments
        assert {r.get("type") for r in manifest.iterfind(".//cp:resource", ns)} == {"imsqti_xmlv1p2"}


def test_the_dtd_check_catches_a_broken_item():
    """The validation can fail: feedback placed before the presentation breaks QTI's order."""
    data = lms.qti_assessment(BANKS[1], CITATIONS)
    doc = without_namespace(data)
    item = doc.find(".//item")
    item.insert(1, item.find("itemfeedback"))
    checker = dtd()
    assert not checker.validate(doc)
    assert "item" in str(checker.error_log)


def comparable(e: lms.Exported, moodle: bool):
    """Moodle has no option ids: compare options by position, the key by positions."""
    if not moodle or e.type in ("truefalse", "numeric"):
        return e
    ids = [o[0] for o in e.options]
    pos = {oid: f"o{i}" for i, oid in enumerate(ids, 1)}
    options = tuple((pos[o[0]], o[1], o[2]) for o in e.options)
    answer = tuple(pos[a] for a in e.answer) if e.type == "multiple" else pos[e.answer]
    if e.type == "multiple":
        answer = tuple(sorted(answer))
    return replace(e, options=options, answer=answer)


@pytest.mark.parametrize("bank", BANKS, ids=lambda b: b.id)
def test_every_question_reads_back_from_both_formats(bank):
    want = [lms.expected(q, CITATIONS) for q in bank.questions]
    with package() as z:
        qti = lms.read_qti(z.read(lms.qti_path(bank)))
    assert [replace(e, answer=tuple(sorted(e.answer)) if e.type == "multiple" else e.answer) for e in qti] == [
        replace(e, answer=tuple(sorted(e.answer)) if e.type == "multiple" else e.answer) for e in want
    ]
    moodle = lms.read_moodle(lms.moodle_xml(bank, CITATIONS))
    got = [replace(e, answer=tuple(sorted(e.answer))) if e.type == "multiple" else e for e in moodle]
    assert got == [comparable(e, True) for e in want]
    # Something was compared: feedback for every option, a tolerance kept where the bank has one.
    assert all(o[2] for e in want for o in e.options)
    assert [e.tolerance for e in moodle] == [q.tolerance if q.type == "numeric" else 0.0 for q in bank.questions]


@pytest.mark.parametrize("bank", BANKS, ids=lambda b: b.id)
def test_moodle_xml_has_what_moodles_importer_reads(bank):
    root = etree.fromstring(lms.moodle_xml(bank, CITATIONS))
    assert root.tag == "quiz"
    questions = root.findall("question")
    assert questions[0].get("type") == "category"
    assert questions[0].findtext("category/text").startswith("$course$/top/")
    assert [q.findtext("name/text") for q in questions[1:]] == [f"{bank.id}/{q.id}" for q in bank.questions]
    for el, q in zip(questions[1:], bank.questions):
        assert el.get("type") in {"multichoice", "truefalse", "numerical"}
        assert el.find("questiontext").get("format") == "html" and el.findtext("questiontext/text")
        fractions = [float(a.get("fraction")) for a in el.findall("answer")]
        assert all(abs(f) in MOODLE_FRACTIONS for f in fractions), (q.id, fractions)
        assert sum(f for f in fractions if f > 0) == pytest.approx(100, abs=0.001), (q.id, fractions)
        if q.type == "multiple":
            assert el.findtext("single") == "false" and min(fractions) == -100


def hostile_bank():
    """Text a string-built exporter would break on; the banks' own schema allows any text."""
    nasty = 'Tom & Jerry say "hi" <script>alert(1)</script> ]]> <![CDATA[x]]> \u00e9\u2264'
    q = Question(
        id="nasty",
        type="single",
        prompt=f"{nasty} <strong>kept</strong>?",
        answer="a",
        explanation=nasty,
        ref="x",
        topic="T",
        options=(Option("a", nasty, f"fb {nasty}"), Option("b", "B", "fb b")),
        bank_id="zz-test",
    )
    n = Question(
        id="num",
        type="numeric",
        prompt="How many?",
        answer=2.5,
        explanation="e",
        ref="x",
        topic="T",
        tolerance=0.25,
        unit="<units>",
        bank_id="zz-test",
    )
    return Bank("zz-test", "A & B <title>", "00-start-here", "T", (q, n))


def test_text_is_escaped_and_survives_both_formats():
    bank = hostile_bank()
    want = [lms.expected(q, {}) for q in bank.questions]
    assert "<script>" not in want[0].prompt and "<strong>kept</strong>" in want[0].prompt
    assert lms.read_moodle(lms.moodle_xml(bank, {})) == [comparable(e, True) for e in want]
    data = lms.qti_assessment(bank, {})
    assert lms.read_qti(data) == want
    assert dtd().validate(without_namespace(data))
    assert b"<script>" not in data


def test_make_lms_writes_every_bank(tmp_path):
    import sys

    sys.path.insert(0, str(ROOT / "scripts"))
    from export_lms import export

    written = export(tmp_path / "lms")
    names = sorted(p.relative_to(tmp_path / "lms").as_posix() for p in written)
    assert names == sorted([f"moodle/{b.id}.xml" for b in BANKS] + ["qti/glutecourse-qti.zip"])
    # The same banks give the same bytes (a teacher can diff two exports).
    again = export(tmp_path / "again")
    assert [p.read_bytes() for p in written] == [p.read_bytes() for p in again]
