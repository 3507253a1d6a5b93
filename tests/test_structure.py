"""Structural rewriting: passive → active, splits, formulas, "wij", "u", digits; each edit checked on the parse."""

from __future__ import annotations

import re
from importlib import resources

import pytest

import eenvoudig
from eenvoudig.errors import DataError
from eenvoudig.rewriting import Rewrite, apply_edits, rewrite
from eenvoudig.rewriting import structure


def simplify(text: str, **kw) -> Rewrite:
    return rewrite(eenvoudig.analyze(eenvoudig.read_text(text)), **kw)


# Each row: original, the default rewrite, the kinds of the applied structural edits. Checked by hand.
STRUCTURAL = [
    ("Hierbij wordt u verzocht het formulier voor 1 januari 2027 terug te sturen.",
     "Wij vragen u het formulier voor 1 januari 2027 terug te sturen.", {"passive"}),   # and "Hierbij" goes
    ("Het bedrag zal binnen twee weken door de gemeente worden overgemaakt.",
     "Wij zullen het bedrag binnen 2 weken overmaken.", {"passive"}),   # one edit: the biggest kind names it
    ("De gemeente heeft besloten uw uitkering te stoppen.", "Wij hebben besloten uw uitkering te stoppen.",
     {"sender"}),
    ("Door het college is besloten dat uw aanvraag wordt afgewezen.",
     "Wij hebben besloten dat wij uw aanvraag afwijzen.", {"passive"}),
    ("De aanvrager is verplicht wijzigingen door te geven. U krijgt dan bericht.",
     "U bent verplicht wijzigingen door te geven. U krijgt dan bericht.", {"reader"}),
    ("Wij hebben uw aanvraag voor een vergoeding goed bekeken, maar wij kunnen u helaas geen vergoeding geven.",
     "Wij hebben uw aanvraag voor een vergoeding goed bekeken. Maar wij kunnen u helaas geen vergoeding geven.",
     {"split"}),
    ("Als u het formulier niet op tijd terugstuurt, dan stoppen wij uw uitkering met ingang van de volgende maand.",
     "Stuurt u het formulier niet op tijd terug? Dan stoppen wij uw uitkering vanaf de volgende maand.",
     {"split"}),
    ("Tegen deze uitnodiging staat geen bezwaar open, aangezien deze niet is aan te merken als een besluit.",
     "Tegen deze uitnodiging staat geen bezwaar open. Deze is namelijk niet aan te merken als een besluit.",
     {"split"}),
]


@pytest.mark.parametrize(("before", "after", "kinds"), STRUCTURAL)
def test_structural_rewrite(before: str, after: str, kinds: set[str]) -> None:
    result = simplify(before)
    assert result.text == after
    assert {e.kind for e in result.applied} - {"word"} == kinds
    assert all(e.safe for e in result.applied)


def test_edit_kind_is_in_the_json() -> None:
    result = simplify("De gemeente heeft besloten uw uitkering te stoppen.")
    (edit,) = result.applied
    assert edit.to_dict() == {"start": 0, "end": 17, "line": 1, "column": 1, "before": "De gemeente heeft",
                              "after": "Wij hebben", "rule": "structuur.wij", "kind": "sender", "safe": True,
                              "applied": True}


def test_structure_can_be_switched_off() -> None:
    config = eenvoudig.Config(rules=(("structuur", False),))
    assert simplify("De gemeente heeft besloten uw uitkering te stoppen.", config=config).edits == ()


@pytest.mark.parametrize("text", [
    "De gemeente heeft besloten dat uw uitkering per [datum] stopt.",
    "De gemeente heeft besloten dat {{ naam }} per 1 mei 2027 een bedrag van € 120,00 krijgt.",
])
def test_placeholders_and_protected_spans_survive(text: str) -> None:
    result = simplify(text, unsafe=True)
    for keep in ("[datum]", "{{ naam }}", "1 mei 2027", "€ 120,00"):
        assert result.text.count(keep) == text.count(keep)
    assert result.text.startswith("Wij hebben besloten")


