"""The rule decisions of `check`, pinned exactly (issue 16: mutation testing of eenvoudig.checks).

Sentences are built by hand, word by word, with the frequency, lemmas and (where it matters) the parse that
each row needs, so a row pins what the rule decides, whatever a model would say: which tokens are
nominalisations, which words carry a negative prefix, which word is a past participle, which (auxiliary,
participle) pair is a passive, and which severity a value reaches.
"""

from __future__ import annotations

import pytest

from eenvoudig.analysis import Sentence, Token
from eenvoudig.checks import _is_participle, _nominalisations, _prefix_negation, _rule, _severity, passives
from eenvoudig.config import Config


def tok(word: str, *, zipf: float | None = 3.0, content: bool = True, kind: str | None = None,
        lemmas: tuple[str, ...] | None = None, pos: str = "", dep: str = "", head: int = -1, morph: str = "") -> Token:
    return Token(word, 0, len(word), lemmas if lemmas is not None else (word.lower(),), kind, 1, zipf, content,
                 word.lower(), any(c.isalnum() for c in word), pos, "", morph, head, dep)


def sentence(*tokens: Token) -> Sentence:
    """A sentence of the given tokens, with offsets as if they were written with one space between them."""
    placed, pos = [], 0
    for t in tokens:
        placed.append(Token(t.text, pos, pos + len(t.text), t.lemmas, t.kind, t.syllables, t.zipf, t.content,
                            t.lower, t.is_word, t.pos, t.tag, t.morph, t.head, t.dep))
        pos += len(t.text) + 1
    text = " ".join(t.text for t in tokens)
    return Sentence(0, 0, len(text), text, "paragraph", tuple(placed))


def words(text: str, **kw) -> Sentence:
    """A sentence of plain words (no parse); a word written as 'x/0' is a function word."""
    out = []
    for w in text.split():
        if w.endswith("/0"):
            out.append(tok(w[:-2], content=False, zipf=6.0))
        else:
            out.append(tok(w, **kw))
    return sentence(*out)


NOM = _rule("stijl.naamwoord", Config())


# ------------------------------------------------------------------------------------- nominalisations


@pytest.mark.parametrize(("text", "expected"), [
    # 'het' + infinitive + 'van' always counts
    ("Het/0 indienen van/0 een/0 bezwaar", [1]),
    ("U/0 regelt het/0 indienen van/0 een/0 bezwaar", [3]),
    ("U/0 regelt het/0 indienen", []),                     # the last word: no 'van' after it
    ("Het/0 indienen van/0", [1]),                          # 'van' as the last word
    ("Het/0 besluit van/0 de/0 gemeente", []),              # 'het' + noun + 'van': no infinitive
    ("Indienen van/0 het/0", []),                           # the first word has no 'het' before it
    ("Het/0 huis van/0 de/0 gemeente", []),
    ("De/0 betaling en/0 het/0 indienen van/0 een/0 bezwaar", [1, 4]),
    ("Het/0 indienen van/0 de/0 aanvraag en/0 de/0 betaling", [1, 7]),
    # a suffix (-ing, -atie, -st …) on a word of more than six letters
    ("De/0 mening", []),                                    # six letters
    ("De/0 werking", [1]),                                  # seven
    ("De/0 formulieren", []),                               # no suffix, however rare the word
    # words the rule never counts, and then the next one still
    ("De/0 uitkering", []),
    ("De/0 uitkering en/0 de/0 betaling", [4]),
])
def test_nominalisations_without_a_parse(text: str, expected: list[int]) -> None:
    assert _nominalisations(words(text), NOM, False) == expected


def test_a_frequent_word_is_no_nominalisation() -> None:
    limit = NOM["zipf_max"]
    assert [_nominalisations(words("De/0 betaling", zipf=z), NOM, False) for z in (None, 2.0, limit, 5.0)] == [
        [1], [1], [], []]


def test_function_words_and_protected_spans_are_no_nominalisations() -> None:
    s = sentence(tok("betaling", content=False), tok("betaling", kind="sjabloon"), tok("betaling"))
    assert _nominalisations(s, NOM, False) == [2]


@pytest.mark.parametrize(("word", "counted"), [
    ("betaling", True),          # betalen
    ("registratie", True),       # -atie before -tie: registreren
    ("informatie", True),        # informeren
    ("ontvangst", True),         # ontvangen
    ("cancelling", True),        # a doubled last letter: cancelen
    ("relatie", False),          # no verb 'relen' or 'releren'
    ("ballast", False),          # 'ballen' is a verb, but 'ballast' keeps its double l: no nominalisation
])
def test_with_the_word_tables_the_suffix_needs_a_verb(word: str, counted: bool) -> None:
    s = words(f"De/0 {word}", zipf=2.0)
    assert _nominalisations(s, NOM, True) == ([1] if counted else [])
    assert _nominalisations(s, NOM, False) == [1]      # the fast mode has no tables: the suffix decides


