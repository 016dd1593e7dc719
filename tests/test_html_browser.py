"""The HTML review in a real browser: it loads cleanly, reads well, prints, and is accessible.

Both examples are rendered as of 26 November 2026 for 2026/27 Q2 and opened
from a ``file://`` URL in Chromium (Debian's, at ``/usr/bin/chromium``; never
a downloaded one). Without that browser the tests skip, saying why, unless
``PMKIT_BROWSER_TESTS=required`` (as in CI), when they fail instead. The
accessibility check injects axe-core from ``PMKIT_AXE_JS`` or
``node_modules/axe-core/axe.min.js`` with the same rule.

Hostile text (a script tag, a quote breaking out of an attribute, a
``javascript:`` URL) is put into a copy of an example and must come out as
text: checked in the browser and, without one, by parsing the HTML.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import pytest
from typer.testing import CliRunner

from goldens import ROOT
from pmkit.cli import app
from pmkit.review.render import SHOWN

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.slow

EXAMPLES = ("community-safety", "health-wellbeing")
AS_OF = "2026-11-26"
QUARTER = "2026/27 Q2"
CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
HOSTILE = '<script>alert(1)</script> " onmouseover="alert(1) javascript:alert(1)'
HOSTILE_PARTS = ("<script>alert(1)</script>", '" onmouseover="alert(1)', "javascript:alert(1)")


# --- whether the browser tests can run ------------------------------------------------------


def browser_tests_required() -> bool:
    """Whether a missing browser (or axe-core) fails the tests rather than skipping them."""
    return os.environ.get("PMKIT_BROWSER_TESTS", "").strip().lower() == "required"


def cannot_run(reason: str) -> NoReturn:
    """Skip with ``reason``, or fail with it when the browser tests are required."""
    if browser_tests_required():
        pytest.fail(f"{reason} (PMKIT_BROWSER_TESTS=required)", pytrace=False)
    pytest.skip(reason)


def launch_browser(playwright: Any) -> Browser:
    """Debian's Chromium, launched headless, or skip (or fail) saying why it cannot be."""
    if not CHROMIUM.exists():
        cannot_run(f"no browser at {CHROMIUM} (install Debian's chromium to run these tests)")
    try:
        browser: Browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=LAUNCH_ARGS
        )
    except Exception as error:  # any launch failure: cannot run here
        first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        cannot_run(f"playwright cannot launch {CHROMIUM}: {first}")
    return browser


def axe_script() -> Path:
    """axe.min.js: from ``PMKIT_AXE_JS``, else the repository's ``node_modules``."""
    given = os.environ.get("PMKIT_AXE_JS")
    path = Path(given) if given else ROOT / "node_modules" / "axe-core" / "axe.min.js"
    if not path.is_file():
        cannot_run(
            f"axe-core not found at {path} (run `npm install --no-save axe-core@4` in the "
            "repository root, or set PMKIT_AXE_JS)"
        )
    return path


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        cannot_run("the playwright package is not installed (uv sync --group dev)")
    with sync_playwright() as playwright:
        launched = launch_browser(playwright)
        yield launched
        launched.close()


# --- rendering ---------------------------------------------------------------------------


