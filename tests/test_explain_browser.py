"""The explain report in a real browser: headless Chromium renders, dumps the DOM, screenshots.

Needs Debian's ``chromium`` (``apt-get install chromium``; CI installs it in ``.ci/run``); skipped
with a message saying so when it is missing. Each test starts Chromium with a fresh profile, no
network features and no sandbox (CI runs as root), loading the report from a ``file://`` URL.
"""

from __future__ import annotations

import gzip
import shutil
import subprocess
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import lxml.html
import pytest
from PIL import Image

from newsclean import Article, clean, explain
from newsclean.cli import main

# Executable names of Chromium, Debian's first.
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)
# A generous bound for one Chromium run on a busy 2-core machine (a hang fails, it does not block).
CHROMIUM_TIMEOUT_SECONDS = 120
WINDOW = (1280, 1600)
# Fewest pixels of each verdict colour in the screenshot: the borders and labels of a few blocks.
MIN_VERDICT_PIXELS = 500
# Fewest distinct colours of a screenshot with text on it (anti-aliased glyphs give hundreds).
MIN_COLOURS = 100

HOSTILE_PAGE = """<html><head><title>Hostile page - Example News</title></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>Hostile page</h1>
<p>The page quotes &lt;script&gt;document.body.innerHTML = ''&lt;/script&gt; as text, which the
report must show and never run, along with a few more words to make it a paragraph.</p>
<p>It also quotes &lt;/div&gt;&lt;/main&gt;&lt;div class="block kept"&gt; to try to add a block
to the report's count, and &lt;style&gt;body { display: none }&lt;/style&gt; to hide the report.</p>
<p>A third paragraph of ordinary prose, long enough to belong to the body of the article.</p>
</article>
<aside><h2>Most popular</h2><ul>
<li><a href="/1">First headline of the list</a></li>
<li><a href="/2">Second headline of the list</a></li>
<li><a href="/3">Third headline of the list</a></li>
</ul></aside></body></html>"""


@pytest.fixture(scope="module")
def chromium() -> str:
    found = next((path for name in CHROMIUM_NAMES if (path := shutil.which(name))), None)
    if found is None:
        pytest.skip(
            "Chromium not found on PATH: install Debian's 'chromium' package "
            "(apt-get install chromium) to run the browser test of the explain report"
        )
    return found


def _run(chromium: str, profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        timeout=CHROMIUM_TIMEOUT_SECONDS,
        check=False,
    )


def _write_report(article: Article, directory: Path) -> Path:
    path = directory / "report.html"
    path.write_text(explain.render_html(article), encoding="utf-8")
    return path


def _rendered_dom(chromium: str, report: Path, tmp_path: Path) -> lxml.html.HtmlElement:
    done = _run(chromium, tmp_path / "profile", "--dump-dom", report.as_uri())
    assert done.returncode == 0, done.stderr[-2000:]
    assert "<body" in done.stdout, done.stderr[-2000:]
    return lxml.html.document_fromstring(done.stdout)


def _count(dom: lxml.html.HtmlElement, verdict: str) -> int:
    return len(dom.xpath(f'//div[contains(concat(" ", @class, " "), " block {verdict} ")]'))


def _articles(samples: Path) -> dict[str, Article]:
    seed = (samples / "japannews-nato-korea.txt").read_text(encoding="utf-8")
    return {"seed-text": clean(seed), "hostile-html": clean(HOSTILE_PAGE)}


@pytest.mark.parametrize("name", ["seed-text", "hostile-html"])
def test_rendered_counts_equal_the_article(
    chromium: str, samples: Path, tmp_path: Path, name: str
) -> None:
    article = _articles(samples)[name]
    dom = _rendered_dom(chromium, _write_report(article, tmp_path), tmp_path)
    kept = len(article.kept_blocks)
    dropped = len(article.blocks) - kept
    assert kept > 0 and dropped > 0
    assert (_count(dom, "kept"), _count(dom, "dropped")) == (kept, dropped)
    assert dom.get_element_by_id("kept-count").text_content() == str(kept)
    assert dom.get_element_by_id("dropped-count").text_content() == str(dropped)
    assert int(dom.body.get("data-kept-count")) == kept
    assert int(dom.body.get("data-dropped-count")) == dropped
    assert (
        len(dom.find_class("sidebar-section"))
        == explain.summarize(article).sections
        == (2 if name == "seed-text" else 1)
    )