def test_the_check_wants_the_verb_in_its_place() -> None:
    def parsed(text: str):
        return eenvoudig.analyze(eenvoudig.read_text(text)).sentences[0]

    assert structure.well_formed(parsed("Wij sturen u het formulier terug."))
    assert structure.well_formed(parsed("Morgen sturen wij u het formulier."))
    assert not structure.well_formed(parsed("Daarom wij sturen u het formulier."))
    assert not structure.well_formed(parsed("Wij vinden dat u voldoet niet aan de voorwaarden."))


def test_rewrite_of_the_rewrite_changes_nothing() -> None:
    for before, _, _ in STRUCTURAL:
        once = simplify(before)
        assert simplify(once.text).text == once.text


def test_edits_change_only_their_spans() -> None:
    text = " ".join(before for before, _, _ in STRUCTURAL)
    result = simplify(text)
    assert apply_edits(text, result.applied) == result.text
    for e in result.edits:
        assert text[e.start:e.end] == e.before


def test_shipped_data_is_valid() -> None:
    data = structure.load_data()
    assert len(data.formulas) >= 20 and ("de", "gemeente") in data.sender and ("de", "aanvrager") in data.reader
    assert all(f.source for f in data.formulas)
    assert data.digits_from == 13 and "weken" in data.units
    assert (data.connectives["waardoor"], data.connectives["omdat"], len(data.connectives)) == ("Daardoor", "", 18)


def test_connectives_must_be_a_table() -> None:
    shipped = (resources.files("eenvoudig") / "lexicon" / "structuur.toml").read_text("utf-8")
    broken = re.sub(r"verbindingswoorden = \{[^}]*\}", 'verbindingswoorden = "waardoor"', shipped)
    assert broken != shipped
    with pytest.raises(DataError, match=r"\[splitsen\] verbindingswoorden moet een tabel"):
        structure.validate(broken, "structuur.toml")
    with pytest.raises(DataError, match=r"\[splitsen\] ontbreekt"):
        structure.validate(shipped.split("[splitsen]")[0], "structuur.toml")


@pytest.mark.parametrize(("text", "message"), [
    ("schema_version = 2", "schema_version moet 1 zijn"),
    ('schema_version = 1\n[[formule]]\npatroon = "wij delen"\nactie = "weg"', "patroon en bron zijn verplicht"),
    ('schema_version = 1\n[[formule]]\npatroon = "wij delen"\nactie = "wis"\nbron = "x"', "actie moet"),
    ('schema_version = 1\n[[formule]]\npatroon = "Wij"\nactie = "weg"\nbron = "x"', "kleine letters"),
    ('schema_version = 1\n[[formule]]\npatroon = "wij"\nactie = "vervang"\nbron = "x"', "'door' hoort bij"),
    ("schema_version = 1", r"\[afzender\] ontbreekt"),
])
def test_broken_data_gets_a_dutch_message(text: str, message: str) -> None:
    with pytest.raises(DataError, match=message):
        structure.validate(text, "structuur.toml")


def test_structure_rules_are_known_to_the_config(tmp_path) -> None:
    from eenvoudig.config import load_config

    (tmp_path / "pyproject.toml").write_text('[tool.eenvoudig.rules]\n"structuur" = false\n"structuur.getal" = true\n',
                                             encoding="utf-8")
    config = load_config(tmp_path / "pyproject.toml")
    assert not config.warnings
    assert not config.enabled("structuur.lijdend") and config.enabled("structuur.getal")


def test_number_value_agrees_with_the_full_table_for_every_number_word() -> None:
    """The quick path (our table below a hundred, num2words only for honderd/duizend) gives what num2words gives."""
    from num2words import num2words

    from eenvoudig.rewriting.structure import number_value, number_words, small_number_words

    assert small_number_words() == {num2words(n, lang="nl"): n for n in range(2, 100)}
    full = number_words()
    assert len(full) == 1003
    assert {w: number_value(w) for w in full} == full
    assert [number_value(w) for w in ("een", "en", "gemeente", "tienduizenden", "zevende", "Zes", "tweeentwintig")] \
        == [None] * 7
    assert (number_value("zes"), number_value("honderdéén"), number_value("tweehonderdvijftig")) == (6, 101, 250)