def render(plan: Path, out: Path, output_format: str = "html") -> Path:
    """``pmkit review`` of ``plan`` for the quarter, written to ``out``."""
    runner = CliRunner(env={"PMKIT_AS_OF": None, "FORCE_COLOR": None, "PMKIT_DEBUG": None})
    args = ["--as-of", AS_OF, "review", "--plan", str(plan), "--quarter", QUARTER]
    result = runner.invoke(app, [*args, "--format", output_format, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.is_file()
    return out


@dataclass(frozen=True)
class Rendered:
    html: Path
    data: dict[str, Any]

    @property
    def url(self) -> str:
        return self.html.as_uri()


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Rendered]:
    """Each example's review, as HTML (to open) and JSON (to know what it should show)."""
    out: dict[str, Rendered] = {}
    for example in EXAMPLES:
        folder = tmp_path_factory.mktemp(example)
        plan = ROOT / "examples" / example / "plan.yaml"
        html = render(plan, folder / "review.html")
        data = json.loads(render(plan, folder / "review.json", "json").read_text("utf-8"))
        out[example] = Rendered(html, data)
    return out


# --- opening a page ----------------------------------------------------------------------


@dataclass
class Opened:
    page: Page
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


Open = Callable[..., Opened]


@pytest.fixture
def open_page(browser: Browser) -> Iterator[Open]:
    """``open_page(url, **context_options) -> Opened``: the page, with what it logged and asked."""
    contexts: list[Any] = []

    def open_(url: str, **options: Any) -> Opened:
        context = browser.new_context(**options)
        contexts.append(context)
        page = context.new_page()
        opened = Opened(page)
        page.on(
            "console",
            lambda message: (
                opened.errors.append(f"console {message.type}: {message.text}")
                if message.type == "error"
                else None
            ),
        )
        page.on("pageerror", lambda error: opened.errors.append(f"page error: {error}"))
        page.on("request", lambda request: opened.requests.append(request.url))

        def on_dialog(dialog: Any) -> None:
            opened.dialogs.append(f"{dialog.type}: {dialog.message}")
            dialog.dismiss()

        page.on("dialog", on_dialog)
        page.goto(url, wait_until="load")
        return opened

    yield open_
    for context in contexts:
        context.close()


# --- loading, charts, content ------------------------------------------------------------


@pytest.mark.parametrize("example", EXAMPLES)
def test_the_page_loads_without_errors_or_network_requests(
    example: str, rendered: dict[str, Rendered], open_page: Open
) -> None:
    review = rendered[example]
    opened = open_page(review.url)
    opened.page.wait_for_timeout(200)

    assert opened.errors == []
    assert opened.requests, "the page itself should have been requested"
    others = [url for url in opened.requests if url != review.url and not url.startswith("data:")]
    assert others == [], f"the page fetched more than itself: {others}"


_SVGS = """() => Array.from(document.querySelectorAll('svg')).map(svg => {
  const ids = (svg.getAttribute('aria-labelledby') || '').split(/\\s+/).filter(Boolean);
  const box = svg.getBoundingClientRect();
  return {
    role: svg.getAttribute('role'),
    label: (svg.getAttribute('aria-label') || '').trim(),
    labelledby: ids.map(id => {
      const el = document.getElementById(id);
      return el && svg.contains(el) ? el.tagName.toLowerCase() + ':' + el.textContent.trim() : '';
    }),
    title: (svg.querySelector(':scope > title') || {textContent: ''}).textContent.trim(),
    trend: svg.classList.contains('trend'),
    visible: box.width > 0 && box.height > 0,
  };
})"""


@pytest.mark.parametrize("example", EXAMPLES)
def test_every_chart_is_drawn_with_a_text_alternative(
    example: str, rendered: dict[str, Rendered], open_page: Open
) -> None:
    review = rendered[example]
    charts = open_page(review.url).page.evaluate(_SVGS)

    assert charts
    for chart in charts:
        assert chart["role"] == "img", chart
        assert chart["visible"], chart
        if chart["labelledby"]:
            assert all(":" in ref and ref.split(":", 1)[1] for ref in chart["labelledby"]), chart
            kinds = {ref.split(":", 1)[0] for ref in chart["labelledby"]}
            assert kinds <= {"title", "desc"} and "title" in kinds, chart
            assert chart["title"], chart
        else:
            assert chart["label"], chart
    trends = [chart for chart in charts if chart["trend"]]
    assert len(trends) == len(review.data["indicators"])
    assert all(chart["labelledby"] and len(chart["labelledby"]) == 2 for chart in trends)


_CHART_TEXT = """() => Array.from(document.querySelectorAll('svg.chart text')).map(text => {
  const box = text.getBoundingClientRect();
  const svg = text.ownerSVGElement;
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  return {
    text: text.textContent,
    size: parseFloat(getComputedStyle(text).fontSize) * scale,
    height: box.height,
    width: svg.getBoundingClientRect().width,
  };
})"""


@pytest.mark.parametrize("example", EXAMPLES)
def test_chart_text_is_at_least_12_pixels_on_a_phone(
    example: str, rendered: dict[str, Rendered], open_page: Open
) -> None:
    page = open_page(rendered[example].url, viewport={"width": 390, "height": 844}).page
    texts = page.evaluate(_CHART_TEXT)

    assert texts
    assert all(text["width"] <= 390 for text in texts)
    small = [text for text in texts if text["size"] < 12 or text["height"] < 12]
    assert small == [], small[:5]


@pytest.mark.parametrize("example", EXAMPLES)
def test_the_key_figures_are_visible(
    example: str, rendered: dict[str, Rendered], open_page: Open
) -> None:
    from playwright.sync_api import expect

    review = rendered[example]
    page = open_page(review.url).page
    red = [item["id"] for item in review.data["indicators"] if item["status"] == "red"]
    assert red, "the example should have an indicator off target"

    expect(page.get_by_role("heading", level=1)).to_contain_text(review.data["partnership"])
    expect(page.get_by_role("heading", name="Summary", exact=True)).to_be_visible()
    expect(page.locator("#summary-d")).to_contain_text("Off target")
    row = (
        page.locator("tr:has(td.status)")
        .filter(has_text=red[0])
        .filter(has_text="Off target")
        .first
    )
    expect(row).to_be_visible()
    expect(row.locator("td.status")).to_have_text("✗ Off target")


@pytest.mark.parametrize("example", EXAMPLES)
def test_headings_are_in_order(
    example: str, rendered: dict[str, Rendered], open_page: Open
) -> None:
    page = open_page(rendered[example].url).page
    levels: list[int] = page.evaluate(
        "() => Array.from(document.querySelectorAll('h1,h2,h3,h4,h5,h6'))"
        ".map(h => Number(h.tagName[1]))"
    )

    assert levels[0] == 1
    assert levels.count(1) == 1
    assert 2 in levels
    skips = [(a, b) for a, b in pairwise(levels) if b > a + 1]
    assert skips == []


@pytest.mark.parametrize("example", EXAMPLES)
def test_tables_have_scoped_headers_and_scroll_in_a_wrapper(
    example: str, rendered: dict[str, Rendered], open_page: Open
) -> None:
    page = open_page(rendered[example].url).page
    tables = page.evaluate(
        """() => Array.from(document.querySelectorAll('table')).map(t => ({
          headers: Array.from(t.querySelectorAll('th')).map(th => th.getAttribute('scope')),
          wrapped: !!(t.parentElement && t.parentElement.classList.contains('table-wrap')),
          caption: !!t.querySelector('caption'),
        }))"""
    )

    assert tables
    for table in tables:
        assert table["headers"], table
        assert all(scope in {"col", "row", "colgroup", "rowgroup"} for scope in table["headers"])
        assert table["wrapped"], table
        assert table["caption"], table


# --- print, phone, zoom ------------------------------------------------------------------


@pytest.mark.parametrize("example", EXAMPLES)
def test_the_review_prints_to_pdf(
    example: str, rendered: dict[str, Rendered], open_page: Open, tmp_path: Path
) -> None:
    opened = open_page(rendered[example].url)
    pdf = tmp_path / f"{example}.pdf"

    opened.page.pdf(path=str(pdf), format="A4", print_background=True)

    assert pdf.stat().st_size > 1000
    assert pdf.read_bytes().startswith(b"%PDF")
    assert opened.errors == []


_WIDTHS = """() => ({
  page: document.documentElement.scrollWidth,
  wraps: Array.from(document.querySelectorAll('.table-wrap')).map(w => ({
    right: w.getBoundingClientRect().right,
    overflow: getComputedStyle(w).overflowX,
    scrolls: w.scrollWidth > w.clientWidth,
  })),
})"""


def _fits(page: Page, width: int, shot: Path) -> dict[str, Any]:
    widths: dict[str, Any] = page.evaluate(_WIDTHS)
    page.screenshot(path=str(shot), full_page=True)
    print(f"screenshot: {shot}")
    assert shot.stat().st_size > 0
    assert widths["page"] <= width + 2, f"the page is {widths['page']}px wide in {width}px"
    for wrap in widths["wraps"]:
        assert wrap["right"] <= width + 2, wrap
        assert wrap["overflow"] in {"auto", "scroll"}, wrap
    return widths


@pytest.mark.parametrize("example", EXAMPLES)
def test_readable_on_a_phone(
    example: str, rendered: dict[str, Rendered], open_page: Open, tmp_path: Path
) -> None:
    opened = open_page(rendered[example].url, viewport={"width": 375, "height": 800})

    widths = _fits(opened.page, 375, tmp_path / f"{example}-phone.png")

    assert any(wrap["scrolls"] for wrap in widths["wraps"]), "wide tables should scroll"
    assert opened.errors == []


@pytest.mark.parametrize("example", EXAMPLES)
def test_readable_at_200_percent_zoom(
    example: str, rendered: dict[str, Rendered], open_page: Open, tmp_path: Path
) -> None:
    # 200% zoom of a 1280px window: 640 CSS pixels across, two device pixels to each.
    opened = open_page(
        rendered[example].url, viewport={"width": 640, "height": 800}, device_scale_factor=2
    )

    _fits(opened.page, 640, tmp_path / f"{example}-zoom-200.png")

    assert opened.page.evaluate("window.devicePixelRatio") == 2
    assert opened.errors == []


# --- accessibility (axe-core) ------------------------------------------------------------


@pytest.mark.parametrize("example", EXAMPLES)
def test_no_serious_accessibility_violations(
    example: str, rendered: dict[str, Rendered], open_page: Open
) -> None:
    script = axe_script()
    # The review's Content-Security-Policy forbids every script (as it should);
    # the check bypasses it only to inject axe itself.
    page = open_page(rendered[example].url, bypass_csp=True).page
    page.add_script_tag(path=str(script))

    results = page.evaluate("async () => await axe.run()")

    assert results["passes"], "axe ran no checks"
    bad = [v for v in results["violations"] if v.get("impact") in {"serious", "critical"}]
    report = "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} - "
        + ", ".join(str(node["target"]) for node in v["nodes"][:5])
        for v in bad
    )
    assert not bad, f"axe found serious or critical violations:\n{report}"