def test_hostile_page_text_stays_text_in_the_browser(
    chromium: str, samples: Path, tmp_path: Path
) -> None:
    article = _articles(samples)["hostile-html"]
    dom = _rendered_dom(chromium, _write_report(article, tmp_path), tmp_path)
    assert dom.xpath("//script") == []
    assert len(dom.xpath("//style")) == 1
    shown = [p.text_content() for p in dom.find_class("text")]
    assert any("<script>document.body.innerHTML = ''</script>" in text for text in shown)
    assert any('<div class="block kept">' in text for text in shown)


def test_screenshot_shows_both_verdicts(chromium: str, samples: Path, tmp_path: Path) -> None:
    report = _write_report(_articles(samples)["seed-text"], tmp_path)
    shot = tmp_path / "report.png"
    done = _run(
        chromium,
        tmp_path / "profile",
        f"--window-size={WINDOW[0]},{WINDOW[1]}",
        f"--screenshot={shot}",
        report.as_uri(),
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert shot.is_file(), done.stderr[-2000:]
    with Image.open(shot) as image:
        assert image.size == WINDOW
        colours = image.convert("RGB").getcolors(WINDOW[0] * WINDOW[1])
    counts = {rgb: n for n, rgb in colours}
    assert len(counts) >= MIN_COLOURS
    assert counts.get(_rgb(explain.KEPT_COLOUR), 0) >= MIN_VERDICT_PIXELS
    assert counts.get(_rgb(explain.DROPPED_COLOUR), 0) >= MIN_VERDICT_PIXELS


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    value = hex_colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


# --- the page view and the first screen ----------------------------------------------------------

# Time Chromium lets the page run (timers, loads, submissions) before it dumps or shoots.
VIRTUAL_TIME_MS = 3000
# The colour a script of the page paints the page with, if any of them runs.
SCRIPT_RAN = (255, 0, 255)
# The first screen of a laptop, where the body of a real page must begin.
FIRST_SCREEN = (1280, 800)
# The text of the first kept card starts this far (pixels) above the bottom of the first screen
# at least: its first line is readable without scrolling.
FIRST_LINE_PX = 24
# VentureBeat's page of the AEB benchmark (56 menu items above the article).
VENTUREBEAT = "06e5123e4ef7cfb4533250dc45d1e03d0838fc66223f45c583c4d12f48b4da85"
# Two more AEB pages with long furniture before the body: Washington Examiner (the body starts at
# block #117) and MacRumors.
MORE_AEB_PAGES = ("87bf60570e", "232a43fb15")

# Every way a page can fetch or run something; {base} is the counting server.
ACTIVE_PAGE = """<html><head><title>Active page - Example News</title>
<link rel="stylesheet" href="{base}/style.css"><link rel="prefetch" href="{base}/prefetch">
<style>@import url("{base}/import.css"); body {{ background-image: url("{base}/bg.png"); }}</style>
<script>document.documentElement.style.background = "rgb(255, 0, 255)";
new Image().src = "{base}/script";</script>
<script src="{base}/external.js"></script>
</head><body onload="document.body.style.background = 'rgb(255, 0, 255)'">
<article><h1>Active page</h1>
<p>The first paragraph of the article, long enough to be its body, with an image
<img src="{base}/img.png" srcset="{base}/img2.png 2x"> and <a href="{base}/link">a link</a>.</p>
<p style="background: url('{base}/inline.png')">The second paragraph of the article, also long
enough to read as prose, with commas, clauses and an ending.</p>
<iframe src="{base}/frame"></iframe><object data="{base}/object"></object>
<video poster="{base}/poster.png"><source src="{base}/video.mp4"></video>
<form action="{base}/form" method="get"><input name="q" value="x" autofocus
onfocus="document.body.style.color = 'rgb(255, 0, 255)'"><button>Go</button></form>
<img src="missing.png" onerror="document.body.style.background = 'rgb(255, 0, 255)'">
<svg><image href="{base}/svg.png"/></svg>
<p>The third paragraph of the article closes it, with a sentence that ends like this one.</p>
</article></body></html>"""


class _Counter(BaseHTTPRequestHandler):
    """Answers every GET and POST with an empty 200 and remembers the path."""

    def do_GET(self) -> None:
        self.server.paths.append(self.path)  # type: ignore[attr-defined]
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_POST = do_GET

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def counting_server() -> Iterator[tuple[str, list[str]]]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Counter)
    server.paths = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", server.paths  # type: ignore[attr-defined]
    finally:
        server.shutdown()
        server.server_close()


