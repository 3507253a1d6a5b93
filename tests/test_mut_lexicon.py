"""Lexicon matching at its edges, pinned exactly (issue 16: mutation testing of `find_matches` and helpers).

The sentences are split into tokens by hand (no spaCy: the word rules of the fast mode), so every row pins
which entry, on which tokens, in which form, whatever a model would say. Rows sit at the edges that small
deliberate bugs change: the last word of a sentence (no final full stop), the first word, a clause break
right before or after the verb, a number after a separable part, compounds whose head is four or five
letters long, plurals of compound heads.
"""

from __future__ import annotations

import pytest

from eenvoudig.analysis import Token
from eenvoudig.lexicon import _clause_end, _is_particle, _starts_phrase, find_matches, load_lexicon


@pytest.fixture(scope="module")
def lex():
    return load_lexicon()


def toks(text: str, kinds: dict[int, str] | None = None) -> list[Token]:
    """Tokens of `text` split at spaces (punctuation written apart), with protected kinds by index."""
    out, pos = [], 0
    for i, word in enumerate(text.split()):
        out.append(Token(word, pos, pos + len(word), kind=(kinds or {}).get(i)))
        pos += len(word) + 1
    return out


def found(lex, text: str, kinds: dict[int, str] | None = None, **kw) -> list[tuple]:
    return [(m.entry.moeilijk, m.tokens, m.slot) + ((m.head,) if m.head else ())
            for m in find_matches(lex, toks(text, kinds), **kw)]


