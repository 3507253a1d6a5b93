""""Begin hier", the HTML report, fair scores for short texts, and the developer API's guards."""

from __future__ import annotations

import inspect
import re
from html.parser import HTMLParser
from importlib import resources

import pytest

import eenvoudig
from eenvoudig.checks import check, check_text
from eenvoudig.checks.advice import begin_hier, rescore
from eenvoudig.checks.html import report_html
from eenvoudig.checks.score import SHORT_WORDS, difficulty, shrink
from eenvoudig.checks.text import format_report
from eenvoudig.rewriting import rewrite

from conftest import LETTERS


# ------------------------------------------------------------------------------------------ advice


def test_begin_hier_ranks_the_changes_with_their_scores(reports, analysed) -> None:
    report = reports["wmo-huishoudelijke-hulp"]
    advice = begin_hier(report)
    assert 3 <= len(advice.items) <= 5
    drops = [report.score.difficulty - a.difficulty for a in advice.items]
    assert drops == sorted(drops, reverse=True) and all(d >= 1.0 for d in drops)
    kinds = [a.kind for a in advice.items]
    assert kinds[:2] == ["vervangen", "zin.lang"]   # the word swaps now help a little more than splitting (8.7 vs 8.6)
    # the word swaps are computed: the letter with the swaps made, analysed and checked again
    swaps = next(a for a in advice.items if a.kind == "vervangen")
    assert not swaps.estimated and all(a.estimated for a in advice.items if a.kind != "vervangen")
    result = rewrite(analysed["wmo-huishoudelijke-hulp"])
    assert swaps.difficulty == check_text(result.text).score.difficulty == rescore(report, result.applied).score.difficulty
    # together is an estimate with everything done, lower than any one item
    assert advice.together is not None and advice.together.estimated
    assert advice.together.difficulty < min(a.difficulty for a in advice.items)
    long = next(a for a in advice.items if a.kind == "zin.lang")
    assert long.examples[0] == "alinea 12 (regel 30), 44 woorden: «Indien zich wijzigingen voordoen in uw situatie die …»"


def test_begin_hier_for_a_plain_letter_is_short(reports) -> None:
    report = reports["b1-eenvoudig"]
    advice = begin_hier(report)
    assert [a.kind for a in advice.items] == ["lexicon"] and advice.together is None
    text = format_report(report, advice=advice, kort=True)
    assert text.splitlines()[1:6] == [
        "  Niveau 1 van 4: eenvoudig (ongeveer A2). Moeilijkheid 19 van 100: goed voor B1.", "",
        "  Begin hier: wat het meest helpt (deze tekst is al goed voor B1)",
        "  1. Vervang of leg uit: 2 ambtelijke of moeilijke woorden die eenvoudig alleen aanwijst.",
        "     Dan: moeilijkheid 19 → 16 van 100, nog steeds niveau 1 (geschat)."]
    assert "Details" not in text and "Waarom" not in text


def test_kort_prints_only_the_level_and_begin_hier(invoke) -> None:
    full = invoke("check", "--fail-on", "never", LETTERS["demo"]).stdout
    short = invoke("check", "--kort", "--fail-on", "never", LETTERS["demo"]).stdout
    assert full.startswith(short.rstrip("\n"))
    assert "Details" in full and "Details" not in short and "[zin.lang]" not in short
    assert re.search(r"^  1\. .+\n     Dan: moeilijkheid \d+ → \d+ van 100, ", short, re.M)
    assert "(berekend)" in short and "(geschat)" in short and "Alles samen:" in short


# -------------------------------------------------------------------------------------------- html


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.sentences: list[tuple[str, list[str]]] = []
        self._depth: list[str | None] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        classes = (a.get("class") or "").split()
        if tag == "span" and "zin" in classes:
            self.sentences.append((next((c for c in classes if re.fullmatch(r"n\d", c)), ""), []))
            self._depth.append("zin")
        elif tag == "span":
            self._depth.append("sr" if "sr" in classes else None)
        elif tag == "sup":
            self._depth.append("sup")

    def handle_endtag(self, tag):
        if tag in ("span", "sup") and self._depth:
            self._depth.pop()

    def handle_data(self, data):
        if "zin" in self._depth and "sr" not in self._depth and "sup" not in self._depth:
            self.sentences[-1][1].append(data)


