"""The page in a real browser: Debian's chromium driven by Playwright, against a real server in a thread.

Paste a letter, see the sentences coloured and labelled, accept a change, see the level change, download
the Word file and open it; the same with the keyboard only; and an axe-core audit (WCAG 2.1 A/AA) with no
serious or critical violation. Skipped, with the reason, when Playwright or a chromium is missing
(.ci/run installs chromium with apt-get). Playwright cannot download its own browser here.
"""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

import pytest

sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed: pip install -e '.[test]'")

from eenvoudig.config import Config  # noqa: E402
from eenvoudig.serve import Settings, running  # noqa: E402


def _chromium() -> str | None:
    for candidate in (os.environ.get("EENVOUDIG_CHROMIUM"), shutil.which("chromium"),
                      shutil.which("chromium-browser"), "/usr/bin/chromium"):
        if candidate and Path(candidate).is_file():
            return candidate
    return None


CHROMIUM = _chromium()
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium browser found: install Debian's chromium "
                                "(apt-get install chromium) or set EENVOUDIG_CHROMIUM; .ci/run installs it")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
LETTER = ("Geachte heer Jansen,\n\nWij hebben uw aanvraag voor een parkeervergunning ontvangen. Wij nemen binnen "
          "4 weken een besluit. Indien u vragen heeft, kunt u ons bellen. Wij sturen u de vergunning middels de "
          "post.\n\nMet vriendelijke groet,\n\nGemeente Voorbeeldstad\n")
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
        "resultTypes": ["violations"]}


@pytest.fixture(scope="module")
def url():
    with running(Settings(config=Config(speech=(("backend", "fake"),)))) as address:
        yield address


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="nl-NL", accept_downloads=True, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    context.close()
    assert errors == []  # no script error, no CSP violation, no failed request


def expected_score(text: str):
    from eenvoudig.analysis import analyze
    from eenvoudig.checks import check
    from eenvoudig.document import read_text

    return check(analyze(read_text(text))).score


def nl(x: float) -> str:
    return f"{x:.1f}".replace(".", ",")


def test_paste_see_levels_accept_see_the_level_change_and_download(page, url, tmp_path):
    import docx

    from eenvoudig.serve.review import level_names

    page.goto(url)
    page.get_by_label("Plak hier de tekst van uw brief").fill(LETTER)
    page.get_by_role("button", name="Controleer de brief").click()
    page.wait_for_url(f"{url}brief")
    # every sentence coloured by its level and labelled with the level's name
    before = expected_score(LETTER)
    sentences = page.locator("span.zin[id^=zin-]")
    assert sentences.count() == len(before.sentence_levels) == 4
    for i, level in enumerate(before.sentence_levels):
        assert sentences.nth(i).get_attribute("class") == f"zin niveau-{level}"
        assert sentences.nth(i).locator(".label").text_content() == level_names()[level - 1] + ":"
    colour = sentences.nth(0).evaluate("el => getComputedStyle(el).backgroundColor")
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent")
    meter = page.locator("#meter")
    assert meter.locator("[data-moeilijkheid]").inner_text() == nl(before.difficulty)
    # accept one change: the text shows the new word, the level is measured again on the server
    first = page.locator("fieldset.voorstel").first
    assert first.locator("legend").inner_text() == "Indien wordt Als"
    first.get_by_label("Overnemen", exact=True).check()
    one = expected_score(LETTER.replace("Indien", "Als"))
    assert one.difficulty != before.difficulty
    sync_api.expect(meter.locator("[data-moeilijkheid]")).to_have_text(nl(one.difficulty))
    sync_api.expect(meter).to_contain_text(f"(eerst {nl(before.difficulty)})")
    change = page.locator('span.wijziging[data-voorstel="1"]')
    assert change.get_attribute("class") == "wijziging ja"
    assert change.locator("del").is_hidden() and change.locator("ins").text_content() == "nieuw: Als"
    # all safe changes: the button counts those still open (one of two), then says they are all in
    page.get_by_role("button", name="Alle veilige verbeteringen overnemen (1)").click()
    done = page.locator("#alles-veilig")
    sync_api.expect(done).to_have_text("Alle veilige verbeteringen zijn overgenomen")
    sync_api.expect(done).to_be_disabled()
    # here that brings the letter a level down
    both = expected_score(LETTER.replace("Indien", "Als").replace("middels", "met"))
    assert both.level < before.level
    sync_api.expect(meter.locator("#niveau-tekst")).to_have_text(f"Niveau {both.level} van 4: {both.label}")
    sync_api.expect(meter).to_contain_text("U nam 2 van de 2 verbeteringen over.")
    # the Word file has the accepted changes
    with page.expect_download() as download:
        page.get_by_role("button", name="Word-bestand (.docx)").click()
    assert download.value.suggested_filename == "brief-eenvoudig.docx"
    path = tmp_path / "brief.docx"
    download.value.save_as(path)
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(path.read_bytes())).paragraphs)
    assert "Als u vragen heeft, kunt u ons bellen." in text and "met de post" in text
    assert "Indien" not in text and "middels" not in text


