"""Lexicon matching, pinned through the public API: which entry, on which tokens, in which form.

Every row was checked by hand. Together they reach each rule in `find_matches` (a verb form after a
determiner is a noun, counted plurals, 'te' + infinitive, separable verbs and their particles, expressions
with their verb anywhere in the clause, compounds, abbreviations versus initials); a small change to one
of those rules changes a row (mutation testing, issue 16).
"""

from __future__ import annotations

import pytest

import eenvoudig
from eenvoudig.lexicon import find_matches, load_lexicon

TABLE = [
    ('Het verzoek is binnen.', []),
    ('Wij verzoeken u het formulier te retourneren.', [('verzoeken', (1,), 'inf'), ('retourneren', (6,), 'inf')]),
    ('Alle verzoeken zijn binnen.', []),
    ('Twee verzoeken zijn binnen.', []),
    ('U treft de formulieren aan in de bijlage.', [('in de bijlage aantreffen', (1, 4, 5, 6, 7), 'expr')]),
    ('Wij treffen elkaar aan de balie.', []),
    ('Wij delen u mede dat het klaar is.', [('mededelen', (1, 3), 'pl_split')]),
    ('Wij kennen u de subsidie toe.', [('toekennen', (1, 5), 'pl_split')]),
    ('Wij besluiten de subsidie toe te kennen.', [('toekennen', (4, 5, 6), 'te_inf')]),
    ('Retourneer het formulier.', [('retourneren', (0,), 'ik')]),
    ('Verzoek om bijstand', []),
    ('Ik verzoek u te bellen.', [('verzoeken', (1,), 'ik')]),
    ('Wij willen de kwaliteit te waarborgen.', [('waarborgen', (5,), 'inf')]),
    ('De betreffende goederen zijn weg.', [('de betreffende', (0, 1), 'expr')]),
    ('Wij bellen ons middels de telefoon.', [('middels', (3,), 'base')]),
    ('Uw bijstandsbeschikking is klaar.', [('beschikking', (1,), 'head')]),
    ('In het kader van de wet mag dat.', [('in het kader van', (0, 1, 2, 3), 'expr')]),
    ('Wij stellen u in de gelegenheid om te reageren.', [('in de gelegenheid stellen', (1, 3, 4, 5), 'expr')]),
    ('U dient een aanvraag in.', [('een aanvraag indienen', (1, 2, 3, 4), 'expr')]),
    ('Wij hebben een aanvraag ingediend.', [('een aanvraag indienen', (2, 3, 4), 'expr')]),
    ('Dit is P.J. van den Berg.', []),
    ('Wij betalen 100 euro p.j. aan u.', [('p.j.', (3,), 'base')]),
    ('Op verzoek van de gemeente komt hij.', []),
    ('Wij zetten het stop.', [('stopzetten', (1, 3), 'pl_split')]),
    ('Dat is een stop.', []),
    ('Het verstrekken van geld.', [('verstrekken', (1,), 'inf')]),
    ('Wij verstrekten u geld, en u retourneert het formulier.', [('verstrekken', (1,), 'past_pl'), ('retourneren', (7,), 'hij')]),
    ('Indien, en ook reeds.', [('indien', (0,), 'base'), ('reeds', (4,), 'base')]),
    ('Verzoek u het formulier te sturen.', [('verzoeken', (0,), 'ik')]),
    ('Hij retourneert het niet, maar wij sturen het terug.', [('retourneren', (1,), 'hij')]),
    # 'gelegenheid' alone is plain Dutch (no entry); the expression is found in one clause, not across an inserted one
    ('Wij stellen u in de gelegenheid.', [('in de gelegenheid stellen', (1, 3, 4, 5), 'expr')]),
    ('Wij stellen, als het kan, u in de gelegenheid.', []),
]


@pytest.fixture(scope="module")
def lex():
    return load_lexicon()


@pytest.mark.parametrize(("sentence", "matches"), TABLE, ids=[s for s, _ in TABLE])
def test_matches_exactly(lex, sentence: str, matches: list) -> None:
    (first, *_) = eenvoudig.analyze(eenvoudig.read_text(sentence)).sentences
    assert [(m.entry.moeilijk, m.tokens, m.slot) for m in find_matches(lex, first.tokens)] == matches


def test_compound_head(lex) -> None:
    (s,) = eenvoudig.analyze(eenvoudig.read_text("Uw bijstandsbeschikking is klaar.")).sentences
    (m,) = find_matches(lex, s.tokens)
    assert (m.head, find_matches(lex, s.tokens, compounds=False)) == ("beschikking", [])


@pytest.mark.parametrize("word", [",", ";", ":", ".", "?", "!", "en", "maar", "of", "want", "dat", "omdat", "als",
                                  "die"])
def test_a_separable_part_is_only_found_in_the_same_clause(lex, word: str) -> None:
    import dataclasses

    (s,) = eenvoudig.analyze(eenvoudig.read_text("Wij kennen het geld zo u toe.")).sentences
    assert [(m.entry.moeilijk, m.tokens, m.slot) for m in find_matches(lex, s.tokens)] == [
        ("toekennen", (1, 6), "pl_split")]
    # the word rules (no parse, as with --snel): the part is looked for up to the clause's end
    tokens = [dataclasses.replace(t, pos="", tag="", morph="", head=-1, dep="") for t in s.tokens]
    assert [(m.entry.moeilijk, m.tokens, m.slot) for m in find_matches(lex, tokens)] == [
        ("toekennen", (1, 6), "pl_split")]
    tokens[4] = dataclasses.replace(tokens[4], text=word, lower=word)   # 'zo' becomes a clause boundary
    assert find_matches(lex, tokens) == []
