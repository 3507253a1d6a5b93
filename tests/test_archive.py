"""eenvoudig archief: an archive scored on Dask gives the same rows as a serial run, bad files become error
rows, a second run skips what is done, and the page beside the results says what it should.

The cluster in these tests is a real local Dask cluster of 2 worker processes, listening on 127.0.0.1 only,
without a dashboard. Speed is measured in benchmarks/archive.py, not here.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from eenvoudig.config import Config

ROOT = Path(__file__).resolve().parents[1]
LETTERS = ROOT / "tests" / "letters"


def test_the_test_extra_brings_the_archive_packages():
    """CI installs ".[test]": that must bring what the archive tests need, and the base install must not."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    extras = project["optional-dependencies"]
    assert "eenvoudig[archief]" in extras["test"]
    names = {d.split("[")[0].split(">")[0].split("=")[0] for d in extras["archief"]}
    assert names == {"dask", "distributed", "pyarrow", "pandas", "matplotlib"}
    base = {d.split("[")[0].split(">")[0].split("=")[0].split("<")[0] for d in project["dependencies"]}
    assert not base & names


def test_importing_eenvoudig_and_other_commands_do_not_load_dask_or_pandas(tmp_path):
    code = (
        "import sys, eenvoudig, eenvoudig.cli, eenvoudig.archive\n"
        "from eenvoudig.cli import main\n"
        f"try:\n    main(['check', {str(LETTERS / 'b1-eenvoudig.txt')!r}, '--snel'])\n"
        "except SystemExit:\n    pass\n"
        "try:\n    main(['archief', '--help'])\n"
        "except SystemExit:\n    pass\n"
        "print(sorted(m for m in ('dask', 'distributed', 'pandas', 'pyarrow', 'matplotlib') if m in sys.modules))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=tmp_path,
                          timeout=300)
    assert done.stdout.strip().splitlines()[-1] == "[]", done.stderr


def test_without_the_extra_archief_says_how_to_install_it(monkeypatch, tmp_path, capsys):
    from eenvoudig.cli import main

    (tmp_path / "a.txt").write_text("U krijgt geld van ons.\n", encoding="utf-8")
    monkeypatch.setitem(sys.modules, "dask", None)   # as if Dask were not installed
    with pytest.raises(SystemExit) as exc:
        main(["archief", str(tmp_path), "--out", str(tmp_path / "r.parquet")])
    assert exc.value.code == 3
    err = capsys.readouterr().err
    assert 'Installeer ze met: pip install "eenvoudig[archief]"' in err
    assert "(dask)" in err
    assert not (tmp_path / "r.parquet").exists()


# Everything below needs the extra (the test extra brings it, see the first test).
pd = pytest.importorskip("pandas", reason="needs the extra: pip install -e '.[test]'")
pytest.importorskip("dask", reason="needs the extra: pip install -e '.[test]'")
pytest.importorskip("distributed", reason="needs the extra: pip install -e '.[test]'")

from eenvoudig.archive import (  # noqa: E402
    METRICS, columns, read_results, rule_column, run_archive, score_bag, score_batches, score_dataframe,
    score_paths, spark_schema, write_results)

# --------------------------------------------------------------------------------- a generated archive

