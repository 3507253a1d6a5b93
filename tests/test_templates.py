"""The B1 letter templates in templates/brieven: each renders with its sample data, contains what such a
letter must contain, and passes `check --target B1` without error-level findings, in every branch."""

from __future__ import annotations

import re
import tomllib
from importlib import resources
from pathlib import Path

import jinja2
import pytest

from eenvoudig.analysis import analyze
from eenvoudig.checks import check
from eenvoudig.config import Config
from eenvoudig.document import read_text
from eenvoudig.lint import lint_paths

FOLDER = Path(str(resources.files("eenvoudig") / "templates" / "brieven"))
NAMES = [
    "afwijzing-aanvraag", "bezwaar-ontvangen", "ontvangstbevestiging-aanvraag", "terugvordering-betalingsregeling",
    "toekenning-bijstand", "uitnodiging-gesprek", "verzoek-om-informatie", "wijziging-uitkering-heronderzoek",
]
DECISIONS = {"afwijzing-aanvraag", "terugvordering-betalingsregeling", "toekenning-bijstand",
             "wijziging-uitkering-heronderzoek"}


def render(name: str) -> str:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(FOLDER), undefined=jinja2.StrictUndefined,
                             keep_trailing_newline=True)
    data = tomllib.loads((FOLDER / f"{name}.voorbeeld.toml").read_text("utf-8"))
    return env.get_template(f"{name}.txt.j2").render(**data)


@pytest.fixture(scope="module")
def letters() -> dict[str, tuple[str, object]]:
    config = Config(target="B1")
    out = {}
    for name in NAMES:
        text = render(name)
        out[name] = (text, check(analyze(read_text(text, path=f"{name}.txt.j2")), config))
    return out


def test_there_are_at_least_eight_templates_each_with_sample_data():
    found = sorted(p.name.removesuffix(".txt.j2") for p in FOLDER.glob("*.txt.j2"))
    assert set(NAMES) <= set(found) and len(found) >= 8
    assert all((FOLDER / f"{name}.voorbeeld.toml").is_file() for name in found)


@pytest.mark.parametrize("name", NAMES)
def test_template_passes_b1_without_errors(letters, name):
    text, report = letters[name]
    errors = [(f.line, f.rule, f.message, f.sentence) for f in report.findings if f.severity == "error"]
    assert errors == []
    assert report.score.passed, report.score.label


@pytest.mark.parametrize("name", NAMES)
def test_template_contains_what_a_letter_must_contain(letters, name):
    text, _ = letters[name]
    assert "{{" not in text and "{%" not in text
    assert re.search(r"^Datum: \d{1,2} \w+ \d{4}$", text, re.M), "datum"
    assert re.search(r"^Ons kenmerk: \S+", text, re.M), "kenmerk"
    assert re.search(r"Bel ons dan op 14 \d{4}", text), "telefoonnummer"
    assert re.search(r"mailen naar \S+@\S+", text), "e-mail"
    assert re.search(r"^Met vriendelijke groet,$", text, re.M), "afsluiting"
    if name in DECISIONS:
        assert "Wat hebben wij besloten?" in text
        assert re.search(r"^Waarom .+\?$", text, re.M), "de reden van het besluit"
        assert "Bent u het niet eens met dit besluit?" in text
        assert "bezwaar maken" in text and "binnen 6 weken" in text, "hoe u bezwaar maakt"


def test_every_branch_of_every_template_has_no_errors():
    run = lint_paths([FOLDER], Config(target="B1"))
    assert len(run.files) >= 8
    assert all(r.mode == "jinja" for r in run.files)
    assert sum(r.renders for r in run.files) > len(run.files)  # the if/else branches were rendered too
    errors = [(f.path, f.line, f.rule, f.sentence) for f in run.findings if f.severity == "error"]
    assert errors == []