def test_keyboard_only(page, url):
    page.goto(url)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Ga direct naar de inhoud"
    page.keyboard.press("Tab")   # the name of the site, a link home
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "tekst"
    page.keyboard.insert_text(LETTER)
    page.keyboard.press("Tab")   # the file chooser
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Controleer de brief"
    page.keyboard.press("Enter")
    page.wait_for_url(f"{url}brief")
    page.locator("#keuze-2-ja").focus()
    page.keyboard.press("Space")
    assert page.locator("#keuze-2-ja").is_checked()
    one = expected_score(LETTER.replace("middels", "met"))
    sync_api.expect(page.locator("#meter [data-moeilijkheid]")).to_have_text(nl(one.difficulty))
    page.keyboard.press("ArrowRight")  # the other choice of the same radio group: 'Niet overnemen'
    assert page.locator("#keuze-2-nee").is_checked()
    sync_api.expect(page.locator('span.wijziging[data-voorstel="2"]')).to_have_class("wijziging nee")
    sync_api.expect(page.locator("#meter [data-moeilijkheid]")).to_have_text(nl(expected_score(LETTER).difficulty))


def test_accessibility_audit_finds_nothing_serious(page, url):
    """axe-core (vendored by axe-playwright-python) on the start page and on the review page after a choice."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    page.goto(url)
    found = {"start": axe.run(page, options=WCAG).response["violations"]}
    page.get_by_label("Plak hier de tekst van uw brief").fill(LETTER)
    page.get_by_role("button", name="Controleer de brief").click()
    page.wait_for_url(f"{url}brief")
    page.locator("#keuze-1-ja").check()
    sync_api.expect(page.locator("#meter")).to_contain_text("U nam 1 van de 2")
    page.locator("details summary").first.click()
    found["brief"] = axe.run(page, options=WCAG).response["violations"]
    serious = {name: [(v["id"], v["impact"], len(v["nodes"])) for v in violations
                      if v["impact"] in ("serious", "critical")] for name, violations in found.items()}
    assert serious == {"start": [], "brief": []}
    assert axe.axe_script.startswith("/*! axe v4.")


def test_without_javascript_the_buttons_post_the_form(browser, url):
    context = browser.new_context(locale="nl-NL", java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(url)
        page.get_by_label("Plak hier de tekst van uw brief").fill(LETTER)
        page.get_by_role("button", name="Controleer de brief").click()
        page.wait_for_url(f"{url}brief")
        page.locator("#keuze-2-ja").check()
        page.get_by_role("button", name="Niveau opnieuw meten").click()
        page.wait_for_load_state()
        one = expected_score(LETTER.replace("middels", "met"))
        assert page.locator("#meter [data-moeilijkheid]").inner_text() == nl(one.difficulty)
        assert page.locator("#keuze-2-ja").is_checked()
        assert page.locator('span.wijziging[data-voorstel="2"]').get_attribute("class") == "wijziging ja"
        page.get_by_role("button", name="Alle veilige verbeteringen overnemen (1)").click()
        page.wait_for_load_state()
        assert "U nam 2 van de 2 verbeteringen over." in page.locator("#meter").inner_text()
        assert page.locator("#alles-veilig").inner_text() == "Alle veilige verbeteringen zijn overgenomen"
        assert page.locator("#alles-veilig").is_disabled()
    finally:
        context.close()
