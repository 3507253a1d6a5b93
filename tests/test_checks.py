"""Checks: the example table in lexicon/regels.toml, rule structure, the score, config switches, places."""

from __future__ import annotations

import re
import string

import pytest

from eenvoudig import checks
from eenvoudig.checks import SEVERITIES, check, check_text, iter_examples, rule_data, rule_ids
from eenvoudig.config import Config, parse_config
from eenvoudig.lexicon import load_lexicon
from eenvoudig.checks.score import SentenceFacts, difficulty, level_of, metrics

from conftest import LETTERS

# Every example in regels.toml must hold; there is no list of accepted failures (an example the code does
# not get right is a red test, not an xfail).
EXAMPLES = list(iter_examples())


def _param(rule: str, sentence: str, flag: bool):
    return pytest.param(rule, sentence, flag, id=f"{rule}-{'melden' if flag else 'niet'}-{sentence[:30]}")


@pytest.mark.parametrize(("rule", "sentence", "must_flag"), [_param(*e) for e in EXAMPLES])
def test_rule_examples(rule: str, sentence: str, must_flag: bool) -> None:
    found = {f.rule for f in check_text(sentence).findings}
    if must_flag:
        assert rule in found
    else:
        assert rule not in found


# -------------------------------------------------------------------------------------- structure


def _table(rule_id: str) -> dict:
    family, name = rule_id.split(".", 1)
    return rule_data()[family][name]


RULES = [r for r in rule_ids() if not r.startswith("lexicon.")]
LEXICON_RULES = [r for r in rule_ids() if r.startswith("lexicon.")]


def test_rule_ids_are_stable_dotted_names() -> None:
    ids = rule_ids()
    assert ids == sorted(set(ids))
    for r in ids:
        assert re.fullmatch(r"[a-z]+\.[a-z-]+", r), r
    for expected in ("zin.lang", "zin.gemiddeld", "zin.komma", "zin.bijzin-vooraan", "alinea.lang", "woord.moeilijk",
                     "woord.moeilijk-aandeel", "woord.lang", "woord.afkorting", "stijl.lijdend", "stijl.naamwoord",
                     "stijl.ontkenning", "lezer.aanspreken", "score.niveau"):
        assert expected in ids


@pytest.mark.parametrize("rule", RULES)
def test_rule_has_data_message_and_examples(rule: str) -> None:
    t = _table(rule)
    for key in ("titel", "waarom", "basis"):
        assert isinstance(t.get(key), str) and t[key].strip(), f"{rule}: {key}"
    messages = [v for k, v in t.items() if k == "bericht" or k.startswith("bericht_")]
    assert messages and all(isinstance(m, str) and m.strip() for m in messages)
    examples = t.get("voorbeelden", {})
    assert examples.get("melden"), f"{rule}: no must-flag example"
    assert examples.get("niet_melden"), f"{rule}: no must-not-flag example"
    for key in ("info", "warning", "error"):
        if key in t:
            assert isinstance(t[key], (int, float))


@pytest.mark.parametrize("rule", RULES)
def test_rule_messages_only_use_known_fields(rule: str) -> None:
    allowed = {"n", "max", "woord", "label", "target", "grens"}
    for key, value in _table(rule).items():
        if key == "bericht" or key.startswith("bericht_"):
            fields = {f for _, f, _, _ in string.Formatter().parse(value) if f}
            assert fields <= allowed, (rule, key, fields)


@pytest.mark.parametrize("rule", LEXICON_RULES)
def test_lexicon_rule_has_name_why_and_severity(rule: str) -> None:
    category = rule.split(".", 1)[1]
    table = rule_data()["lexicon"]
    assert table["namen"][category].strip()
    assert table["waarom"][category].strip()
    assert table[category] in SEVERITIES


def test_lexicon_categories_in_use_have_rules() -> None:
    used = {e.categorie for e in load_lexicon().entries.values()}
    assert used and {f"lexicon.{c}" for c in used} <= set(LEXICON_RULES)


def test_findings_have_filled_messages(reports) -> None:
    for name in LETTERS:
        for f in reports[name].findings:
            assert f.severity in SEVERITIES
            assert f.message and "{" not in f.message and "}" not in f.message, f
            assert f.why, f
            assert f.rule in rule_ids()


# ----------------------------------------------------------------------------------------- score


def test_no_words_no_metrics() -> None:
    report = check_text("… !!! ???")
    m = report.score.metrics
    assert m["words"] == 0
    for key in ("words_per_sentence", "flesch_douma", "brouwer", "lix", "difficult_words_pct", "passive_pct"):
        assert m[key] is None
    assert report.score.difficulty == 0.0 and not report.score.passed  # an empty letter does not pass
    assert [(f.rule, f.severity) for f in report.findings] == [("tekst.leeg", "error")]
    assert difficulty([]) is None
    assert metrics([])["words_per_sentence"] is None