OPENINGS = ["Geachte heer Jansen,", "Beste mevrouw De Boer,", "Geachte mevrouw Bakker,", "Beste meneer Visser,"]
SENTENCES = [
    "U krijgt {n} euro van de gemeente.",
    "Wij hebben uw aanvraag voor bijzondere bijstand op {d} maart ontvangen.",
    "Indien u het niet eens bent met dit besluit, kunt u binnen zes weken bezwaar maken.",
    "Wij verzoeken u vriendelijk om de benodigde bewijsstukken uiterlijk {d} april te overleggen.",
    "Bel ons als u vragen heeft.",
    "Het college heeft besloten dat de aanvraag wordt afgewezen omdat niet aan de voorwaarden is voldaan.",
    "U hoeft niets te doen.",
    "Wij betalen het geld binnen {d} dagen uit op uw rekening.",
    "Ten behoeve van de beoordeling van uw aanvraag dient u de onderstaande gegevens aan te leveren.",
    "Kom op {d} mei naar het gemeentehuis.",
    "De hoogte van de uitkering wordt vastgesteld op basis van uw inkomen en vermogen.",
    "Neem uw paspoort mee.",
]
CLOSINGS = ["Met vriendelijke groet,\n\nTeam Inkomen", "Met vriendelijke groet,\n\nDe gemeente"]
TEAMS = ["team-inkomen", "team-wmo", "team-belasting", "sjabloon-x"]
N_LETTERS = 200
BROKEN = {"leeg.txt": b"", "binair.txt": b"\x00\x01\x02PNG\x00\xff\xfe", "latin1.txt": "Geachte heer, u krijgt "
          "één keer geld voor de wasmachine. Wij betalen het geld uit.\n".encode("latin-1")}


def _letter(rng: random.Random) -> str:
    body = " ".join(rng.choice(SENTENCES).format(n=rng.randint(20, 900), d=rng.randint(2, 28))
                    for _ in range(rng.randint(3, 7)))
    return f"{rng.choice(OPENINGS)}\n\n{body}\n\n{rng.choice(CLOSINGS)}\n"


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("archief") / "brieven"
    rng = random.Random(15)
    for i in range(N_LETTERS):
        folder = root / TEAMS[i % len(TEAMS)]
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"brief-{i:03d}.txt").write_text(_letter(rng), encoding="utf-8")
    (root / "kapot").mkdir()
    for name, data in BROKEN.items():
        (root / "kapot" / name).write_bytes(data)
    (root / "team-wmo" / "notities.csv").write_text("niet,een,brief\n", encoding="utf-8")   # not a letter
    return root


def _names(root: Path) -> list[str]:
    from eenvoudig.batch import find_letters

    return [x.path for x in find_letters([str(root)])[0]]


@pytest.fixture(scope="module")
def threads():
    """A cluster that is already running (--scheduler): one worker thread in this process, over TCP."""
    from distributed import LocalCluster

    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, protocol="tcp://", host="127.0.0.1",
                      dashboard_address=None, scheduler_kwargs={"dashboard_address": "127.0.0.1:0"}) as cluster:
        yield cluster.scheduler_address


@pytest.fixture(scope="module")
def serial(archive) -> pd.DataFrame:
    return score_paths(_names(archive), Config())


@pytest.fixture(scope="module")
def first_run(archive, tmp_path_factory):
    out = tmp_path_factory.mktemp("uit") / "resultaten.parquet"
    lines: list[str] = []
    run = run_archive([str(archive)], out, Config(), workers=2, say=lines.append)
    return run, out, lines, pd.read_parquet(out)


def test_a_cluster_of_two_workers_gives_the_same_rows_as_a_serial_run(first_run, serial):
    run, out, lines, frame = first_run
    assert (run.letters, run.scored, run.reused, run.errors) == (N_LETTERS + 3, N_LETTERS + 3, 0, 3)
    assert lines[:2] == [f"eenvoudig: {N_LETTERS + 3} brieven gevonden; 0 al gedaan, {N_LETTERS + 3} te scoren.",
                         "eenvoudig: Dask op deze computer met 2 werkers."]
    assert all(line.endswith("brieven gescoord; tussenstand bewaard.") for line in lines[2:])   # a slow machine
    pd.testing.assert_frame_equal(frame, serial)
    assert list(frame.columns) == columns()
    assert frame["difficulty"].notna().sum() == N_LETTERS
    assert frame["level"].nunique() >= 3   # the generated letters are not all alike


def test_rows_hold_no_letter_text(first_run):
    frame = first_run[3]
    text_columns = [c for c in frame.columns if str(frame[c].dtype) == "string"]
    assert set(text_columns) == {"path", "folder", "backend", "target", "label", "top_rule_1", "top_rule_2",
                                 "top_rule_3", "error"}
    values = " ".join(str(v) for c in text_columns for v in frame[c].dropna())
    for sentence in SENTENCES:
        assert sentence.split("{")[0][:25] not in values