def test_a_parse_keeps_nouns_and_het_infinitive_van() -> None:
    s = sentence(tok("Het", content=False, pos="DET", dep="det", head=1),
                 tok("indienen", pos="VERB", dep="nsubj", head=4),
                 tok("van", content=False, pos="ADP", dep="case", head=3),
                 tok("bezwaren", pos="NOUN", dep="nmod", head=1),
                 tok("volgt", pos="VERB", dep="ROOT", head=4))
    assert _nominalisations(s, NOM, False) == [1]
    # a verb ("betalen") before a noun with a suffix: the verb is skipped, the noun still counts
    s = sentence(tok("Wij", content=False, pos="PRON", dep="nsubj", head=1),
                 tok("betalen", pos="VERB", dep="ROOT", head=1),
                 tok("de", content=False, pos="DET", dep="det", head=3),
                 tok("vergoeding", pos="NOUN", dep="obj", head=1))
    assert _nominalisations(s, NOM, False) == [3]


# ------------------------------------------------------------------------------------ negative prefixes


@pytest.mark.parametrize(("word", "zipf", "negative"), [
    ("onmogelijk", 3.0, True),
    ("onjuist", 3.0, True),       # seven letters
    ("onredelijk", 3.0, True),    # "redelijk" is less frequent than "mogelijk", still frequent enough
    ("onvoorwaardelijk", 3.0, True),   # 'voorwaardelijk' has Zipf 3.5 exactly: the limit counts
    ("onwaar", 3.0, False),       # six letters: too short to read 'on' as a prefix
    ("onderwerp", 3.0, False),    # 'derwerp' is no word
    ("onmogelijk", None, False),  # no frequency: not a known word
    ("opmerken", 3.0, False),     # 'merken' is frequent, but there is no 'on'
    ("niet-westers", None, True),
    ("non-profit", None, True),
    ("nietig", 3.0, False),
])
def test_a_negative_prefix(word: str, zipf: float | None, negative: bool) -> None:
    assert _prefix_negation(tok(word, zipf=zipf)) is negative


# ------------------------------------------------------------------------------------------ participles


def test_a_participle_shape_after_a_determiner_is_a_noun() -> None:
    besluit = tok("besluit", lemmas=("besluiten",))
    assert _is_participle(besluit, None) is True
    assert _is_participle(besluit, tok("het")) is False
    assert _is_participle(besluit, tok("wij")) is True
    assert _is_participle(besluit, None, frozenset({"besluit"})) is False   # the tables know it as a noun


def test_a_participle_on_en_needs_no_lemma() -> None:
    assert _is_participle(tok("gegeven"), None) is True
    assert _is_participle(tok("verstuurd"), None) is False      # no verb lemma: not known as a participle
    assert _is_participle(tok("verstuurd", lemmas=("versturen",)), None) is True
    assert _is_participle(tok("gegeven", kind="naam"), None) is False


# --------------------------------------------------------------------------------------------- severity


@pytest.mark.parametrize(("value", "expected"), [(12, None), (13, "warning"), (20, "warning"), (21, "error")])
def test_sentence_length_thresholds(value: int, expected: str | None) -> None:
    assert _severity(value, _rule("zin.lang", Config())) == expected


def test_severity_with_a_prefix_and_info() -> None:
    rule = {"aandeel_warning": 10, "aandeel_error": 25, "info": 1}
    assert [_severity(v, rule, "aandeel_") for v in (9.9, 10, 24.9, 25)] == [None, "warning", "warning", "error"]
    assert [_severity(v, rule) for v in (0, 1, 100)] == [None, "info", "info"]


# ------------------------------------------------------------------------------- passives from a parse

PART, FIN = "VerbForm=Part", "Tense=Pres|VerbForm=Fin"
LIJDEND = _rule("stijl.lijdend", Config())


def parse(spec: str) -> Sentence:
    """A parsed sentence from 'word/UPOS/dep/head[/morph[/lemma]]' items; '-' is an empty morph."""
    out = []
    for item in spec.split():
        word, upos, dep, head, *rest = item.split("/")
        morph = rest[0] if rest and rest[0] != "-" else ""
        lemmas = (rest[1],) if len(rest) > 1 else None
        out.append(tok(word, pos=upos, dep=dep, head=int(head), morph=morph, lemmas=lemmas,
                       content=upos in ("NOUN", "VERB", "ADJ", "ADV")))
    return sentence(*out)


