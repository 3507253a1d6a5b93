"""Rewrite, pinned through the public API: capitals, places of edits, explanations and the sentence split.

Each row was checked by hand; a small change in `_cap`, `_edit`, `_without_overlaps`, `apply_edits`,
`_clause` or the structural split changes one of them (mutation testing, issue 16).
"""

from __future__ import annotations

import pytest

import eenvoudig
from eenvoudig.rewriting import Edit, apply_edits, rewrite


def _edits(text: str, unsafe: bool = False) -> tuple[str, list[tuple]]:
    result = rewrite(eenvoudig.analyze(eenvoudig.read_text(text)), unsafe=unsafe)
    return result.text, [(e.start, e.end, e.before, e.after, e.rule, e.safe, e.applied, e.line, e.column)
                         for e in result.edits]


def test_capitals_follow_the_word_they_replace() -> None:
    assert _edits("INDIEN u vragen heeft, bel ons.") == (
        "ALS u vragen heeft, bel ons.", [(0, 6, "INDIEN", "ALS", "lexicon.ambtelijk", True, True, 1, 1)])
    assert _edits("Indien u vragen heeft, bel ons.")[0] == "Als u vragen heeft, bel ons."


def test_edits_know_their_line_and_column() -> None:
    assert _edits("Wij hebben uw brief reeds gelezen.\nIndien u vragen heeft, bel ons.") == (
        "Wij hebben uw brief al gelezen.\nAls u vragen heeft, bel ons.",
        [(20, 25, "reeds", "al", "lexicon.formeel", True, True, 1, 21),
         (35, 41, "Indien", "Als", "lexicon.ambtelijk", True, True, 2, 1)])


def test_an_explanation_is_inserted_after_the_word() -> None:
    # "De B1-route is een manier …": the term is not said again inside its own explanation
    after = " (dat betekent: een manier van leren waarbij u Nederlands leert tot niveau B1)"
    assert _edits("U kunt de B1-route volgen.", unsafe=True) == (
        "U kunt de B1-route" + after + " volgen.", [(18, 18, "", after, "lexicon.jargon", False, True, 1, 19)])
    # safe mode: suggested, not applied
    assert _edits("U kunt de B1-route volgen.") == (
        "U kunt de B1-route volgen.", [(18, 18, "", after, "lexicon.jargon", False, False, 1, 19)])


LEFT = "Wij hebben uw aanvraag voor een nieuwe wasmachine en een nieuwe koelkast heel goed bekeken"
RIGHT = " wij kunnen u helaas geen geld geven voor deze dingen."


SPLIT = ("structuur.splitsen", "split", True, True)   # rule, kind, safe, applied: a checked split is made by default


@pytest.mark.parametrize(("word", "after"), [("maar", "bekeken. Maar"), ("want", "bekeken. Want")])
def test_split_at_a_conjunction(word: str, after: str) -> None:
    text, edits = _split_edits(f"{LEFT}, {word}{RIGHT}")
    assert text == f"{LEFT[:-7]}{after}{RIGHT}"
    assert edits == [(83, 90 + 2 + len(word), f"bekeken, {word}", after, *SPLIT, 1, 84)]


def test_no_split_at_dus() -> None:
    # "dus" joins a conclusion to its reason: the sentence stays whole
    assert _split_edits(f"{LEFT}, dus{RIGHT}") == (f"{LEFT}, dus{RIGHT}", [])


def test_split_at_en_drops_it_and_capitalises_the_next_word() -> None:
    assert _split_edits(f"{LEFT}, en{RIGHT}") == (
        f"{LEFT}. Wij{RIGHT[4:]}", [(83, 98, "bekeken, en wij", "bekeken. Wij", *SPLIT, 1, 84)])


@pytest.mark.parametrize(("text", "split"), [
    # 13 words (the warning threshold of zin.lang) is split, 12 is not
    ("Wij hebben het heel goed bekeken, maar wij geven u nu geen geld.", True),
    ("Wij hebben het goed bekeken, maar wij geven u nu geen geld.", False),
    # the second clause needs its own subject and verb and some words: "maar wij geven niets" is too short
    (f"{LEFT}, maar wij geven niets.", False),
    ("Wij bekeken het goed, maar wij kunnen u helaas geen geld geven voor een nieuwe wasmachine en een nieuwe "
     "koelkast in de keuken.", True),
])
def test_split_only_long_sentences_with_two_real_halves(text: str, split: bool) -> None:
    new, edits = _split_edits(text)
    assert [e[4] for e in edits] == (["structuur.splitsen"] if split else [])
    assert new == (text.replace(", maar", ". Maar") if split else text)


def _split_edits(text: str, config=None) -> tuple[str, list[tuple]]:
    result = rewrite(eenvoudig.analyze(eenvoudig.read_text(text)), config)
    return result.text, [(e.start, e.end, e.before, e.after, e.rule, e.kind, e.safe, e.applied, e.line, e.column)
                         for e in result.edits]


