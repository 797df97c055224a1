"""The quiz banks as files a school's learning platform imports: Moodle XML and QTI 1.2.

Pure export logic (no widgets, no files written here): ``scripts/export_lms.py`` writes
what these functions return (``make lms``), and ``read_moodle`` / ``read_qti`` read an
export back, so a test can check that every question's options, key and feedback survive.
XML is built with lxml (a package dependency, imported inside the functions: never on a reader's path),
so every text is escaped by the library, never by string concatenation.

Moodle XML (Moodle's own question format, "Import questions", format "Moodle XML"):

- ``single`` -> ``multichoice`` with ``<single>true</single>``: the key scores 100 %;
- ``multiple`` -> ``multichoice`` with ``<single>false</single>``: each right option scores
  100/k %, each wrong one -100 %, so only the exact set scores full marks (Moodle still
  gives part marks for a subset of the right options: its core types have no
  all-or-nothing multiple choice);
- ``truefalse`` -> ``truefalse``; ``numeric`` -> ``numerical`` with the bank's tolerance
  and its unit (shown to no one: the bank's prompt names it);
- every option keeps its feedback, every question its explanation and source as general
  feedback; options keep the bank's order and ``shuffleanswers`` follows ``shuffle``.

QTI 1.2 (IMS Question and Test Interoperability, ASI 1.2.1: the version Canvas imports as
a "QTI .zip file", and the one Canvas exports; Blackboard, Brightspace and Moodle's QTI
plugins read it too) as an IMS content package: ``imsmanifest.xml`` plus one assessment
per bank, with Canvas's question types in ``itemmetadata`` (``multiple_choice_question``,
``multiple_answers_question``, ``true_false_question``, ``numerical_question``), feedback
per option (``itemfeedback`` linked from each option's ``respcondition``), the explanation
as general feedback, and a numeric answer as its exact value or the range
answer ± tolerance.
"""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal

from ..core.numbers import format_number
from ..core.records import Record
from ..core.text import safe_html
from .quizzes import Bank, Question

COURSE = "Tight glutes and low back pain"
QTI_NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
QTI_XSD = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2p1.xsd"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
CP_NS = "http://www.imsglobal.org/xsd/imscp_v1p1"
CANVAS_TYPES = {
    "single": "multiple_choice_question",
    "multiple": "multiple_answers_question",
    "truefalse": "true_false_question",
    "numeric": "numerical_question",
}


class Exported(Record):
    """One question as an export holds it (and as ``read_moodle`` / ``read_qti`` give it
    back): HTML texts as the bank's text made safe (``core.text.safe_html``)."""

    id: str
    type: str
    prompt: str
    options: tuple[tuple[str, str, str], ...]  # (id, text, feedback) in the bank's order
    answer: object  # option id, tuple of option ids, bool, or the number
    tolerance: float = 0.0
    unit: str = ""
    explanation: str = ""


def _explanation(q: Question, citations: dict) -> str:
    ref = citations.get(q.ref)
    return safe_html(q.explanation) + (f" Source: {safe_html(ref)}." if ref else "")


def expected(q: Question, citations: dict) -> Exported:
    """What an export of ``q`` must hold (the test compares what is read back with this)."""
    if q.type == "truefalse":
        options = tuple((k, k.title(), safe_html(q.tf_feedback.get(k, ""))) for k in ("true", "false"))
    else:
        options = tuple((o.id, safe_html(o.text), safe_html(o.feedback)) for o in q.options)
    answer = tuple(q.answer) if q.type == "multiple" else q.answer
    return Exported(
        q.id,
        q.type,
        safe_html(q.prompt),
        options,
        answer,
        q.tolerance if q.type == "numeric" else 0.0,
        q.unit if q.type == "numeric" else "",
        _explanation(q, citations),
    )


def _number(value) -> str:
    return format_number(value)


# ------------------------------------------------------------------------ Moodle XML


