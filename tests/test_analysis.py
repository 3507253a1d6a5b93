"""Analysis on spaCy blank("nl"): sentences, tokens, lemmas, syllables, frequency; robustness."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eenvoudig.analysis import RegexBackend, analyze
from eenvoudig.checks import check
from eenvoudig.document import read_text
from eenvoudig.errors import InputError
from eenvoudig.analysis.wordinfo import compound_head, split_candidates, syllables, tables

from conftest import LETTERS

# ----------------------------------------------------------------------------------- segmentation

SEGMENTATION = [
    # short words that spaCy lists as abbreviations still end a sentence
    ("Wij helpen u. Bel ons gerust.", ["Wij helpen u.", "Bel ons gerust."]),
    ("Stuur het formulier op. Dank u wel.", ["Stuur het formulier op.", "Dank u wel."]),
    ("Is dat zo?! Ja.", ["Is dat zo?!", "Ja."]),
    # abbreviations in the middle of a sentence do not end it
    ("Wij spraken u d.d. 3 maart over uw aanvraag. Daarna belden wij.",
     ["Wij spraken u d.d. 3 maart over uw aanvraag.", "Daarna belden wij."]),
    ("Dit gaat m.b.t. uw uitkering. U krijgt geld.", ["Dit gaat m.b.t. uw uitkering.", "U krijgt geld."]),
    ("Wij hebben o.a. uw loonstroken nodig. Stuur ze op.", ["Wij hebben o.a. uw loonstroken nodig.", "Stuur ze op."]),
    ("Dhr. Jansen belt u morgen. Hij is uw consulent.", ["Dhr. Jansen belt u morgen.", "Hij is uw consulent."]),
    ("Vraag het aan dhr. Jansen. Hij helpt u graag.", ["Vraag het aan dhr. Jansen.", "Hij helpt u graag."]),
    ("Dit staat in art. 4 van de wet. Lees het goed.", ["Dit staat in art. 4 van de wet.", "Lees het goed."]),
    ("Wij bellen u z.s.m. terug. Tot dan.", ["Wij bellen u z.s.m. terug.", "Tot dan."]),
    ("Dit geldt m.i.v. 1 mei 2027. Let op.", ["Dit geldt m.i.v. 1 mei 2027.", "Let op."]),
    ("Zie blz. 4 van de folder. Daar staat het.", ["Zie blz. 4 van de folder.", "Daar staat het."]),
    ("U ontvangt t.z.t. bericht. Wacht daarop.", ["U ontvangt t.z.t. bericht.", "Wacht daarop."]),
    ("Het bedrag is ca. 300 euro. Dat betaalt u terug.", ["Het bedrag is ca. 300 euro.", "Dat betaalt u terug."]),
    ("U kunt tafels, stoelen enz. meenemen. Daarna sluiten wij.",
     ["U kunt tafels, stoelen enz. meenemen.", "Daarna sluiten wij."]),
    # an abbreviation at the end of a sentence, followed by a capital, ends it
    ("Wij zijn open van ma t/m vr. Bel ons gerust.", ["Wij zijn open van ma t/m vr.", "Bel ons gerust."]),
    ("U neemt tafels, stoelen enz. Daarna sluiten wij.", ["U neemt tafels, stoelen enz.", "Daarna sluiten wij."]),
    ("Dat geldt voor bijv. uw huur. Of uw energie.", ["Dat geldt voor bijv. uw huur.", "Of uw energie."]),
    # abbreviations inside brackets and dates
    ("De prijs is € 20 (excl. btw) per maand. U betaalt later.",
     ["De prijs is € 20 (excl. btw) per maand.", "U betaalt later."]),
    ("De kosten zijn € 20,- (incl. btw). U betaalt later.", ["De kosten zijn € 20,- (incl. btw).", "U betaalt later."]),
    ("Wij kwamen op 3 febr. 2027 bij u langs. Toen was u niet thuis.",
     ["Wij kwamen op 3 febr. 2027 bij u langs.", "Toen was u niet thuis."]),
    # ; ? ! and … end a sentence
    ("U krijgt geld; wij betalen het snel. Dat is fijn.", ["U krijgt geld;", "wij betalen het snel.", "Dat is fijn."]),
    ("Wat moet u doen? Stuur het formulier op! Dan zijn we klaar.",
     ["Wat moet u doen?", "Stuur het formulier op!", "Dan zijn we klaar."]),
    ("U krijgt geld... Of niet?", ["U krijgt geld...", "Of niet?"]),
    # full stops inside protected spans do not end a sentence; the one after them does
    ("Bel ons op 14 020. Wij helpen u graag.", ["Bel ons op 14 020.", "Wij helpen u graag."]),
    ("Zie www.voorbeeldstad.nl. Daar staat alles.", ["Zie www.voorbeeldstad.nl.", "Daar staat alles."]),
    ("Het kost € 1.250,50 per jaar. Dat is veel.", ["Het kost € 1.250,50 per jaar.", "Dat is veel."]),
    ("Het gesprek is om 10.30 uur. Kom op tijd.", ["Het gesprek is om 10.30 uur.", "Kom op tijd."]),
    ("Kom naar 's-Hertogenbosch. Dat is leuk.", ["Kom naar 's-Hertogenbosch.", "Dat is leuk."]),
    # a closing quote stays with its sentence
    ('Wij zeiden: "Kom langs." Dat deed u.', ['Wij zeiden: "Kom langs."', "Dat deed u."]),
]


@pytest.mark.parametrize(("text", "sentences"), SEGMENTATION, ids=[t[:40] for t, _ in SEGMENTATION])
def test_segmentation(analyse_text, text: str, sentences: list[str]) -> None:
    assert [s.text for s in analyse_text(text).sentences] == sentences


def test_headings_bullets_and_blank_lines(analyse_text) -> None:
    text = ("Besluit\n\n"
            "Wij hebben uw aanvraag om bijzondere bijstand voor een wasmachine en een bed goed bekeken\n\n"
            "Uw aanvraag\n"
            "U krijgt het geld binnen tien werkdagen op uw rekening en u hoeft niets te doen\n\n"
            "Stuur ons:\n- uw loonstrook\n- uw huurcontract\n\n"
            "Daarna betalen wij")
    got = [(s.scope, s.text) for s in analyse_text(text).sentences]
    assert got == [
        ("heading", "Besluit"),
        ("paragraph", "Wij hebben uw aanvraag om bijzondere bijstand voor een wasmachine en een bed goed bekeken"),
        ("heading", "Uw aanvraag"),   # a short line without a full stop, right above the text
        ("paragraph", "U krijgt het geld binnen tien werkdagen op uw rekening en u hoeft niets te doen"),
        ("paragraph", "Stuur ons:"),
        ("list_item", "uw loonstrook"),
        ("list_item", "uw huurcontract"),
        ("heading", "Daarna betalen wij"),
    ]


def test_scored_sentences_leave_out_address_headings_and_closing(analysed) -> None:
    a = analysed["b1-eenvoudig"]
    scored = {s.text for s in a.scored}
    assert "Op 15 februari 2027 vroeg u bijzondere bijstand aan." in scored
    assert "uw handtekening" in scored                      # list items count
    assert not scored & {"Wat hebben wij besloten?", "Met vriendelijke groet,", "Geachte mevrouw De Vries,"}
    assert {s.scope for s in a.scored} == {"paragraph", "list_item"}


# ----------------------------------------------------------------------------------- tokens


@pytest.mark.parametrize(("text", "kind", "token"), [
    ("U krijgt € 1.250,50 van ons.", "bedrag", "€ 1.250,50"),
    ("Wij betalen op NL91 ABNA 0417 1643 00 uit.", "iban", "NL91 ABNA 0417 1643 00"),
    ("Kom op 3 maart 2027 langs.", "datum", "3 maart 2027"),
    ("Kom om 10.30 uur langs.", "tijd", "10.30 uur"),
    ("Bel ons op 020 123 45 67 of later.", "telefoon", "020 123 45 67"),
    ("Bel ons op +31 6 12345678 of later.", "telefoon", "+31 6 12345678"),
    ("Dit staat in artikel 4:8 Awb en verder.", "wetsartikel", "artikel 4:8 Awb"),
    ("Dit staat in artikel 35 van de Participatiewet.", "wetsartikel", "artikel 35 van de Participatiewet"),
    ("Mail naar info@voorbeeldstad.nl.", "email", "info@voorbeeldstad.nl"),
    ("Kijk op www.voorbeeldstad.nl/wmo.", "url", "www.voorbeeldstad.nl/wmo"),
    ("Noem kenmerk WI/2027/01234 in uw brief.", "kenmerk", "WI/2027/01234"),
    ("Beste {{ naam }}, hallo.", "sjabloon", "{{ naam }}"),
])
def test_protected_span_is_one_token(analyse_text, text: str, kind: str, token: str) -> None:
    tokens = [(t.text, t.kind) for s in analyse_text(text).sentences for t in s.tokens]
    assert (token, kind) in tokens
    # the full stop after a span is its own token, not part of the span
    if text.endswith(token + "."):
        assert tokens[-1] == (".", None)


def test_salutation_name_is_protected_in_the_letter(analyse_text) -> None:
    a = analyse_text("Geachte mevrouw De Vries,\n\nWij spraken De Vries op 3 maart.")
    body = a.sentences[-1]
    assert ("De Vries", "naam") in [(t.text, t.kind) for t in body.tokens]
    assert (1, "De Vries") in [(b, s.text) for b, s in a.spans if s.kind == "naam"]


def test_token_offsets_are_block_offsets(analysed, documents) -> None:
    a = analysed["terugvordering-bijstand"]
    for s in a.sentences:
        text = documents["terugvordering-bijstand"].blocks[s.block].text
        assert text[s.start:s.end] == s.text
        for t in s.tokens:
            assert text[t.start:t.end] == t.text


def test_regex_backend_is_a_working_fake() -> None:
    a = analyze(read_text("Wij betalen € 450,00. Bel ons op 14 020!"), RegexBackend())
    assert a.backend == "regex"
    assert [s.text for s in a.sentences] == ["Wij betalen € 450,00.", "Bel ons op 14 020!"]
    assert ("€ 450,00", "bedrag") in [(t.text, t.kind) for t in a.sentences[0].tokens]
    assert check(a).score.metrics["sentences"] == 2


# ----------------------------------------------------------------------------------- lemmas


@pytest.mark.parametrize(("form", "lemmas"), [
    ("verstrekte", {"verstrekken"}),
    ("verstrekt", {"verstrekken"}),
    ("uitkeringen", {"uitkering"}),
    ("besluit", {"besluit", "besluiten"}),
    ("beoordeeld", {"beoordelen"}),
    ("gemeenten", {"gemeente"}),
    ("krijgt", {"krijgen"}),
    ("kinderen", {"kind"}),
])
def test_lemma_candidates(form: str, lemmas: set[str]) -> None:
    assert lemmas <= set(tables().lemmas([form])[form])


def test_tokens_carry_lemma_candidates(analyse_text) -> None:
    tokens = {t.lower: t for s in analyse_text("Wij verstrekten de uitkeringen volgens het besluit.").sentences
              for t in s.tokens}
    assert "verstrekken" in tokens["verstrekten"].lemmas
    assert tokens["uitkeringen"].lemma == "uitkering"
    assert {"besluit", "besluiten"} <= set(tokens["besluit"].lemmas)


# ----------------------------------------------------------------------------------- syllables


@pytest.mark.parametrize(("word", "n"), [
    ("gemeente", 3), ("bijstandsuitkering", 5), ("BSN", 3), ("AOW", 3), ("ideeën", 3), ("aanvraag", 2),
    ("uitkering", 3), ("Participatiewet", 6), ("beëindiging", 4), ("ruïne", 3), ("coöperatie", 5),
    ("e-mailadres", 4), ("geïnventariseerd", 6), ("bezwaarschrift", 3), ("huishoudelijke", 5), ("een", 1),
    ("zee", 1), ("politie", 3), ("toegekend", 3), ("reünie", 3),
])
def test_syllables(word: str, n: int) -> None:
    assert syllables(word) == n


# ---------------------------------------------------------------------------------- frequency


def _zipf(analyse_text, sentence: str) -> dict[str, float | None]:
    return {t.lower: t.zipf for s in analyse_text(sentence).sentences for t in s.tokens if t.is_word}


def test_transparent_compounds_are_judged_by_their_head(analyse_text) -> None:
    z = _zipf(analyse_text, "U betaalt de parkeervergunning, gemeentebelasting en hondenbelasting, en krijgt "
                            "huurtoeslag en energietoeslag.")
    for word in ("parkeervergunning", "gemeentebelasting", "hondenbelasting", "huurtoeslag", "energietoeslag"):
        assert z[word] >= 3.0, word           # not difficult
    words = ["parkeervergunning", "energietoeslag"]
    raw = tables().zipf(words)
    assert all(raw[w] < 3.0 for w in words)  # ... although wordfreq alone rates them rare


def test_opaque_compounds_stay_difficult(analyse_text) -> None:
    z = _zipf(analyse_text, "Binnen zes weken na dagtekening maakt u bezwaar.")
    assert z["dagtekening"] < 3.0
    # the head correction alone would have made it easy: the opaque list stops it
    word = "dagtekening"
    assert compound_head(word, tables().zipf(split_candidates(word) | {word})) == ("dag", "tekening")


def test_rare_words_are_rare_and_common_words_common(analyse_text) -> None:
    z = _zipf(analyse_text, "Wij hebben uw verzoek geïnventariseerd en u krijgt het geld.")
    assert z["geïnventariseerd"] < 3.0
    assert z["geld"] > 5 and z["krijgt"] > 4


def test_protected_spans_have_no_frequency(analyse_text) -> None:
    tokens = [t for s in analyse_text("U krijgt € 450,00 op 3 maart 2027.").sentences for t in s.tokens]
    assert [t.zipf for t in tokens if t.kind] == [None, None]


# --------------------------------------------------------------------------------- robustness

_PIECES = st.sampled_from([
    "Geachte mevrouw De Vries,", "Met vriendelijke groet,", "artikel 4:8 Awb", "€ 1.250,50", "3 maart 2027",
    "14 020", "NL91 ABNA 0417 1643 00", "info@voorbeeldstad.nl", "www.voorbeeldstad.nl/a.", "- ", "* ", "1. ",
    "# ", "**", "[a](b)", "<p>", "</p>", "<li>", "<br>", "&amp;", "&#0;", "{{ naam }}", "{%", "d.d.", "enz.",
    "t/m", "wordt", "beoordeeld", "het", "indienen", "van", "niet", "onmogelijk", "men", ",", ".", "?", "!",
    ";", "\n", "\n\n", " ", "\t", "\r", "é", "ß", "İ", "\u200b", "\ufeff", "😀", "²", "٣", "ﬁ", "\u0301",
])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(st.text(), st.lists(st.one_of(_PIECES, st.text(max_size=4)), max_size=40).map("".join)),
       kind=st.sampled_from(["txt", "md", "html"]))
def test_arbitrary_text_never_crashes(text: str, kind: str) -> None:
    try:
        doc = read_text(text, kind=kind)
    except InputError:
        return
    report = check(analyze(doc))
    assert 0 <= report.score.difficulty <= 100
    for f in report.findings:
        assert f.line >= 1 and f.column >= 1 and f.end_line >= f.line


def test_a_megabyte_of_letters_finishes() -> None:
    bodies = [Path(p).read_text("utf-8").split("Met vriendelijke groet,")[0] for p in LETTERS.values()]
    base = "\n\n".join(bodies) + "\n\n"
    copies = 1_000_000 / len(base)
    text = (base * (int(copies) + 1))[:1_000_000]
    analysis = analyze(read_text(text))
    per_copy = sum(len(analyze(read_text(b)).sentences) for b in bodies)
    assert 0.95 * per_copy * copies < len(analysis.sentences) < 1.05 * per_copy * copies
    assert max(len(s.tokens) for s in analysis.sentences) < 100