def test_html_report_is_self_contained_and_coloured_per_sentence(reports, analysed) -> None:
    report = reports["uitnodiging-heronderzoek"]
    page = report_html(report, begin_hier(report))
    parser = _Page()
    parser.feed(page)
    html = next(a for t, a in parser.tags if t == "html")
    assert html["lang"] == "nl"
    assert not any(t in ("script", "link", "img", "iframe") for t, _ in parser.tags)
    assert "http://" not in page and "https://" not in page and "url(" not in page
    # every sentence is in the page, the scored ones with their level as class
    letter = [(c, re.sub(r"\s+", " ", "".join(parts)).strip()) for c, parts in parser.sentences[4:]]
    scored = {" ".join(s.text.split()): lvl for s, lvl in zip(analysed["uitnodiging-heronderzoek"].scored,
                                                             report.score.sentence_levels)}
    coloured = {text: c for c, text in letter if c}
    assert coloured == {text: f"n{lvl}" for text, lvl in scored.items()}
    # each finding in the letter has its numbered item beside it, and a link to it from the words
    numbered = [a["id"] for t, a in parser.tags if t == "li" and a.get("id", "").startswith("punt-")]
    assert len(numbered) == sum(1 for f in report.findings if f.block >= 0)
    links = {a["href"][1:] for t, a in parser.tags if t == "a" and a.get("href", "").startswith("#punt-")}
    assert links == set(numbered)
    assert page.count('<span class="sr"> (zin: ') == len(scored)  # the level in words for screen readers
    assert "<h2 id=\"begin-hier\">Begin hier</h2>" in page and page.count("<span class=\"dan\">Dan: ") == 4


def test_html_report_colours_have_enough_contrast() -> None:
    css = (resources.files("eenvoudig") / "templates" / "uitvoer" / "rapport.html.j2").read_text("utf-8")

    def luminance(hex_colour: str) -> float:
        rgb = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    def contrast(a: str, b: str) -> float:
        hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
        return (hi + 0.05) / (lo + 0.05)

    for level in ("n2", "n3", "n4"):
        background = re.search(rf"\.{level} \{{ background: (#[0-9a-f]{{6}})", css).group(1)
        assert contrast(background, "#000000") >= 7, level  # black text on the sentence colour: AAA
    assert contrast("#9e0000", "#ffffff") >= 7 and contrast("#ffd27a", "#000000") >= 7
    assert contrast("#3d3d3d", "#ffffff") >= 7 and contrast("#0033aa", "#ffffff") >= 7


def test_check_format_html_on_the_command_line(invoke, tmp_path) -> None:
    result = invoke("check", "--format", "html", LETTERS["b1-eenvoudig"])
    assert result.exit_code == 0 and result.stdout.startswith("<!DOCTYPE html>\n<html lang=\"nl\">")
    out = tmp_path / "rapport.html"
    result = invoke("check", "--format", "html", "-o", out, LETTERS["b1-eenvoudig"])
    assert result.exit_code == 0 and out.read_text("utf-8").startswith("<!DOCTYPE html>") and result.stdout == ""


# ---------------------------------------------------------------------------------------- scoring


def test_short_texts_are_pulled_towards_the_neutral_level() -> None:
    assert SHORT_WORDS == 50
    assert shrink(69.0, 10, 35.0) == 41.8 and shrink(20.0, 10, 35.0) == 32.0 and shrink(80.0, 50, 35.0) == 80.0
    note = check_text("Beste Piet,\n\nIndien u vragen heeft, belt u ons dan.\n")
    assert (note.score.level, note.score.passed) == (2, True)  # was "moeilijk (ongeveer B2)" for one 'Indien'
    one = check_text("Beste Piet, Indien u vragen heeft, dient u ons te bellen.")
    assert one.score.level == 2 and one.score.sentence_levels == (3,)  # the sentence itself is still marked
    assert any(f.rule == "lexicon.ambtelijk" for f in one.findings)  # and 'Indien' is still a finding


