"""Many letters at once: folders, --exclude, output names, --jobs, a broken letter in the folder, the summary."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from eenvoudig.batch import find_letters, output_names, run_jobs, table

from conftest import LETTERS, _env

PLAIN = LETTERS["b1-eenvoudig"]
HARD = LETTERS["wmo-huishoudelijke-hulp"]


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    """A folder as staff have it: letters in subfolders, a broken one, a hidden folder, Word's lock file."""
    root = tmp_path / "brieven"
    (root / "2027" / "maart").mkdir(parents=True)
    (root / ".git").mkdir()
    shutil.copy(PLAIN, root / "a-eenvoudig.txt")
    shutil.copy(HARD, root / "2027" / "b-wmo.txt")
    shutil.copy(PLAIN, root / "2027" / "maart" / "c-eenvoudig.md")
    (root / "2027" / "kapot.docx").write_bytes(b"dit is geen zip")
    (root / ".git" / "verborgen.txt").write_text("Indien u vragen heeft.\n", encoding="utf-8")
    (root / "~$a-eenvoudig.docx").write_bytes(b"lock")
    (root / "notities.odt").write_bytes(b"odt")
    (root / "2027" / "concept-brief.txt").write_text("Indien u vragen heeft, bel ons.\n", encoding="utf-8")
    return root


def test_find_letters_in_a_folder(folder: Path) -> None:
    letters, notes = find_letters([str(folder)])
    assert [x.relative.as_posix() for x in letters] == [
        "a-eenvoudig.txt", "2027/b-wmo.txt", "2027/concept-brief.txt", "2027/kapot.docx", "2027/maart/c-eenvoudig.md"]
    assert notes == []
    letters, _ = find_letters([str(folder)], exclude=["concept-*", "maart/"])
    assert [x.relative.as_posix() for x in letters] == ["a-eenvoudig.txt", "2027/b-wmo.txt", "2027/kapot.docx"]
    letters, notes = find_letters([str(folder / "2027" / "concept-brief.txt"), str(PLAIN)], exclude=["concept-*"])
    assert [x.path for x in letters] == [str(PLAIN)]
    assert notes == [f"{folder / '2027' / 'concept-brief.txt'}: overgeslagen, want het valt onder --exclude."]
    empty = folder / "leeg"
    empty.mkdir()
    assert find_letters([str(empty)])[1] == [f"{empty}: in deze map staan geen brieven "
                                            "(.docx, .txt, .md, .markdown, .html, .htm)."]