def test_a_broken_file_becomes_an_error_row_and_the_run_goes_on(first_run):
    frame = first_run[3].set_index("path")
    kapot = {Path(p).name: frame.loc[p] for p in frame.index if "/kapot/" in p}
    assert {k: v["error"] for k, v in kapot.items()} == {
        "binair.txt": "dit is geen tekstbestand maar een binair bestand (bijvoorbeeld een afbeelding, pdf of zip).",
        "latin1.txt": "de tekst is niet opgeslagen als UTF-8, maar waarschijnlijk als Latin-1 (ISO-8859-1). "
                      "Sla het bestand op als UTF-8, of gebruik --encoding latin-1.",
        "leeg.txt": "het bestand is leeg.",
    }
    row = kapot["binair.txt"]
    assert (row["size"], pd.isna(row["level"]), pd.isna(row["difficulty"]), pd.isna(row["rule_zin_lang"])) \
        == (len(BROKEN["binair.txt"]), True, True, True)
    assert row["folder"].endswith("brieven/kapot")
    assert frame["error"].isna().sum() == N_LETTERS


def test_a_second_run_skips_what_is_done_and_scores_a_changed_file_again(archive, first_run, tmp_path, threads):
    _, out, _, before = first_run
    out2 = tmp_path / "resultaten.parquet"
    out2.write_bytes(out.read_bytes())
    changed = archive / "team-wmo" / "brief-001.txt"
    old_text = changed.read_text("utf-8")
    lines: list[str] = []
    try:
        changed.write_text("Wij betalen u geld. Bel ons als u vragen heeft.\n", encoding="utf-8")
        run = run_archive([str(archive)], out2, Config(), scheduler=threads, say=lines.append)
        after = pd.read_parquet(out2)
        # the 3 unreadable files are tried again (that is quick), and the changed letter is scored again
        assert (run.letters, run.scored, run.reused, run.errors) == (N_LETTERS + 3, 4, N_LETTERS - 1, 3)
        assert lines[0] == f"eenvoudig: {N_LETTERS + 3} brieven gevonden; {N_LETTERS - 1} al gedaan, 4 te scoren."
        new = after.set_index("path").loc[str(changed)]
        assert (int(new["sentences"]), int(new["words"]), int(new["level"])) == (2, 10, 1)
        assert int(new["size"]) == len("Wij betalen u geld. Bel ons als u vragen heeft.\n")
        rest = after[after["path"] != str(changed)].reset_index(drop=True)
        pd.testing.assert_frame_equal(rest, before[before["path"] != str(changed)].reset_index(drop=True))
        # nothing changed now: only the unreadable files are tried again
        lines.clear()
        run = run_archive([str(archive)], out2, Config(), scheduler=threads, say=lines.append)
        assert (run.scored, run.reused) == (3, N_LETTERS)
        # other settings (--snel) are another result: everything is scored again
        run = run_archive([str(archive)], out2, Config(snel=True), scheduler=threads, say=lines.append)
        assert (run.scored, run.reused) == (N_LETTERS + 3, 0)
        assert set(pd.read_parquet(out2)["backend"]) == {"spacy-blank-nl"}
    finally:
        changed.write_text(old_text, encoding="utf-8")