def test_only_headings_and_address_are_not_scored() -> None:
    report = check_text("Gemeente Voorbeeldstad\nPostbus 1234\n\nDatum: 3 maart 2027\n\nGeachte heer Jansen,\n\n"
                        "Uw aanvraag\n\nMet vriendelijke groet,")
    assert report.score.metrics["sentences"] == 0 and report.score.metrics["words_per_sentence"] is None


def test_officialese_is_harder_than_plain(reports) -> None:
    plain = reports["b1-eenvoudig"].score
    for name in ("demo", "terugvordering-bijstand", "uitnodiging-heronderzoek", "wmo-huishoudelijke-hulp"):
        hard = reports[name].score
        assert hard.difficulty > plain.difficulty + 30, name
        assert hard.level > plain.level and not hard.passed
        assert hard.metrics["words_per_sentence"] > plain.metrics["words_per_sentence"]
        assert hard.metrics["flesch_douma"] < plain.metrics["flesch_douma"]
    assert plain.passed and plain.level <= 2
    assert plain.label.startswith(("eenvoudig", "redelijk eenvoudig")) and "ongeveer" in plain.label


def test_score_formulas(reports) -> None:
    m = reports["b1-eenvoudig"].score.metrics
    asl, asw = m["words"] / m["sentences"], m["syllables_per_word"]
    assert m["words_per_sentence"] == pytest.approx(asl, abs=0.05)
    assert m["flesch_douma"] == pytest.approx(206.835 - 0.93 * asl - 77 * asw, abs=0.5)
    assert m["brouwer"] == pytest.approx(195 - 2 * asl - 66.67 * asw, abs=0.5)
    assert m["words_per_sentence_p90"] <= m["words_per_sentence_max"]


def test_sentence_levels(reports, analysed) -> None:
    sc = reports["demo"].score
    assert len(sc.sentence_levels) == len(analysed["demo"].scored)
    assert set(sc.sentence_levels) <= {1, 2, 3, 4}


def test_level_and_difficulty_scale() -> None:
    bounds = rule_data()["niveaus"]["grenzen"]
    assert [level_of(v, bounds) for v in (0, 34.9, 35, 50, 64.9, 65, 100)] == [1, 1, 2, 3, 3, 4, 4]
    short = SentenceFacts(words=6, syllables=8, long_words=0, content=3, hard=0, lexicon=0, passive=False)
    long = SentenceFacts(words=30, syllables=60, long_words=10, content=15, hard=3, lexicon=2, passive=True)
    assert difficulty([short]) < difficulty([long]) <= 100
    assert 0 <= difficulty([short])


def test_target_changes_pass_fail(analysed) -> None:
    a = analysed["b1-eenvoudig"]
    lvl = check(a).score.level
    assert check(a, Config(target="B2")).score.passed
    assert check(a, Config(target="A2")).score.passed == (lvl <= 1)
    demo = analysed["demo"]
    assert not check(demo, Config(target="B2")).score.passed


# ---------------------------------------------------------------------------------------- config


def _rules(report) -> set[str]:
    return {f.rule for f in report.findings}


def test_switch_off_a_rule_family(analysed) -> None:
    demo = analysed["demo"]
    assert any(r.startswith("stijl.") for r in _rules(check(demo)))
    off = check(demo, parse_config({"rules": {"stijl": False}}))
    assert not any(r.startswith("stijl.") for r in _rules(off))
    assert "zin.lang" in _rules(off)


def test_longest_prefix_wins(analysed) -> None:
    got = _rules(check(analysed["demo"], parse_config({"rules": {"stijl": False, "stijl.lijdend": True}})))
    assert "stijl.lijdend" in got
    assert not {"stijl.naamwoord", "stijl.ontkenning"} & got


def test_switch_off_lexicon_findings(analysed) -> None:
    got = _rules(check(analysed["demo"], parse_config({"rules": {"lexicon": False}})))
    assert not any(r.startswith("lexicon.") for r in got)


def test_threshold_override(analysed) -> None:
    demo = analysed["demo"]

    def long_sentences(config: Config) -> list[str]:
        return [f.severity for f in check(demo, config).findings if f.rule == "zin.lang"]

    default = long_sentences(Config())
    assert "error" in default
    relaxed = long_sentences(parse_config({"thresholds": {"zin.lang": {"warning": 35, "error": 60}}}))
    assert 0 < len(relaxed) < len(default) and "error" not in relaxed
    strict = check(analysed["b1-eenvoudig"], parse_config({"thresholds": {"zin.lang": {"warning": 8, "error": 11}}}))
    assert {f.severity for f in strict.findings if f.rule == "zin.lang"} == {"warning", "error"}