def test_apply_edits_is_exact() -> None:
    e = [Edit(0, 6, "Indien", "Als", "r", True), Edit(6, 6, "", " (uitleg)", "r", False)]
    assert apply_edits("Indien u wilt", e) == "Als (uitleg) u wilt"
    assert apply_edits("Indien u wilt", e[::-1]) == "Als (uitleg) u wilt"   # in any order
    assert apply_edits("Indien u wilt", []) == "Indien u wilt"


def test_a_split_takes_in_the_word_swap_it_covers() -> None:
    # the split covers ', en indien'; the swap indien -> als is taken into the one split edit, not dropped
    assert _split_edits(f"{LEFT}, en indien u vragen heeft kunt u ons altijd bellen op het nummer.") == (
        f"{LEFT}. Als u vragen heeft kunt u ons altijd bellen op het nummer.",
        [(83, 101, "bekeken, en indien", "bekeken. Als", *SPLIT, 1, 84)])
    # a word swap next to a split stays its own edit; this split fails the grammar check after the swap
    # ("Maar al nu kunnen wij …" is not taken as verb-second), so it is only suggested
    text, edits = _split_edits(f"{LEFT}, maar reeds nu kunnen wij u helaas geen geld geven.")
    assert text == f"{LEFT}, maar al nu kunnen wij u helaas geen geld geven."
    assert [(e[0], e[1], e[2], e[3], e[5], e[6], e[7]) for e in edits] == [
        (83, 96, "bekeken, maar", "bekeken. Maar", "split", False, False),
        (97, 102, "reeds", "al", "word", True, True)]


@pytest.mark.parametrize(("text", "result"), [
    # "Herroeping betekent: …" and "Mandaat betekent dat …": the explanation starts after 'betekent'
    ("Dit is een herroeping van het besluit.",
     "Dit is een herroeping (dat betekent: een besluit terugdraaien en er een nieuw besluit voor in de plaats "
     "zetten) van het besluit."),
    ("Er is een mandaat voor deze medewerker.",
     "Er is een mandaat (dat betekent dat een medewerker namens het bestuur van de gemeente mag beslissen) voor deze "
     "medewerker."),
    # "Een eigen bijdrage is het deel …": the term is not said again; a word that merely starts the same way stays
    ("U betaalt een eigen bijdrage.", "U betaalt een eigen bijdrage (dat betekent: het deel van de kosten dat u zelf "
     "betaalt)."),
])
def test_explanations_become_a_clause(text: str, result: str) -> None:
    assert _edits(text, unsafe=True)[0] == result


def _split_text(text: str, config=None) -> str:
    return rewrite(eenvoudig.analyze(eenvoudig.read_text(text)), config).text


def test_split_follows_the_configured_threshold() -> None:
    from eenvoudig.config import parse_config

    text = (f"{LEFT}, maar wij geven u nu geen geld.")   # 22 words
    assert _split_text(text) == f"{LEFT}. Maar wij geven u nu geen geld."
    assert _split_text(text, parse_config({"thresholds": {"zin.lang": {"warning": 23}}})) == text
    assert _split_text(text, parse_config({"thresholds": {"zin.lang": {"warning": 22}}})) == \
        f"{LEFT}. Maar wij geven u nu geen geld."


@pytest.mark.parametrize(("text", "result"), [
    # a short second clause is split too when the sentence is long enough
    (f"{LEFT}, maar wij geven u geen geld.", f"{LEFT}. Maar wij geven u geen geld."),
    ("Wij hebben het heel goed bekeken, maar wij kunnen u helaas geen geld geven voor deze nieuwe dingen in uw huis.",
     "Wij hebben het heel goed bekeken. Maar wij kunnen u helaas geen geld geven voor deze nieuwe dingen in uw huis."),
    # two splits in one sentence, in rounds
    ("Wij bekeken het goed, en wij vinden het jammer voor u, maar wij kunnen u helaas geen geld geven voor deze "
     "dingen.",
     "Wij bekeken het goed. Wij vinden het jammer voor u. Maar wij kunnen u helaas geen geld geven voor deze dingen."),
    # a quoted second clause keeps its quotes
    (f'{LEFT}, maar "wij kunnen u helaas geen geld geven voor deze dingen".',
     f'{LEFT}. Maar "wij kunnen u helaas geen geld geven voor deze dingen".'),
])
def test_split_boundaries(text: str, result: str) -> None:
    assert _split_text(text) == result


def test_an_explanation_drops_only_its_own_term() -> None:
    from eenvoudig.rewriting import _clause

    assert _clause("Een maatwerkvoorziening is hulp die past.", "maatwerkvoorziening") == "hulp die past"
    assert _clause("De regels zijn streng.", "regels") == "streng"
    assert _clause("Een eigenaar is iemand.", "eigen") == "een eigenaar is iemand"   # another word
    assert _clause("Hulp die past.", "maatwerkvoorziening") == "hulp die past"
