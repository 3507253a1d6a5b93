"""The `eenvoudig` command on real files: text and JSON reports, exit codes, stdin, .docx, config, lexicon."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from conftest import LETTERS

DEMO = LETTERS["demo"]
PLAIN = LETTERS["b1-eenvoudig"]

REPORT_SCHEMA = {
    "type": "object",
    "required": ["schema_version", "files"],
    "properties": {
        "schema_version": {"const": 1},
        "files": {"type": "array", "items": {
            "type": "object",
            "required": ["path", "score", "findings"],
            "properties": {
                "path": {"type": "string"},
                "score": {
                    "type": "object",
                    "required": ["level", "label", "difficulty", "passed", "metrics"],
                    "properties": {
                        "level": {"type": "integer", "minimum": 1, "maximum": 4},
                        "label": {"type": "string", "pattern": "ongeveer"},
                        "difficulty": {"type": "number", "minimum": 0, "maximum": 100},
                        "passed": {"type": "boolean"},
                        "metrics": {"type": "object", "required": [
                            "sentences", "words", "words_per_sentence", "words_per_sentence_p90",
                            "words_per_sentence_max", "difficult_words_pct", "flesch_douma", "brouwer", "lix",
                            "passive_pct"]},
                    },
                },
                "findings": {"type": "array", "items": {
                    "type": "object",
                    "required": ["rule", "severity", "line", "column", "end_line", "end_column", "message",
                                 "suggestions"],
                    "properties": {
                        "rule": {"type": "string", "pattern": r"^[a-z]+\.[a-z-]+$"},
                        "severity": {"enum": ["info", "warning", "error"]},
                        "line": {"type": "integer", "minimum": 1},
                        "column": {"type": "integer", "minimum": 1},
                        "end_line": {"type": "integer", "minimum": 1},
                        "end_column": {"type": "integer", "minimum": 1},
                        "message": {"type": "string", "minLength": 1},
                        "suggestions": {"type": "array", "items": {"type": "string"}},
                    },
                }},
            },
        }},
    },
}


@pytest.fixture(scope="module")
def demo_json(invoke) -> dict:
    result = invoke("check", "--format", "json", "--fail-on", "never", DEMO)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def demo_text(invoke) -> str:
    result = invoke("check", "--fail-on", "never", DEMO)
    assert result.exit_code == 0, result.stderr
    return result.stdout


# ------------------------------------------------------------------------------------------ text


def test_text_report_starts_with_the_level_then_begin_hier_then_details(demo_text: str) -> None:
    lines = demo_text.splitlines()
    assert lines[0] == str(DEMO)
    assert re.match(r"  Niveau 4 van 4: .*ongeveer.*Moeilijkheid \d+ van 100: nog niet goed voor B1\.", lines[1])
    assert lines[2:4] == ["", "  Begin hier: wat het meest helpt"]
    details = lines.index("  Details")
    assert re.match(r"  \d+ zinnen, \d+ woorden\. Woorden per zin: gemiddeld \d+,\d", lines[details + 1])
    assert "Flesch-Douma" in demo_text and "alleen ter vergelijking" in demo_text
    assert "LiNT" not in demo_text  # never presented as a LiNT score


def test_text_report_findings_with_line_numbers_and_marked_sentence(demo_text: str) -> None:
    # a word finding: the place, the rule, the message, and the sentence with the word between «»
    block = demo_text.split("\n\n")
    # findings are grouped per sentence: the place, the sentence quoted once, then each finding
    hit = next(b for b in block if "[woord.moeilijk]" in b and "onherstelbaar" in b)
    line = next(i for i, t in enumerate(DEMO.read_text("utf-8").splitlines(), 1) if "onherstelbaar" in t)
    # the demo letter has one line per paragraph: "kolom 483" helps nobody, so the place is the paragraph
    paragraph = 1 + next(i for i, t in enumerate(DEMO.read_text("utf-8").split("\n\n")) if "onherstelbaar" in t)
    assert re.search(rf"^  alinea {paragraph} \(regel {line}\)  \(zin: (eenvoudig|redelijk eenvoudig|moeilijk|erg moeilijk)\)$",
                     hit, re.M)
    assert re.search(r"^    (tip|waarschuwing)  'onherstelbaar' .*\[woord\.moeilijk\]$", hit, re.M)
    assert "«onherstelbaar»" in hit
    assert "> «Bij de beoordeling» van uw aanvraag" in hit or "> Bij de beoordeling van uw aanvraag" in hit
    assert "Waarom: " in demo_text
    assert "\x1b[" not in demo_text  # no colour codes when the output is not a terminal


def test_text_report_document_findings(demo_text: str) -> None:
    assert "\n  Hele tekst\n" in demo_text
    assert re.search(r"^    fout  Deze tekst is .*\[score\.niveau\]$", demo_text, re.M)


def test_text_report_plain_letter(invoke) -> None:
    result = invoke("check", PLAIN)
    assert result.exit_code == 0
    assert "goed voor B1" in result.stdout and "nog niet goed" not in result.stdout


# ------------------------------------------------------------------------------------------ json


def test_json_report_schema(demo_json: dict) -> None:
    jsonschema.validate(demo_json, REPORT_SCHEMA)
    f = demo_json["files"][0]
    assert f["path"] == str(DEMO)
    assert f["score"]["level"] == 4 and f["score"]["passed"] is False
    assert {x["rule"] for x in f["findings"]} >= {"zin.lang", "stijl.lijdend", "score.niveau"}


def test_json_findings_point_into_the_file(demo_json: dict) -> None:
    lines = DEMO.read_text("utf-8").split("\n")
    for f in demo_json["files"][0]["findings"]:
        if f["rule"] == "woord.moeilijk":
            word = re.match(r"'(.+)' is een woord", f["message"]).group(1)
            assert f["line"] == f["end_line"]
            assert lines[f["line"] - 1][f["column"] - 1:f["end_column"] - 1] == word


def test_json_several_files(invoke) -> None:
    result = invoke("check", "--format", "json", "--fail-on", "never", PLAIN, LETTERS["terugvordering-bijstand"])
    data = json.loads(result.stdout)
    jsonschema.validate(data, REPORT_SCHEMA)
    assert [f["path"] for f in data["files"]] == [str(PLAIN), str(LETTERS["terugvordering-bijstand"])]
    assert data["files"][0]["score"]["difficulty"] < data["files"][1]["score"]["difficulty"]


# ------------------------------------------------------------------------------------ exit codes


def test_exit_codes_with_click(invoke, tmp_path: Path) -> None:
    assert invoke("check", "--fail-on", "never", DEMO).exit_code == 0
    assert invoke("check", "--fail-on", "info", DEMO).exit_code == 1
    assert invoke("check", DEMO).exit_code == 1            # default: fail on errors
    assert invoke("check", "--fail-on", "error", PLAIN).exit_code == 0
    assert invoke("check", "--bestaat-niet", DEMO).exit_code == 2
    assert invoke("check", "--format", "xml", DEMO).exit_code == 2
    assert invoke("check").exit_code == 2
    empty = tmp_path / "leeg.txt"
    empty.write_bytes(b"")
    result = invoke("check", empty)
    assert result.exit_code == 3
    assert result.stderr.strip() == f"eenvoudig: {empty}: het bestand is leeg."


def test_unknown_option_through_main(run_main) -> None:
    result = run_main("check", "--bestaat-niet", DEMO)
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr


def test_bad_input_stops_only_that_file(invoke, tmp_path: Path) -> None:
    missing = tmp_path / "weg.txt"
    result = invoke("check", "--format", "json", "--fail-on", "never", missing, PLAIN)
    assert result.exit_code == 3
    assert [f["path"] for f in json.loads(result.stdout)["files"]] == [str(PLAIN)]
    assert "bestaat niet" in result.stderr


def test_real_cli_unknown_option(run_cli) -> None:
    result = run_cli("check", "--bestaat-niet", DEMO)
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr


def test_real_cli_fail_on_never_and_stdin(run_cli) -> None:
    result = run_cli("check", "--fail-on", "never", "--format", "json", "-", input=DEMO.read_text("utf-8"))
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["files"][0]["path"] == "-"
    assert data["files"][0]["score"]["level"] == 4


def test_stdin_with_click(invoke) -> None:
    result = invoke("check", "-", input="Geachte heer Jansen,\n\nWij betalen u € 25,- per maand.\n")
    assert result.exit_code == 0
    assert result.stdout.startswith("-\n  Niveau 1 van 4")


# ------------------------------------------------------------------------------------------ docx


def test_docx_report_names_paragraphs(invoke, tmp_path: Path) -> None:
    import docx

    d = docx.Document()
    d.add_heading("Uw aanvraag", level=1)
    d.add_paragraph("Geachte heer Jansen,")
    d.add_paragraph("Wij hebben uw dossier gedigitaliseerd.")
    d.add_paragraph("Indien u het niet eens bent met dit besluit, kunt u binnen zes weken na de datum van deze "
                    "brief schriftelijk bezwaar maken bij het college van burgemeester en wethouders.")
    f = tmp_path / "brief.docx"
    d.save(f)
    text = invoke("check", "--fail-on", "never", f).stdout
    assert re.search(r"^  alinea 3(  \(zin: [a-z ]+\))?\n    > .*\n(    .*\n)*    (tip|waarschuwing)  .*\[woord\.moeilijk\]",
                     text, re.M)
    assert re.search(r"^  alinea 4  \(zin: erg moeilijk\)\n    > .*\n    fout  .*\[zin\.lang\]", text, re.M)
    assert "regel " not in text
    data = json.loads(invoke("check", "--format", "json", "--fail-on", "never", f).stdout)
    hit = next(x for x in data["files"][0]["findings"] if x["rule"] == "woord.moeilijk")
    assert (hit["line"], hit["column"]) == (3, 23)  # paragraph 3, character 23


# ---------------------------------------------------------------------------------------- config


def _rules(result) -> set[str]:
    return {f["rule"] for f in json.loads(result.stdout)["files"][0]["findings"]}


def test_config_from_eenvoudig_toml(invoke, tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "eenvoudig.toml").write_text('fail-on = "never"\nkleur = "rood"\n\n[rules]\n"stijl" = false\n',
                                             encoding="utf-8")
    sub = tmp_path / "brieven"
    sub.mkdir()
    result = invoke("check", "--format", "json", DEMO, cwd=sub)  # found from a subfolder too
    assert result.exit_code == 0  # fail-on from the config
    got = _rules(result)
    assert got and not any(r.startswith("stijl.") for r in got)
    assert "onbekende instelling 'kleur'" in result.stderr


def test_config_from_pyproject(invoke, tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "brieven"\n\n[tool.eenvoudig]\ntarget = "B2"\n\n'
        '[tool.eenvoudig.thresholds."zin.lang"]\nwarning = 35\nerror = 60\n', encoding="utf-8")
    result = invoke("check", "--format", "json", "--fail-on", "never", DEMO, cwd=tmp_path)
    f = json.loads(result.stdout)["files"][0]
    assert f["score"]["target"] == "B2"
    assert {x["severity"] for x in f["findings"] if x["rule"] == "zin.lang"} == {"warning"}
    assert result.stderr == ""


def test_options_beat_config(invoke, tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "eenvoudig.toml").write_text('fail-on = "never"\n', encoding="utf-8")
    assert invoke("check", "--fail-on", "warning", DEMO, cwd=tmp_path).exit_code == 1


def test_size_limit_from_config(invoke, tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "eenvoudig.toml").write_text("max-file-mb = 0.001\n", encoding="utf-8")
    result = invoke("check", DEMO, cwd=tmp_path)
    assert result.exit_code == 3
    assert f"{DEMO}: het bestand is te groot" in result.stderr and "max-file-mb" in result.stderr


def test_encoding_option(invoke, tmp_path: Path) -> None:
    f = tmp_path / "windows.txt"
    f.write_bytes("Geachte heer Jansen,\n\nWij betalen u “€ 450” voor het café.\n".encode("cp1252"))
    refused = invoke("check", f)
    assert refused.exit_code == 3 and "--encoding cp1252" in refused.stderr
    result = invoke("check", "--encoding", "cp1252", "--format", "json", f)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["files"][0]["score"]["metrics"]["sentences"] == 1


def test_broken_config_is_bad_input(run_main, tmp_path: Path) -> None:
    (tmp_path / "eenvoudig.toml").write_text('target = "C9"\n', encoding="utf-8")
    result = run_main("check", PLAIN, cwd=tmp_path)
    assert result.exit_code == 3
    assert "target moet A2, B1 of B2 zijn" in result.stderr and "Traceback" not in result.stderr


# ------------------------------------------------------------------------------- start-up cost


@pytest.mark.parametrize("flag", ["--help", "--version", "-h", "-V"])
def test_help_and_version_do_not_import_spacy(flag: str) -> None:
    code = ("import sys\nfrom eenvoudig.cli import main\ncode = 0\ntry:\n    main([%r])\nexcept SystemExit as e:\n"
            "    code = e.code\nprint('SPACY' if 'spacy' in sys.modules else 'GEEN-SPACY', code)\n" % flag)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.stdout.strip().splitlines()[-1] == "GEEN-SPACY 0", proc.stdout + proc.stderr
    assert "eenvoudig" in proc.stdout


def test_help_is_dutch(invoke) -> None:
    out = invoke("--help").stdout
    assert "maak brieven van de gemeente begrijpelijk" in out
    assert "check" in out and "lexicon" in out


# ---------------------------------------------------------------------------------------- lexicon


def test_lexicon_validate_reports_located_errors(invoke, tmp_path: Path) -> None:
    f = tmp_path / "eigen.tsv"
    f.write_text("moeilijk\teenvoudig\tsoort\tcategorie\tveilig\tuitleg\tbron\tuitspraak\n"
                 "retourneren\tterugsturen\tww\tambtelijk\tja\t\teigen oordeel\t\n"
                 "# een opmerking\n"
                 "voornoemd\tdie\tbn\traar\tmisschien\t\t\t\n"
                 "alsmede\ten\n", encoding="utf-8")
    result = invoke("lexicon", "validate", f)
    assert result.exit_code == 3
    errors = [line for line in result.stderr.splitlines() if ": " in line and "fout(en)" not in line]
    assert any(line.startswith(f"{f}:4: ") and "categorie 'raar'" in line and "veilig" in line and "'bron' is leeg" in line
               for line in errors), result.stderr
    assert any(line.startswith(f"{f}:5: ") and "8 kolommen" in line for line in errors), result.stderr
    assert not any(line.startswith(f"{f}:2:") for line in errors)


def test_lexicon_zoek_inflected_form(invoke) -> None:
    result = invoke("lexicon", "zoek", "teruggevorderd")
    assert result.exit_code == 0
    assert result.stdout.startswith("terugvorderen  (ww, juridisch)")
    assert "Eenvoudiger: terugvragen" in result.stdout
    data = json.loads(invoke("lexicon", "zoek", "--format", "json", "beschikkingen").stdout)
    assert data["moeilijk"] == "beschikking" and "besluit" in data["eenvoudig"]


def test_lexicon_zoek_unknown_word(invoke) -> None:
    result = invoke("lexicon", "zoek", "fiets")
    assert result.exit_code == 1
    assert "staat niet in het lexicon" in result.stdout



def test_real_cli_exit_codes(run_cli, tmp_path: Path) -> None:
    """The installed command (through main) returns 1 for findings and 3 for bad input, not only CliRunner."""
    assert run_cli("check", "--fail-on", "info", str(DEMO)).exit_code == 1
    assert run_cli("check", "--fail-on", "never", str(DEMO)).exit_code == 0
    empty = tmp_path / "leeg.txt"
    empty.write_text("", encoding="utf-8")
    png = tmp_path / "plaatje.txt"
    png.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    for bad in (empty, png, tmp_path / "weg.txt"):
        result = run_cli("check", str(bad))
        assert result.exit_code == 3, bad
        assert "Traceback" not in result.stderr and result.stderr.startswith("eenvoudig: ")
        assert len(result.stderr.strip().splitlines()) == 1


def test_lexicon_validate_shipped_through_main(run_main) -> None:
    result = run_main("lexicon", "validate")
    assert result.exit_code == 0, result.stderr
    assert "In orde" in result.stdout


def test_usage_errors_are_plain_dutch(run_main) -> None:
    result = run_main("check", "--formaat", "json", "brief.txt")
    assert result.exit_code == 2
    assert "de optie --formaat bestaat niet. Bedoelt u --format of --kort?" in result.stderr
    assert "No such option" not in result.stderr
    result = run_main("chek", "brief.txt")
    assert result.exit_code == 2 and "de opdracht 'chek' bestaat niet" in result.stderr
    result = run_main("check")
    assert result.exit_code == 2 and "eenvoudig: er ontbreekt iets: BESTANDEN.\n" in result.stderr   # as in --help
    result = run_main("check", "--jobs", "-1", "brief.txt")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == "eenvoudig: -1 is te klein voor -j / --jobs: kies 0 of meer."


def test_range_errors_are_plain_dutch() -> None:
    from eenvoudig.cli import usage_message

    assert usage_message("Invalid value for '--workers': 0 is not in the range x>=1.") == (
        "0 is te klein voor --workers: kies 1 of meer.")
    assert usage_message("Invalid value for '--n': 12 is not in the range x<=10.") == (
        "12 is te groot voor --n: kies 10 of minder.")
    assert usage_message("Invalid value for '--n': 7 is not in the range 1<=x<=5.") == (
        "7 kan niet bij --n: kies een getal van 1 tot en met 5.")


def test_fail_on_accepts_the_dutch_words(run_main) -> None:
    assert run_main("check", "--fail-on", "tip", str(DEMO)).exit_code == 1
    assert run_main("check", "--fail-on", "nooit", str(DEMO)).exit_code == 0


def test_tool_table_in_eenvoudig_toml_is_read(tmp_path) -> None:
    from eenvoudig.config import load_config

    f = tmp_path / "eenvoudig.toml"
    f.write_text('[tool.eenvoudig]\ntarget = "A2"\n', encoding="utf-8")
    config = load_config(f)
    assert config.target == "A2" and not config.warnings


# ---------------------------------------------------------------------------------- small things


def test_every_command_help_is_dutch(invoke) -> None:
    for command in ("check", "rewrite", "render", "lint", "demo", "lexicon", "lexicon zoek"):
        out = invoke(*command.split(), "--help").stdout
        assert "Toon deze hulp en stop." in out and "Show this message" not in out, command
    assert "pdf: het blad als pdf" in " ".join(invoke("render", "--help").stdout.split())
    assert "Standaard: fout" in " ".join(invoke("check", "--help").stdout.split())



def test_click_s_own_help_words_are_dutch_too(invoke) -> None:
    # new user, 2026-12-03: "Usage:", "Options:", "[default: text]", "DIRECTORY", "INTEGER RANGE" were English
    english = re.compile(r"Usage:|Options:|Commands:|\[default|\[required|\b(?:FILES?|DIRECTORY|TEXT|INTEGER|PATHS?|"
                         r"OPTIONS|COMMAND|ARGS|FOLDERS|WORD)\b")
    for command in ("", "check", "rewrite", "render", "lint", "demo", "lexicon", "lexicon zoek", "lexicon validate",
                    "serve", "archief"):
        out = invoke(*command.split(), "--help").stdout
        assert english.findall(out) == [], command
    render = invoke("render", "--help").stdout
    assert render.splitlines()[0].endswith(" render [OPTIES] BESTANDEN...") and render.startswith("Gebruik: ")
    assert "\nOpties:\n" in render and "-o, --out MAP" in render and "-j, --jobs GETAL" in render
    assert "[standaard: text]" in render and "[standaard: 1; 0 of meer]" in render
    assert invoke("--help").stdout.splitlines()[0].endswith(" [OPTIES] OPDRACHT [ARGUMENTEN]...")
    assert "\nOpdrachten:\n" in invoke("--help").stdout


def test_rewrite_output_onto_the_letter_itself_is_refused(run_main, tmp_path: Path) -> None:
    f = tmp_path / "brief.txt"
    f.write_text("Indien u vragen heeft, bel ons.\n", encoding="utf-8")
    result = run_main("rewrite", f, "-o", f)
    assert result.exit_code == 2 and "gebruik --fix" in result.stderr
    assert f.read_text(encoding="utf-8") == "Indien u vragen heeft, bel ons.\n"


def test_rewrite_honours_suppression_comments_as_lint_does(run_main, tmp_path: Path) -> None:
    f = tmp_path / "brief.txt.j2"
    f.write_text("Beste {{ naam }},\n\nWij verzoeken u het formulier te retourneren. "
                 "{# eenvoudig: negeer lexicon.ambtelijk #}\n\nWij verzoeken u ook de bijlage te retourneren.\n",
                 encoding="utf-8")
    result = run_main("rewrite", f, "--format", "json")
    data = json.loads(result.stdout)
    assert result.exit_code == 0 and [(e["line"], e["before"], e["after"]) for e in data["edits"]] == [
        (5, "verzoeken", "vragen"), (5, "te retourneren", "terug te sturen")]
    assert data["text"].splitlines()[2:] == [
        "Wij verzoeken u het formulier te retourneren. {# eenvoudig: negeer lexicon.ambtelijk #}", "",
        "Wij vragen u ook de bijlage terug te sturen."]
    f.write_text("{# eenvoudig: negeer-bestand #}\nWij verzoeken u het formulier te retourneren.\n", encoding="utf-8")
    assert json.loads(run_main("rewrite", f, "--format", "json").stdout)["edits"] == []
    f.write_text("{# eenvoudig: negeer zin.lang #}\nWij verzoeken u het formulier te retourneren.\n", encoding="utf-8")
    assert len(json.loads(run_main("rewrite", f, "--format", "json").stdout)["edits"]) == 2   # another rule


def test_a_multiword_phrase_is_quoted_as_written() -> None:
    from eenvoudig.checks import check_text

    messages = [f.message for f in check_text("Wij hebben dit in het kader van de wet besloten.").findings]
    # suggestion only (veilig = nooit): the writer is asked to check the meaning
    assert ("'in het kader van' is ambtelijke taal. Misschien past: 'voor' of 'bij'. Kijk of de zin dan nog hetzelfde "
            "zegt.") in messages


def test_render_takes_dash_o_like_check(run_main, tmp_path) -> None:
    # check and rewrite say -o for where the output goes; render, demo and archief take the same short option
    out = tmp_path / "uit"
    result = run_main("render", str(LETTERS["b1-eenvoudig"]), "--format", "html", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert (out / "brief.html").is_file()


def test_check_html_into_a_bad_folder_names_the_option_used(run_main, tmp_path) -> None:
    # new user, 2026-12-03: "Kies een andere map met --out" after `check … -o …`, which has no --out
    (tmp_path / "f.txt").write_text("", encoding="utf-8")
    result = run_main("check", PLAIN, "--format", "html", "-o", "f.txt/rapport.html")
    assert result.exit_code == 3
    assert result.stderr == "eenvoudig: f.txt: dit is een bestand, geen map. Kies een andere map met -o.\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".git", "f.txt"]
