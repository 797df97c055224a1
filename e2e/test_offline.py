"""Slide decks and the static site in a browser with the network cut off (issue 10).

Every deck and every site page is built into a temporary folder and opened from
``file://``, as a teacher would from a USB stick. Every request to anything but a local
file or the loopback interface is aborted and recorded; so are failed requests, console
errors and page errors. A deck must initialise (reveal.js ``isReady()``, the ``.reveal.ready``
class) and show every slide's images; a page must show all its images.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from jlab import JS_IMAGES_SETTLED, SHORT, wait_js
from labserver import ROOT

from conftest import ARTIFACTS

DECK_NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
SITE_NOTEBOOKS = sorted(p for p in (ROOT / "notebooks").rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}


@pytest.fixture(scope="session")
def built(offline_builds):
    """The decks and the site, built in the background since the session started."""
    return offline_builds.result()


@pytest.fixture
def offline_page(browser):
    """A page whose every non-local request is blocked; what went wrong is collected."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    trouble = {"blocked": [], "failed": [], "console": []}

    def route(r):
        url = r.request.url
        parts = urlsplit(url)
        if parts.scheme in ("file", "data", "blob") or parts.hostname in LOCAL_HOSTS:
            r.continue_()
        else:
            trouble["blocked"].append(url)
            r.abort("internetdisconnected")

    context.route("**/*", route)
    pg = context.new_page()
    pg.set_default_timeout(SHORT)
    pg.on("requestfailed", lambda r: trouble["failed"].append(f"{r.url}: {r.failure}"))
    pg.on("console", lambda m: trouble["console"].append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: trouble["console"].append(f"page error: {e}"))
    yield pg, trouble
    context.close()


def assert_clean(trouble, what):
    assert trouble["blocked"] == [], f"{what} tried the network: {trouble['blocked']}"
    assert trouble["failed"] == [], f"{what}: requests failed: {trouble['failed']}"
    assert trouble["console"] == [], f"{what}: console errors: {trouble['console']}"


JS_SLIDE_IMAGES = """() => Array.from(document.querySelectorAll('.reveal .slides section.present img'))
  .map(i => ({src: i.getAttribute('src'), ok: i.complete && i.naturalWidth > 0}))"""


@pytest.mark.parametrize("nb", DECK_NOTEBOOKS, ids=lambda p: p.stem)
def test_deck_initialises_and_shows_every_slide_offline(built, offline_page, nb):
    page, trouble = offline_page
    deck = built / "slides" / f"{nb.stem}.slides.html"
    page.goto(deck.as_uri())
    wait_js(page, "() => !!(window.Reveal && Reveal.isReady())", f"reveal.js to initialise {deck.name}", SHORT)
    assert page.locator(".reveal.ready").count() == 1
    total = page.evaluate("() => Reveal.getTotalSlides()")
    assert total >= 3
    images = 0
    for h, v in page.evaluate(
        "() => Reveal.getSlides().map(s => [Reveal.getIndices(s).h, Reveal.getIndices(s).v || 0])"
    ):
        page.evaluate("([h, v]) => Reveal.slide(h, v)", [h, v])
        wait_js(
            page,
            "([h, v]) => { const i = Reveal.getIndices(); return i.h === h && (i.v || 0) === v; }",
            f"slide {h}.{v}",
            SHORT,
            arg=[h, v],
        )
        wait_js(page, JS_IMAGES_SETTLED, f"images of slide {h}.{v}", SHORT)
        shown = page.evaluate(JS_SLIDE_IMAGES)
        assert all(i["ok"] for i in shown), f"{deck.name} slide {h}.{v}: images not shown: {shown}"
        images += len(shown)
    page.evaluate("() => Reveal.slide(0, 0)")
    page.screenshot(path=str(ARTIFACTS / f"offline-deck-{nb.stem}.png"))
    assert_clean(trouble, deck.name)
    print(f"{deck.name}: {total} slides, {images} images, nothing from the network")


@pytest.mark.parametrize(
    "nb", SITE_NOTEBOOKS, ids=lambda p: p.relative_to(ROOT / "notebooks").with_suffix("").as_posix()
)
def test_site_page_shows_everything_offline(built, offline_page, nb):
    page, trouble = offline_page
    target = built / "site" / nb.relative_to(ROOT).with_suffix(".html")
    page.goto(target.as_uri())
    wait_js(page, JS_IMAGES_SETTLED, f"images of {target.name}", SHORT)
    broken = page.evaluate(
        "() => Array.from(document.images).filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src)"
    )
    assert broken == [], f"{target.name}: images not shown: {broken}"
    assert page.locator("nav.gc-nav").count() == 2
    # The navigation leads somewhere real: the course home opens too.
    page.locator("nav.gc-nav").first.get_by_role("link", name="Course home").click()
    page.wait_for_url("**/index.html")
    assert page.locator("h1").count() == 1
    assert_clean(trouble, target.name)


