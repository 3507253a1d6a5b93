"""Rewrite: re-inflected lexicon swaps, safe vs unsafe, protected spans, invariants (hypothesis), CLI."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import eenvoudig
from eenvoudig.rewriting import Rewrite, apply_edits, rewrite

ROOT = Path(__file__).resolve().parents[1]


def simplify(text: str, **kw) -> Rewrite:
    return rewrite(eenvoudig.analyze(eenvoudig.read_text(text)), **kw)


WORDS_ONLY = eenvoudig.Config(rules=(("structuur", False),))   # the word swaps alone (structure: test_structure.py)


# Each row: original sentence, the sentence after the safe rewrite. Written and checked by hand.
SAFE_REWRITES = [
    ("Wij verstrekken u een bijdrage.", "Wij geven u een bijdrage."),
    ("De gemeente verstrekt u een bijdrage.", "De gemeente geeft u een bijdrage."),
    ("Wij verstrekten u vorig jaar een bijdrage.", "Wij gaven u vorig jaar een bijdrage."),
    ("De bijdrage wordt verstrekt door de gemeente.", "De bijdrage wordt gegeven door de gemeente."),
    ("De verstrekte bijdrage is hoog.", "De gegeven bijdrage is hoog."),
    ("Wij zullen u een bijdrage verstrekken.", "Wij zullen u een bijdrage geven."),
    ("Retourneert u het formulier voor 1 mei?", "Stuurt u het formulier voor 1 mei terug?"),
    ("U kunt het formulier retourneren.", "U kunt het formulier terugsturen."),
    ("Wij vragen u het formulier te retourneren.", "Wij vragen u het formulier terug te sturen."),
    ("Wij vragen u of u het formulier retourneert.", "Wij vragen u of u het formulier terugstuurt."),
    ("Heeft u het formulier geretourneerd?", "Heeft u het formulier teruggestuurd?"),
    ("Indien u vragen heeft, kunt u ons bellen.", "Als u vragen heeft, kunt u ons bellen."),
    ("Wij hebben uw brief reeds gelezen.", "Wij hebben uw brief al gelezen."),
    ("Wij hebben besloten u het formulier toe te zenden.", "Wij hebben besloten u het formulier te sturen."),
    ("Wij zenden u het formulier toe.", "Wij sturen u het formulier."),
    ("Wij vragen u of u het formulier toezendt.", "Wij vragen u of u het formulier stuurt."),
    ("Uw uitkering wordt beëindigd.", "Uw uitkering wordt gestopt."),
]


@pytest.mark.parametrize(("before", "after"), SAFE_REWRITES)
def test_safe_rewrite_fits_the_grammar(before: str, after: str) -> None:
    assert simplify(before, config=WORDS_ONLY).text == after


def test_edits_carry_span_before_after_rule_and_safe_flag() -> None:
    text = "Indien u vragen heeft, kunt u ons bellen."
    result = simplify(text)
    (edit,) = result.applied
    assert (edit.start, edit.end, edit.before, edit.after) == (0, 6, "Indien", "Als")
    assert edit.rule.startswith("lexicon.") and edit.safe
    assert result.text == "Als u vragen heeft, kunt u ons bellen."
    # apply_edits on its own (not compared with rewrite's own use of it): edits from the end, lengths change
    assert apply_edits("ab cd ef", [edit.__class__(0, 2, "ab", "x", "r", True),
                                    edit.__class__(6, 8, "ef", "yyy", "r", True),
                                    edit.__class__(3, 3, "", "nieuw ", "r", True)]) == "x nieuw cd yyy"


def test_unsafe_edits_wait_for_unsafe() -> None:
    text = "Uw aanvraag valt onder de Participatiewet.\n\nWij nemen uw aanvraag in behandeling."
    plain = simplify(text)
    assert plain.text == text  # nothing safe to do
    assert plain.suggested, "the unsafe suggestions are still listed"
    bold = simplify(text, unsafe=True)
    assert bold.text != text
    assert "(dat betekent:" in bold.text


def test_unsafe_splits_a_long_sentence_at_a_safe_point() -> None:
    text = ("Wij hebben uw aanvraag voor bijzondere bijstand voor een nieuwe wasmachine goed bekeken, "
            "maar wij kunnen u helaas geen geld voor die wasmachine geven omdat u genoeg spaargeld heeft.")
    result = simplify(text, unsafe=True)
    assert "bekeken. Maar wij kunnen" in result.text


def test_protected_spans_are_never_touched() -> None:
    text = ("Indien u vragen heeft over artikel 4:8 Awb, belt u mevrouw De Vries op 14 020 of mailt u naar "
            "info@voorbeeldstad.nl. Wij verstrekken u € 450,00 op 1 maart 2027 via NL91ABNA0417164300.")
    result = simplify(text)
    for fact in ("artikel 4:8 Awb", "14 020", "info@voorbeeldstad.nl", "€ 450,00", "1 maart 2027",
                 "NL91ABNA0417164300", "De Vries"):
        assert fact in result.text
    assert result.text.startswith("Heeft u vragen over artikel 4:8 Awb? Dan belt u")   # structure: a question
    assert simplify(text, config=WORDS_ONLY).text.startswith("Als u vragen heeft")
    assert "Wij geven u € 450,00" in result.text


def test_template_syntax_is_never_touched() -> None:
    text = "Indien u {{ naam }} heeft, verstrekken wij {% if partner %}u beiden{% endif %} een bijdrage."
    result = simplify(text)
    assert "{{ naam }}" in result.text and "{% if partner %}" in result.text and "{% endif %}" in result.text


# ------------------------------------------------------------------------------------------ invariants

WORDS = ["wij", "u", "de", "het", "een", "gemeente", "brief", "geld", "formulier", "aanvraag", "bijdrage",
         "verstrekken", "verstrekt", "verstrekte", "retourneert", "retourneren", "indien", "reeds", "tevens",
         "beschikking", "ontvangen", "middels", "teneinde", "woonachtig", "te", "allen", "tijde", "met",
         "betrekking", "tot", "in", "het", "kader", "van", "zijn", "is", "heeft", "wordt", "kunt", "graag",
         "bellen", "sturen", "nu", "en", "maar", ",", "."]
FACTS = ["€ 1.250,50", "3 maart 2027", "14 020", "1234 AB", "NL91ABNA0417164300", "info@voorbeeldstad.nl",
         "www.voorbeeldstad.nl", "artikel 4:8 Awb", "{{ naam }}", "mevrouw De Vries", "7.30 uur"]

sentence = st.lists(st.one_of(st.sampled_from(WORDS), st.sampled_from(FACTS)), min_size=3, max_size=18).map(
    lambda ws: (" ".join(ws)).replace(" ,", ",").replace(" .", ".").strip().capitalize() + ".")
letter = st.lists(sentence, min_size=1, max_size=5).map(lambda ss: " ".join(ss))

RELAXED = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@RELAXED
@given(letter)
def test_applying_edits_changes_only_the_edit_spans(text: str) -> None:
    result = simplify(text)
    pos_src, pos_new = 0, 0
    for e in sorted(result.applied, key=lambda e: (e.start, e.end)):
        keep = e.start - pos_src
        assert result.text[pos_new:pos_new + keep] == text[pos_src:e.start]
        assert text[e.start:e.end] == e.before
        pos_new += keep
        assert result.text[pos_new:pos_new + len(e.after)] == e.after
        pos_new += len(e.after)
        pos_src = e.end
    assert result.text[pos_new:] == text[pos_src:]


@RELAXED
@given(letter)
def test_every_protected_span_survives(text: str) -> None:
    analysis = eenvoudig.analyze(eenvoudig.read_text(text))
    result = rewrite(analysis)
    for block, span in analysis.spans:
        start = analysis.document.blocks[block].source_offset(span.start)
        end = start + len(span.text)
        assert all(e.end <= start or e.start >= end for e in result.applied), span
    for fact in FACTS:
        assert text.count(fact) == result.text.count(fact)


# Word salad that made the rewrite change its own output (the tagger reads it differently the second time);
# pinned, and the search is derandomized so that the suite does not pass or fail by chance (issue 10).
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True,
          database=None)
@given(letter)
@example("Wij retourneren middels de.")
@example("Wij middels retourneren de.")
@example("Wij wij wij. Het verstrekken retourneren een.")
@example("Wij retourneert retourneren.")
@example("Retourneert gemeente retourneren.")
@example("Retourneert 1234 ab teneinde.")
def test_rewriting_the_result_again_changes_nothing(text: str) -> None:
    once = simplify(text)
    twice = simplify(once.text)
    assert twice.text == once.text


@pytest.mark.xfail(strict=True, reason="known limitation: in word salad a swap changes how the tagger reads the "
                   "first word ('Verstrekte om de.' is read as a verb, 'Verstrekte teneinde de.' not), so a second "
                   "rewrite swaps it too")
def test_word_salad_that_still_changes_on_a_second_rewrite() -> None:
    once = simplify("Verstrekte teneinde de.")
    assert once.text == "Verstrekte om de."
    assert simplify(once.text).text == once.text


@settings(max_examples=40, deadline=None)
@given(st.text(min_size=1, max_size=300))
def test_arbitrary_text_does_not_crash(text: str) -> None:
    if not text.strip():
        return
    doc = eenvoudig.read_text(text)
    result = rewrite(eenvoudig.analyze(doc), unsafe=True)
    # the text is rebuilt from the source and the edits alone: every edit names the text it replaces,
    # edits do not overlap, and without edits the text is the source unchanged
    edits = sorted(result.applied, key=lambda e: (e.start, e.end))
    assert all(doc.source[e.start:e.end] == e.before for e in edits)
    assert all(a.end <= b.start for a, b in zip(edits, edits[1:]))
    rebuilt, pos = [], 0
    for e in edits:
        rebuilt += [doc.source[pos:e.start], e.after]
        pos = e.end
    assert result.text == "".join(rebuilt) + doc.source[pos:]


# ------------------------------------------------------------------------------------------------ CLI


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "eenvoudig", *args], capture_output=True, text=True, cwd=cwd,
                          env={**os.environ, "NO_COLOR": "1"})


def test_cli_prints_text_and_diff(tmp_path: Path) -> None:
    f = tmp_path / "brief.txt"
    f.write_text("Indien u vragen heeft, kunt u ons bellen.\n", encoding="utf-8")
    out = run("rewrite", str(f))
    assert out.returncode == 0, out.stderr
    assert out.stdout == "Als u vragen heeft, kunt u ons bellen.\n"
    diff = run("rewrite", str(f), "--diff")
    assert "-Indien u vragen heeft" in diff.stdout and "+Als u vragen heeft" in diff.stdout
    data = json.loads(run("rewrite", str(f), "--format", "json").stdout)
    assert data["schema_version"] == 1 and data["edits"][0]["before"] == "Indien"
    assert f.read_text(encoding="utf-8") == "Indien u vragen heeft, kunt u ons bellen.\n"  # untouched


def test_diff_of_a_text_without_a_final_line_break_has_no_marker() -> None:
    from eenvoudig.rewriting import Rewrite

    # a Word letter's text has no final line break on either side: nothing for a reader to puzzle over
    assert Rewrite("Indien u belt.", "Als u belt.", ()).diff("b.docx").splitlines() == [
        "--- b.docx (origineel)", "+++ b.docx (eenvoudig)", "@@ -1 +1 @@", "-Indien u belt.", "+Als u belt."]
    # a real difference in the last line break is still shown
    assert Rewrite("Indien u belt.\n", "Als u belt.", ()).diff().splitlines()[-1] == "\\ No newline at end of file"


def test_cli_fix_writes_in_place_with_backup(tmp_path: Path) -> None:
    f = tmp_path / "brief.txt"
    f.write_text("Wij hebben uw brief reeds gelezen.\n", encoding="utf-8")
    out = run("rewrite", str(f), "--fix", "--backup")
    assert out.returncode == 0, out.stderr
    assert f.read_text(encoding="utf-8") == "Wij hebben uw brief al gelezen.\n"
    assert (tmp_path / "brief.txt.~1~").read_text(encoding="utf-8") == "Wij hebben uw brief reeds gelezen.\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.txt", "brief.txt.~1~"]  # no temp files left


def test_cli_fix_on_read_only_file_changes_nothing(tmp_path: Path, monkeypatch, capsys) -> None:
    from eenvoudig.cli import main

    f = tmp_path / "brief.txt"
    f.write_text("Wij hebben uw brief reeds gelezen.\n", encoding="utf-8")
    f.chmod(stat.S_IRUSR)
    if os.access(f, os.W_OK):  # root may write anything: make the file read-only for this run
        real_access = os.access
        monkeypatch.setattr(os, "access", lambda p, mode, **kw: False if Path(p) == f and mode == os.W_OK
                            else real_access(p, mode, **kw))
    try:
        with pytest.raises(SystemExit) as exit_info:
            main(["rewrite", str(f), "--fix"])
        assert exit_info.value.code == 3
        err = capsys.readouterr().err
        assert "alleen-lezen" in err and "Traceback" not in err
        assert f.read_text(encoding="utf-8") == "Wij hebben uw brief reeds gelezen.\n"
        assert [p.name for p in tmp_path.iterdir()] == ["brief.txt"]
    finally:
        f.chmod(stat.S_IRUSR | stat.S_IWUSR)


def test_cli_fix_on_missing_file_is_a_dutch_error(tmp_path: Path) -> None:
    out = run("rewrite", str(tmp_path / "weg.txt"), "--fix")
    assert out.returncode == 3
    assert "bestaat niet" in out.stderr and "Traceback" not in out.stderr


def test_docx_in_docx_out_keeps_run_formatting(tmp_path: Path) -> None:
    import docx

    d = docx.Document()
    d.add_heading("Uw aanvraag", level=1)
    p = d.add_paragraph()
    bold = p.add_run("Indien u ")
    bold.bold = True
    p.add_run("vragen heeft, kunt u ons ")
    it = p.add_run("reeds")
    it.italic = True
    p.add_run(" bellen.")
    src = tmp_path / "brief.docx"
    d.save(src)
    out = tmp_path / "eenvoudig.docx"
    res = run("rewrite", str(src), "-o", str(out))
    assert res.returncode == 0, res.stderr
    new = docx.Document(str(out))
    para = new.paragraphs[1]
    assert para.text == "Als u vragen heeft, kunt u ons al bellen."
    assert para.runs[0].text == "Als u " and para.runs[0].bold
    assert para.runs[2].text == "al" and para.runs[2].italic
    assert new.paragraphs[0].style.name.startswith("Heading")
    assert docx.Document(str(src)).paragraphs[1].text.startswith("Indien")  # the original is untouched


def test_docx_edit_across_runs_keeps_first_run_formatting() -> None:
    import io

    import docx

    from eenvoudig.rewriting import Edit
    from eenvoudig.rewriting.docx import edit_docx

    d = docx.Document()
    p = d.add_paragraph()
    a = p.add_run("In het kader ")
    a.bold = True
    p.add_run("van de wet.")
    buf = io.BytesIO()
    d.save(buf)
    edit = Edit(0, len("In het kader van"), "In het kader van", "Voor", "lexicon.ambtelijk", True)
    out = edit_docx(buf.getvalue(), [edit])
    assert out.written == (edit,) and out.skipped == ()
    p = docx.Document(io.BytesIO(out.data)).paragraphs[0]
    assert p.text == "Voor de wet."
    assert p.runs[0].text == "Voor" and p.runs[0].bold
    assert p.runs[1].text == " de wet."


def test_api_exports_rewrite() -> None:
    assert eenvoudig.rewrite is rewrite
    assert "rewrite" in eenvoudig.__all__ and "Rewrite" in eenvoudig.__all__


def test_om_niet_is_gratis_not_a_negation() -> None:
    result = simplify("Wij hebben besloten u bijzondere bijstand om niet te verstrekken. Om niet te vergeten, bel ons.")
    assert result.text == ("Wij hebben besloten u bijzondere bijstand gratis te geven. "
                           "Om niet te vergeten, bel ons.")


def test_cli_refuses_conflicting_outputs(tmp_path: Path) -> None:
    f = tmp_path / "brief.md"
    f.write_text("Indien u vragen heeft, bel ons.\n", encoding="utf-8")
    both = run("rewrite", str(f), "--fix", "-o", str(tmp_path / "ander.txt"))
    assert both.returncode == 2 and "niet allebei" in both.stderr
    docx_out = run("rewrite", str(f), "-o", str(tmp_path / "brief.docx"))
    assert docx_out.returncode == 2 and ".docx" in docx_out.stderr
    assert f.read_text(encoding="utf-8") == "Indien u vragen heeft, bel ons.\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.md"]


# ------------------------------------------------------------------------ the parse in rewriting (issue 9)

# Each row: sentence, unsafe?, the exact result. The morphology of the matched form decides person, tense
# and participle vs infinitive; the parse decides noun vs verb and where a separable part goes.
PARSED_REWRITES = [
    # one spelling for ik and hij: the subject decides
    ("De gemeente tracht u te helpen.", True, "De gemeente probeert u te helpen."),
    ("De gemeente benut het geld.", True, "De gemeente gebruikt het geld."),
    ("Wij weten dat de gemeente het besluit toelicht.", False, "Wij weten dat de gemeente het besluit uitlegt."),
    ("Ik weet dat ik het besluit toelicht.", False, "Ik weet dat ik het besluit uitleg."),
    # infinitive = participle: after 'het' an infinitive, after 'heeft' a participle
    ("Het betreden van het terrein is verboden.", True, "Het binnengaan van het terrein is verboden."),
    ("Hij heeft dit bezien.", True, "Hij heeft dit bekeken."),
    ("Wij zullen het terrein betreden.", True, "Wij zullen het terrein binnengaan."),
    # present plural (written like the infinitive and the past plural): tense from the morphology,
    # the separable part at the end of the clause the parse gives the verb
    ("Wij verwelkomen de nieuwe bewoners.", True, "Wij heten de nieuwe bewoners welkom."),
    ("Wij ontraden u dat.", True, "Wij raden u dat af."),
    ("Wij retourneren het formulier dat u stuurde.", False, "Wij sturen het formulier terug dat u stuurde."),
    # a participle the tagger read as a present tense: worden on it makes it a participle
    ("Er werd informatie verstrekt over de inhoud.", False, "Er werd informatie gegeven over de inhoud."),
    # a participle before a noun stays an adjective, whatever the tagger thinks of its tense
    ("De verstrekte bijdrage is hoog.", False, "De gegeven bijdrage is hoog."),
    ("Wij kijken naar de aan u verstrekte uitkering.", False, "Wij kijken naar de aan u gegeven uitkering."),
    # a noun that looks like a verb form is not swapped as a verb
    ("Verzoek extra papieren", True, "Verzoek extra papieren"),
    # an abbreviation's replacement keeps its own case: a capital only at the start of the sentence
    ("Uw IIT is hoog.", True, "Uw individuele inkomenstoeslag is hoog."),
    ("IIT is hoog.", True, "Individuele inkomenstoeslag is hoog."),
    # a separable part is never put after an article: the edit is not made
    ("Retourneer de indien.", False, "Retourneer de indien."),
    # the plain word already stands next to the difficult one: no swap ("openheid en openheid")
    ("Er wordt in openheid en transparantie gewerkt.", False, "Er wordt in openheid en transparantie gewerkt."),
    # an alternative that is itself officialese with a safe swap is skipped (else a second run changes it)
    ("Wij helpen u mbv een formulier.", False, "Wij helpen u met een formulier."),
]


@pytest.mark.parametrize(("before", "unsafe", "after"), PARSED_REWRITES)
def test_rewrite_follows_the_parse(before: str, unsafe: bool, after: str) -> None:
    once = simplify(before, unsafe=unsafe, config=WORDS_ONLY).text
    assert once == after
    if not unsafe:
        assert simplify(once, config=WORDS_ONLY).text == once   # rewriting the result again changes nothing


def test_abbreviation_case() -> None:
    from eenvoudig.rewriting import _cap

    assert _cap("in verband met", "I.v.m.", abbreviation=True) == "In verband met"
    assert _cap("burgerservicenummer", "BSN", abbreviation=True, initial=False) == "burgerservicenummer"
    assert _cap("stuur", "RETOURNEER") == "STUUR"


def test_lexicon_finding_shows_gaps_only_where_words_lie_between() -> None:
    from eenvoudig.checks import check_text

    messages = [f.message for f in check_text("Wij stellen u graag in de gelegenheid om te reageren.").findings
                if f.rule == "lexicon.ambtelijk"]
    assert messages == ["'stellen … in de gelegenheid' is ambtelijke taal. Schrijf liever: 'de kans geven'."]