# --- hostile text ------------------------------------------------------------------------


def hostile_copy(tmp_path: Path) -> Path:
    """community-safety, with hostile text in an indicator, an outcome and a commentary."""
    folder = tmp_path / "community-safety"
    shutil.copytree(ROOT / "examples" / "community-safety", folder)
    plan = folder / "plan.yaml"
    text = plan.read_text("utf-8")
    for old in (
        "title: Neighbourhood crime, rate per 1,000 population",
        "title: Fewer people are victims of crime and anti-social behaviour in their neighbourhood",
    ):
        assert text.count(old) == 1, old
        text = text.replace(old, f"{old.split(': ', 1)[0]}: {json.dumps(old[7:] + ' ' + HOSTILE)}")
    plan.write_text(text, "utf-8")
    monitoring = folder / "monitoring" / "2026-27-Q2.yaml"
    lines = monitoring.read_text("utf-8").splitlines(keepends=True)
    start = lines.index("  CS-02:\n")
    assert lines[start + 1] == "    2026/27 Q2:\n"
    at = next(i for i in range(start, len(lines)) if lines[i].startswith("      commentary:"))
    lines[at] = f"      commentary: {json.dumps('Burglary rose. ' + HOSTILE)}\n"
    monitoring.write_text("".join(lines), "utf-8")
    return plan