def test_the_network_block_really_blocks(offline_page, tmp_path):
    """The guard itself: a page that reaches for the network is caught, and a reveal.js
    deck from a CDN (as nbconvert exports by default) does not start."""
    page, trouble = offline_page
    probe = tmp_path / "probe.html"
    probe.write_text(
        '<!DOCTYPE html><html><head><script src="https://unpkg.com/reveal.js@4.0.2/dist/reveal.js"></script>'
        '</head><body><img src="https://example.org/x.png" alt="x"></body></html>'
    )
    page.goto(probe.as_uri())
    wait_js(page, JS_IMAGES_SETTLED, "the probe's image to fail", SHORT)
    assert sorted(trouble["blocked"]) == [
        "https://example.org/x.png",
        "https://unpkg.com/reveal.js@4.0.2/dist/reveal.js",
    ]
    assert len(trouble["failed"]) == 2
    assert page.evaluate("() => typeof window.Reveal") == "undefined"


PHONE = {"width": 390, "height": 844}
JS_PHONE = """() => {
  const doc = document.scrollingElement;
  const wide = Array.from(document.querySelectorAll('body *'))
    .filter(e => e.checkVisibility() && e.getBoundingClientRect().right > window.innerWidth + 1)
    .filter(e => !e.closest('.gc-scroll, pre, table'))  // these scroll inside their own box
    .map(e => e.tagName + '.' + e.className).slice(0, 3);
  const nav = Array.from(document.querySelectorAll('nav.gc-nav a')).filter(a => a.checkVisibility())
    .map(a => ({text: a.textContent.trim(), right: a.getBoundingClientRect().right}));
  return {scroll: doc.scrollWidth - doc.clientWidth, wide, nav,
          figures: Array.from(document.querySelectorAll('a.site-figure')).map(a => a.href)};
}"""


def test_site_on_a_phone_reads_navigates_and_opens_figures(built, offline_page):
    """Issue 13 ("the static site ... on a 390 px screen"): from the home page, the "next"
    link in each page's navigation walks through every course notebook in order (then the
    apps and teacher pages); no page
    scrolls sideways, the navigation fits the screen, and every figure links to a full-size
    file that opens."""
    page, trouble = offline_page
    page.set_viewport_size(PHONE)
    site = built / "site"
    expected = [f"{p.stem}.html" for p in DECK_NOTEBOOKS]
    page.goto((site / "index.html").as_uri())
    info = page.evaluate(JS_PHONE)
    assert info["scroll"] <= 1 and not info["wide"], f"the home page scrolls sideways on a phone: {info}"
    page.screenshot(path=str(ARTIFACTS / "site-390-index.png"))
    page.locator(f"a[href$='{expected[0]}']").first.click()
    visited, figures = [], set()
    for _ in range(len(SITE_NOTEBOOKS) + 1):  # each page once; a loop would fail the walk below
        name = page.url.rsplit("/", 1)[-1]
        visited.append(name)
        wait_js(page, JS_IMAGES_SETTLED, f"images of {name}", SHORT)
        info = page.evaluate(JS_PHONE)
        assert info["scroll"] <= 1, f"{name} scrolls sideways by {info['scroll']} px at 390 px"
        assert not info["wide"], f"{name}: wider than a 390 px screen: {info['wide']}"
        assert info["nav"] and all(a["right"] <= PHONE["width"] + 1 for a in info["nav"]), (
            f"{name}: the navigation does not fit the screen: {info['nav']}"
        )
        figures.update(info["figures"])
        page.screenshot(path=str(ARTIFACTS / f"site-390-{name.removesuffix('.html')}.png"))
        nxt = page.locator("nav.gc-nav").first.locator("a", has_text="→")
        if not nxt.count():
            break
        nxt.first.click()
        page.wait_for_url(lambda url, seen=name: not url.endswith("/" + seen))
    # The course's notebooks in order, then the apps and teacher pages (each page once).
    assert visited[: len(expected)] == expected, f"the 'next' links walk {visited}, not the course's {expected}"
    assert len(set(visited)) == len(visited) <= len(SITE_NOTEBOOKS), f"the 'next' links loop: {visited}"
    assert figures, "no figure links were found: the check above checked nothing"
    for href in sorted(figures):
        response = page.goto(href)
        assert response is None or response.ok, f"full-size figure {href} did not open"
        assert page.evaluate("() => document.documentElement.tagName.toLowerCase()") in ("svg", "html"), href
    assert_clean(trouble, "the site on a phone")