def pairs(s: Sentence) -> list[tuple[str, str]]:
    return [(s.tokens[a].text, s.tokens[p].text) for a, p in passives(s, LIJDEND)]


HAND = [
    # the parse hangs "is" on the noun, not on the participle: the clause rule finds the pair
    ("Uw/DET/det/1 brief/NOUN/nsubj/4 is/AUX/cop/1/" + FIN + " gisteren/ADV/advmod/4 ontvangen/VERB/ROOT/4/" + PART,
     [("is", "ontvangen")]),
    # … but not where the parse hangs "is" on an adjective ("is nu goed geregeld": a state)
    ("Het/PRON/nsubj/3 is/AUX/cop/3/" + FIN + " nu/ADV/advmod/3 goed/ADJ/ROOT/3/- geregeld/VERB/xcomp/3/"
     + PART + "/regelen", []),
    # … or on another verb (the parser's reading: "is" belongs to "zien")
    ("Wat/PRON/nsubj/2 is/AUX/aux/4/" + FIN + " besproken/VERB/ccomp/4/" + PART + " ,/PUNCT/punct/2 "
     "zien/VERB/ROOT/4 wij/PRON/nsubj/4 later/ADV/advmod/4", []),
    ("Wat/PRON/nsubj/2 is/AUX/aux/4/" + FIN + " besproken/VERB/ccomp/4/" + PART + " ,/PUNCT/punct/2 "
     "kan/AUX/ROOT/4/" + FIN, []),
    # a participle with 'hebben' on it is active, even when the parser also hangs "is" on it
    ("Het/PRON/nsubj/1 is/AUX/aux/7/" + FIN + " zo/ADV/advmod/1 dat/SCONJ/mark/7 wij/PRON/nsubj/7 "
     "het/PRON/obj/7 hebben/AUX/aux/7/" + FIN + " gegeven/VERB/ROOT/7/" + PART, []),
    # the participle opens the sentence (token 0)
    ("Betaald/VERB/ROOT/0/" + PART + "/betalen wordt/AUX/aux:pass/0/" + FIN + " er/ADV/advmod/0 niet/ADV/advmod/0",
     [("wordt", "Betaald")]),
    # a copula that is no passive first, then a passive in the clause after it
    ("Het/PRON/nsubj/2 is/AUX/cop/2/" + FIN + " duidelijk/ADJ/ROOT/2 dat/SCONJ/mark/6 het/DET/det/5 "
     "geld/NOUN/nsubj:pass/7 wordt/AUX/aux:pass/7/" + FIN + " betaald/VERB/ccomp/2/" + PART,
     [("wordt", "betaald")]),
    # the clause rule skips a noun that looks like a participle ("bericht"): the word tables know it
    ("Er/ADV/advmod/2 is/AUX/cop/2/" + FIN + " bericht/NOUN/ROOT/2/-/berichten gestuurd/VERB/acl/2/" + PART + "/sturen",
     [("is", "gestuurd")]),
    # the participle has other auxiliaries in the parse: an infinitive ("waaraan wij het wilden besteden")
    ("Dit/PRON/nsubj/3 is/AUX/cop/3/" + FIN + " het/DET/det/3 doel/NOUN/ROOT/3 waaraan/ADV/obl/8 wij/PRON/nsubj/8 "
     "het/DET/det/7 geld/NOUN/obj/8 besteden/VERB/acl:relcl/3/VerbForm=Inf wilden/AUX/aux/8/Tense=Past|VerbForm=Fin",
     []),
    # the parse calls the participle an adjective: no passive
    ("Uw/DET/det/1 brief/NOUN/nsubj/4 is/AUX/cop/1/" + FIN + " gisteren/ADV/advmod/4 ontvangen/ADJ/ROOT/4", []),
    # worden with a state participle is a passive all the same
    ("Het/DET/det/1 loket/NOUN/nsubj/4 wordt/AUX/aux/1/" + FIN + " morgen/ADV/advmod/4 gesloten/VERB/ROOT/4/" + PART,
     [("wordt", "gesloten")]),
    # one clause the rule sets aside does not stop it looking at the next
    ("Het/PRON/nsubj/3 is/AUX/cop/3/" + FIN + " nu/ADV/advmod/3 goed/ADJ/ROOT/3/- geregeld/VERB/xcomp/3/"
     + PART + "/regelen ,/PUNCT/punct/3 en/CCONJ/cc/10 uw/DET/det/8 brief/NOUN/nsubj/10 is/AUX/cop/8/" + FIN
     + " ontvangen/VERB/conj/3/" + PART, [("is", "ontvangen")]),
    ("Dit/PRON/nsubj/3 is/AUX/cop/3/" + FIN + " het/DET/det/3 doel/NOUN/ROOT/3 waaraan/ADV/obl/6 wij/PRON/nsubj/6 "
     "besteden/VERB/acl:relcl/3/VerbForm=Inf wilden/AUX/aux/6/Tense=Past|VerbForm=Fin ,/PUNCT/punct/3 "
     "en/CCONJ/cc/13 uw/DET/det/11 brief/NOUN/nsubj/13 is/AUX/cop/11/" + FIN + " ontvangen/VERB/conj/3/" + PART,
     [("is", "ontvangen")]),
    # the tagger calls "is" a verb, the rule still reads it as the auxiliary
    ("Uw/DET/det/1 brief/NOUN/nsubj/4 is/VERB/cop/1/" + FIN + " gisteren/ADV/advmod/4 ontvangen/VERB/ROOT/4/" + PART,
     [("is", "ontvangen")]),
    # "is" hangs on the adjective that opens the sentence (token 0)
    ("Duidelijk/ADJ/ROOT/0 is/AUX/cop/0/" + FIN + " het/PRON/nsubj/0 niet/ADV/advmod/4 geregeld/VERB/xcomp/0/"
     + PART + "/regelen", []),
    ("Het/DET/det/1 geld/NOUN/nsubj:pass/3 wordt/AUX/aux:pass/3/" + FIN + " betaald/VERB/ROOT/3/" + PART
     + "/betalen en/CCONJ/cc/8 uw/DET/det/6 brief/NOUN/nsubj/8 is/AUX/cop/6/" + FIN + " ontvangen/VERB/conj/3/" + PART,
     [("wordt", "betaald"), ("is", "ontvangen")]),
]