def moodle_xml(bank: Bank, citations: dict) -> bytes:
    """The bank as one Moodle XML file: a category named after the course and the bank,
    then every question."""
    from lxml import etree

    E = etree.SubElement
    quiz = etree.Element("quiz")

    def text(parent, tag, value, fmt=None):
        el = E(parent, tag, format=fmt) if fmt else E(parent, tag)
        E(el, "text").text = value
        return el

    category = E(quiz, "question", type="category")
    text(category, "category", f"$course$/top/{COURSE}/{bank.title}")
    text(category, "info", f"Quiz bank {bank.id} of the course {COURSE}.", "html")
    for q in bank.questions:
        kind = {"single": "multichoice", "multiple": "multichoice", "truefalse": "truefalse", "numeric": "numerical"}
        question = E(quiz, "question", type=kind[q.type])
        text(question, "name", f"{bank.id}/{q.id}")
        text(question, "questiontext", safe_html(q.prompt), "html")
        text(question, "generalfeedback", _explanation(q, citations), "html")
        E(question, "defaultgrade").text = "1"
        E(question, "penalty").text = "0"
        E(question, "hidden").text = "0"
        E(question, "idnumber").text = f"{bank.id}/{q.id}"
        if q.type in ("single", "multiple"):
            E(question, "single").text = "true" if q.type == "single" else "false"
            E(question, "shuffleanswers").text = "1" if q.shuffle else "0"
            E(question, "answernumbering").text = "abc"
            right = set(q.answer) if q.type == "multiple" else {q.answer}
            for o in q.options:
                if q.type == "single":
                    fraction = "100" if o.id in right else "0"
                else:
                    fraction = _number(round(100 / len(right), 5)) if o.id in right else "-100"
                answer = text(question, "answer", safe_html(o.text), "html")
                answer.set("fraction", fraction)
                text(answer, "feedback", safe_html(o.feedback), "html")
        elif q.type == "truefalse":
            for value in (True, False):
                key = "true" if value else "false"
                answer = text(question, "answer", key)
                answer.set("fraction", "100" if q.answer is value else "0")
                text(answer, "feedback", safe_html(q.tf_feedback.get(key, "")), "html")
        else:
            answer = text(question, "answer", _number(q.answer))
            answer.set("fraction", "100")
            E(answer, "tolerance").text = _number(q.tolerance)
            text(answer, "feedback", "", "html")
            if q.unit:
                units = E(question, "units")
                unit = E(units, "unit")
                E(unit, "multiplier").text = "1"
                E(unit, "unit_name").text = q.unit
            E(question, "unitgradingtype").text = "0"  # the unit is not graded
            E(question, "showunits").text = "3"  # no unit box: the prompt says the unit
    return etree.tostring(quiz, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def read_moodle(data: bytes) -> list[Exported]:
    """The questions of a Moodle XML file written by :func:`moodle_xml` (option ids are
    not part of Moodle's format: options come back as ``o1``, ``o2``... in file order,
    which is the bank's order)."""
    from lxml import etree

    root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    out = []
    for q in root.iterfind("question"):
        kind = q.get("type")
        if kind == "category":
            continue
        name = q.findtext("name/text")
        qid = name.split("/", 1)[1]
        prompt = q.findtext("questiontext/text") or ""
        explanation = q.findtext("generalfeedback/text") or ""
        answers = q.findall("answer")
        if kind == "multichoice":
            single = q.findtext("single") == "true"
            options = tuple(
                (f"o{i}", a.findtext("text") or "", a.findtext("feedback/text") or "") for i, a in enumerate(answers, 1)
            )
            keys = [f"o{i}" for i, a in enumerate(answers, 1) if float(a.get("fraction")) > 0]
            out.append(
                Exported(
                    qid,
                    "single" if single else "multiple",
                    prompt,
                    options,
                    keys[0] if single else tuple(keys),
                    explanation=explanation,
                )
            )
        elif kind == "truefalse":
            options = tuple(
                (a.findtext("text"), a.findtext("text").title(), a.findtext("feedback/text") or "") for a in answers
            )
            key = next(a.findtext("text") for a in answers if float(a.get("fraction")) > 0)
            out.append(Exported(qid, "truefalse", prompt, options, key == "true", explanation=explanation))
        elif kind == "numerical":
            (a,) = answers
            value = Decimal(a.findtext("text"))
            out.append(
                Exported(
                    qid,
                    "numeric",
                    prompt,
                    (),
                    int(value) if value == value.to_integral_value() else float(value),
                    float(a.findtext("tolerance")),
                    q.findtext("units/unit/unit_name") or "",
                    explanation,
                )
            )
        else:
            raise ValueError(f"question {name!r}: type {kind!r} is not one the course exports")
    return out


# ------------------------------------------------------------------------ QTI 1.2


def _qti(tag: str) -> str:
    return f"{{{QTI_NS}}}{tag}"


def qti_assessment(bank: Bank, citations: dict) -> bytes:
    """The bank as one QTI 1.2 assessment (``questestinterop``), in Canvas's dialect."""
    from lxml import etree

    def E(parent, tag, text=None, **attrs):
        el = etree.SubElement(parent, _qti(tag), {k.rstrip("_"): v for k, v in attrs.items()})
        if text is not None:
            el.text = text
        return el

    def material(parent, html):
        mat = E(parent, "material")
        E(mat, "mattext", html, texttype="text/html")
        return mat

    def metadata(parent, fields):
        meta = E(parent, "qtimetadata")
        for label, entry in fields:
            field = E(meta, "qtimetadatafield")
            E(field, "fieldlabel", label)
            E(field, "fieldentry", entry)

    root = etree.Element(_qti("questestinterop"), nsmap={None: QTI_NS, "xsi": XSI})
    root.set(f"{{{XSI}}}schemaLocation", f"{QTI_NS} {QTI_XSD}")
    assessment = E(root, "assessment", ident=bank.id, title=bank.title)
    metadata(assessment, [("cc_maxattempts", "unlimited")])
    section = E(assessment, "section", ident="root_section")
    for q in bank.questions:
        item = E(section, "item", ident=f"{bank.id}.{q.id}", title=q.id)
        meta = E(item, "itemmetadata")
        metadata(meta, [("question_type", CANVAS_TYPES[q.type]), ("points_possible", "1")])
        presentation = E(item, "presentation")
        material(presentation, safe_html(q.prompt))
        if q.type == "numeric":
            response = E(presentation, "response_str", ident="response1", rcardinality="Single")
            fib = E(response, "render_fib", fibtype="Decimal")
            E(fib, "response_label", ident="answer1")
        else:
            multiple = q.type == "multiple"
            response = E(
                presentation, "response_lid", ident="response1", rcardinality="Multiple" if multiple else "Single"
            )
            choice = E(response, "render_choice", shuffle="Yes" if q.shuffle and q.type != "truefalse" else "No")
            if q.type == "truefalse":
                options = [
                    ("true", "True", q.tf_feedback.get("true", "")),
                    ("false", "False", q.tf_feedback.get("false", "")),
                ]
            else:
                options = [(o.id, o.text, o.feedback) for o in q.options]
            for oid, label, _ in options:
                material(E(choice, "response_label", ident=oid), safe_html(label))
        processing = E(item, "resprocessing")
        outcomes = E(processing, "outcomes")
        E(outcomes, "decvar", maxvalue="100", minvalue="0", varname="SCORE", vartype="Decimal")
        cond = E(processing, "respcondition", continue_="Yes")
        E(E(cond, "conditionvar"), "other")
        E(cond, "displayfeedback", feedbacktype="Response", linkrefid="general_fb")
        if q.type == "numeric":
            cond = E(processing, "respcondition", continue_="No")
            either = E(E(cond, "conditionvar"), "or")
            E(either, "varequal", _number(q.answer), respident="response1")
            if q.tolerance:
                exact, tol = Decimal(repr(float(q.answer))), Decimal(repr(q.tolerance))
                both = E(either, "and")
                E(both, "vargte", _number(exact - tol), respident="response1")
                E(both, "varlte", _number(exact + tol), respident="response1")
            E(cond, "setvar", "100", action="Set", varname="SCORE")
        else:
            for oid, _, _ in options:
                cond = E(processing, "respcondition", continue_="Yes")
                E(E(cond, "conditionvar"), "varequal", oid, respident="response1")
                E(cond, "displayfeedback", feedbacktype="Response", linkrefid=f"{oid}_fb")
            cond = E(processing, "respcondition", continue_="No")
            var = E(cond, "conditionvar")
            if q.type == "multiple":
                both = E(var, "and")
                for o in q.options:
                    if o.id in q.answer:
                        E(both, "varequal", o.id, respident="response1")
                    else:
                        E(E(both, "not"), "varequal", o.id, respident="response1")
            else:
                key = ("true" if q.answer else "false") if q.type == "truefalse" else q.answer
                E(var, "varequal", key, respident="response1")
            E(cond, "setvar", "100", action="Set", varname="SCORE")
        feedback = E(item, "itemfeedback", ident="general_fb")
        material(E(feedback, "flow_mat"), _explanation(q, citations))
        if q.type != "numeric":
            for oid, _, text in options:
                material(E(E(item, "itemfeedback", ident=f"{oid}_fb"), "flow_mat"), safe_html(text))
        if q.unit:
            metadata(meta, [("unit", q.unit)])
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def qti_manifest(banks: list[Bank]) -> bytes:
    """The IMS content package manifest listing each bank's assessment file."""
    from lxml import etree

    root = etree.Element(f"{{{CP_NS}}}manifest", nsmap={None: CP_NS}, identifier="glutecourse-quizzes")
    meta = etree.SubElement(root, f"{{{CP_NS}}}metadata")
    etree.SubElement(meta, f"{{{CP_NS}}}schema").text = "IMS Content"
    etree.SubElement(meta, f"{{{CP_NS}}}schemaversion").text = "1.1.3"
    etree.SubElement(root, f"{{{CP_NS}}}organizations")
    resources = etree.SubElement(root, f"{{{CP_NS}}}resources")
    for bank in banks:
        res = etree.SubElement(
            resources, f"{{{CP_NS}}}resource", identifier=bank.id, type="imsqti_xmlv1p2", href=qti_path(bank)
        )
        etree.SubElement(res, f"{{{CP_NS}}}file", href=qti_path(bank))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def qti_path(bank: Bank) -> str:
    return f"{bank.id}/{bank.id}.xml"


def qti_package(banks: list[Bank], citations: dict) -> bytes:
    """A QTI content package (a zip: the manifest and one assessment per bank), as Canvas's
    "Import existing content" > "QTI .zip file" takes it. Fixed timestamps: the same banks
    always give the same bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        entries = [("imsmanifest.xml", qti_manifest(banks))]
        entries += [(qti_path(b), qti_assessment(b, citations)) for b in banks]
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    return buffer.getvalue()


def read_qti(data: bytes) -> list[Exported]:
    """The questions of a QTI assessment written by :func:`qti_assessment`."""
    from lxml import etree

    root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    ns = {"q": QTI_NS}
    out = []
    for item in root.iterfind(".//q:item", ns):
        fields = {
            f.findtext("q:fieldlabel", namespaces=ns): f.findtext("q:fieldentry", namespaces=ns)
            for f in item.iterfind("q:itemmetadata/q:qtimetadata/q:qtimetadatafield", ns)
        }
        kind = {v: k for k, v in CANVAS_TYPES.items()}[fields["question_type"]]
        prompt = item.findtext("q:presentation/q:material/q:mattext", namespaces=ns) or ""
        feedback = {
            fb.get("ident"): fb.findtext("q:flow_mat/q:material/q:mattext", namespaces=ns) or ""
            for fb in item.iterfind("q:itemfeedback", ns)
        }
        scored = [
            c
            for c in item.iterfind("q:resprocessing/q:respcondition", ns)
            if c.find("q:setvar", ns) is not None and float(c.findtext("q:setvar", namespaces=ns)) > 0
        ]
        (win,) = scored
        if kind == "numeric":
            exact = Decimal(win.findtext("q:conditionvar/q:or/q:varequal", namespaces=ns))
            low = win.findtext("q:conditionvar/q:or/q:and/q:vargte", namespaces=ns)
            tol = float(exact - Decimal(low)) if low is not None else 0.0
            value = int(exact) if exact == exact.to_integral_value() else float(exact)
            out.append(
                Exported(
                    item.get("title"), kind, prompt, (), value, tol, fields.get("unit", ""), feedback["general_fb"]
                )
            )
            continue
        labels = item.iterfind("q:presentation/q:response_lid/q:render_choice/q:response_label", ns)
        options = tuple(
            (
                lab.get("ident"),
                lab.findtext("q:material/q:mattext", namespaces=ns) or "",
                feedback.get(f"{lab.get('ident')}_fb", ""),
            )
            for lab in labels
        )
        if kind == "multiple":
            answer = tuple(v.text for v in win.iterfind("q:conditionvar/q:and/q:varequal", ns))
        else:
            answer = win.findtext("q:conditionvar/q:varequal", namespaces=ns)
            if kind == "truefalse":
                answer = answer == "true"
        out.append(Exported(item.get("title"), kind, prompt, options, answer, explanation=feedback["general_fb"]))
    return out
