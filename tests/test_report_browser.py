"""The HTML report in a real browser: Playwright driving Debian's Chromium (issue 4).

Chromium comes from `apt-get install chromium` (`.ci/run` installs it); Playwright's own
browser download (`playwright install`) is not possible here and is never used. A missing
Chromium FAILS this test with a clear message: it is required, not optional.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from cleanup.cli import main

CHROMIUM = os.environ.get("MT_CLEANUP_CHROMIUM", "/usr/bin/chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOT = os.environ.get("MT_CLEANUP_SCREENSHOT")

CORPUS = {
    "a_dirty.txt": (
        "Rebels of the HTC entered Aleppo , Syria, the OSDH said on Tuesday.\n"
        "The group, Hayat Tahrir al-Sham, “had”said it would hold the city.\n"
        "It was a “immediate” success, said an official.\n"
        "Read later\n"
    ),
    "b_evil.txt": (
        'Attack <script>window.__pwned = 1; alert("pwned")</script> in Aleppo , Syria.\n'
        'Reporters saw "><img src=x onerror="window.__pwned = 2"> near the OSDH office in Syria.\n'
    ),
    "c_clean.txt": "The minister met the press in Paris on Monday and answered questions.\n",
    "d_rounds.txt": "The army said so.\nRead also: Syria's war\nRead later",
}


def test_report_in_chromium(tmp_path: Path) -> None:
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: install it with `apt-get install -y chromium` "
            "(.ci/run does this); the HTML report test needs a real browser"
        )
    from playwright import sync_api  # the test extra installs it; a missing package fails here, never skips

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in CORPUS.items():
        (corpus / name).write_text(text, encoding="utf-8")
    html_path, json_path = tmp_path / "report.html", tmp_path / "report.json"
    assert main(["report", str(corpus), "--html", str(html_path), "--json", str(json_path)]) == 0
    report = json.loads(json_path.read_text(encoding="utf-8"))
    summary = report["summary"]
    dirty = next(item for item in report["documents"] if item["path"].endswith("a_dirty.txt"))
    assert len(dirty["findings_by_category"]) >= 3  # the filter below needs several categories

    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        dialogs: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        page.goto(html_path.as_uri())
        page.wait_for_selector("body[data-ready=true]")

        # summary numbers match the JSON report
        def card(field: str) -> str:
            return page.locator(f'[data-field="{field}"]').inner_text()

        assert card("documents") == f"{summary['documents']:,}"
        assert card("words") == f"{summary['words']:,}"
        assert card("findings") == f"{summary['findings']:,}"
        assert card("fixes_safe") == f"{summary['fixes_applied']['safe']:,}"
        for category, count in summary["findings_by_category"].items():
            assert page.locator(f'.chart-row[data-category="{category}"] .chart-count').inner_text() == str(count)
        chrf = page.locator('tr[data-metric="chrf"] td').nth(1).inner_text()
        assert chrf == f"{summary['change']['chrf']['score']:.2f}"

        # the injected markup is shown as text and ran nothing
        page.locator("#doc-items li", has_text="b_evil.txt").click()
        text = page.locator("#doc-text").inner_text()
        assert "<script>window.__pwned = 1;" in text and '"><img src=x onerror=' in text
        assert page.evaluate("window.__pwned") is None
        assert page.locator("#doc-text img, #doc-text script").count() == 0
        assert dialogs == []

        # the 2-round document shows one deletion hunk with both rounds' labels
        page.locator("#doc-items li", has_text="d_rounds.txt").click()
        hunk = page.locator("#doc-text .change")
        assert hunk.count() == 1 and "Read also: Syria's war" in hunk.locator("del").inner_text()

        # category filter: only changes of the chosen category stay visible
        page.locator("#doc-items li", has_text="a_dirty.txt").click()
        visible = page.locator("#doc-text .change:not(.filtered)")
        before = visible.count()
        assert before >= 3
        keep = "acronym"
        for box in page.locator("#category-filters input").all():
            if box.get_attribute("data-category") != keep:
                box.uncheck()
        after = visible.count()
        assert 0 < after < before
        for index in range(after):
            assert keep in visible.nth(index).get_attribute("data-categories").split()
        assert page.locator("#doc-text .change.filtered sup").first.is_hidden()
        for box in page.locator("#category-filters input").all():
            box.check()
        assert visible.count() == before

        # next / previous change: keyboard and buttons move the highlight and the focus
        page.locator("body").press("j")
        first = page.evaluate("document.activeElement.dataset.hunk")
        assert page.locator("#doc-text .change.current").count() == 1
        assert page.locator("#change-pos").inner_text().startswith("1 /")
        page.locator("body").press("j")
        second = page.evaluate("document.activeElement.dataset.hunk")
        assert second != first
        assert page.locator("#change-pos").inner_text().startswith("2 /")
        assert page.locator("#detail .detail-row").count() >= 1
        assert page.locator("#doc-text .change.current").evaluate(
            "node => { const r = node.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }"
        )
        page.locator("#prev-change").click()
        assert page.evaluate("document.activeElement.dataset.hunk") == first

        # document list pagination controls exist and are consistent
        assert (
            "4 docs" in page.locator("#page-info").inner_text() or "3 docs" in page.locator("#page-info").inner_text()
        )

        assert all(url.startswith("file:") or url.startswith("data:") for url in requests), requests
        shot = Path(SCREENSHOT) if SCREENSHOT else tmp_path / "report.png"
        page.evaluate("window.scrollTo(0, 0)")
        page.screenshot(path=str(shot), full_page=False)
        assert shot.stat().st_size > 10_000
        browser.close()


def test_report_with_10000_documents_stays_usable(tmp_path: Path) -> None:
    """Issue 4: the document list stays usable with 10,000 documents (paginated, one page in the DOM)."""
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        pytest.fail(f"Chromium not found at {CHROMIUM}: install it with `apt-get install -y chromium`")
    import time

    from playwright import sync_api

    from cleanup.engine import default_ruleset
    from cleanup.fixer import fix_text
    from cleanup.report.html import render_fix_report

    text = "The OSDH in Syria said so , on Monday.\nRead later\n"
    result = fix_text(text)
    fixed = [(f"doc{number:05d}.txt", text, result) for number in range(10_000)]
    html_path = tmp_path / "big.html"
    html_path.write_text(render_fix_report(fixed, ruleset=default_ruleset(), signature="test"), encoding="utf-8")

    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        started = time.monotonic()
        page.goto(html_path.as_uri())
        page.wait_for_selector("body[data-ready=true]", timeout=60_000)
        assert time.monotonic() - started < 30  # a generous bound on a shared CI machine, not a benchmark
        assert page.locator('[data-field="documents"]').inner_text() == "10,000"
        assert page.locator("#doc-items li").count() == 50
        assert "1 / 200" in page.locator("#page-info").inner_text()
        page.locator("#doc-sort").select_option("name")
        page.locator("#doc-search").fill("doc09999")
        assert page.locator("#doc-items li").count() == 1
        page.locator("#doc-items li").first.click()
        assert page.locator("#doc-title").inner_text() == "doc09999.txt"
        assert "SOHR" in page.locator("#doc-text").inner_text()
        browser.close()
