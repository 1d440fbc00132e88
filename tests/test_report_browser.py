"""The HTML report in a real browser: Playwright driving Debian's Chromium (issue 4).

Chromium comes from `apt-get install chromium` (`.ci/run` installs it); Playwright's own
browser download (`playwright install`) is not possible here and is never used. A missing
Chromium FAILS this test with a clear message: it is required, not optional.
"""

from __future__ import annotations

import json
import os
import re
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


REVIEW_TEXT = (
    "At least 12 500 people fled Aleppo , Syria, the OSDH said; the toll rose to 1 250 000.\n"
    "The official agency SANA denied any retreat. She assured that the army held its positions.\n"
    "Read later\n"
    "The talks resumed on Monday.\n"
)


def _shot(page: object, name: str, tmp_path: Path) -> Path:
    """A screenshot of the review panel, kept in MT_CLEANUP_SCREENSHOT_DIR when set (to look at)."""
    folder = Path(os.environ.get("MT_CLEANUP_SCREENSHOT_DIR", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"review-{name}.png"
    page.locator("#review").screenshot(path=str(path))  # type: ignore[attr-defined]
    assert path.stat().st_size > 5_000
    return path


def test_review_follows_the_filters(tmp_path: Path) -> None:
    """Issue 15, point 6: the counter, the detail panel and the sidebar counts follow the
    filters; labels never split a word or a number; the detail shows before → after; deleted
    spaces and line breaks are visible."""
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        pytest.fail(f"Chromium not found at {CHROMIUM}: install it with `apt-get install -y chromium`")
    from playwright import sync_api

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "review.txt").write_text(REVIEW_TEXT, encoding="utf-8")
    (corpus / "quiet.txt").write_text("The talks resumed in Geneva , on Monday.\n", encoding="utf-8")
    html_path = tmp_path / "report.html"
    assert main(["report", str(corpus), "--html", str(html_path)]) == 0

    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(html_path.as_uri())
        page.wait_for_selector("body[data-ready=true]")
        page.locator("#doc-items li", has_text="review.txt").click()
        changes = page.locator("#doc-text .change:not(.filtered)")
        codes = [changes.nth(index).get_attribute("data-rules") for index in range(changes.count())]
        assert codes == ["NUM001", "SPC001", "ACR001", "NUM001", "NUM001", "PRN001", "BLP001"], codes

        # Rule labels never sit inside a word or a number: 12␣,500 keeps its digits together
        # (the label follows the number), and so does 1␣,250␣,000 with its two changes.
        text_with_marks = page.evaluate(
            """() => {
              const labels = [...document.querySelectorAll('#doc-text sup.code')];
              const saved = labels.map(label => label.textContent);
              labels.forEach(label => { label.textContent = '\\u0001'; });
              const text = document.getElementById('doc-text').innerText;
              labels.forEach((label, i) => { label.textContent = saved[i]; });
              return text;
            }"""
        )
        assert text_with_marks.count("\x01") == 7
        # A label is followed by a word only at the start of a line (a deleted line's label).
        assert not re.search(r"[^\n\x01]\x01+\w", text_with_marks), text_with_marks
        assert "12\N{OPEN BOX},500\x01 people" in text_with_marks
        assert "1\N{OPEN BOX},250\N{OPEN BOX},000\x01\x01." in text_with_marks
        _shot(page, "labels", tmp_path)

        # Deleted spaces and line breaks are visible.
        spc = page.locator('#doc-text .change[data-rules="SPC001"] del')
        assert spc.inner_text() == "\N{OPEN BOX}"
        blp = page.locator('#doc-text .change[data-rules="BLP001"] del')
        assert blp.inner_text().startswith("Read later\N{DOWNWARDS ARROW WITH CORNER LEFTWARDS}")

        # The detail panel shows the text before and after the change, with its context.
        page.locator("body").press("j")
        page.locator("body").press("j")
        assert page.locator("#change-pos").inner_text() == "2 / 7"
        before, after = (
            page.locator("#detail .before-after .side").nth(0).inner_text(),
            page.locator("#detail .before-after .side").nth(1).inner_text(),
        )
        assert "Aleppo\N{OPEN BOX}, Syria" in before and "Aleppo, Syria" in after
        assert page.locator("#detail .before-after del").inner_text() == "\N{OPEN BOX}"
        assert page.locator("#detail .detail-row code").inner_text() == "SPC001"
        _shot(page, "detail", tmp_path)

        def category(name: str, *, on: bool) -> None:
            box = page.locator(f'#category-filters input[data-category="{name}"]')
            box.check() if on else box.uncheck()

        def sidebar_counts() -> dict[str, str]:
            item = page.locator("#doc-items li", has_text="review.txt")
            return {
                kind: item.locator(f'.count[data-kind="{kind}"]').inner_text() for kind in ("safe", "unsafe", "finding")
            }

        assert sidebar_counts() == {"safe": "6", "unsafe": "0", "finding": "1"}

        # A filter that hides the current change: it is no longer current, the detail panel
        # empties and the counter reads "– / 6" (it read "2 / 1" and kept the hidden finding).
        category("spacing", on=False)
        assert page.locator("#change-pos").inner_text() == "\N{EN DASH} / 6"
        assert page.locator("#doc-text .change.current").count() == 0
        assert page.locator("#detail").inner_text() == ""
        assert sidebar_counts() == {"safe": "5", "unsafe": "0", "finding": "1"}
        quiet = page.locator("#doc-items li", has_text="quiet.txt")
        assert quiet.count() == 0  # its one change is spacing: hidden with only-changed on
        _shot(page, "filtered-current", tmp_path)
        category("spacing", on=True)

        # A filter that keeps the current change: it stays current at its new place.
        page.locator('#doc-text .change[data-rules="SPC001"]').click()
        assert page.locator("#change-pos").inner_text() == "2 / 7"
        category("number-format", on=False)
        assert page.locator("#change-pos").inner_text() == "1 / 4"
        assert page.locator("#doc-text .change.current").get_attribute("data-rules") == "SPC001"
        assert page.locator("#detail .detail-row code").inner_text() == "SPC001"
        assert sidebar_counts() == {"safe": "3", "unsafe": "0", "finding": "1"}
        # Hidden changes take their labels with them.
        assert page.locator('#doc-text sup.code.detached[data-label-for="0"]').is_hidden()
        page.locator("body").press("j")
        assert page.locator("#change-pos").inner_text() == "2 / 4"
        category("number-format", on=True)
        assert page.locator("#change-pos").inner_text() == "3 / 7"

        # The kind filter: the finding is current, then hidden with "Findings only" off.
        page.locator('#doc-text .change[data-rules="PRN001"]').click()
        assert "flagged, left unchanged" in page.locator("#detail .before-after").inner_text()
        page.locator('#kind-filters input[data-kind="finding"]').uncheck()
        assert page.locator("#change-pos").inner_text() == "\N{EN DASH} / 6"
        assert page.locator("#detail").inner_text() == ""
        assert sidebar_counts() == {"safe": "6", "unsafe": "0", "finding": "0"}
        _shot(page, "kind-filter", tmp_path)
        browser.close()