def test_output_names_never_collide(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    for d in ("a", "b"):
        (tmp_path / d / "brief.txt").write_text("x", encoding="utf-8")
    (tmp_path / "b" / "brief-eenvoudig.txt").write_text("x", encoding="utf-8")  # an input with the output's name
    letters, _ = find_letters([str(tmp_path / "a" / "brief.txt"), str(tmp_path / "b" / "brief.txt"),
                               str(tmp_path / "b" / "brief-eenvoudig.txt")])
    names = output_names(letters, tmp_path / "b", lambda rel: f"{rel.stem}-eenvoudig{rel.suffix}")
    assert [p.name for p in names] == ["brief-eenvoudig-2.txt", "brief-eenvoudig-3.txt", "brief-eenvoudig-eenvoudig.txt"]


def _double(x: int) -> int:
    if x == 3:
        raise ValueError("drie")
    return 2 * x


def test_run_jobs_keeps_the_order_in_processes() -> None:
    done: list[int] = []
    assert list(run_jobs(abs, [-5, 4, -3, 2, -1], jobs=2, progress=done.append)) == [5, 4, 3, 2, 1]
    assert done == [1, 2, 3, 4, 5]
    assert list(run_jobs(_double, [1, 2], jobs=2)) == [2, 4]


def test_table_lines_up_and_lets_a_message_run_on() -> None:
    lines = table(("brief", "niveau", "tips"), [("a.txt", "4", "12"), ("lang-bestand.txt", "1", "0"),
                                               ("x.docx", "niet gelukt: kapot")], right=(1, 2))
    assert lines == ["brief             niveau  tips", "----------------  ------  ----", "a.txt                  4    12",
                     "lang-bestand.txt       1     0", "x.docx            niet gelukt: kapot"]
    # a failed letter with the longest name still lines up the columns (new user, 2026-12-03)
    lines = table(("brief", "niveau", "tips"), [("a.txt", "4", "12"), ("alleen-spaties.docx", "niet gelukt: leeg")],
                  right=(1, 2))
    assert lines == ["brief                niveau  tips", "-------------------  ------  ----",
                     "a.txt                     4    12", "alleen-spaties.docx  niet gelukt: leeg"]


def test_check_a_folder_with_two_jobs_gives_the_same_as_one(invoke, folder: Path) -> None:
    one = invoke("check", folder, "--kort", "--fail-on", "never", "--exclude", "concept-*")
    two = invoke("check", folder, "--kort", "--fail-on", "never", "--exclude", "concept-*", "--jobs", "2")
    assert one.exit_code == two.exit_code == 3  # the broken letter is bad input; the others are checked
    assert one.stdout == two.stdout
    assert one.stderr == two.stderr
    assert "2027/kapot.docx: dit is geen geldig Word-bestand" in one.stderr
    summary = one.stdout[one.stdout.index("Samenvatting: 4 brieven"):].splitlines()
    assert summary[1].split() == ["brief", "niveau", "moeilijkheid", "goed", "voor", "B1", "fouten", "waarschuwingen", "tips"]
    rows = [line.split()[:4] for line in summary[3:]]
    assert [r[0] for r in rows] == [f"{folder}/a-eenvoudig.txt", f"{folder}/2027/b-wmo.txt",
                                    f"{folder}/2027/kapot.docx", f"{folder}/2027/maart/c-eenvoudig.md"]
    assert rows[0][1:4] == ["1", "19", "ja"] and rows[1][1] == "4" and rows[1][3] == "nee"
    assert rows[2][1:3] == ["niet", "gelukt:"]
    # the reports come in input order, each with its Begin hier
    assert [line for line in one.stdout.splitlines() if line.startswith(str(folder))][:3] == [
        f"{folder}/a-eenvoudig.txt", f"{folder}/2027/b-wmo.txt", f"{folder}/2027/maart/c-eenvoudig.md"]


def test_check_json_over_a_folder_is_the_same_schema(invoke, folder: Path) -> None:
    one = json.loads(invoke("check", folder, "--format", "json", "--exclude", "kapot.docx").stdout)
    two = json.loads(invoke("check", folder, "--format", "json", "--exclude", "kapot.docx", "--jobs", "2").stdout)
    assert one == two
    assert [Path(f["path"]).name for f in one["files"]] == ["a-eenvoudig.txt", "b-wmo.txt", "concept-brief.txt",
                                                             "c-eenvoudig.md"]
    assert one["schema_version"] == 1 and set(one["files"][0]) == {"path", "score", "findings", "sentences"}


def test_html_reports_for_a_folder(invoke, folder: Path, tmp_path: Path) -> None:
    refused = invoke("check", folder, "--format", "html")
    assert refused.exit_code == 2 and "-o MAP" in refused.stderr
    out = tmp_path / "rapporten"
    result = invoke("check", folder, "--format", "html", "-o", out, "--exclude", "2027/")
    assert result.exit_code == 0, result.stderr
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.html")) == ["a-eenvoudig-rapport.html"]
    assert (out / "a-eenvoudig-rapport.html").read_text("utf-8").startswith("<!DOCTYPE html>")


def test_rewrite_a_folder_into_another(invoke, folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "eenvoudig"
    result = invoke("rewrite", folder, "-o", out, "--jobs", "2")
    assert result.exit_code == 3  # kapot.docx
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert written == ["2027/b-wmo-eenvoudig.txt", "2027/concept-brief-eenvoudig.txt",
                       "2027/maart/c-eenvoudig-eenvoudig.md", "a-eenvoudig-eenvoudig.txt"]
    assert (out / "2027" / "concept-brief-eenvoudig.txt").read_text("utf-8") == "Als u vragen heeft, bel ons.\n"
    assert (folder / "2027" / "concept-brief.txt").read_text("utf-8") == "Indien u vragen heeft, bel ons.\n"
    assert "Samenvatting: 5 brieven" in result.stderr
    # the output folder inside the letters is never read as letters the next time
    for _ in range(2):  # the second time the folder "uit" exists, inside the letters' folder
        again = invoke("rewrite", folder, "-o", folder / "uit", "--exclude", "kapot.docx")
    assert again.exit_code == 0, again.stderr
    assert "Samenvatting: 4 brieven" in again.stderr


def test_rewrite_several_letters_needs_a_place_for_them(invoke, folder: Path) -> None:
    result = invoke("rewrite", folder / "a-eenvoudig.txt", folder / "2027" / "b-wmo.txt")
    assert result.exit_code == 2 and "geef met -o een map" in result.stderr
    diff = invoke("rewrite", folder / "2027" / "concept-brief.txt", folder / "2027" / "b-wmo.txt", "--diff")
    assert diff.exit_code == 0
    assert diff.stdout.count("(origineel)") == 2


def test_render_a_folder_gives_each_letter_its_own_folder(invoke, folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "uit"
    result = invoke("render", folder, "--format", "text", "--out", out, "--exclude", "kapot.docx", "--exclude", "b-*")
    assert result.exit_code == 0, result.stderr
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.txt")) == [
        "2027/concept-brief/brief-eenvoudig.txt", "2027/maart/c-eenvoudig/brief-eenvoudig.txt",
        "a-eenvoudig/brief-eenvoudig.txt"]
    printed = invoke("render", folder / "2027" / "concept-brief.txt", PLAIN)
    assert printed.stdout.startswith(f"==> {folder / '2027' / 'concept-brief.txt'} <==\nAls u vragen heeft, bel ons.\n")


def test_check_piped_into_head_exits_by_findings_quietly(tmp_path: Path) -> None:
    """`eenvoudig check brief.txt | head`: the reader stops early; no broken-pipe message, exit 1 = findings."""
    for i in range(8):  # more than a pipe buffer of report text
        shutil.copy(HARD, tmp_path / f"brief-{i}.txt")
    proc = subprocess.Popen([sys.executable, "-m", "eenvoudig", "check", str(tmp_path)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=_env())
    assert proc.stdout.readline().decode().strip() == str(tmp_path / "brief-0.txt")
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 1
    assert err == ""


def test_long_file_note_only_for_a_readable_file(invoke, tmp_path: Path, monkeypatch) -> None:
    import eenvoudig.batch

    pdf = tmp_path / "brief.pdf"
    pdf.write_bytes(b"%PDF-1.4\n" + b"x" * 400_000)
    result = invoke("check", pdf)
    assert result.exit_code == 3
    assert "lange tekst" not in result.stderr and "PDF kan eenvoudig niet lezen" in result.stderr
    monkeypatch.setattr(eenvoudig.batch, "LONG_TEXT", 100)
    result = invoke("check", PLAIN)
    words = len(PLAIN.read_text("utf-8").split())
    assert result.stderr == f"eenvoudig: {PLAIN} is een lange tekst ({words} woorden); dat kan een minuut duren.\n"
