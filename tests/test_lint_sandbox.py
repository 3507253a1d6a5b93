"""The template sandbox of `eenvoudig lint` under attack (issue 11, research/attack-2026-12.md D10 and D16):
runaway templates become findings, templates read only template files inside the linted tree, nothing from a
template reaches the terminal raw, and a stopped worker process becomes a finding."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from click.testing import CliRunner

from eenvoudig.cli import cli, main
from eenvoudig.config import Config, load_config, parse_config
from eenvoudig.errors import DataError
from eenvoudig.lint import LintOptions, lint_paths, lint_source
from eenvoudig.lint.formats import FORMATS, render

LONGWORD = "inkomensverklaringsformulier"
SECRET = "GEHEIMxq"


def write(root: Path, name: str, text: str) -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


def cli_runner() -> CliRunner:
    try:
        return CliRunner(mix_stderr=False)  # click 8.1
    except TypeError:
        return CliRunner()  # click >= 8.2 keeps stderr apart


def run_main(args: list[str], capsys) -> tuple[int, str]:
    """Run the real CLI entry point (it turns our errors into exit codes); return (exit code, all output)."""
    capsys.readouterr()
    try:
        main(args)
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    out = capsys.readouterr()
    return code, out.out + out.err


def every_output(run) -> str:
    return "\n".join(render(run, fmt) for fmt in FORMATS) + "\n".join([*run.notes, *run.errors])


# ------------------------------------------------------------------------------- runaway templates

def chain(n: int) -> dict[str, str]:
    files = {f"a{i}.j2": f"Wij sturen u een brief.\n{{% include 'a{i + 1}.j2' %}}{{% include 'a{i + 1}.j2' %}}\n"
             for i in range(n)}
    files[f"a{n}.j2"] = "Dat is alles.\n"
    return files


# name: (files, the file that is linted, the reason the finding must give)
RUNAWAY = {
    "geneste lussen": ({"a.j2": "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
                                "Klaar.\n"}, "a.j2", "meer dan 200.000 stappen (herhalingen, aanroepen en includes)"),
    "macro-waaier": ({"a.j2": "{% macro f(n) %}{% for i in range(n) %}{{ f(n - 1) }}{% endfor %}{% endmacro %}"
                              "{{ f(12) }}\n"}, "a.j2", "het maakt meer dan 1.000.000 tekens tekst"),
    "include-keten": (chain(26), "a0.j2", "de brief wordt langer dan 200.000 tekens"),
    "tekst keer 10**10": ({"a.j2": "Wij sturen u {{ 'x' * 10**10 }}.\n"}, "a.j2", "een waarde van meer dan 200.000 tekens"),
    "set n = 10**10": ({"a.j2": "{% set n = 10**10 %}Wij sturen u {{ 'x' * n }}.\n"}, "a.j2",
                       "een waarde van meer dan 200.000 tekens"),
    "lijst verdubbelt": ({"a.j2": "{% set a = [1] %}{% for i in range(64) %}{% do a.extend(a) %}{% endfor %}"
                                  "{{ a|length }}\n"}, "a.j2", "een lijst van meer dan 200.000 tekens"),
    "lus over groeiende lijst": ({"a.j2": "{% set a = ['x'] %}{% for x in a %}{% do a.append(x) %}{% endfor %}\n"},
                                 "a.j2", "een lijst van meer dan 200.000 tekens"),
    "tekst verdubbelt met ~": ({"a.j2": "{% set ns = namespace(s='x') %}{% for i in range(64) %}"
                                        "{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s|length }}\n"}, "a.j2",
                               "een waarde van meer dan 200.000 tekens"),
    "2 ** (10 ** 9)": ({"a.j2": "Uitkomst: {{ 2 ** (10 ** 9) }}.\n"}, "a.j2", "een getal van meer dan 1.365 cijfers"),
    "getal kwadrateert": ({"a.j2": "{% set ns = namespace(n=3) %}{% for i in range(40) %}{% set ns.n = ns.n * ns.n %}"
                                   "{% endfor %}Klaar.\n"}, "a.j2", "een getal van meer dan 1.365 cijfers"),
    "center(10**9)": ({"a.j2": "Wij sturen u {{ 'x'|center(999999999) }}.\n"}, "a.j2",
                      "een waarde van meer dan 200.000 tekens"),
    "%-veld": ({"a.j2": "Wij sturen u {{ '%0999999999d' % 1 }}.\n"}, "a.j2", "een veld breder dan 10.000 tekens"),
    "format-veld": ({"a.j2": "Wij sturen u {{ '{:>999999999}'.format(1) }}.\n"}, "a.j2",
                    "een veld breder dan 10.000 tekens"),
    "join": ({"a.j2": "{{ range(100000)|join('x' * 100000) }}\n"}, "a.j2", "een waarde van meer dan 200.000 tekens"),
    "replace": ({"a.j2": "{{ ('x' * 100000)|replace('x', 'y' * 100000) }}\n"}, "a.j2",
                "een waarde van meer dan 200.000 tekens"),
    "lipsum": ({"a.j2": "{{ lipsum(100000000) }}\n"}, "a.j2", "lipsum met te veel tekst"),
    "uitvoer 40 MB": ({"a.j2": "{% set x = 'Wij sturen u een brief. ' * 4000 %}{% for i in range(400) %}{{ x }}"
                               "{% endfor %}\n"}, "a.j2", "de brief wordt langer dan 200.000 tekens"),
    "verzamelde uitvoer": ({"a.j2": "{% set x %}{% for i in range(100000) %}" + "Wij sturen u een brief. " * 40
                                    + "{% endfor %}{% endset %}Klaar.\n"}, "a.j2", "het maakt meer dan 1.000.000 tekens tekst"),
}

DRIVER = r"""
import json, os, signal, sys, time
from pathlib import Path
try:
    import resource
    resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))   # a regression must not take the machine down
