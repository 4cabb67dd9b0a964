"""The explain report in a real browser: headless Chromium renders, dumps the DOM, screenshots.

Needs Debian's ``chromium`` (``apt-get install chromium``; CI installs it in ``.ci/run``); skipped
with a message saying so when it is missing. Each test starts Chromium with a fresh profile, no
network features and no sandbox (CI runs as root), loading the report from a ``file://`` URL.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import lxml.html
import pytest
from PIL import Image

from newsclean import Article, clean, explain

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