def test_fails_on(reports) -> None:
    demo, plain = reports["demo"], reports["b1-eenvoudig"]
    assert demo.fails("error") and demo.fails("info") and not demo.fails("never")
    assert plain.fails("info") == bool(plain.findings)
    assert not plain.fails("error")


# -------------------------------------------------------------------------------------- positions


def _slice(source: str, line: int, column: int, end_line: int, end_column: int) -> str:
    starts = [0] + [m.end() for m in re.finditer("\n", source)]
    return source[starts[line - 1] + column - 1:starts[end_line - 1] + end_column - 1]


def test_finding_points_at_the_word_in_the_file(reports) -> None:
    report = reports["demo"]
    source = LETTERS["demo"].read_text("utf-8")
    f = next(f for f in report.findings if f.rule == "woord.moeilijk" and "'onherstelbaar'" in f.message)
    line_text = source.split("\n")[f.line - 1]
    assert line_text[f.column - 1:f.end_column - 1] == "onherstelbaar"
    assert line_text.startswith("Bij de beoordeling van uw aanvraag")


@pytest.mark.parametrize("name", list(LETTERS))
def test_every_finding_points_at_its_text(reports, documents, name: str) -> None:
    doc = documents[name]
    located = [f for f in reports[name].findings if f.block >= 0]
    assert located or name == "b1-eenvoudig"
    for f in located:
        assert (f.line, f.column) <= (f.end_line, f.end_column)
        assert _slice(doc.source, f.line, f.column, f.end_line, f.end_column) == doc.blocks[f.block].text[f.start:f.end]
        assert f.sentence  # the sentence is quoted


def test_document_findings_have_no_place(reports) -> None:
    for f in reports["demo"].findings:
        if f.rule in ("score.niveau", "zin.gemiddeld", "woord.moeilijk-aandeel"):
            assert f.block == -1 and (f.line, f.column) == (1, 1)


def test_json_shape_of_a_finding(reports) -> None:
    d = reports["demo"].findings[0].to_dict()
    assert set(d) >= {"rule", "severity", "line", "column", "end_line", "end_column", "message", "suggestions"}
    assert isinstance(d["suggestions"], list)


def test_check_reads_a_document_too(documents) -> None:
    report = check(documents["b1-eenvoudig"])
    assert isinstance(report, checks.Report) and report.score.passed


def test_report_gives_a_level_per_sentence_for_highlighting() -> None:
    report = check_text("Wij helpen u graag.\n\nIndien u het niet eens bent met dit besluit, kunt u binnen zes weken "
                        "na de dagtekening van deze beschikking schriftelijk een bezwaarschrift indienen bij ons.")
    levels = report.to_dict()["sentences"]
    assert [s["line"] for s in levels] == [1, 3]
    assert levels[0]["level"] < levels[1]["level"] == 4
    assert levels[1]["text"].startswith("Indien u het niet eens bent")


def test_user_lexicon_from_config_overrides_ours(tmp_path) -> None:
    from eenvoudig.config import load_config

    own = tmp_path / "gemeente-woorden.tsv"
    own.write_text("moeilijk\teenvoudig\tsoort\tcategorie\tveilig\tuitleg\tbron\tuitspraak\n"
                   "indien\tals | wanneer\tvg\tambtelijk\tja\tZeg gewoon als.\tschrijfwijzer gemeente\t\n"
                   "keukentafelgesprek\tgesprek bij u thuis\tzn\tjargon\tnee\tEen gesprek bij u thuis.\tgemeente\t\n",
                   encoding="utf-8")
    (tmp_path / "eenvoudig.toml").write_text('lexicons = ["gemeente-woorden.tsv"]\n', encoding="utf-8")
    config = load_config(tmp_path / "eenvoudig.toml")
    report = check_text("Indien u wilt, plannen wij een keukentafelgesprek.", config)
    lexicon = [f for f in report.findings if f.rule.startswith("lexicon.")]
    assert any(f.suggestions == ("als", "wanneer") for f in lexicon)  # theirs, not ours
    assert any("gesprek bij u thuis" in f.message for f in lexicon)


# ------------------------------------------------------------------------- introduced abbreviations


def _abbreviation_findings(text: str) -> list[tuple[str, str]]:
    report = check_text(text)
    return [(f.rule, text.split("\n\n")[f.block][f.start:f.end])
            for f in report.findings if f.rule in ("lexicon.afkorting", "woord.afkorting")]


