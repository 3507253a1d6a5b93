"""Bounded time and memory: hostile or careless input stays near-linear and gets a Dutch message.

Each test here reproduces one defect of the attack report (research/attack-2026-12.md) and failed on
the code before the fix. Speed is measured by benchmarks/attack.py, not here; these tests count work
(look-ups, cache bytes) or use inputs that took minutes before and take well under a second now.
"""

from __future__ import annotations

import random

import pytest

from eenvoudig.analysis.wordinfo import compound_head, split_candidates


def _random_word(n: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    return "".join(rng.choice("aeioustrnlkdm") for _ in range(n))


# ------------------------------------------------------------------------------ D1: one long word


def test_a_long_word_is_not_split_into_all_its_substrings() -> None:
    word = _random_word(300)
    assert split_candidates(word) == set()
    assert compound_head(word, {word[:150]: 5.0, word[150:]: 5.0}) is None
    # a real compound below the bound is still split
    assert len(split_candidates("bijstandsuitkering")) == 136
    from eenvoudig.analysis.wordinfo import MAX_COMPOUND

    assert MAX_COMPOUND >= len("arbeidsongeschiktheidsverzekeringsmaatschappij")


def test_analysing_a_long_word_looks_up_few_words(monkeypatch) -> None:
    import eenvoudig
    from eenvoudig.analysis import wordinfo

    asked: list[int] = []
    real = wordinfo.WordTables.zipf

    def counting(self, words):
        words = set(words)
        asked.append(len(words))
        return real(self, words)

    monkeypatch.setattr(wordinfo.WordTables, "zipf", counting)
    text = f"Wij sturen u de {_random_word(400, seed=7)} vandaag."
    analysis = eenvoudig.analyze(eenvoudig.read_text(text))
    assert [len(s.words) for s in analysis.sentences] == [6]
    assert sum(asked) < 100      # before: all 80,000 substrings of the long word


# ------------------------------------------------------------------------ D8: quadratic paths (no hang)

HOSTILE = {   # the old code took 10-40 s for each of these (quadratic), over 100 s together; now seconds
    "stars": "'*' * 15_000",                                    # spaCy's tokenizer on one long token
    "brackets": "'(' * 8_000 + 'a' + ')' * 8_000",
    "dots": "'Wij ' + 'a.' * 10_000",                           # url, kenmerk and e-mail regexes
    "dashes": "'Wij ' + 'a-' * 10_000",
    "braces": "'Wij betalen ' + '{{ ' * 20_000",                 # template syntax without an end
    "md_links": "'[' * 8_000 + 'a' + '](x)' * 8_000",            # Markdown links
    "md_strong": "'**a ' * 10_000",                              # Markdown strong text
    "long_word": "'Wij sturen u de ' + 'aeiousrtnl' * 2_000 + '.'",  # pyphen and compound heads on one word
}


def test_hostile_text_does_not_hang(tmp_path) -> None:
    # Each of these took minutes to hours before (quadratic); together they now take seconds. The
    # generous timeout only tells "finished" from "hangs": speed is measured by benchmarks/attack.py.
    import subprocess
    import sys

    script = "import eenvoudig\nfrom eenvoudig.checks.text import format_report\n" + "".join(
        f"format_report(eenvoudig.check(eenvoudig.analyze(eenvoudig.read_text({expr}, kind='md'))))\n"
        f"print('{name}', flush=True)\n" for name, expr in HOSTILE.items())
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.split() == list(HOSTILE)


def test_report_grouping_does_not_scan_every_sentence(monkeypatch) -> None:
    # format_report put each finding with its sentence by scanning all sentences: findings × sentences
    import eenvoudig
    from eenvoudig.checks.text import format_report

    report = eenvoudig.check(eenvoudig.analyze(eenvoudig.read_text(
        " ".join(["Wij verstrekken u hierbij de beschikking inzake uw aanvraag."] * 400))))
    sentences = report.analysis.sentences
    reads = [0]

    class Counting(tuple):
        def __iter__(self):
            reads[0] += 1
            return super().__iter__()

        def __getitem__(self, i):
            return tuple.__getitem__(self, i)

    object.__setattr__(report.analysis, "sentences", Counting(sentences))
    text = format_report(report)
    assert text.count("\n    > Wij ") == 400
    assert reads[0] <= 5         # before: one pass over all sentences per finding (≈ 1,600)


def test_docx_paragraph_styles_are_looked_up_once(tmp_path, monkeypatch) -> None:
    # python-docx's p.style searches the style part for every paragraph (1.7 ms each: 100,000 paragraphs
    # took over ten minutes); one table of style names is made per document instead.
    import docx
    from docx.text.paragraph import Paragraph

    from eenvoudig.document import read

    d = docx.Document()
    d.add_paragraph("Kopje", style="Heading 1")
    for i in range(200):
        d.add_paragraph(f"Wij sturen u brief {i}.")
    path = tmp_path / "brief.docx"
    d.save(path)
    calls = [0]
    real = Paragraph.style.fget

    def counting(self):
        calls[0] += 1
        return real(self)

    monkeypatch.setattr(Paragraph, "style", property(counting))
    doc = read(path)
    assert calls[0] == 0
    assert [b.scope for b in doc.blocks[:2]] == ["heading", "paragraph"] and len(doc.blocks) == 201


# ----------------------------------------------------------------------------- D9: zip bombs in a .docx


def _docx_with(tmp_path, name: str, extra: dict[str, bytes]) -> str:
    import zipfile

    import docx

    d = docx.Document()
    d.add_paragraph("Wij sturen u een brief.")
    plain = tmp_path / "plain.docx"
    d.save(plain)
    out = tmp_path / name
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = extra.pop(item.filename, None)
            dst.writestr(item, data if data is not None else src.read(item))
        for filename, data in extra.items():
            dst.writestr(filename, data)
    return str(out)


def test_a_docx_zip_bomb_is_refused_before_unpacking(tmp_path) -> None:
    from eenvoudig.document import read
    from eenvoudig.errors import InputError

    bomb = _docx_with(tmp_path, "bom.docx", {"word/media/image1.png": b"\0" * 30_000_000})
    assert (tmp_path / "bom.docx").stat().st_size < 100_000
    with pytest.raises(InputError, match="te groot als het wordt uitgepakt"):
        read(bomb, max_bytes=1_000_000)            # 30 MB unpacked; the limit is 10 × 1 MB


def test_a_huge_document_xml_is_too_big_not_damaged(tmp_path) -> None:
    from eenvoudig.document import read
    from eenvoudig.errors import InputError

    big = _docx_with(tmp_path, "groot.docx", {"word/document.xml": b"<?xml version='1.0'?>" + b" " * 20_000_000})
    with pytest.raises(InputError) as err:
        read(big, max_bytes=1_000_000)
    assert "te groot" in str(err.value) and "beschadigd" not in str(err.value)


# -------------------------------------------------------------------------- D13: caches bounded by size


def test_block_cache_is_bounded_by_size(monkeypatch) -> None:
    import eenvoudig
    from eenvoudig import analysis

    monkeypatch.setattr(analysis, "_BLOCK_CACHE_CHARS", 20_000, raising=False)
    analysis.clear_caches()
    for i in range(40):   # 40 unique paragraphs of about 2,500 characters
        eenvoudig.analyze(eenvoudig.read_text(f"Brief {i}. " + f"Wij sturen u bericht nummer {i}. " * 80))
    cached = sum(len(key[1]) for key in analysis._BLOCK_CACHE)
    assert 0 < cached <= 20_000
    assert analysis._block_cache_chars[0] == cached      # the count of characters stays true
    analysis.clear_caches()
    assert (len(analysis._BLOCK_CACHE), analysis._block_cache_chars[0]) == (0, 0)
    eenvoudig.analyze(eenvoudig.read_text("Wij sturen u een brief."))   # and the cache works after it
    assert analysis._block_cache_chars[0] == len("Wij sturen u een brief.")
    analysis.clear_caches()


def test_frequency_cache_is_bounded(monkeypatch) -> None:
    from eenvoudig.analysis import wordinfo

    monkeypatch.setattr(wordinfo, "ZIPF_CACHE", 1000, raising=False)
    tables = wordinfo.WordTables(wordinfo.tables().conn)
    words = [f"{_random_word(12, seed=i)}" for i in range(3000)] + ["huis"]
    assert tables.zipf(words)["huis"] > 4
    assert len(tables._zipf) <= 1000
    assert tables.zipf(["huis"])["huis"] > 4


def test_spacy_vocabulary_is_bounded(monkeypatch) -> None:
    # spaCy keeps every word its tokenizer ever saw; a letter generator sees new names every day
    import eenvoudig
    from eenvoudig import analysis

    backend = analysis.get_backend()
    base = len(backend.nlp.vocab)
    monkeypatch.setattr(analysis, "VOCAB_LIMIT", base + 200, raising=False)
    for i in range(5):
        eenvoudig.analyze(eenvoudig.read_text(" ".join(_random_word(12, seed=1000 + 100 * i + k) for k in range(100))))
    assert len(backend.nlp.vocab) <= base + 300


# ------------------------------------------------------------------------------- D11: config, bad values

def test_a_pyproject_whose_tool_is_not_a_table_is_not_our_config(run_main, tmp_path) -> None:
    (tmp_path / "pyproject.toml").write_text("tool = 5\n", encoding="utf-8")
    (tmp_path / "brief.txt").write_text("Wij sturen u een brief.\n", encoding="utf-8")
    assert run_main("check", "brief.txt", cwd=tmp_path).exit_code == 0     # before: TypeError, exit 4
    from eenvoudig.config import load_config
    from eenvoudig.errors import DataError

    with pytest.raises(DataError, match="'tool' moet een tabel zijn"):
        load_config(tmp_path / "pyproject.toml")


BAD_CONFIGS = [
    ("pyproject.toml", "[tool]\neenvoudig = \"x\"\n", "[tool.eenvoudig] moet een tabel"),
    ("pyproject.toml", "[tool]\neenvoudig = [1, 2]\n", "[tool.eenvoudig] moet een tabel"),
    ("eenvoudig.toml", "max-file-mb = inf\n", "max-file-mb moet een getal"),
    ("eenvoudig.toml", "max-file-mb = nan\n", "max-file-mb moet een getal"),
    ("eenvoudig.toml", "max-file-mb = 1e308\n", "max-file-mb moet een getal"),
    ("eenvoudig.toml", "max-file-mb = 0\n", "max-file-mb moet een getal"),
    ("eenvoudig.toml", "max-file-mb = -1\n", "max-file-mb moet een getal"),
    ("eenvoudig.toml", "max-file-mb = true\n", "max-file-mb moet een getal"),
    ("eenvoudig.toml", '[thresholds."zin.lang"]\nwarning = "abc"\n', "warning moet een getal zijn"),
    ("eenvoudig.toml", '[thresholds."zin.lang"]\nwarning = [1, 2]\n', "warning moet een getal zijn"),
    ("eenvoudig.toml", '[thresholds."zin.lang"]\nwarning = {a = 1}\n', "warning moet een getal zijn"),
    ("eenvoudig.toml", '[thresholds."zin.lang"]\nwarning = nan\n', "warning moet een getal zijn"),
    ("eenvoudig.toml", '[thresholds."stijl.ontkenning"]\nwoorden = [1]\n', "woorden moet een lijst met woorden"),
    ("eenvoudig.toml", "lint = 5\n", "[lint] moet een tabel"),
    ("eenvoudig.toml", "a = " + "[" * 100_000 + "]" * 100_000 + "\n", "te diep genest"),
]


@pytest.mark.parametrize(("name", "content", "message"), BAD_CONFIGS, ids=[c[1][:30] for c in BAD_CONFIGS])
def test_bad_config_values_are_a_dutch_message(run_main, tmp_path, name, content, message) -> None:
    (tmp_path / name).write_text(content, encoding="utf-8")
    (tmp_path / "brief.txt").write_text("Wij sturen u een brief.\n", encoding="utf-8")
    result = run_main("check", "brief.txt", cwd=tmp_path)
    assert result.exit_code == 3, result.stderr
    assert message in result.stderr and "interne fout" not in result.stderr


def test_unknown_rule_ids_are_warned_about(run_main, tmp_path) -> None:
    (tmp_path / "eenvoudig.toml").write_text(
        '[rules]\n"zin.lengte" = false\n"stijl" = false\n"sjabloon.syntaxis" = false\n'
        '[thresholds."zin.lengte"]\nwarning = 15\n[thresholds."zin.lang"]\nwaarschuwing = 15\n', encoding="utf-8")
    (tmp_path / "brief.txt").write_text("Wij sturen u een brief.\n", encoding="utf-8")
    result = run_main("check", "brief.txt", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    assert "de regel 'zin.lengte' in [rules] bestaat niet" in result.stderr
    assert "[thresholds] voor 'zin.lengte': die regel bestaat niet" in result.stderr
    assert "kent 'waarschuwing' niet" in result.stderr
    assert "'stijl'" not in result.stderr and "sjabloon" not in result.stderr


@pytest.mark.parametrize("target", ["/dev/zero", "map"])
def test_config_that_is_not_a_file(run_main, tmp_path, target) -> None:
    import os

    if target.startswith("/dev") and not os.path.exists(target):
        pytest.skip("no /dev/zero here")
    (tmp_path / "map").mkdir()
    result = run_main("--config", target, "check", "-", cwd=tmp_path)
    assert result.exit_code in (2, 3)
    assert ("apparaat" in result.stderr or "is een map" in result.stderr) and "interne fout" not in result.stderr
    assert "is a directory" not in result.stderr


def test_a_lexicon_with_a_bom_or_a_device(tmp_path) -> None:
    import os

    from eenvoudig.errors import DataError
    from eenvoudig.lexicon import validate_files

    shipped = (tmp_path / "eigen.tsv")
    from eenvoudig.lexicon import shipped_files

    first = shipped_files()[0].read_text(encoding="utf-8")
    shipped.write_bytes(b"\xef\xbb\xbf" + first.encode("utf-8"))
    assert validate_files([shipped]) == []
    if os.path.exists("/dev/zero"):
        link = tmp_path / "nul.tsv"
        link.symlink_to("/dev/zero")
        with pytest.raises(DataError, match="geen lexiconbestand maar een apparaat"):
            validate_files([link])


# ------------------------------------------------------------------------------- text, not "binary"

TEXTS = [
    "\uf0b7 Neem uw paspoort mee.\n\uf0b7 Neem uw loonstrook mee.\n\uf0a7 Kom op tijd.\n",   # Word's bullets
    "Καλημέρα, αυτό είναι ένα γράμμα από τον δήμο.\n",                                    # Greek
    "مرحبا، هذه رسالة من البلدية.\n",                                                     # Arabic
    "ｗｉｊ ｓｔｕｒｅｎ ｕ ｅｅｎ ｂｒｉｅｆ．\n",                                              # full-width
]


@pytest.mark.parametrize("text", TEXTS, ids=["bullets", "greek", "arabic", "fullwidth"])
def test_valid_utf8_is_text(text: str) -> None:
    from eenvoudig.document import decode

    assert decode(text.encode("utf-8"), "brief.txt") == text


def test_lone_surrogates_are_an_input_error() -> None:
    import eenvoudig
    from eenvoudig.errors import InputError

    for bad in ("Wij betalen \ud800 u.", "\udfff", "U krijgt geld.\udc80"):
        with pytest.raises(InputError, match="surrogaten"):
            eenvoudig.analyze(eenvoudig.read_text(bad))


# -------------------------------------------------------------------------------- D16: terminal escapes


def test_check_does_not_echo_terminal_escapes(run_main, tmp_path) -> None:
    (tmp_path / "brief.txt").write_text(   # three control characters: below the 2% that makes a file binary
        "Wij verstrekken u hierbij \x1b]0;gehackt\x07de beschikking \x1b[2J inzake uw aanvraag. "
        "U krijgt het geld binnen twee weken op uw rekening. Hebt u vragen? Bel ons dan gerust op een werkdag.\n",
        encoding="utf-8")
    result = run_main("check", "brief.txt", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr   # a short letter: judged gently, no error finding
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "\ufffd]0" in result.stdout and "\ufffd[2J" in result.stdout   # shown, harmless


def test_a_docx_with_millions_of_empty_paragraphs_is_refused(tmp_path) -> None:
    import zipfile

    from eenvoudig.document import read
    from eenvoudig.errors import InputError

    path = _docx_with(tmp_path, "leeg.docx", {})
    with zipfile.ZipFile(path) as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    xml = parts["word/document.xml"].decode()
    parts["word/document.xml"] = xml.replace("</w:body>", "<w:p/>" * 300_000 + "</w:body>").encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    with pytest.raises(InputError, match="te veel alinea's"):
        read(path)