def test_the_page_has_the_headings_numbers_and_alt_texts(first_run, serial):
    run, out, _, frame = first_run
    page = run.html.read_text("utf-8")
    assert run.html == out.with_suffix(".html")
    ok = frame[frame["error"].isna()]
    levels = {lvl: int((ok["level"] == lvl).sum()) for lvl in (1, 2, 3, 4)}
    assert sum(levels.values()) == N_LETTERS
    assert '<html lang="nl">' in page
    assert "<h1>Resultaten van eenvoudig archief</h1>" in page
    mean = f"{ok['difficulty'].mean():.1f}".replace(".", ",")
    assert f"<p>{N_LETTERS + 3} brieven bekeken. Gemiddelde moeilijkheid: {mean} van 100" in page
    for heading in ('<h2 id="alle">Alle brieven</h2>', '<h2 id="mappen">Per map</h2>',
                    '<h2 id="niet-gelezen">Bestanden die niet te lezen waren</h2>',
                    '<h3 id="alle-niveaus">Hoe moeilijk zijn de brieven?</h3>',
                    '<h3 id="alle-moeilijkste">De 20 moeilijkste brieven</h3>',
                    '<h3 id="alle-regels">Welke punten komen het meest voor?</h3>',
                    '<h4 id="map-1-moeilijkste">De 20 moeilijkste brieven</h4>'):
        assert heading in page
    for team in TEAMS:
        assert f"Map {Path(_names_folder(frame, team))}" in page
    # one set of 3 figures for all letters and one per folder with scored letters; each has alt text
    assert page.count("<img ") == 3 * (1 + len(TEAMS)) == page.count('alt="')
    assert page.count("data:image/png;base64,") == 3 * (1 + len(TEAMS))
    assert "src=\"http" not in page and "<script" not in page and "<link" not in page   # self-contained
    alt = ("Staafdiagram: aantal brieven per niveau. " + "; ".join(
        f"niveau {lvl} ({name}): {levels[lvl]}" for lvl, name in
        {1: "eenvoudig", 2: "redelijk eenvoudig", 3: "moeilijk", 4: "erg moeilijk"}.items()))
    assert alt in page
    hardest = ok.sort_values(["difficulty", "path"], ascending=[False, True]).iloc[0]
    difficulty = f"{hardest['difficulty']:.1f}".replace(".", ",")
    assert (f'<tr><td class="getal">1</td><td class="pad">{hardest["path"]}</td><td class="getal">'
            f'{hardest["level"]}</td><td class="getal">{difficulty}</td>') in page
    assert "<td>Wij verzoeken" not in page and "Geachte" not in page
    assert "Niet te lezen: 3 bestanden." in page


def _names_folder(frame, team: str) -> str:
    return next(f for f in frame["folder"] if f.endswith(team))


def test_a_known_letter_has_the_same_score_as_check(tmp_path):
    """The row of a letter is what `eenvoudig check --format json` says of it (full pipeline and --snel)."""
    from eenvoudig.cli import main

    letter = LETTERS / "terugvordering-bijstand.txt"
    for snel in (False, True):
        row = score_paths([letter], Config(), snel=snel).iloc[0]
        argv = ["check", str(letter), "--format", "json", "-o", str(tmp_path / "r.json"),
                *(["--snel"] if snel else [])]
        with pytest.raises(SystemExit):
            main(argv)
        data = json.loads((tmp_path / "r.json").read_text("utf-8"))["files"][0]
        score = data["score"]
        assert (row["level"], row["difficulty"], row["passed"], row["label"]) == \
               (score["level"], score["difficulty"], score["passed"], score["label"])
        assert {m: (None if pd.isna(row[m]) else row[m]) for m in METRICS} == score["metrics"]
        rules = {}
        for f in data["findings"]:
            rules[f["rule"]] = rules.get(f["rule"], 0) + 1
        assert {r: int(row[rule_column(r)]) for r in rules} == rules
        assert int(row["n_findings"]) == len(data["findings"])
        top = sorted(rules.items(), key=lambda kv: (-kv[1], kv[0]))[:3]
        assert [row["top_rule_1"], row["top_rule_2"], row["top_rule_3"]] == [r for r, _ in top]
        assert row["backend"] == ("spacy-blank-nl" if snel else "nl-pipeline")
    # pinned: this officialese letter is level 4 in both modes
    full = score_paths([letter]).iloc[0]
    assert (int(full["level"]), full["passed"], full["top_rule_1"]) == (4, False, "lexicon.ambtelijk")


def test_metrics_are_the_ones_check_gives():
    from eenvoudig.checks import check_text, rule_ids

    assert tuple(check_text("U krijgt geld. Bel ons.\n").score.metrics) == METRICS
    assert [rule_column(r) for r in rule_ids()] == [c for c in columns() if c.startswith("rule_")]
    assert len(set(rule_column(r) for r in rule_ids())) == len(rule_ids())   # no two rules share a column
    assert rule_column("woord.moeilijk-aandeel") == "rule_woord_moeilijk_aandeel"