TABLE = [
    # --- separable verbs: the part as the very last word (no full stop), and what may follow the part
    ("wij zetten het stop", [("stopzetten", (1, 3), "pl_split")]),
    ("wij zetten een stop", []),                                  # after an article: the noun
    ("Wij delen u mede dat", [("mededelen", (1, 3), "pl_split")]),  # a clause word, even as the last word
    ("Wij kennen u de subsidie toe die u vroeg .", [("toekennen", (1, 5), "pl_split")]),
    ("Wij treffen elkaar aan tafels .", [("aantreffen", (1, 3), "pl_split")]),
    ("Wij treffen elkaar aan 2 tafels .", []),                    # a number opens a phrase: a preposition
    ("Wij treffen elkaar aan 4-persoonstafels .", []),
    # the clause of the verb starts at the verb: a break before it does not end the search for the part
    ("Als u het vraagt , kennen wij het geld toe .", [("toekennen", (5, 9), "pl_split")]),
    # --- a verb form after a determiner or a number is a noun (no parse: the word rules alone)
    ("De verzoeken zijn binnen .", []),
    ("Ik heb uw verzoek gelezen .", []),                      # 'ik' in the clause does not make it a verb
    ("Dit verstrekken van geld .", [("verstrekken", (1,), "inf")]),
    ("Dat verstrekken wij niet .", [("verstrekken", (1,), "inf")]),
    ("Retourneren kan bij ons", [("retourneren", (0,), "inf")]),  # a determiner as the last word
    ("Retourneren kan tot en met 2026", [("retourneren", (0,), "inf")]),   # a number as the last word
    ("Er zijn 2 verzoeken binnen .", []),
    ("Er zijn 1.000 verzoeken binnen .", []),
    # 'te' + plural-shaped word: the infinitive, not the plural of the noun 'waarborg'
    ("Wij willen de kwaliteit te waarborgen .", [("waarborgen", (5,), "inf")]),
    ("Te waarborgen valt hier niets .", [("waarborgen", (1,), "inf")]),
    # a preposition after a determiner is an adjective unless a noun phrase follows
    ("Uw betreffende aanvraag is binnen .", [("betreffend", (1,), "infl")]),
    ("Wij bellen ons middels de telefoon .", [("middels", (3,), "base")]),
    # … but a conjunction after 'dat' is a conjunction
    ("Wij melden u dat indien u niet betaalt , wij u bellen .", [("indien", (4,), "base")]),
    ("Retourneer de indien .", [("retourneren", (0,), "ik")]),   # after an article it is no conjunction
    # abbreviations: lower case with dots is not a row of capital initials
    ("Wij betalen 100 euro P.j. aan u .", [("p.j.", (4,), "base")]),
    ("Dit is P.J. van den Berg .", []),
    ("De awb geldt .", [("Awb", (1,), "base")]),
    ("De ggz en de GGZ helpen .", [("ggz", (1,), "base"), ("ggz", (4,), "base")]),
    # separable verbs whose ik-form is the hij-form: 'ik' up to three words before the verb, or after it
    ("Ik zet het stop .", [("stopzetten", (1, 3), "ik_split")]),
    ("U zet het stop .", [("stopzetten", (1, 3), "hij_split")]),
    ("Dan zet ik het stop .", [("stopzetten", (1, 4), "ik_split")]),
    ("Ik vind : u zet het stop .", [("stopzetten", (4, 6), "hij_split")]),
    # te-infinitives of separable verbs: the word before 'te' must be the verb's own separable part
    ("Wij besluiten de subsidie toe te kennen .", [("toekennen", (4, 5, 6), "te_inf")]),
    ("Wij besluiten het geld toe te", []),
    ("Toe te kennen bedrag", [("toekennen", (0, 1, 2), "te_inf")]),       # 'te' as the second word
    ("Het bedrag is toe te kennen", [("toekennen", (3, 4, 5), "te_inf")]),  # … and as the last but one
    ("Wij delen mede dat het klaar is .", [("mededelen", (1, 2), "pl_split")]),  # the part right after the verb
    ("Dat is niet ver te krijgen .", []),                  # 'verkrijgen' has no separable part 'ver'
    # --- ik-forms: an order opens the sentence; 'ik' must be in the same clause
    ("Retourneer het formulier", [("retourneren", (0,), "ik")]),  # no final full stop
    ("Retourneer dit", [("retourneren", (0,), "ik")]),            # the object is the last word
    ("Retourneer alle formulieren .", [("retourneren", (0,), "ik")]),
    ("Retourneer ook het formulier .", [("retourneren", (0,), "ik")]),
    ("Verzoek", []),                                              # a heading of one word: the noun
    ("Ik verzoek u te bellen", [("verzoeken", (1,), "ik")]),
    ("Dat weet ik , verzoek om bijstand is mogelijk .", []),     # 'ik' stands in the clause before
    # a verb whose ik-form is also its hij-form ('tracht') is the verb after 'u' as well
    ("U tracht dit te voorkomen .", [("trachten", (1,), "ik")]),
    # --- expressions: cut off at the end of the sentence, a word between fixed words, no full stop
    ("Wij stellen u in de", []),
    ("In het ruime kader van de wet .", []),
    ("In het kader van de wet", [("in het kader van", (0, 1, 2, 3), "expr")]),
    ("In de gelegenheid stellen", [("in de gelegenheid stellen", (0, 1, 2, 3), "expr")]),   # a heading
    ("Wij stellen vast : u in de gelegenheid .", []),           # the verb stands before the colon
    # the expression's last word is the sentence's last word (no full stop), also with a verb between
    ("Bel ons indien mogelijk", [("indien mogelijk", (2, 3), "expr")]),
    ("Wij willen melding maken van", [("melding maken van", (2, 3, 4), "expr")]),
    # the separable part of the expression's verb must stand in its clause, not in the one before
    ("Vul het in , dan dient u een aanvraag .", []),
    ("Vul het in , dan dient u een aanvraag in .", [("een aanvraag indienen", (5, 7, 8, 9), "expr")]),
    # --- compounds: the head must be a noun of five letters or more; plurals count
    ("Uw bijstandsbeschikkingen zijn klaar .", [("beschikking", (1,), "head", "beschikkingen")]),
    ("De jeugdvoogd komt .", [("voogd", (1,), "head", "voogd")]),                     # juridisch
    ("De handhavingsconsulent komt .", [("consulent", (1,), "head", "consulent")]),   # jargon
    ("De kostenraming is klaar .", [("raming", (1,), "head", "raming")]),             # ambtelijk
    ("Het bestuursfiat komt .", []),                              # 'fiat' has four letters: not trusted
    ("De rijbevoegdheid geldt .", [("bevoegdheid", (1,), "head", "bevoegdheid")]),  # three-letter first part
    # an everyday word is read as a whole (Zipf 3.0 or more in the word tables), not as a compound:
    # "concessie" is no "cessie" (a juridical word), "colleges" no "leges", a "bomaanslag" no tax assessment
    ("De gemeente geeft een concessie .", []),
    ("De colleges beginnen .", []),
    ("Een bomaanslag en een zelfmoordaanslag .", []),       # Zipf 3.7 and exactly 3.0
    ("Een belastingaanslag .", [("aanslag", (1,), "head", "aanslag")]),   # Zipf 2.3: a compound
]


@pytest.mark.parametrize(("sentence", "matches"), TABLE, ids=[s for s, _ in TABLE])
def test_matches_at_the_edges(lex, sentence: str, matches: list) -> None:
    assert found(lex, sentence) == matches


def test_a_name_inside_an_expression_still_belongs_to_it(lex) -> None:
    # the name detector marks a capital 'Van' after "Geachte heer Van Dam"; the expression keeps it
    assert found(lex, "Wij betalen u als gevolg Van de wet .", {5: "naam"}) == [
        ("als gevolg van", (3, 4, 5), "expr")]
    # any other protected kind there breaks the expression
    assert found(lex, "Wij betalen u als gevolg Van de wet .", {5: "kenmerk"}) == []


def test_no_tokens_no_matches(lex) -> None:
    assert find_matches(lex, []) == []