def _shoot(chromium: str, tmp_path: Path, url: str, size: tuple[int, int]) -> Image.Image:
    shot = tmp_path / "shot.png"
    shot.unlink(missing_ok=True)
    done = _run(
        chromium,
        tmp_path / "profile",
        f"--window-size={size[0]},{size[1]}",
        f"--virtual-time-budget={VIRTUAL_TIME_MS}",
        f"--screenshot={shot}",
        url,
    )
    assert done.returncode == 0 and shot.is_file(), done.stderr[-2000:]
    with Image.open(shot) as image:
        return image.convert("RGB")


def _pixels(image: Image.Image, rgb: tuple[int, int, int]) -> int:
    counts = {colour: n for n, colour in image.getcolors(image.width * image.height)}
    return counts.get(rgb, 0)


def test_page_view_fetches_nothing_and_runs_no_script_of_the_page(
    chromium: str, tmp_path: Path, counting_server: tuple[str, list[str]]
) -> None:
    base, requests = counting_server
    page = ACTIVE_PAGE.format(base=base)
    raw = tmp_path / "page.html"
    raw.write_text(page, encoding="utf-8")
    # The page opened as it is fetches and runs: what the test would see if the view let it.
    opened = _shoot(chromium, tmp_path, raw.as_uri(), WINDOW)
    assert _pixels(opened, SCRIPT_RAN) > 0
    assert {"/script", "/img.png", "/style.css"} <= set(requests)
    requests.clear()
    article = clean(page)
    report = _write_report_with_page(article, page, tmp_path)
    view = _shoot(chromium, tmp_path, report.as_uri() + f"#{explain.VIEW_PAGE}", WINDOW)
    assert requests == []
    assert _pixels(view, SCRIPT_RAN) == 0
    # The page view is on screen: the kept paragraphs are outlined in the kept colour.
    assert _pixels(view, _rgb(explain.KEPT_COLOUR)) >= MIN_VERDICT_PIXELS
    assert len(article.kept_blocks) == 3


def _write_report_with_page(article: Article, page: bytes | str, directory: Path) -> Path:
    path = directory / "report.html"
    path.write_text(explain.render_html(article, page=page), encoding="utf-8")
    return path


def _first_kept_text_top(chromium: str, report: Path, tmp_path: Path) -> float:
    """Where the text of the first kept card starts, in pixels from the top of a first screen,
    measured by a script of a harness page that holds the report in a frame of that size."""
    harness = tmp_path / "harness.html"
    harness.write_text(
        f'<html><body style="margin:0"><iframe id="r" src="{report.as_uri()}" '
        f'width="{FIRST_SCREEN[0]}" height="{FIRST_SCREEN[1]}" style="border:0"></iframe>'
        "<script>document.getElementById('r').onload = () => {"
        "  const card = document.getElementById('r').contentDocument"
        "    .querySelector('.block.kept .text');"
        "  document.body.dataset.top = card.getBoundingClientRect().top; };</script>"
        "</body></html>",
        encoding="utf-8",
    )
    done = _run(
        chromium,
        tmp_path / "profile",
        "--allow-file-access-from-files",
        f"--virtual-time-budget={VIRTUAL_TIME_MS}",
        "--dump-dom",
        harness.as_uri(),
    )
    assert done.returncode == 0, done.stderr[-2000:]
    top = lxml.html.document_fromstring(done.stdout).body.get("data-top")
    assert top is not None, done.stderr[-2000:]
    return float(top)


def _aeb_page(aeb: Path, prefix: str) -> tuple[bytes, str]:
    import json

    truth = json.loads((aeb / "ground-truth.json").read_text(encoding="utf-8"))
    (key,) = [k for k in truth if k.startswith(prefix)]
    return gzip.decompress((aeb / "html" / f"{key}.html.gz").read_bytes()), truth[key]["url"]


@pytest.mark.parametrize("prefix", [VENTUREBEAT, *MORE_AEB_PAGES])
def test_the_body_of_a_real_page_starts_on_the_first_screen(
    chromium: str, aeb: Path, tmp_path: Path, prefix: str
) -> None:
    page, url = _aeb_page(aeb, prefix)
    source, report = tmp_path / "page.html", tmp_path / "report.html"
    source.write_bytes(page)
    assert main(["explain", str(source), "--url", url, "-o", str(report)]) == 0
    top = _first_kept_text_top(chromium, report, tmp_path)
    assert 0 < top <= FIRST_SCREEN[1] - FIRST_LINE_PX