def test_dask_bag_dataframe_and_batches_give_the_rows_of_score_paths(archive, serial):
    names = _names(archive)[:30] + [str(archive / "kapot" / "leeg.txt")]
    expected = serial.set_index("path").loc[names].reset_index()
    ddf = score_dataframe(names, partition_size=7)
    assert ddf.npartitions == 5
    pd.testing.assert_frame_equal(ddf.compute(scheduler="sync").reset_index(drop=True), expected)
    rows = score_bag(names, partition_size=7).compute(scheduler="sync")
    assert [r["path"] for r in rows] == names
    assert [r.get("difficulty") for r in rows] == [None if pd.isna(v) else v for v in expected["difficulty"]]
    batches = [pd.DataFrame({"path": names[:10]}), pd.DataFrame({"path": names[10:]})]
    got = pd.concat(list(score_batches(iter(batches))), ignore_index=True)
    pd.testing.assert_frame_equal(got, expected)
    assert spark_schema().startswith("`path` string, `folder` string, `size` bigint, `mtime` timestamp, "
                                     "`backend` string, `target` string, `level` bigint, `label` string, "
                                     "`difficulty` double, `passed` boolean, `sentences` bigint")
    assert spark_schema().count("`") == 2 * len(columns())


def test_an_existing_cluster_via_scheduler(archive, serial, tmp_path, threads):
    names = [n for n in _names(archive) if "/team-belasting/" in n]
    lines: list[str] = []
    run = run_archive([str(archive / "team-belasting")], tmp_path / "r.parquet", Config(), scheduler=threads,
                      say=lines.append)
    assert lines[1] == f"eenvoudig: verbonden met de Dask-cluster op {threads}."
    assert run.scored == len(names) == N_LETTERS // len(TEAMS)
    pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "r.parquet"),
                                  serial.set_index("path").loc[names].reset_index())
    page = run.html.read_text("utf-8")
    assert "Alle brieven staan in één map" in page and '<h2 id="mappen">' not in page


def test_the_command(tmp_path, capsys):
    from eenvoudig.cli import main

    folder = tmp_path / "brieven" / "team"
    folder.mkdir(parents=True)
    for letter in LETTERS.glob("*.txt"):
        (folder / letter.name).write_bytes(letter.read_bytes())
    (folder / "leeg.txt").write_bytes(b"")
    out = tmp_path / "brieven" / "resultaten.parquet"   # inside the folder: its page is no letter next time
    for attempt in (1, 2):
        with pytest.raises(SystemExit) as exc:
            main(["archief", str(tmp_path / "brieven"), "--out", str(out), "--workers", "1", "--snel"])
        assert exc.value.code == 3   # an unreadable file: as `check` on a folder
        err = capsys.readouterr().err
        assert "eenvoudig: 5 brieven gevonden;" in err
        assert "1 bestand was niet te lezen; zie de kolom error en het overzicht." in err
        assert f"eenvoudig: overzicht geschreven naar {out.with_suffix('.html')}." in err
    assert "5 brieven in " in err and "1 nu gescoord, 4 overgenomen uit de vorige keer." in err
    frame = read_results(out)
    assert sorted(Path(p).name for p in frame["path"]) == sorted(
        [*(p.name for p in LETTERS.glob("*.txt")), "leeg.txt"])
    assert set(frame["backend"]) == {"spacy-blank-nl"}
    assert not [p for p in out.parent.iterdir() if p.name.startswith(".")]   # no temporary files left