@pytest.mark.parametrize(("spec", "expected"), HAND, ids=[str(i) for i in range(len(HAND))])
def test_passives_from_a_hand_parse(spec: str, expected: list) -> None:
    assert pairs(parse(spec)) == expected


# ------------------------------------------------------------------------ passives without a parse


def plain(text: str) -> Sentence:
    """Words without a parse; 'x/0' is a function word, 'x=lemma' gives a lemma."""
    out = []
    for w in text.split():
        word, _, lemma = w.partition("=")
        if word.endswith("/0"):
            out.append(tok(word[:-2], content=False, zipf=6.0))
        else:
            out.append(tok(word, lemmas=(lemma,) if lemma else None))
    return sentence(*out)


@pytest.mark.parametrize(("text", "expected"), [
    ("De/0 aanvragen zijn/0 beoordeeld=beoordelen", [("zijn", "beoordeeld")]),
    # "zijn" before a noun is the possessive, not the auxiliary
    ("Zijn/0 aanvraag is/0 beoordeeld=beoordelen", [("is", "beoordeeld")]),
    ("Zijn/0 besluit=besluiten is/0 genomen", [("is", "genomen")]),   # 'besluit' is a noun (word tables)
    ("Het/0 geld moet/0 betaald=betalen zijn/0", [("zijn", "betaald")]),   # "zijn" as the last word
    ("Betaald=betalen door/0 zijn/0 vader", []),                       # no auxiliary at all
    ("Betaald=betalen is/0 het/0", [("is", "Betaald")]),              # the participle as the first word
    # worden: passive whatever else the clause has; zijn: not with a form of hebben in the clause
    ("Het/0 formulier heeft/0 moeten/0 worden/0 ingevuld=invullen", [("worden", "ingevuld")]),
    ("Wat/0 wij/0 hebben/0 betaald=betalen is/0 veel", []),
    ("Wat/0 wij/0 hebben/0 betaald=betalen is/0 veel en/0 het/0 geld wordt/0 betaald=betalen", [("wordt", "betaald")]),
    # a clause without an auxiliary does not stop the rule looking at the next one
    ("Wij/0 schrijven u/0 want/0 het/0 geld wordt/0 betaald=betalen", [("wordt", "betaald")]),
    # after a determiner a participle is an adjective
    ("Dit/0 is/0 een/0 verkregen recht", []),
    # zijn with a state or with a verb that makes its perfect with zijn (also by its lemma): no passive
    ("Het/0 loket is/0 gesloten=sluiten", []),
    ("U/0 bent/0 vertrokken=vertrekken", []),
    # … but a state followed by the participle of the passive ("gesloten verklaard")
    ("Het/0 loket is/0 gesloten=sluiten verklaard=verklaren", [("is", "verklaard")]),
])
def test_passives_without_a_parse(text: str, expected: list) -> None:
    s = plain(text)
    assert not s.parsed
    assert pairs(s) == expected
