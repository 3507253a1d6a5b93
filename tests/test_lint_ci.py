"""`eenvoudig lint` as CI uses it: exact output in every format (SARIF regions to the column), exit-code
precedence, a run that checks nothing, include/exclude anchored at the configuration file and applied to files
given by name, and the Action's declared outputs (issue 16, research/new-user-2026-12.md problems 10, 11, 15)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from eenvoudig import __version__
from eenvoudig.cli import main
from eenvoudig.config import load_config
from eenvoudig.lint import lint_paths
from eenvoudig.lint.formats import render

REPO = Path(__file__).resolve().parent.parent
LONGWORD = "inkomensverklaringsformulier"


def write(root: Path, name: str, text: str | bytes) -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, "utf-8")
    return path


def run_main(args: list[str], capsys) -> tuple[int, str, str]:
    """Run the real CLI entry point; return (exit code, stdout, stderr)."""
    capsys.readouterr()
    try:
        main(args)
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    out = capsys.readouterr()
    return code, out.out, out.err


# ---------------------------------------------------------------- a run with only our own rules in it

ONNODIG = ("Deze uitzondering voor zin.lengte is niet nodig: eenvoudig meldt hier niets. Haal de uitzondering weg.")
SYNTAXIS = "Het sjabloon heeft een fout: '{% if %}' wordt niet afgesloten met '{% endif %}'."
ONTBREEKT = ("eenvoudig kan het sjabloon 'weg.txt.j2' niet vinden in de gecontroleerde map, of het is geen sjabloon "
             "(een verborgen of uitgesloten bestand). De tekst daarvan is niet meegeteld.")
LATIN = "e.txt: de tekst is niet opgeslagen als UTF-8. Sla het bestand op als UTF-8."
BINARY = "d.html: overgeslagen, want dit is geen tekst maar een binair bestand."


@pytest.fixture
def own(tmp_path, monkeypatch):
    """Five files whose findings come only from lint's own rules, so every output can be pinned exactly."""
    write(tmp_path, "a.txt.j2", "\n  {# eenvoudig: negeer zin.lengte #}\n")
    write(tmp_path, "b.txt.j2", "{% if x %}\n")
    write(tmp_path, "c.txt.j2", "{% include 'weg.txt.j2' %}\n")
    write(tmp_path, "d.html", b"\x89PNG\r\n\x1a\n\x00")
    write(tmp_path, "e.txt", "Wij sturen u \xe9\xe9n brief.\n".encode("latin-1"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_text_output_exactly(own):
    assert render(lint_paths(["."]), "text") == (
        f"a.txt.j2:2:3: waarschuwing [sjabloon.onnodig] {ONNODIG}\n"
        f"b.txt.j2:1:1: fout [sjabloon.syntaxis] {SYNTAXIS}\n"
        f"c.txt.j2:1:1: tip [sjabloon.ontbreekt] {ONTBREEKT}\n"
        "3 bestanden gecontroleerd: 1 fout, 1 waarschuwing, 1 tip.")


def test_github_output_exactly(own):
    assert render(lint_paths(["."]), "github").splitlines() == [
        f"::warning file=a.txt.j2,line=2,endLine=2,col=3,endColumn=37,title=eenvoudig (sjabloon.onnodig)::{ONNODIG}",
        "::error file=b.txt.j2,line=1,endLine=1,col=1,endColumn=11,title=eenvoudig (sjabloon.syntaxis)::"
        + SYNTAXIS.replace("%", "%25"),                                                  # GitHub's escape for %
        f"::notice file=c.txt.j2,line=1,endLine=1,col=1,endColumn=27,title=eenvoudig (sjabloon.ontbreekt)::{ONTBREEKT}",
        f"::notice title=eenvoudig::{BINARY}",
        f"::error title=eenvoudig::{LATIN}",
        "3 bestanden gecontroleerd: 1 fout, 1 waarschuwing, 1 tip."]


def test_github_escapes_properties(tmp_path, monkeypatch):
    write(tmp_path, "a,b:c%.txt.j2", "{% if x %}\n")
    monkeypatch.chdir(tmp_path)
    first = render(lint_paths(["."]), "github").splitlines()[0]
    assert first.startswith("::error file=a%2Cb%3Ac%25.txt.j2,line=1,endLine=1,col=1,endColumn=11,"
                            "title=eenvoudig (sjabloon.syntaxis)::Het sjabloon heeft een fout: ")


def test_json_output_exactly(own):
    data = json.loads(render(lint_paths(["."]), "json", fail_on="warning"))
    assert data["schema_version"] == 1 and data["tool"] == {"name": "eenvoudig", "version": __version__}
    assert data["summary"] == {"files": 5, "info": 1, "warning": 1, "error": 1, "baseline_known": 0,
                               "fails": True, "fail_on": "warning"}
    assert data["notes"] == [BINARY] and data["errors"] == [LATIN]
    files = {r["path"]: r for r in data["files"]}
    assert {p: (r["mode"], r["renders"], r["note"], r["error"]) for p, r in files.items()} == {
        "a.txt.j2": ("jinja", 1, None, None), "b.txt.j2": ("masker", 1, None, None),
        "c.txt.j2": ("jinja", 1, None, None), "d.html": ("overgeslagen", 0, BINARY, None),
        "e.txt": ("overgeslagen", 0, None, LATIN)}
    finding = files["a.txt.j2"]["findings"][0]
    assert finding.pop("fingerprint").endswith(":1")
    assert finding == {"path": "a.txt.j2", "rule": "sjabloon.onnodig", "severity": "warning", "line": 2, "column": 3,
                       "end_line": 2, "end_column": 37, "message": ONNODIG,
                       "why": "Een oude uitzondering kan later een echte melding verbergen.", "sentence": "",
                       "suggestions": []}


def test_junit_output_exactly(own):
    assert render(lint_paths(["."]), "junit", fail_on="warning") == f"""\
<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="eenvoudig" tests="5" failures="2" errors="1">
  <testsuite name="eenvoudig lint" tests="5" failures="2" errors="1" skipped="1">
    <testcase name="a.txt.j2" classname="eenvoudig.lint" file="a.txt.j2">
      <failure type="eenvoudig" message="1 melding op niveau waarschuwing of hoger">a.txt.j2:2:3: waarschuwing [sjabloon.onnodig] {ONNODIG}</failure>
    </testcase>
    <testcase name="b.txt.j2" classname="eenvoudig.lint" file="b.txt.j2">
      <failure type="eenvoudig" message="1 melding op niveau waarschuwing of hoger">b.txt.j2:1:1: fout [sjabloon.syntaxis] Het sjabloon heeft een fout: '{{% if %}}' wordt niet afgesloten met '{{% endif %}}'.</failure>
    </testcase>
    <testcase name="c.txt.j2" classname="eenvoudig.lint" file="c.txt.j2">
      <system-out>c.txt.j2:1:1: tip [sjabloon.ontbreekt] {ONTBREEKT}</system-out>
    </testcase>
    <testcase name="d.html" classname="eenvoudig.lint" file="d.html">
      <skipped message="{BINARY}" />
    </testcase>
    <testcase name="e.txt" classname="eenvoudig.lint" file="e.txt">
      <error message="{LATIN}" type="invoer" />
    </testcase>
  </testsuite>
</testsuites>"""


def test_sarif_results_and_notifications_exactly(own):
    log = json.loads(render(lint_paths(["."]), "sarif"))
    run = log["runs"][0]
    rules = [r["id"] for r in run["tool"]["driver"]["rules"]]
    results = [{k: v for k, v in r.items() if k != "partialFingerprints"} for r in run["results"]]
    assert results == [
        {"ruleId": "sjabloon.onnodig", "ruleIndex": rules.index("sjabloon.onnodig"), "level": "warning",
         "message": {"text": ONNODIG}, "locations": [{"physicalLocation": {
             "artifactLocation": {"uri": "a.txt.j2", "uriBaseId": "%SRCROOT%"},
             "region": {"startLine": 2, "startColumn": 3, "endLine": 2, "endColumn": 37}}}]},
        {"ruleId": "sjabloon.syntaxis", "ruleIndex": rules.index("sjabloon.syntaxis"), "level": "error",
         "message": {"text": SYNTAXIS}, "locations": [{"physicalLocation": {
             "artifactLocation": {"uri": "b.txt.j2", "uriBaseId": "%SRCROOT%"},
             "region": {"startLine": 1, "startColumn": 1, "endLine": 1, "endColumn": 11}}}]},
        {"ruleId": "sjabloon.ontbreekt", "ruleIndex": rules.index("sjabloon.ontbreekt"), "level": "note",
         "message": {"text": ONTBREEKT}, "locations": [{"physicalLocation": {
             "artifactLocation": {"uri": "c.txt.j2", "uriBaseId": "%SRCROOT%"},
             "region": {"startLine": 1, "startColumn": 1, "endLine": 1, "endColumn": 27}}}]}]
    assert run["invocations"] == [{"executionSuccessful": False, "toolExecutionNotifications": [
        {"level": "note", "message": {"text": BINARY}}, {"level": "error", "message": {"text": LATIN}}]}]
    assert run["columnKind"] == "unicodeCodePoints"


# ------------------------------------------------------------------------ SARIF regions of real prose

PROSE = ("Beste {{ naam }},\n\n"
         "Wij sturen u 💶 een " + LONGWORD + ".\n\n"
         "Wij sturen u na ontvangst van alle stukken die u ons heeft toegestuurd\n"
         "binnen een termijn van acht weken een brief met daarin ons besluit over uw aanvraag.\n")


def test_sarif_regions_of_prose_findings_to_the_column(tmp_path, monkeypatch):
    write(tmp_path, "brief.txt.j2", PROSE)
    monkeypatch.chdir(tmp_path)
    results = json.loads(render(lint_paths(["brief.txt.j2"]), "sarif"))["runs"][0]["results"]
    regions = {r["ruleId"]: r["locations"][0]["physicalLocation"]["region"] for r in results}
    # columns count code points: the emoji before the long word is one column
    assert regions["woord.lang"] == {"startLine": 3, "startColumn": 20, "endLine": 3, "endColumn": 48}
    assert PROSE.splitlines()[2][19:47] == LONGWORD
    # a sentence over two lines: from its first letter to just after its full stop
    assert regions["zin.lang"] == {"startLine": 5, "startColumn": 1, "endLine": 6, "endColumn": 85}
    assert len(PROSE.splitlines()[5]) == 84
    # a finding about the whole text has a start only
    whole = [r["locations"][0]["physicalLocation"]["region"] for r in results
             if r["ruleId"] in ("zin.gemiddeld", "score.niveau")]
    assert whole and all(region == {"startLine": 1, "startColumn": 1} for region in whole)


# ------------------------------------------------------------------------------------- exit codes


def test_bad_input_wins_over_findings_in_every_format(own, capsys):
    for fmt in ("text", "json", "sarif", "github", "junit"):
        assert run_main(["lint", ".", "--format", fmt], capsys)[0] == 3, fmt
    assert run_main(["lint", ".", "--fail-on", "never"], capsys)[0] == 3
    assert run_main(["lint", ".", "--baseline", "basis.json", "--write-baseline"], capsys)[0] == 3
    assert run_main(["lint", ".", "--exclude", "e.txt"], capsys)[0] == 1           # findings only
    assert run_main(["lint", ".", "--exclude", "e.txt", "--fail-on", "never"], capsys)[0] == 0


def test_a_run_that_checks_nothing_exits_3(tmp_path, monkeypatch, capsys):
    (tmp_path / "leeg").mkdir()
    write(tmp_path, "templates/brief.txt.j2", "Wij sturen u een brief.\n")
    monkeypatch.chdir(tmp_path)
    code, out, err = run_main(["lint", "leeg"], capsys)
    assert code == 3
    assert err == ("eenvoudig: eenvoudig heeft in leeg geen sjablonen gevonden, dus niets gecontroleerd. eenvoudig "
                   "zoekt bestanden die passen bij include (*.j2, *.jinja, *.jinja2, *.html, *.txt, *.md, *.tpl).\n")
    assert out == "0 bestanden gecontroleerd: 0 fouten, 0 waarschuwingen, 0 tips.\n"
    write(tmp_path, "pyproject.toml", '[tool.eenvoudig.lint]\ninclude = ["brieven/**/*.j2"]\n')
    code, out, err = run_main(["lint", "templates"], capsys)
    assert code == 3 and "Een patroon met een / begint in de map van pyproject.toml (.)." in err
    assert json.loads(run_main(["lint", "templates", "--format", "json"], capsys)[1])["errors"]


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_changed_since_with_no_changed_template_is_fine_but_no_template_is_not(tmp_path, monkeypatch):
    write(tmp_path, "brieven/a.txt.j2", "Wij sturen u een brief.\n")
    (tmp_path / "leeg").mkdir()
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org"}
    for args in (["init", "-q"], ["add", "."], ["commit", "-q", "-m", "begin"]):
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True, env=env)
    monkeypatch.chdir(tmp_path)
    unchanged = lint_paths(["brieven"], changed_since="HEAD")
    assert (unchanged.errors, [r.path for r in unchanged.files]) == ((), [])
    assert lint_paths(["leeg"], changed_since="HEAD").errors == (
        "eenvoudig heeft in leeg geen sjablonen gevonden, dus niets gecontroleerd. eenvoudig zoekt bestanden die "
        "passen bij include (*.j2, *.jinja, *.jinja2, *.html, *.txt, *.md, *.tpl).",)


def test_files_given_by_name_that_include_skips_are_not_an_error(tmp_path, monkeypatch, capsys):
    write(tmp_path, "docs/handleiding.md", "Wij sturen u na ontvangst van alle stukken een brief.\n")
    write(tmp_path, "README.md", "# Sjablonen\n")
    write(tmp_path, "pyproject.toml", '[tool.eenvoudig.lint]\ninclude = ["*.j2", "*.html"]\n')
    monkeypatch.chdir(tmp_path)
    code, out, err = run_main(["lint", "docs/handleiding.md", "README.md"], capsys)   # as pre-commit calls it
    assert code == 0
    assert err == ("eenvoudig: let op: docs/handleiding.md: overgeslagen, want het past niet bij include "
                   "(*.j2, *.html).\n"
                   "eenvoudig: let op: README.md: overgeslagen, want het valt onder exclude (of is geen brief, "
                   "zoals README of LICENSE).\n")


# ------------------------------------------------------------- include/exclude like .gitignore files


def test_patterns_start_at_the_folder_of_the_configuration(tmp_path, monkeypatch):
    write(tmp_path, "templates/brieven/a.txt.j2", "Wij sturen u een brief.\n")
    write(tmp_path, "templates/brieven/oud/b.txt.j2", "Wij sturen u een brief.\n")
    write(tmp_path, "templates/mail/c.txt.j2", "Wij sturen u een brief.\n")
    write(tmp_path, "pyproject.toml", '[tool.eenvoudig.lint]\ninclude = ["templates/brieven/**/*.j2"]\n'
                                      'exclude = ["templates/brieven/oud/"]\n')
    monkeypatch.chdir(tmp_path / "templates")            # patterns start at pyproject.toml, not at the folder
    config = load_config(tmp_path / "pyproject.toml")
    assert [r.path for r in lint_paths(["."], config).files] == ["brieven/a.txt.j2"]
    named = lint_paths(["brieven/oud/b.txt.j2", "mail/c.txt.j2"], config)   # given by name: the same rules
    assert named.files == ()
    assert named.notes == (
        "brieven/oud/b.txt.j2: overgeslagen, want het valt onder exclude (of is geen brief, zoals README of LICENSE).",
        "mail/c.txt.j2: overgeslagen, want het past niet bij include (templates/brieven/**/*.j2).")


def test_cli_exclude_starts_at_the_current_folder(tmp_path, monkeypatch):
    write(tmp_path, "a/oud/x.txt.j2", "Wij sturen u een brief.\n")
    write(tmp_path, "b/oud/y.txt.j2", "Wij sturen u een brief.\n")
    monkeypatch.chdir(tmp_path)
    assert [r.path for r in lint_paths(["."], exclude=["a/oud/"]).files] == ["b/oud/y.txt.j2"]
    assert [r.path for r in lint_paths(["."], exclude=["oud/"]).files] == []


# ------------------------------------------------------------------------------------- the Action


def test_action_declares_every_output_it_writes():
    action = yaml.safe_load((REPO / "action.yml").read_text("utf-8"))
    script = next(s["run"] for s in action["runs"]["steps"] if s.get("id") == "lint")
    written = {line.split("=", 1)[0].split()[-1].strip('"') for line in script.splitlines() if "GITHUB_OUTPUT" in line}
    assert written == {"sarif-file", "exit-code"}
    assert set(action["outputs"]) == written
    assert action["outputs"]["exit-code"]["value"] == "${{ steps.lint.outputs.exit-code }}"