@pytest.mark.parametrize("argv, message", [
    (["--out", "r.csv"], "eenvoudig: de naam bij --out moet eindigen op .parquet"),
    (["--out", "r.parquet", "--workers", "2", "--scheduler", "tcp://127.0.0.1:8786"],
     "eenvoudig: kies --workers (op deze computer) of --scheduler (een cluster), niet allebei."),
    (["--out", "r.parquet", "--workers", "0"], "eenvoudig: 0 is te klein voor --workers: kies 1 of meer."),
])
def test_usage_errors_are_dutch(argv, message, tmp_path, capsys, monkeypatch):
    from eenvoudig.cli import main

    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("U krijgt geld.\n", encoding="utf-8")
    with pytest.raises(SystemExit) as exc:
        main(["archief", str(tmp_path), *argv])
    assert exc.value.code == 2
    assert message in capsys.readouterr().err


def test_an_output_folder_that_cannot_be_made_stops_before_the_work(tmp_path, capsys):
    from eenvoudig.cli import main

    (tmp_path / "a.txt").write_text("U krijgt geld.\n", encoding="utf-8")
    (tmp_path / "bestand").write_text("x", encoding="utf-8")
    with pytest.raises(SystemExit) as exc:
        main(["archief", str(tmp_path), "--out", str(tmp_path / "bestand" / "r.parquet"), "--workers", "1"])
    assert exc.value.code == 3
    err = capsys.readouterr().err
    assert "bestand: dit is een bestand, geen map. Kies een andere map met --out." in err
    assert "brieven gevonden" not in err   # stopped before looking for letters, let alone scoring them


def test_a_file_that_is_not_ours_is_not_overwritten(tmp_path, capsys):
    from eenvoudig.cli import main

    (tmp_path / "a.txt").write_text("U krijgt geld.\n", encoding="utf-8")
    out = tmp_path / "r.parquet"
    out.write_bytes(b"PAR1 iets anders")
    with pytest.raises(SystemExit) as exc:
        main(["archief", str(tmp_path), "--out", str(out), "--workers", "1"])
    assert exc.value.code == 3
    assert "het is geen resultatenbestand van eenvoudig archief" in capsys.readouterr().err
    assert out.read_bytes() == b"PAR1 iets anders"


def test_writing_is_all_or_nothing(tmp_path, monkeypatch):
    import pyarrow.parquet as pq

    out = tmp_path / "r.parquet"
    old = score_paths([LETTERS / "b1-eenvoudig.txt"], snel=True)
    write_results(old, out)
    before = out.read_bytes()

    def broken(table, where, **kwargs):
        where.write(b"PAR1 half")
        raise KeyboardInterrupt

    monkeypatch.setattr(pq, "write_table", broken)
    with pytest.raises(KeyboardInterrupt):
        write_results(score_paths([LETTERS / "b1-eenvoudig.txt", LETTERS / "wmo-huishoudelijke-hulp.txt"],
                                  snel=True), out)
    assert out.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.parquet"]
    pd.testing.assert_frame_equal(pd.read_parquet(out), old)


def test_a_stopped_run_keeps_what_was_done_and_the_next_run_goes_on(archive, tmp_path, threads):
    """Every finished part is saved (here: at once); a run stopped after the first save resumes from it."""
    folder = archive / "team-inkomen"
    n = len(_names(folder))
    out = tmp_path / "r.parquet"

    def stop_after_first_save(line: str) -> None:
        if "tussenstand bewaard" in line:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_archive([str(folder)], out, Config(snel=True), scheduler=threads, say=stop_after_first_save,
                    checkpoint_seconds=0)
    saved = pd.read_parquet(out)
    assert 0 < len(saved) < n
    assert not out.with_suffix(".html").exists()   # the page comes at the end of a whole run
    lines: list[str] = []
    run = run_archive([str(folder)], out, Config(snel=True), scheduler=threads, say=lines.append,
                      checkpoint_seconds=0)
    assert (run.reused, run.scored) == (len(saved), n - len(saved))
    saves = [line for line in lines if "tussenstand bewaard" in line]
    assert saves and saves[-1] == f"eenvoudig: {n - len(saved)} van {n - len(saved)} brieven gescoord; " \
                                  "tussenstand bewaard."
    pd.testing.assert_frame_equal(pd.read_parquet(out),
                                  score_paths(_names(folder), Config(snel=True)))
