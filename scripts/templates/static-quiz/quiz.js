/* The course's quizzes on the static site and in the slide decks (scripts/static_quiz.py
   writes the HTML; each question's data-key holds its key and feedback). The grading rules
   are those of the Python engine, glutecourse.topics.quizzes.grade, and of the number
   parser, glutecourse.core.numbers.parse_number: same verdicts, same messages.
   e2e/test_static_quizzes.py answers every question both ways and compares. */
(function () {
  "use strict";

  // ------------------------------------------------------------ numbers (core/numbers.py)
  var MAX_LENGTH = 30;
  var SP = " \u00a0\u202f\u2009"; // the spaces allowed between groups of three digits
  var PLAIN = new RegExp("^([+-]?)(\\d{1,3}(?:[" + SP + "]\\d{3})+|\\d*)(?:([.,])(\\d*))?$");
  var PY_SPACE = "\\t\\n\\x0b\\x0c\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
  var STRIP = new RegExp("^[" + PY_SPACE + "]+|[" + PY_SPACE + "]+$", "g"); // Python's str.strip()
  var UNICODE_DIGIT = /\p{Nd}/u;

  function NumberError(message) { this.message = message; }
  function strip(text) { return text.replace(STRIP, ""); }
  function quoted(text) {
    var c = Array.from(text);
    return "\u201c" + (c.length > 30 ? c.slice(0, 30).join("") + "\u2026" : text) + "\u201d";
  }
  // A decimal as the course writes it: no exponent, no leading or trailing zeros.
  function plain(sign, whole, frac) {
    whole = whole.replace(/^0+/, "") || "0";
    frac = frac.replace(/0+$/, "");
    var text = whole + (frac ? "." + frac : "");
    return sign === "-" && text !== "0" ? "-" + text : text;
  }
  function tooLarge(whole, frac) { // |value| > 10**12
    whole = whole.replace(/^0+/, "");
    if (whole.length !== 13) return whole.length > 13;
    return whole > "1000000000000" || (whole === "1000000000000" && /[1-9]/.test(frac));
  }
  // A digit of another script (٥, ５) as 0-9: Unicode assigns them in runs of ten from 0.
  function asciiDigit(ch) {
    var cp = ch.codePointAt(0), start = cp;
    while (UNICODE_DIGIT.test(String.fromCodePoint(start - 1))) start -= 1;
    return String((cp - start) % 10);
  }
  function hint(text, before, after) {
    try { return before + readText(text) + after; } catch (e) { if (e instanceof NumberError) return ""; throw e; }
  }
  function exponentPlain(text) { // "1.5e3" -> {plain: "1500", fits}
    var m = /^([+-]?)(\d*)\.?(\d*)[eE]([+-]?\d+)$/.exec(text);
    var digits = (m[2] + m[3]).replace(/^0+/, ""), point = m[2].length + parseInt(m[4], 10) - ((m[2] + m[3]).length - digits.length);
    if (!digits) return {plain: "0", fits: true};
    if (point > 14) return {plain: "", fits: false}; // over 10**12
    if (point < -MAX_LENGTH) return {plain: "", fits: false}; // longer than 30 characters
    var whole = point <= 0 ? "0" : digits.slice(0, point) + "0".repeat(Math.max(0, point - digits.length));
    var frac = point <= 0 ? "0".repeat(-point) + digits : digits.slice(point);
    var text = plain(m[1], whole, frac);
    return {plain: text, fits: !tooLarge(whole, frac) && Array.from(text).length <= MAX_LENGTH};
  }

  // The number a reader typed, written plainly; throws NumberError with the engine's message.
  function readText(raw) {
    var text = strip(raw);
    if (!text) throw new NumberError("Type a number first.");
    if (Array.from(text).length > MAX_LENGTH) {
      throw new NumberError(quoted(text) + " is too long to be a number (at most " + MAX_LENGTH + " characters).");
    }
    var word = text.toLowerCase().replace(/^[+-]+/, "");
    if (word === "nan" || word === "inf" || word === "infinity") {
      throw new NumberError(quoted(word === "nan" ? "NaN" : text) + " is not a number you can use here: type digits, for example 6 or 6.5.");
    }
    var chars = Array.from(text);
    if (chars.some(function (ch) { return ch.charCodeAt(0) > 127 && UNICODE_DIGIT.test(ch); })) {
      var converted = chars.map(function (ch) { return ch.charCodeAt(0) > 127 && UNICODE_DIGIT.test(ch) ? asciiDigit(ch) : ch; }).join("");
      throw new NumberError(quoted(text) + " uses digits the course cannot read: type the number with the digits 0-9" + hint(converted, " (type ", ")") + ".");
    }
    if (text.indexOf("_") >= 0) {
      throw new NumberError(quoted(text) + " is not a plain number: leave out the _" + hint(text.replace(/_/g, ""), " (type ", ")") + ".");
    }
    if (/^[+-]?(\d+\.?\d*|\.\d+)[eE][+-]?\d+$/.test(text)) {
      var full = exponentPlain(text);
      throw new NumberError(quoted(text) + " is not a plain number (no exponents)" + (full.fits ? ": type " + full.plain : ": type it in full") + ".");
    }
    if (/^[+-]?0x/.test(text.toLowerCase())) {
      throw new NumberError(quoted(text) + " is not a plain number: type it with the digits 0-9 in base ten.");
    }
    var m = PLAIN.exec(text);
    if (!m || !(m[2] || m[4])) {
      var marks = (text.match(/[.,]/g) || []).length;
      if (marks > 1 && /^[+-]?[\d.,]+$/.test(text)) {
        throw new NumberError(quoted(text) + " has more than one decimal mark or separator: type the number without " +
          "thousands separators, with at most one decimal point, for example 1000 or 1000.5.");
      }
      if (new RegExp("^[+-]?[\\d.," + SP + "]+$").test(text) && /\d/.test(text)) {
        throw new NumberError(quoted(text) + " is not a number the course can read: a space may only separate groups of " +
          "three digits (as in 1 000), and there may be one decimal point.");
      }
      if (/\d/.test(text)) {
        throw new NumberError(quoted(text) + " is not a plain number: type only the number, without units, signs or other " +
          "characters, for example 6 or 6.5.");
      }
      throw new NumberError(quoted(text) + " is not a number: type digits, for example 6 or 6.5.");
    }
    var sign = m[1], integer = m[2], mark = m[3], frac = m[4] || "";
    var digits = integer.replace(new RegExp("[" + SP + "]", "g"), "");
    if (mark === "," && frac.length === 3 && digits !== "" && digits !== "0" && integer === digits) {
      throw new NumberError(quoted(text) + " is ambiguous: type " + sign + digits + frac + " (without the comma), or " +
        sign + digits + "." + frac + " with a point if you meant a decimal.");
    }
    if (tooLarge(digits, frac)) throw new NumberError(quoted(text) + " is too large a number for the course.");
    return plain(sign, digits || "0", frac || "0");
  }

  // ------------------------------------------------------------ grading (topics/quizzes.py)
  // {status: "correct" | "incorrect" | "invalid", message: HTML}. Feedback texts come made
  // safe from the build; every other message is plain text, escaped here.
  function esc(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }
  function grade(key, response) {
    if (key.type === "single") {
      if (response === null) return {status: "invalid", message: "Choose one answer first."};
      return {status: response === key.answer ? "correct" : "incorrect", message: key.feedback[response]};
    }
    if (key.type === "multiple") {
      if (!response.length) return {status: "invalid", message: "Tick at least one answer first."};
      var right = key.answer;
      var wrong = response.filter(function (id) { return right.indexOf(id) < 0; });
      var missed = right.filter(function (id) { return response.indexOf(id) < 0; }).length;
      if (!wrong.length && !missed) return {status: "correct", message: ""};
      var parts = [];
      if (wrong.length) parts.push(wrong.length + " of your choices " + (wrong.length === 1 ? "is" : "are") + " not right");
      if (missed) parts.push(missed + " correct " + (missed === 1 ? "answer is" : "answers are") + " not ticked");
      var notes = key.order.filter(function (id) { return wrong.indexOf(id) >= 0 && key.feedback[id]; })
        .map(function (id) { return key.feedback[id]; });
      var message = esc(parts.join("; ") + ".") + (notes.length ? " " + notes.join(" ") : "");
      return {status: "incorrect", message: message.charAt(0).toUpperCase() + message.slice(1)};
    }
    if (key.type === "truefalse") {
      if (response === null) return {status: "invalid", message: "Choose True or False first."};
      return {status: response === key.answer ? "correct" : "incorrect", message: key.feedback[String(response)] || ""};
    }
    if (!strip(response)) return {status: "invalid", message: "Type a number first."};
    var value;
    try { value = Number(readText(response)); } catch (e) {
      if (e instanceof NumberError) return {status: "invalid", message: esc(e.message)};
      throw e;
    }
    var ok = Math.abs(value - key.answer) <= key.tolerance + 1e-9;
    return {status: ok ? "correct" : "incorrect", message: ""};
  }

  // ------------------------------------------------------------ the page (ui/quizzes.py)
  var VERDICT = {correct: "\u2713 Correct", incorrect: "\u2717 Not quite"};
  var MARKS = {correct: "\u2713 Correct", incorrect: "\u2717 Not quite", right: "\u2713 right choice", wrong: "\u2717 wrong choice"};
  var BOX = {correct: ["ok", ""], incorrect: ["problem", ""], invalid: ["info", "Please check:"], revealed: ["neutral", "Answer shown."]};

  function Question(el, onChange) {
    var key = JSON.parse(el.getAttribute("data-key"));
    var inputs = Array.from(el.querySelectorAll("fieldset input"));
    var feedback = el.querySelector(".gc-squiz-feedback");
    var check = el.querySelector(".gc-check"), retry = el.querySelector(".gc-retry"), reveal = el.querySelector(".gc-reveal");
    var self = {answered: false, correct: false, revealed: false, locked: false};

    function response() {
      if (key.type === "numeric") return inputs[0].value;
      var chosen = inputs.filter(function (i) { return i.checked; }).map(function (i) { return i.value; });
      if (key.type === "multiple") return chosen;
      if (!chosen.length) return null;
      return key.type === "truefalse" ? chosen[0] === "true" : chosen[0];
    }
    function show(status, label, html) {
      var tone = BOX[status][0];
      feedback.innerHTML = '<div class="gc-status gc-feedback gc-' + status + " gc-tone-" + tone + '">' +
        (label ? "<strong>" + esc(label) + "</strong> " : "") + html + "</div>";
      feedback.setAttribute("data-status", status);
    }
    function lock(locked) {
      self.locked = locked;
      inputs.forEach(function (i) {
        if (key.type === "numeric") i.readOnly = locked;
        else if (locked) i.setAttribute("aria-disabled", "true"); else i.removeAttribute("aria-disabled");
      });
      check.disabled = locked;
      retry.disabled = !locked;
    }
    function mark(status) {
      inputs.forEach(function (i) {
        var row = i.parentElement, old = row.querySelector(".gc-choice-mark");
        row.classList.remove("gc-choice-correct", "gc-choice-incorrect", "gc-choice-right", "gc-choice-wrong");
        if (old) old.remove();
        if (!status || !i.checked) return;
        var m = key.type === "multiple" ? (key.answer.indexOf(i.value) >= 0 ? "right" : "wrong") : status;
        row.classList.add("gc-choice-" + m);
        var span = document.createElement("strong");
        span.className = "gc-choice-mark";
        span.textContent = " " + MARKS[m];
        row.appendChild(span);
      });
    }
    self.check = function () {
      if (self.locked) return;
      var result = grade(key, response());
      if (result.status === "invalid") {
        show("invalid", "Please check:", '<span class="gc-squiz-message">' + result.message + "</span>");
        return;
      }
      self.answered = true;
      self.correct = result.status === "correct" && !self.revealed;
      var detail = '<div class="gc-squiz-message">' + result.message + "</div>";
      detail += result.status === "correct" ? "<div>" + key.explanation + "</div>"
        : "<div>Choose <em>Try again</em> to have another go, or <em>Show answer</em>.</div>";
      // The verdict is said once: beside the chosen answer, else at the top of the feedback.
      var beside = key.type === "single" || key.type === "truefalse";
      show(result.status, beside ? "" : VERDICT[result.status] + ".", detail);
      mark(result.status);
      lock(true);
      // Check is now disabled: the focus stays in the question (as in the notebook).
      (key.type === "numeric" ? retry : inputs.find(function (i) { return i.checked; }) || inputs[0]).focus();
      onChange();
    };
    self.retry = function () {
      inputs.forEach(function (i) { if (key.type === "numeric") i.value = ""; else i.checked = false; });
      mark("");
      feedback.innerHTML = "";
      feedback.removeAttribute("data-status");
      lock(false);
      inputs[0].focus();
    };
    self.reveal = function () {
      self.revealed = true;
      show("revealed", "Answer shown.", "The answer is: <strong>" + key.reveal + "</strong>.<div>" + key.explanation + "</div>");
      retry.disabled = false;
      onChange();
    };
    check.addEventListener("click", self.check);
    retry.addEventListener("click", self.retry);
    reveal.addEventListener("click", self.reveal);
    inputs.forEach(function (input) {
      input.addEventListener("click", function (e) { if (self.locked && key.type !== "numeric") e.preventDefault(); });
      input.addEventListener("keydown", function (e) {
        if (e.key === "Enter") { e.preventDefault(); self.check(); }
      });
    });
    return self;
  }

  function Quiz(section) {
    var score = section.querySelector(".gc-squiz-score");
    var els = Array.from(section.querySelectorAll(".gc-squiz-q"));
    var questions = [];
    function update() {
      var correct = questions.filter(function (q) { return q.correct; }).length;
      var answered = questions.filter(function (q) { return q.answered; }).length;
      score.innerHTML = "<strong>Score: " + correct + " of " + questions.length + " correct</strong> (" + answered + " answered)";
    }
    questions = els.map(function (el) { return Question(el, update); });
    update();
    // In a slide deck: one question at a time (as in the notebook), so the quiz fits a slide;
    // Space and Enter on the quiz's buttons stay with the quiz, not reveal.js.
    if (section.closest(".reveal")) {
      var at = 0, nav = document.createElement("div");
      nav.className = "gc-squiz-nav";
      nav.innerHTML = '<button type="button" class="gc-prev">Previous</button> <span class="gc-position"></span> ' +
        '<button type="button" class="gc-next">Next</button>';
      section.insertBefore(nav, els[0]);
      var go = function (i) {
        at = Math.max(0, Math.min(els.length - 1, i));
        els.forEach(function (el, j) { el.hidden = j !== at; });
        nav.querySelector(".gc-position").textContent = "Question " + (at + 1) + " of " + els.length;
        nav.querySelector(".gc-prev").disabled = at === 0;
        nav.querySelector(".gc-next").disabled = at === els.length - 1;
      };
      nav.querySelector(".gc-prev").addEventListener("click", function () { go(at - 1); });
      nav.querySelector(".gc-next").addEventListener("click", function () { go(at + 1); });
      section.addEventListener("keydown", function (e) { if (e.key === " " || e.key === "Enter") e.stopPropagation(); });
      go(0);
    }
  }

  function start() { document.querySelectorAll(".gc-squiz").forEach(Quiz); }
  window.glutecourseQuiz = {grade: grade, readText: readText};
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
}());