except (ImportError, ValueError, OSError):
    pass

def too_long(*args):
    raise TimeoutError("hangt")

if hasattr(signal, "SIGALRM"):
    signal.signal(signal.SIGALRM, too_long)
from eenvoudig.lint import lint_paths
from eenvoudig.lint.mask import directives, mask, structure_error

cases, out = json.loads(Path(sys.argv[1]).read_text("utf-8")), {}
for name, (folder, target) in cases.items():
    os.chdir(folder)
    start = time.monotonic()
    if hasattr(signal, "alarm"):
        signal.alarm(60)
    try:
        if target.startswith("@"):      # a scan of the masker: structure_error, mask or directives
            source = Path(target[1:]).read_text("utf-8")
            structure_error(source), mask(source, {}, "txt"), directives(source, "html")
            result = {"findings": []}
        else:
            run = lint_paths([target])
            result = {"findings": [[r.path, f.rule, f.message] for r in run.files for f in r.findings]}
    except BaseException as exc:
        result = {"error": f"{type(exc).__name__}: {exc}"}
    if hasattr(signal, "alarm"):
        signal.alarm(0)
    result["seconds"] = time.monotonic() - start
    out[name] = result
Path(sys.argv[2]).write_text(json.dumps(out), "utf-8")
"""

UNCLOSED = {"open {#": "{#" * 50_000, "open {%": "{%" * 50_000, "open {{": "{{" * 50_000,
            "open {# eenvoudig: voorbeeld": "{# eenvoudig: voorbeeld " * 8_000,
            "open <!-- eenvoudig:": "<!-- eenvoudig: negeer " * 9_000,
            "{% x %} op een regel": "{% load x %} " * 8_000, "comment zonder einde": "{% comment %}" * 8_000}


@pytest.fixture(scope="module")
def attacked(tmp_path_factory):
    """Run every runaway template once, in a fresh process with a memory cap and a time limit per template."""
    base = tmp_path_factory.mktemp("aanvallen")
    cases = {}
    for i, (name, (files, target, _)) in enumerate(RUNAWAY.items()):
        for file, text in files.items():
            write(base / str(i), file, text)
        cases[name] = (str(base / str(i)), target)
    for name, text in UNCLOSED.items():
        cases[name] = (str(base), "@" + str(write(base, re.sub(r"\W", "_", name) + ".txt", text)))
    (base / "cases.json").write_text(json.dumps(cases), "utf-8")
    done = subprocess.run([sys.executable, "-c", DRIVER, str(base / "cases.json"), str(base / "out.json")],
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads((base / "out.json").read_text("utf-8"))


@pytest.mark.parametrize("name", list(RUNAWAY))
def test_a_runaway_template_becomes_a_finding_and_stops_in_time(attacked, name):
    files, target, reason = RUNAWAY[name]
    result = attacked[name]
    assert "error" not in result, result
    heavy = [message for path, rule, message in result["findings"] if path == target and rule == "sjabloon.zwaar"]
    assert heavy == [f"Dit sjabloon is te zwaar om te controleren: {reason}; eenvoudig heeft het invullen gestopt "
                     f"en de vaste tekst gecontroleerd."], result["findings"]
    assert result["seconds"] < 30   # the limits stop it in a few seconds; a hang would reach the 60 s alarm


@pytest.mark.parametrize("name", list(UNCLOSED))
def test_unclosed_tags_are_scanned_in_linear_time(attacked, name):
    result = attacked[name]
    assert "error" not in result, result
    assert result["seconds"] < 10   # 100 kB; the old regexes took minutes


def test_a_heavy_construct_is_located_and_the_rest_is_still_checked():
    source = "Beste klant,\n\nWij sturen u een " + LONGWORD + ".\n\nUitkomst: {{ 'x' * 10**7 }}.\n"   # harmless without limits too
    result = lint_source(source, "brief.txt.j2")
    heavy = next(f for f in result.findings if f.rule == "sjabloon.zwaar")
    assert (heavy.severity, heavy.line, heavy.column, heavy.end_line, heavy.end_column) == ("error", 5, 11, 5, 28)
    assert result.mode == "masker"                                # the fixed text is checked without Jinja2
    assert [f.line for f in result.findings if f.rule == "woord.lang"] == [3]


def test_limits_count_only_real_work():
    # what letters do stays far below the limits: loops over sample lists, string methods, filters, macros
    source = ("{% macro regel(x) %}- {{ x|title }}{% endmacro %}"
              "{% set lijst = ['een', 'twee'] + ['drie'] * 3 %}{% for x in lijst %}{{ regel(x) }}\n{% endfor %}"
              "{% for d in documenten %}{{ loop.index }}. {{ d }}\n{% endfor %}"
              "{{ naam.upper() }} {{ '%05d' % 42 }} {{ '{:>8}'.format('x') }} {{ lijst|join(', ') }} "
              "{{ range(10)|list|sum }} {{ 2 ** 64 }} {{ 'ab' ~ 'cd' }}\n")
    result = lint_source(source, "brief.txt.j2")
    assert result.mode == "jinja"
    assert [f.rule for f in result.findings if f.rule.startswith("sjabloon.")] == []


def test_lone_surrogates_in_the_api_are_replaced_not_a_crash():
    result = lint_source("Wij sturen u \ud800 een " + LONGWORD + ".\n", "brief.txt.j2")
    assert [f.rule for f in result.findings] == ["woord.lang"]


# ----------------------------------------------------------------------------- workers (--jobs)


def _die_on(name: str):
    from eenvoudig.lint import run as lint_run

    original = lint_run._lint_target

    def target(job):
        if job[0].endswith(name):
            os.kill(os.getpid(), signal.SIGKILL)   # as the OOM killer would
        return original(job)

    return target


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
def test_a_killed_worker_becomes_a_finding_and_the_run_goes_on(tmp_path, monkeypatch):
    from eenvoudig.lint import run as lint_run

    for i in range(4):
        write(tmp_path, f"b{i}.txt.j2", "Wij sturen u een " + LONGWORD + ".\n")
    write(tmp_path, "dood.txt.j2", "Wij sturen u een brief.\n")
    monkeypatch.setattr(lint_run, "_lint_target", _die_on("dood.txt.j2"))
    monkeypatch.chdir(tmp_path)
    run = lint_paths(["."], jobs=2)
    assert [r.path for r in run.files] == ["b0.txt.j2", "b1.txt.j2", "b2.txt.j2", "b3.txt.j2", "dood.txt.j2"]
    dead = run.files[-1]
    assert (dead.mode, [f.rule for f in dead.findings]) == ("afgebroken", ["sjabloon.zwaar"])
    assert dead.findings[0].message == (
        "Dit sjabloon is te zwaar om te controleren: het proces dat dit bestand controleerde is gestopt "
        "(bijvoorbeeld omdat het geheugen op was); de tekst is niet gecontroleerd.")
    assert all("woord.lang" in [f.rule for f in r.findings] for r in run.files[:4])
    assert not run.has_errors and run.fails("error")


@pytest.mark.skipif("fork" not in __import__("multiprocessing").get_all_start_methods(),
                    reason="the patched worker function reaches the workers only when they are forked")
def test_a_worker_that_overruns_its_time_is_replaced(tmp_path, monkeypatch):
    import time

    from eenvoudig.lint import run as lint_run

    original = lint_run._lint_target

    def slow(job):
        if job[0].endswith("traag.txt.j2"):
            time.sleep(60)
        return original(job)

    write(tmp_path, "a.txt.j2", "Wij sturen u een " + LONGWORD + ".\n")
    write(tmp_path, "traag.txt.j2", "Wij sturen u een brief.\n")
    write(tmp_path, "z.txt.j2", "Wij sturen u een " + LONGWORD + ".\n")
    monkeypatch.setattr(lint_run, "_lint_target", slow)
    monkeypatch.setattr(lint_run, "FILE_SECONDS", 3.0)
    monkeypatch.chdir(tmp_path)
    start = time.monotonic()
    run = lint_paths(["."], jobs=2)
    assert time.monotonic() - start < 30
    slow_result = next(r for r in run.files if r.path == "traag.txt.j2")
    assert slow_result.findings[0].message == ("Dit sjabloon is te zwaar om te controleren: het controleren duurde "
                                               "langer dan 3 seconden en is gestopt; de tekst is niet gecontroleerd.")
    assert all("woord.lang" in [f.rule for f in r.findings] for r in run.files if r.path != "traag.txt.j2")


def test_cli_with_jobs_and_a_heavy_template_exits_1_with_all_output(tmp_path, monkeypatch):
    write(tmp_path, "zwaar.txt.j2", "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}\n")
    write(tmp_path, "goed.txt.j2", "Wij sturen u een brief.\n\nU krijgt het geld binnen twee weken.\n")
    monkeypatch.chdir(tmp_path)
    result = cli_runner().invoke(cli, ["lint", ".", "--jobs", "2", "--format", "json"])
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    assert {r["path"]: [f["rule"] for f in r["findings"]] for r in data["files"]}["zwaar.txt.j2"] == ["sjabloon.zwaar"]


# --------------------------------------------------------------------------------- file reads


@pytest.fixture
def repo(tmp_path, monkeypatch):
    root = tmp_path / "repo"
    root.mkdir()
    write(tmp_path, "buiten/geheim.txt", f"Wij sturen u {SECRET}buiten een brief.\n")
    write(tmp_path, "buiten/geheim.toml", f'naam = "{SECRET}toml"\n')
    monkeypatch.chdir(root)
    monkeypatch.setenv("CI_SECRET_TOKEN", SECRET + "omgeving")
    return root


INCLUDE = "Wij verstrekken u de beschikking over {} en meer.\n"


@pytest.mark.parametrize("files", [
    {".git/config": f"[http]\n\textraheader = AUTHORIZATION: basic {SECRET}git\n",
     "brief.txt.j2": INCLUDE.format("{% include '.git/config' %}")},
    {".env": f"TOKEN={SECRET}env\n", "brief.txt.j2": INCLUDE.format("{% include '.env' %}")},
    {".env": f"TOKEN={SECRET}env\n", "brief.txt.j2": "{% import '.env' as e %}" + INCLUDE.format("{{ e }}")},
    {".env": f"TOKEN={SECRET}env\n", "brief.txt.j2": "{% extends '.env' %}"},
    {".github/deel.txt.j2": f"Wij sturen u {SECRET}github een brief.\n",
     "brief.txt.j2": INCLUDE.format("{% include '.github/deel.txt.j2' %}")},
    {"gha-creds-1.json": f'{{"private_key": "{SECRET}json"}}\n', "brief.txt.j2": INCLUDE.format("{% include 'gha-creds-1.json' %}")},
    {".gitignore": "lokaal/\n", "lokaal/notitie.txt": f"{SECRET}gitignore\n",
     "brief.txt.j2": INCLUDE.format("{% include 'lokaal/notitie.txt' %}")},
    {"brief.txt.j2": INCLUDE.format("{% include 'link.txt' %}"), "link.txt": "@../buiten/geheim.txt"},
], ids=[".git/config", ".env", "import .env", "extends .env", "verborgen map", "geen sjabloon (.json)",
        "uitgesloten (.gitignore)", "link naar buiten"])
def test_templates_include_only_template_files_inside_the_tree(repo, files):
    for name, text in files.items():
        if text.startswith("@"):
            (repo / name).symlink_to(text[1:])
        else:
            write(repo, name, text)
    run = lint_paths(["brief.txt.j2"])
    result = run.files[0]
    assert "sjabloon.ontbreekt" in [f.rule for f in result.findings] or result.mode == "masker"
    assert SECRET not in every_output(run)


def test_repository_config_cannot_point_outside_its_folder(repo, capsys):
    write(repo, "brief.txt.j2", INCLUDE.format("{% include 'proc/self/environ' %}{% include 'etc/passwd' %}"))
    for setting in ('template-dirs = ["/"]', 'template-dirs = ["../buiten"]', 'template-dirs = [".git"]',
                    'fixtures = "../buiten/geheim.toml"', f'fixtures = "{repo.parent}/buiten/geheim.toml"',
                    'fixtures = "brief.txt.j2"'):
        write(repo, "pyproject.toml", f"[tool.eenvoudig.lint]\n{setting}\n")
        with pytest.raises(DataError, match="ligt niet in de map|moet een TOML-bestand zijn"):
            LintOptions.from_config(load_config(repo / "pyproject.toml"))
        code, output = run_main(["lint", "brief.txt.j2"], capsys)
        assert code == 3, (setting, output)
        assert "ligt niet in de map" in output or "TOML-bestand" in output
        assert SECRET not in output and "root:" not in output
    write(repo, "pyproject.toml", "[tool.eenvoudig.lint]\ntemplate-dirs = [\"gedeeld\"]\n")
    write(repo, "gedeeld/voet.txt.j2", "Heeft u vragen? Bel ons.\n")
    options = LintOptions.from_config(load_config(repo / "pyproject.toml"))
    assert options.template_dirs == (repo / "gedeeld",)


def test_sample_files_outside_the_tree_are_not_read(repo):
    write(repo, "brief.txt.j2", "Wij sturen {{ naam }} een brief.\n")
    (repo / "brief.voorbeeld.toml").symlink_to(repo.parent / "buiten" / "geheim.toml")
    run = lint_paths(["brief.txt.j2"])
    assert SECRET not in every_output(run)
    assert run.files[0].mode == "jinja"


def test_a_file_given_by_name_that_links_outside_is_skipped(repo):
    (repo / "brief.txt").symlink_to(repo.parent / "buiten" / "geheim.txt")
    run = lint_paths(["brief.txt"])
    assert run.files == ()
    assert run.notes == ("brief.txt: overgeslagen, want deze symbolische link wijst naar buiten de map die u "
                         "controleert.",)
    assert SECRET not in every_output(run)


def test_hidden_files_are_never_linted_even_with_include_star(repo):
    write(repo, ".env", f"Wij sturen u {SECRET}stern een brief.\n")
    write(repo, ".github/sjabloon.md", f"Wij sturen u {SECRET}github een brief.\n")
    write(repo, "brief.txt", "Wij sturen u een brief.\n")
    config = parse_config({"lint": {"include": ["*"]}}, repo / "eenvoudig.toml")
    run = lint_paths(["."], config)
    assert [r.path for r in run.files] == ["brief.txt"]
    named = lint_paths([".env"], config)
    assert named.files == () and named.notes == (
        ".env: overgeslagen, want het is een verborgen bestand of map (de naam begint met een punt).",)
    assert SECRET not in every_output(run) + every_output(named)


# --------------------------------------------------------------------------------- terminal escapes


def test_control_characters_never_reach_the_terminal(tmp_path, monkeypatch):
    write(tmp_path, "a.txt.j2", "Wij sturen u \x1b]0;titel\x07een \x1b[2Jbrief met een " + LONGWORD
          + " \x1b]8;;https://example.org\x1b\\hier\x1b]8;;\x1b\\ en \x9b2J.\n")
    if os.name != "nt":  # Windows does not allow control characters in file names
        write(tmp_path, "b\x1b[31m.txt.j2", "Wij sturen u een " + LONGWORD + ".\n")
    monkeypatch.chdir(tmp_path)
    runner = cli_runner()
    for fmt in ("text", "github", "junit"):
        result = runner.invoke(cli, ["lint", ".", "--format", fmt])
        assert result.exit_code == 1, result.output     # the long word is a finding; nothing else went wrong
        shown = result.stdout + result.stderr
        assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", shown), (fmt, shown)
        assert "\ufffd" in shown   # each control character became '\ufffd'
    ET.fromstring(runner.invoke(cli, ["lint", ".", "--format", "junit"]).stdout)   # valid XML
    data = json.loads(runner.invoke(cli, ["lint", ".", "--format", "json"]).stdout)
    sentences = [f["sentence"] for r in data["files"] for f in r["findings"] if f["sentence"]]
    assert sentences and not any(re.search("[\x00-\x1f\x7f-\x9f]", s) for s in sentences)


# ------------------------------------------------------------------------------------------ fuzzing

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

PIECES = st.one_of(
    st.sampled_from(["Wij sturen u een brief. ", "Beste {{ naam }},\n\n", "{% if a %}ja{% else %}nee{% endif %}",
                     "{% for x in lijst %}{{ x }} {% endfor %}", "{{ bedrag|round(2) }}", "{{ 'x' * n }}",
                     "{% set n = 10**9 %}", "{{ tekst|center(99999) }}", "{% include 'deel.txt.j2' %}",
                     "{% include '.env' %}", "{# eenvoudig: negeer zin.lang #}", "{# eenvoudig: voorbeeld ",
                     "{{", "{%", "{#", "%}", "}}", "\x1b[2J", "\ud800", "\n", LONGWORD, "{% macro m() %}",
                     "{% endmacro %}", "{{ m() }}", "{{ range(10**5)|join(',') }}", "{% do lijst.append(lijst) %}"]),
    st.text(max_size=20),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PIECES, max_size=12))
def test_lint_source_never_crashes_and_places_every_finding(pieces):
    source = "".join(pieces)
    result = lint_source(source, "fuzz.txt.j2")
    lines = source.replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1
    for f in result.findings:
        assert 1 <= f.line <= f.end_line <= lines and f.column >= 1
        assert (f.end_line, f.end_column) >= (f.line, f.column)
        assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", f.message + f.sentence)