class _Markup(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.handlers: list[tuple[str, str]] = []
        self.urls: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            if name.startswith("on"):
                self.handlers.append((tag, name))
            if name in {"href", "src", "action", "xlink:href"} and value:
                self.urls.append(value)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_hostile_text_is_escaped_in_the_html(tmp_path: Path) -> None:
    html = render(hostile_copy(tmp_path), tmp_path / "review.html").read_text("utf-8")
    parsed = _Markup()
    parsed.feed(html)
    parsed.close()

    assert "script" not in parsed.tags
    assert parsed.handlers == []
    assert not [url for url in parsed.urls if url.strip().lower().startswith("javascript:")]
    text = "".join(parsed.text)
    for part in HOSTILE_PARTS:
        assert text.count(part) >= 3, part  # indicator, outcome and commentary
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_hostile_text_stays_text_in_the_browser(open_page: Open, tmp_path: Path) -> None:
    html = render(hostile_copy(tmp_path), tmp_path / "review.html")
    # Without the CSP, so a script that got through would run rather than be blocked.
    opened = open_page(html.as_uri(), bypass_csp=True)
    page = opened.page
    for cell in page.locator("td, h3, figcaption").filter(has_text="onmouseover").all()[:6]:
        cell.hover()
    page.wait_for_timeout(200)

    assert opened.dialogs == []
    assert page.evaluate("document.querySelectorAll('script').length") == 0
    assert (
        page.evaluate(
            "() => Array.from(document.querySelectorAll('*'))"
            ".flatMap(el => Array.from(el.attributes).map(a => a.name))"
            ".filter(name => name.startsWith('on'))"
        )
        == []
    )
    body = page.locator("body").inner_text()
    for part in HOSTILE_PARTS:
        assert part in body, part
    heading = page.get_by_role("heading", level=3).filter(has_text="<script>alert(1)</script>")
    assert heading.count() == 1
    assert heading.is_visible()
    assert opened.errors == []


# --- the board pack: quarterly and annual reviews on a phone and on paper -----------------

KINDS = {"quarter": ("--quarter", QUARTER), "year": ("--year", "2026/27")}
PHONE = 390
MAX_PAGES = 10


def render_kind(plan: Path, out: Path, kind: str, output_format: str) -> Path:
    """``pmkit review`` of ``plan``, the quarter's or the year's, written to ``out``."""
    runner = CliRunner(env={"PMKIT_AS_OF": None, "FORCE_COLOR": None, "PMKIT_DEBUG": None})
    option, period = KINDS[kind]
    args = ["--as-of", AS_OF, "review", "--plan", str(plan), option, period]
    result = runner.invoke(app, [*args, "--format", output_format, "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def packs(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Rendered]:
    """Each example's quarterly and annual review, as HTML and as JSON."""
    out: dict[tuple[str, str], Rendered] = {}
    for example in EXAMPLES:
        plan = ROOT / "examples" / example / "plan.yaml"
        for kind in KINDS:
            folder = tmp_path_factory.mktemp(f"{example}-{kind}")
            html = render_kind(plan, folder / "review.html", kind, "html")
            data = json.loads(render_kind(plan, folder / "r.json", kind, "json").read_text("utf-8"))
            out[example, kind] = Rendered(html, data)
    return out


PACKS = [(example, kind) for example in EXAMPLES for kind in KINDS]

# Every element with text of its own, and the size that text is drawn at on the screen:
# for SVG text, its font size times the scale the chart is drawn at.
_SMALL_TEXT = """() => {
  const small = [];
  for (const el of document.querySelectorAll('body *')) {
    if (el.closest('.visually-hidden')) continue;
    const own = Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim());
    if (!own) continue;
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    if (style.display === 'none' || style.visibility === 'hidden' || !box.width || !box.height) {
      continue;
    }
    let size = parseFloat(style.fontSize);
    if (el instanceof SVGElement && el.getScreenCTM()) {
      const m = el.getScreenCTM();
      size *= Math.hypot(m.a, m.b);
    }
    const text = el.textContent.trim().slice(0, 40);
    if (size < 11.95) small.push(`${el.tagName} ${size.toFixed(1)}px: ${text}`);
  }
  return small;
}"""


@pytest.mark.parametrize(("example", "kind"), PACKS)
def test_a_phone_shows_the_whole_page_in_readable_text(
    example: str, kind: str, packs: dict[tuple[str, str], Rendered], open_page: Open, tmp_path: Path
) -> None:
    opened = open_page(packs[example, kind].url, viewport={"width": PHONE, "height": 844})
    page = opened.page

    _fits(page, PHONE, tmp_path / f"{example}-{kind}-phone.png")
    assert page.evaluate(_SMALL_TEXT) == []
    # Wide tables scroll inside a focusable, labelled box, and the page says they scroll.
    wraps = page.evaluate(
        """() => Array.from(document.querySelectorAll('.table-wrap')).map(w => ({
          label: w.getAttribute('aria-label') || '', focusable: w.tabIndex === 0,
          scrolls: w.scrollWidth > w.clientWidth,
          hint: !!(w.nextElementSibling && w.nextElementSibling.classList.contains('scroll-hint')
                   && getComputedStyle(w.nextElementSibling).display !== 'none'),
        }))"""
    )
    assert any(wrap["scrolls"] for wrap in wraps)
    for wrap in wraps:
        assert wrap["focusable"] and "scrolls sideways" in wrap["label"], wrap
        assert wrap["hint"], wrap
    # A way round the page: a skip link to the main content and a list of contents.
    skip = page.locator("a.skip-link")
    assert skip.get_attribute("href") == "#main"
    assert page.locator("#main").count() == 1
    contents = page.locator("nav.contents a")
    assert contents.count() >= 5
    for link in contents.all():
        target = (link.get_attribute("href") or "").removeprefix("#")
        assert page.locator(f"[id='{target}']").count() == 1, target
    assert opened.errors == []


@pytest.mark.parametrize(("example", "kind"), PACKS)
def test_no_serious_accessibility_violations_in_the_pack(
    example: str, kind: str, packs: dict[tuple[str, str], Rendered], open_page: Open
) -> None:
    script = axe_script()
    for viewport in ({"width": 1280, "height": 900}, {"width": PHONE, "height": 844}):
        page = open_page(packs[example, kind].url, bypass_csp=True, viewport=viewport).page
        page.add_script_tag(path=str(script))
        results = page.evaluate("async () => await axe.run()")
        bad = [v for v in results["violations"] if v.get("impact") in {"serious", "critical"}]
        assert not bad, [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in bad]


def _pages(pdf: bytes) -> int:
    """The pages in a PDF Chromium printed (each is one ``/Type /Page`` object)."""
    import re

    return len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))


@pytest.mark.parametrize(("example", "kind"), PACKS)
def test_the_pack_prints_on_at_most_ten_pages_with_the_summary_first(
    example: str, kind: str, packs: dict[tuple[str, str], Rendered], open_page: Open
) -> None:
    review = packs[example, kind]
    page = open_page(review.url).page

    pdf = page.pdf(format="A4", print_background=True)
    assert pdf.startswith(b"%PDF")
    assert 1 < _pages(pdf) <= MAX_PAGES

    # Page 1 is the heading and the summary: printed alone, they fill one page (the
    # summary ends its page), so in the whole pack they are all of page 1.
    page.add_style_tag(content="main > section:not(.summary) { display: none !important; }")
    assert _pages(page.pdf(format="A4", print_background=True)) == 1
    page.emulate_media(media="print")
    first = page.locator(".summary")
    counts = page.evaluate(
        """() => Array.from(document.querySelectorAll('.summary table.counts tbody tr'))
          .map(tr => [tr.cells[0].innerText.trim(), tr.cells[1].innerText.trim()])"""
    )
    board = review.data["board"]
    assert counts == [
        [status.symbol + " " + status.words, str(board["counts"].get(status.value, 0))]
        for status in SHOWN
    ]
    off_target = [item for item in review.data["indicators"] if item["status"] == "red"]
    rows = first.locator("table.top tbody tr")
    for item in off_target:
        row = rows.filter(has_text=item["id"] + " ")
        assert row.count() == 1, item["id"]
        cells = row.locator("td").all_inner_texts()
        assert cells[0].startswith("✗ Off target"), cells
        assert cells[2] == item["owner_name"], cells
        exception = next(e for e in board["top"] if e["id"] == item["id"])
        assert cells[3] == ("; ".join(exception["remedial"]) or "none"), cells
        assert row.is_visible()
