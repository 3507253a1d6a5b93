"""Exact tests for the bugs that survived mutation testing (issue 16).

Each test pins a value that a small deliberate bug changes: the passive rule with strong participles and its
guard for 'hebben', the protected-token guard of lexicon matching, the exit-code precedence of `check` and
`lint`, and a sentence split that must not capitalise a protected span.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
from pathlib import Path

import pytest

import eenvoudig
from eenvoudig.batch import BAD_INPUT, FINDINGS, FINE, INTERNAL, Outcome, exit_code
from eenvoudig.checks import check_text
from eenvoudig.lexicon import find_matches, load_lexicon

from conftest import LETTERS

DEMO = LETTERS["demo"]
PLAIN = LETTERS["b1-eenvoudig"]


# ------------------------------------------------------------------------------------------ passives

PASSIVE = "Deze zin staat in de lijdende vorm ('{}'). Schrijf wie het doet: 'wij …' of 'u …'."


@pytest.mark.parametrize(("sentence", "words"), [
    # strong (irregular) participles
    ("Het geld wordt gegeven door de gemeente.", "wordt gegeven"),
    ("Uw brief is ontvangen.", "is ontvangen"),
    ("Het geld werd gegeven.", "werd gegeven"),
    ("Uw brief is op 3 maart ontvangen.", "is … ontvangen"),
    # weak ones
    ("Uw aanvraag wordt behandeld.", "wordt behandeld"),
    ("Het formulier is door ons verstuurd.", "is … verstuurd"),
])
def test_passive_is_found_with_the_exact_words(sentence: str, words: str) -> None:
    found = [f for f in check_text(sentence).findings if f.rule == "stijl.lijdend" and f.block >= 0]
    assert [f.message for f in found] == [PASSIVE.format(words)]


@pytest.mark.parametrize("sentence", [
    "De gemeente heeft het geld gegeven.",      # 'hebben' + participle: active
    "Wij hebben uw brief ontvangen.",
    "Wij hadden het formulier al verstuurd.",
    "U bent verhuisd.",                         # a 'zijn' verb: active
])
def test_active_sentences_are_not_passive(sentence: str) -> None:
    assert [f.message for f in check_text(sentence).findings if f.rule == "stijl.lijdend"] == []


# ---------------------------------------------------------------------------- lexicon: protected tokens


@pytest.fixture(scope="module")
def lex():
    return load_lexicon()


def _tokens(text: str):
    (sentence,) = eenvoudig.analyze(eenvoudig.read_text(text)).sentences
    return sentence.tokens


@pytest.mark.parametrize("kind", ["bedrag", "datum", "kenmerk", "url", "sjabloon", "wetsartikel", "getal"])
def test_a_protected_token_is_never_matched(lex, kind: str) -> None:
    tokens = _tokens("Indien u wilt, kom dan in het kader van de wet.")
    plain = [(m.entry.moeilijk, m.tokens) for m in find_matches(lex, tokens)]
    assert plain == [("indien", (0,)), ("in het kader van", (6, 7, 8, 9))]
    # the same words marked as a protected span: no match on them, the others stay
    first = [dataclasses.replace(tokens[0], kind=kind), *tokens[1:]]
    assert [(m.entry.moeilijk, m.tokens) for m in find_matches(lex, first)] == [("in het kader van", (6, 7, 8, 9))]
    inner = [*tokens[:7], dataclasses.replace(tokens[7], kind=kind), *tokens[8:]]
    assert [(m.entry.moeilijk, m.tokens) for m in find_matches(lex, inner)] == [("indien", (0,))]


def test_a_name_is_only_matched_as_written_in_the_lexicon(lex) -> None:
    tokens = _tokens("Indien u wilt, kom dan.")
    named = [dataclasses.replace(tokens[0], kind="naam"), *tokens[1:]]
    assert find_matches(lex, named) == []          # 'Indien' as a name is not the word 'indien'
    awb = _tokens("De Awb geldt hier.")
    assert [(m.entry.moeilijk, m.tokens, m.slot) for m in find_matches(lex, awb)] == [("Awb", (1,), "base")]


def test_protected_text_is_not_rewritten_end_to_end() -> None:
    text = "Volgens artikel 4:8 Awb en {{ indien }} mag u reageren. Indien u wilt, bel ons."
    result = eenvoudig.rewrite(eenvoudig.analyze(eenvoudig.read_text(text)))
    assert [(e.start, e.end, e.before, e.after) for e in result.applied] == [(56, 62, "Indien", "Als")]
    assert result.text == "Volgens artikel 4:8 Awb en {{ indien }} mag u reageren. Als u wilt, bel ons."


def test_b1_route_is_found_by_the_lexicon(lex) -> None:
    tokens = _tokens("U kunt de B1-route volgen.")
    assert [(m.entry.moeilijk, m.tokens) for m in find_matches(lex, tokens)] == [("B1-route", (3,))]


# ------------------------------------------------------------------------------- sentence split (unsafe)

LONG = "Wij hebben uw aanvraag voor bijzondere bijstand voor een nieuwe wasmachine heel goed bekeken, en "


@pytest.mark.parametrize(("rest", "split"), [
    # a protected span after the split stays as written: no capital
    ("www.voorbeeldstad.nl vertelt u meer over de regels voor bijzondere bijstand.",
     ("bekeken, en", "bekeken.")),
    # a template variable would have to start the sentence: no split at all
    ("{{ naam }} krijgt binnen twee weken een brief van ons met het besluit.", None),
    # a plain word is capitalised
    ("wij sturen u binnen twee weken een brief met ons besluit daarover.", ("bekeken, en wij", "bekeken. Wij")),
])
def test_a_split_capitalises_a_word_but_never_a_protected_span(rest: str, split) -> None:
    result = eenvoudig.rewrite(eenvoudig.analyze(eenvoudig.read_text(LONG + rest)))
    splits = [(e.start, e.before, e.after) for e in result.applied if e.kind == "split"]
    assert splits == ([(LONG.index("bekeken, en"), *split)] if split else [])
    ending = {None: LONG + rest.replace("twee", "2"),
              "bekeken.": LONG.replace(", en ", ". ") + rest,
              "bekeken. Wij": LONG.replace(", en ", ". ") + "W" + rest[1:].replace("twee", "2")}
    assert result.text == ending[split[1] if split else None]


# ----------------------------------------------------------------------------------------- exit codes


def _outcomes(codes) -> list[Outcome]:
    return [Outcome(f"f{i}", code=c) for i, c in enumerate(codes)]


def test_exit_code_precedence_table() -> None:
    assert (FINE, FINDINGS, BAD_INPUT, INTERNAL) == (0, 1, 3, 4)
    assert exit_code([]) == 0
    for combo in itertools.product((FINE, FINDINGS, BAD_INPUT, INTERNAL), repeat=3):
        for order in itertools.permutations(combo):
            expected = 4 if INTERNAL in combo else 3 if BAD_INPUT in combo else 1 if FINDINGS in combo else 0
            assert exit_code(_outcomes(order)) == expected, order


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_check_bad_input_plus_findings_is_3(run_main, tmp_path: Path, fmt: str) -> None:
    missing = tmp_path / "weg.txt"
    both = run_main("check", "--format", fmt, "--fail-on", "info", str(missing), str(DEMO))
    assert both.exit_code == 3
    assert both.stderr == f"eenvoudig: {missing}: dit bestand bestaat niet.\n"
    if fmt == "json":
        assert [f["path"] for f in json.loads(both.stdout)["files"]] == [str(DEMO)]
    # the order of the files does not matter
    assert run_main("check", "--format", fmt, "--fail-on", "info", str(DEMO), str(missing)).exit_code == 3
    assert run_main("check", "--format", fmt, "--fail-on", "info", str(DEMO)).exit_code == 1
    assert run_main("check", "--format", fmt, "--fail-on", "never", str(DEMO)).exit_code == 0
    assert run_main("check", "--format", fmt, "--fail-on", "never", str(missing), str(PLAIN)).exit_code == 3


def test_rewrite_bad_input_is_3_and_findings_are_not_an_error(run_main, tmp_path: Path) -> None:
    f = tmp_path / "brief.txt"
    f.write_text("Indien u vragen heeft, kunt u ons bellen.\n", encoding="utf-8")
    assert run_main("rewrite", str(f)).exit_code == 0
    assert run_main("rewrite", "--diff", str(f)).exit_code == 0
    assert run_main("rewrite", "--diff", str(f), str(tmp_path / "weg.txt")).exit_code == 3
    # (lint: bad input wins over findings in every format, see test_lint_ci.test_bad_input_wins_over_findings_…)