@pytest.mark.parametrize(("text", "left"), [
    # long form (ABBR): from there on the abbreviation is known
    ("U krijgt hulp van de Wet maatschappelijke ondersteuning (Wmo). De Wmo regelt dat.", []),
    # ABBR (long form), and one word holding several letters (Planbureau: P and B)
    ("Het CAK (Centraal Administratie Kantoor) stuurt de rekening. Het CAK int ook.", []),
    ("Het Centraal Planbureau (CPB) rekent. Het CPB is een bureau.", []),
    # before it is introduced it is still flagged; the long form is not flagged as an abbreviation
    ("De Wmo regelt veel. Het is de Wet maatschappelijke ondersteuning (Wmo).", [("lexicon.afkorting", "Wmo")]),
    # letters that the words before do not spell: no introduction
    ("U krijgt hulp van de gemeente (Wmo). De Wmo regelt dat.",
     [("lexicon.afkorting", "Wmo"), ("lexicon.afkorting", "Wmo")]),
    ("Het CAK (de organisatie die int) stuurt de rekening.", [("lexicon.afkorting", "CAK")]),
])
def test_an_abbreviation_introduced_with_its_full_form_is_not_flagged_from_there_on(text: str, left: list) -> None:
    assert _abbreviation_findings(text) == left


def test_introduced_abbreviations_say_where() -> None:
    from eenvoudig import analyze, read_text

    analysis = analyze(read_text("Eerst iets anders.\n\nDe Algemene wet bestuursrecht (Awb) geldt. Zie de Awb."))
    assert checks.introduced_abbreviations(analysis) == {"awb": (1, 0)}
    assert checks._spells("CPB", ["Centraal", "Planbureau"]) and not checks._spells("CPB", ["Planbureau"])
    assert not checks._spells("AB", ["a", "b", "c", "d", "e", "f"])    # too many words for two letters
    assert checks._abbreviation_like("Wmo") and checks._abbreviation_like("UWV") \
        and not checks._abbreviation_like("Amsterdam") and not checks._abbreviation_like("wmo")


def test_the_letters_of_an_abbreviation_are_found_in_order_in_its_long_form() -> None:
    spells = checks._spells
    assert spells("CAK", ["Centraal", "Administratie", "Kantoor"]) and spells("Ab", ["Ab"])
    assert not spells("CPB", ["Centraal", "Bureau"])          # no p: every letter counts, not only the last ones
    assert not spells("CC", ["Centraal"])                     # each letter after the one before it
    assert not spells("", ["Centraal"]) and not spells("C", [])
    assert spells("AB", ["a", "x", "x", "x", "b"]) and not spells("AB", ["a", "x", "x", "x", "x", "b"])   # 2n+1 words


def test_what_looks_like_an_abbreviation() -> None:
    like = checks._abbreviation_like
    assert like("EU") and not like("E") and like("ABCDEFGHIJ") and not like("ABCDEFGHIJK")
    assert like("Wmoo") and not like("Wmooo") and like("WMooo") and not like("W-mo") and not like("wMO")


@pytest.mark.parametrize(("text", "left"), [
    # the long form at the very start of the sentence, and the abbreviation right at the start
    ("Centraal Planbureau (CPB) rekent. Het CPB is een bureau.", []),
    ("CAK (Centraal Administratie Kantoor) stuurt de rekening. Het CAK int ook.", []),
    # a long form of one word
    ("Het Planbureau (PB) rekent. Het PB ook.", []),
    # a first letter that fits is not enough: the words must spell it
    ("Het Centraal bureau (CPB) rekent. Het CPB is er.", [("woord.afkorting", "CPB"), ("woord.afkorting", "CPB")]),
    # the bracket that closes is the one after "(", not an earlier one
    ("1) De Wet maatschappelijke ondersteuning (Wmo) geldt. De Wmo ook.", []),
])
def test_more_introductions(text: str, left: list) -> None:
    assert _abbreviation_findings(text) == left


def test_the_first_introduction_counts() -> None:
    from eenvoudig import analyze, read_text

    text = "Lees eerst dit.\n\nHet Centraal Planbureau (CPB) rekent.\n\nHet Centraal Planbureau (CPB) rekent weer."
    assert checks.introduced_abbreviations(analyze(read_text(text))) == {"cpb": (1, 0)}


# Mutation target "abbreviations" (benchmarks/mutation.py): 122/137 killed. The 15 survivors are equivalent or
# only move a search window: `k < 0` vs `<= 0`/`< 1` (k is at least 1 after the first letter), the joiner of the
# long form ("XX XX" adds only x's), the 12-token windows (13, or a bracket closed straight away), `break` vs
# `continue` after an unclosed bracket (nothing follows within the window), `found = ""`, a one-token bracket
# that is no abbreviation (it cannot spell), `w[:2]` (a word of one letter still passes), `range(0, …)` (the
# whole window first: it starts with another letter) and `i >= 0` (a bracket at position 0 has no word before it).