def test_the_parse_decides_noun_or_verb(lex) -> None:
    # "Verzoek u …": the word rules read an order; where the parse says noun, it is the noun
    plain = toks("Verzoek u het formulier te sturen")
    assert found(lex, "Verzoek u het formulier te sturen") == [("verzoeken", (0,), "ik")]

    def parsed(first: str) -> list[Token]:
        tags = [(first, "ROOT", 0), ("PRON", "obj", 0), ("DET", "det", 3), ("NOUN", "obj", 5), ("ADP", "mark", 5),
                ("VERB", "xcomp", 0)]
        return [Token(t.text, t.start, t.end, pos=p, dep=d, head=h) for t, (p, d, h) in zip(plain, tags)]

    assert find_matches(lex, parsed("NOUN")) == []
    assert [(m.entry.moeilijk, m.tokens, m.slot) for m in find_matches(lex, parsed("VERB"))] == [
        ("verzoeken", (0,), "ik")]


def parse(text: str, tags: list[tuple[str, str, int]]) -> list[Token]:
    """Tokens of `text` with a hand-made parse: (UPOS, relation, head) per token."""
    return [Token(t.text, t.start, t.end, pos=p, dep=d, head=h) for t, (p, d, h) in zip(toks(text), tags)]


def test_the_parse_picks_the_verb_entry_over_the_noun_entry(lex) -> None:
    # "waarborgen" is the plural of the noun "waarborg" and the verb "waarborgen"
    assert found(lex, "Wij waarborgen de kwaliteit") == [("waarborg", (1,), "pl")]      # no parse
    tokens = parse("Wij waarborgen de kwaliteit", [("PRON", "nsubj", 1), ("VERB", "ROOT", 1), ("DET", "det", 3),
                                                  ("NOUN", "obj", 1)])
    assert [(m.entry.moeilijk, m.tokens, m.slot) for m in find_matches(lex, tokens)] == [("waarborgen", (1,), "inf")]


def test_the_parse_finds_a_separable_part_beyond_an_inserted_clause(lex) -> None:
    text = "Wij kennen , als het kan , de bijstand toe ."
    assert found(lex, text) == []              # the word rules look up to the comma only
    tokens = parse(text, [("PRON", "nsubj", 1), ("VERB", "ROOT", 1), ("PUNCT", "punct", 5), ("SCONJ", "mark", 5),
                          ("PRON", "nsubj", 5), ("VERB", "advcl", 1), ("PUNCT", "punct", 5), ("DET", "det", 8),
                          ("NOUN", "obj", 1), ("ADP", "compound:prt", 1), ("PUNCT", "punct", 1)])
    assert [(m.entry.moeilijk, m.tokens, m.slot) for m in find_matches(lex, tokens)] == [
        ("toekennen", (1, 9), "pl_split")]


def test_a_participle_the_parse_calls_an_adjective(lex) -> None:
    tokens = parse("De verstrekte bijdrage", [("DET", "det", 2), ("ADJ", "amod", 2), ("NOUN", "ROOT", 2)])
    assert [(m.entry.moeilijk, m.tokens, m.slot) for m in find_matches(lex, tokens)] == [
        ("verstrekken", (1,), "part_adj")]


def test_a_name_matches_only_as_written_but_an_abbreviation_in_any_case(lex) -> None:
    assert found(lex, "De AWB geldt .", {1: "naam"}) == [("Awb", (1,), "base")]
    assert found(lex, "Wij verstrekken , Indien u wilt .", {3: "naam"}) == [("verstrekken", (1,), "inf")]
    assert found(lex, "Wij verstrekken , Indien u wilt .") == [("verstrekken", (1,), "inf"), ("indien", (3,), "base")]


def test_a_compound_is_only_matched_with_compounds_on(lex) -> None:
    assert found(lex, "De jeugdvoogd komt .", compounds=False) == []


def test_starts_phrase_at_the_end_of_a_sentence() -> None:
    t = toks("wij zetten het stop")
    assert [_starts_phrase(t, i) for i in range(5)] == [False, False, True, False, False]
    assert [_starts_phrase(toks(w), 0) for w in ("2", "4-persoons", "de", "tafels")] == [True, True, True, False]


def test_a_part_right_after_an_article_is_a_noun() -> None:
    t = toks("een stop")
    assert [_is_particle(t, [x.text for x in t], j, "stop") for j in (0, 1)] == [False, False]
    t = toks("stop nu een")
    assert _is_particle(t, [x.text for x in t], 0, "stop") is True


def test_clause_end_is_the_first_break_after_the_start() -> None:
    words = "als u wilt , kennen wij , zo snel het kan het geld toe".split()
    assert [_clause_end(words, i) for i in (0, 3, 4, 5, 6)] == [3, 6, 6, 6, 14]
    assert _clause_end(["kennen"], 0) == 1