def test_long_letters_score_as_before(reports) -> None:
    for name in ("demo", "wmo-huishoudelijke-hulp", "b1-eenvoudig"):
        report = reports[name]
        assert report.score.metrics["words"] >= SHORT_WORDS
        assert report.score.difficulty == difficulty(report.facts)


def test_an_empty_letter_fails() -> None:
    from eenvoudig.integrations import assert_leesbaar, check_rendered

    for text in ("", "   \n", "… !!!"):
        report = check_rendered(text)
        assert [f.rule for f in report.findings] == ["tekst.leeg"] and not report.score.passed
        with pytest.raises(AssertionError) as failed:
            assert_leesbaar(text)
        assert str(failed.value).splitlines() == [
            "De brief is niet goed genoeg voor B1:", "<brief>: geen tekst om te meten (niet goed voor B1).",
            "  hele tekst: fout [tekst.leeg] Er staat geen tekst in de brief."]   # not "eenvoudig (ongeveer A2)"
    assert check_rendered("Gemeente Voorbeeldstad\nPostbus 1234\n").findings == ()  # an address is not empty


def test_unknown_target_kind_or_fail_on_is_an_error(run_main) -> None:
    import jinja2

    from eenvoudig.config import Config
    from eenvoudig.integrations import assert_leesbaar, check_rendered, checked_environment

    with pytest.raises(ValueError, match="C1"):
        check_rendered("Wij helpen u.", target="C1")
    with pytest.raises(ValueError, match="C1"):
        assert_leesbaar("Wij helpen u.", target="C1")
    with pytest.raises(ValueError, match="pdf"):
        check_rendered("Wij helpen u.", kind="pdf")
    with pytest.raises(ValueError, match="sometimes"):
        checked_environment(jinja2.Environment(), fail_on="sometimes")
    with pytest.raises(ValueError, match="pdf"):
        eenvoudig.read_text("Wij helpen u.", kind="pdf")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="C1"):
        check(eenvoudig.analyze(eenvoudig.read_text("Wij helpen u.")), Config(target="C1"))
    result = run_main("check", "--target", "C1", LETTERS["b1-eenvoudig"])
    assert result.exit_code == 2 and "'C1' kan niet bij --target; kies uit 'A2', 'B1', 'B2'." in result.stderr


def test_the_integrations_api_is_typed() -> None:
    from eenvoudig import integrations

    assert (resources.files("eenvoudig") / "py.typed").is_file()
    assert inspect.signature(integrations.check_rendered).return_annotation == "Report"
    assert inspect.signature(integrations.assert_leesbaar).return_annotation == "Report"
    assert inspect.signature(integrations.CheckedTemplate.render_checked).return_annotation == "tuple[str, Report]"
    source = inspect.getsource(integrations)
    assert "-> Any" not in source


def test_nominalisation_examples_name_each_place_once() -> None:
    # three sentences on one line are one place: one example with the words and how often they occur
    text = ("Geachte heer Jansen,\n\nDe beoordeling van de aanvraag volgt later. De beoordeling van de verplichting "
            "en de vaststelling van de vordering volgt daarna. Wij doen de beoordeling van uw verzoek en de "
            "verrekening van de betaling.\n\nMet vriendelijke groet,\n\nGemeente\n")
    advice = begin_hier(check_text(text))
    (nouns,) = [a for a in advice.items if a.kind == "stijl.naamwoord"]
    assert nouns.examples == ("alinea 2 (regel 3): 'beoordeling' (3 keer), 'verplichting', 'vaststelling', "
                              "'vordering', 'betaling'",)


def test_swap_examples_show_word_swaps_before_structural_fragments(reports) -> None:
    # the rewrite also turns a passive around ('is' → 'hebben wij'); as an example of "woorden vervangen" that
    # fragment says little, so the word swaps come first
    (swaps,) = [a for a in begin_hier(reports["terugvordering-bijstand"]).items if a.kind == "vervangen"]
    assert swaps.examples == ("'Gelet op het bovenstaande' → 'Daarom'", "'voornoemde' → 'genoemde'",
                              "'op grond van' → 'volgens'")
