"""Facts about Dutch words: lemma candidates, word frequency (Zipf), syllables, compound heads.

Sources (all installed from PyPI, nothing downloaded at run time):

* lemmas: spaCy's Dutch lookup tables from `spacy-lookups-data` (lookup, exceptions, rules and the
  per-POS index). Without a tagger we try every reading (noun, verb, adjective) and keep the candidates
  the index knows, so `verstrekte` gives `verstrekken` and `besluit` gives `besluit` and `besluiten`.
* frequency: `wordfreq` (Zipf scale, Dutch "large" list).
* syllables: `pyphen` (nl_NL), taking the maximum with a vowel-group count; acronyms count per letter.

Loading the lemma and frequency tables from their packages takes about 2 s, so the first run copies
them into one SQLite file in the user's cache folder (`$EENVOUDIG_CACHE` or `~/.cache/eenvoudig`); later
runs query only the words of the letter. The cache holds only public word lists, never letter text.
"""

from __future__ import annotations

import json
import math
import os
import re
import sqlite3
import tempfile
import threading
from collections import OrderedDict
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path
from typing import Iterable

SCHEMA = 2
POS = ("noun", "verb", "adj")
_CHUNK = 500
# Look-ups kept in memory per process: enough for every word of many letters, bounded for a letter
# generator that runs for days. Frequencies (about 150 bytes each; compound splits look up many
# substrings) and lemma candidates (about 250 bytes each).
ZIPF_CACHE = 200_000
LEMMA_CACHE = 50_000


def cache_dir() -> Path:
    """Return the folder for eenvoudig's derived tables."""
    if env := os.environ.get("EENVOUDIG_CACHE"):
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or (Path.home() / ".cache")
    return Path(base) / "eenvoudig"


def _versions() -> str:
    parts = [f"schema{SCHEMA}"]
    for dist in ("spacy-lookups-data", "wordfreq"):
        try:
            parts.append(f"{dist}-{metadata.version(dist)}")
        except metadata.PackageNotFoundError:  # pragma: no cover
            parts.append(f"{dist}-none")
    return "_".join(parts)


def _lookups_json(name: str):
    """Read one of spacy-lookups-data's Dutch tables (`data/nl_<name>.json.gz`) with its original keys."""
    import gzip

    folder = resources.files("spacy_lookups_data") / "data"
    with (folder / f"nl_{name}.json.gz").open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as f:
        return json.load(f)


def _fill(conn: sqlite3.Connection) -> None:
    """Copy spaCy's Dutch lemma tables and wordfreq's Dutch list into an empty database."""
    import wordfreq

    conn.executescript(
        """
        CREATE TABLE lookup(form TEXT PRIMARY KEY, lemma TEXT) WITHOUT ROWID;
        CREATE TABLE exc(form TEXT, pos TEXT, lemma TEXT, PRIMARY KEY(form, pos, lemma)) WITHOUT ROWID;
        CREATE TABLE idx(word TEXT, pos TEXT, PRIMARY KEY(word, pos)) WITHOUT ROWID;
        CREATE TABLE freq(word TEXT PRIMARY KEY, zipf REAL) WITHOUT ROWID;
        CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
        """
    )
    conn.executemany("INSERT OR IGNORE INTO lookup VALUES (?, ?)", _lookups_json("lemma_lookup").items())
    conn.execute("CREATE INDEX lookup_lemma ON lookup(lemma)")
    exc, idx, rules = _lookups_json("lemma_exc"), _lookups_json("lemma_index"), _lookups_json("lemma_rules")
    for pos in POS:
        conn.executemany("INSERT OR IGNORE INTO exc VALUES (?, ?, ?)",
                         ((f, pos, lem) for f, lems in exc.get(pos, {}).items() for lem in lems))
        conn.executemany("INSERT OR IGNORE INTO idx VALUES (?, ?)", ((w, pos) for w in idx.get(pos, [])))
    conn.execute("INSERT INTO meta VALUES ('rules', ?)", (json.dumps({p: rules.get(p, []) for p in POS}),))
    freqs = wordfreq.get_frequency_dict("nl", wordlist="large")
    conn.executemany("INSERT OR IGNORE INTO freq VALUES (?, ?)",
                     ((w, round(math.log10(f) + 9, 3)) for w, f in freqs.items() if f > 0))
    conn.execute("INSERT INTO meta VALUES ('version', ?)", (_versions(),))
    conn.commit()


def _open() -> sqlite3.Connection:
    """Open the cached tables, building them first when missing or out of date."""
    path = cache_dir() / f"woorden-{_versions()}.sqlite"
    if path.is_file():
        try:
            conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
            conn.execute("SELECT value FROM meta WHERE key='version'").fetchone()
            return conn
        except sqlite3.Error:
            pass  # damaged: build again
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".woorden-", suffix=".tmp", dir=path.parent)
        os.close(fd)
    except OSError:
        conn = sqlite3.connect(":memory:", check_same_thread=False)  # cache folder not writable
        _fill(conn)
        return conn
    try:
        conn = sqlite3.connect(tmp)
        try:
            _fill(conn)
        finally:
            conn.close()
        os.replace(tmp, path)  # atomic: a parallel run sees either nothing or the whole file
        return sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
    except (OSError, sqlite3.Error) as exc:   # a full disk, most often
        for leftover in (tmp, tmp + "-journal", tmp + "-wal", tmp + "-shm"):
            try:
                os.unlink(leftover)
            except OSError:
                pass
        from eenvoudig.errors import DataError

        raise DataError(f"de woordtabellen kunnen niet klaargezet worden in {path.parent} "
                        f"({getattr(exc, 'strerror', None) or exc}); is de schijf vol? Maak ruimte, of kies een andere "
                        "map met de omgevingsvariabele EENVOUDIG_CACHE.") from None


class WordTables:
    """Batch look-ups of lemma candidates and Zipf frequencies."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.rules: dict[str, list[list[str]]] = json.loads(
            conn.execute("SELECT value FROM meta WHERE key='rules'").fetchone()[0])
        self._zipf: OrderedDict[str, float] = OrderedDict()   # bounded: ZIPF_CACHE words, least recent out
        self._lemmas: dict[str, tuple[str, ...]] = {}
        self._known: dict[str, dict[str, bool]] = {}
        self._lock = threading.Lock()

    def _query(self, sql: str, keys: list[str]) -> list[tuple]:
        rows: list[tuple] = []
        for i in range(0, len(keys), _CHUNK):
            chunk = keys[i:i + _CHUNK]
            rows.extend(self.conn.execute(sql.format(",".join("?" * len(chunk))), chunk).fetchall())
        return rows

    def zipf(self, words: Iterable[str]) -> dict[str, float]:
        """Return the Zipf frequency (0 = unknown) of each lower-case word."""
        wanted = set(words)
        with self._lock:
            out = {}
            todo = []
            for w in wanted:
                z = self._zipf.get(w)
                if z is None:
                    todo.append(w)
                else:
                    self._zipf.move_to_end(w)
                    out[w] = z
            if todo:
                found = dict(self._query("SELECT word, zipf FROM freq WHERE word IN ({})", todo))
                for w in todo:
                    out[w] = self._zipf[w] = found.get(w, 0.0)
                while len(self._zipf) > ZIPF_CACHE:
                    self._zipf.popitem(last=False)
        return out

    def known(self, words: Iterable[str], pos: str) -> set[str]:
        """Return the words that spaCy's Dutch index knows as lemmas of `pos` (noun, verb, adj)."""
        if pos not in POS:
            raise ValueError(f"unknown part of speech {pos!r}")
        cache = self._known.setdefault(pos, {})
        words = set(words)
        keys = [w for w in words if w not in cache]
        if keys:
            if len(cache) + len(keys) > LEMMA_CACHE:
                cache.clear()   # bounded; refilled from the database as needed
                keys = list(words)
            with self._lock:
                found = {w for (w,) in self._query(f"SELECT word FROM idx WHERE pos='{pos}' AND word IN ({{}})", keys)}
            for w in keys:
                cache[w] = w in found
        return {w for w in words if cache.get(w)}

    def verbs(self, words: Iterable[str]) -> set[str]:
        """Return the words that are verb lemmas: in spaCy's verb index, or the lemma of an -en infinitive
        in the lookup table (the index misses some, such as 'ontvangen')."""
        words = set(words)
        found = self.known(words, "verb")
        rest = [w for w in words - found if w.endswith("en")]
        if rest:
            with self._lock:
                found |= {w for (w,) in self._query("SELECT DISTINCT lemma FROM lookup WHERE lemma IN ({})", rest)}
        return found

    def lemmas(self, words: Iterable[str]) -> dict[str, tuple[str, ...]]:
        """Return the candidate lemmas of each lower-case word form, best guess first."""
        wanted = set(words)
        with self._lock:
            todo = [w for w in wanted if w not in self._lemmas]
            if not todo:
                return {w: self._lemmas[w] for w in wanted}
            if len(self._lemmas) + len(todo) > LEMMA_CACHE:
                self._lemmas.clear()   # bounded; refilled from the database as needed
                todo = list(wanted)
            lookup = dict(self._query("SELECT form, lemma FROM lookup WHERE form IN ({})", todo))
            exc: dict[str, list[str]] = {}
            for form, _pos, lemma in self._query("SELECT form, pos, lemma FROM exc WHERE form IN ({})", todo):
                exc.setdefault(form, []).append(lemma)
            guesses: dict[str, list[tuple[str, str]]] = {}
            for w in todo:
                cands = [(w, p) for p in POS]
                for pos in POS:
                    for old, new in self.rules.get(pos, []):
                        if old and w.endswith(old) and len(w) > len(old) + 1:
                            cands.append((w[: len(w) - len(old)] + new, pos))
                guesses[w] = cands
            candidates = list({c for cands in guesses.values() for c, _ in cands})
            known = set(self._query("SELECT word, pos FROM idx WHERE word IN ({})", candidates))
            for w in todo:
                out: list[str] = []
                for cand in [lookup.get(w), *exc.get(w, [])]:
                    if cand and cand not in out:
                        out.append(cand)
                for cand, pos in guesses[w]:
                    if (cand, pos) in known and cand not in out:
                        out.append(cand)
                self._lemmas[w] = tuple(out) or (w,)
        return {w: self._lemmas[w] for w in wanted}


@lru_cache(maxsize=1)
def tables() -> WordTables:
    """Return the shared word tables (built into the cache on first use)."""
    return WordTables(_open())


# ------------------------------------------------------------------------------------------ syllables

_VOWELS = re.compile(r"[aeiouyáàâéèêíìîóòôúùû]+|[äëïöü][aeiouyáàâéèêíìîóòôúùû]*")


@lru_cache(maxsize=1)
def _hyphenator():
    import pyphen

    return pyphen.Pyphen(lang="nl_NL")


@lru_cache(maxsize=65536)
def syllables(word: str) -> int:
    """Count the syllables of a word: max(pyphen, vowel groups); acronyms (BSN) count per letter."""
    letters = word if word.isalnum() else "".join(c for c in word if c.isalnum())
    if not letters:
        return 0
    if letters.isdigit():
        return 1
    if word.isupper() and letters.isalpha() and len(letters) <= 5:
        return len(letters)
    total = 0
    for part in re.split(r"[-/]+", word):
        if not part:
            continue
        low = part.lower()
        vowel_groups = len(_VOWELS.findall(low))
        # pyphen is quadratic in the word length: a 'word' longer than any real one is counted by vowels
        hyphenated = _hyphenator().inserted(low).count("-") + 1 if low.isalpha() and len(low) <= MAX_COMPOUND else 1
        total += max(hyphenated, vowel_groups, 1)
    cache = getattr(getattr(_hyphenator(), "hd", None), "cache", None)
    if isinstance(cache, dict) and len(cache) > 65536:   # pyphen keeps every word it saw; we keep our own lru
        cache.clear()
    return total


# ------------------------------------------------------------------------------------------ compounds

LINKS = ("s", "en", "e", "-")
# Longer words are not split: a split looks up every substring (n²/2 of them), and real Dutch compounds
# stay below this ("arbeidsongeschiktheidsverzekeringsmaatschappij" has 46 letters).
MAX_COMPOUND = 48


def compound_head(word: str, zipf: dict[str, float], min_head: float = 3.0, min_mod: float = 2.5,
                  min_len: int = 4, depth: int = 2) -> tuple[str, str] | None:
    """Split a transparent compound into (modifier, head) when both parts are common words.

    The head is the longest frequent suffix; the modifier may lose a linking -s/-en/-e/- and may itself
    be a compound. Return None when no split makes both parts frequent.
    """
    w = word.lower()
    if len(w) > MAX_COMPOUND:
        return None
    for i in range(min_len - 1, len(w) - min_len + 1):
        head = w[i:]
        if zipf.get(head, 0.0) < min_head:
            continue
        mod = w[:i]
        options = [mod] + [mod[: -len(link)] for link in LINKS if mod.endswith(link) and len(mod) - len(link) >= 3]
        for m in options:
            if zipf.get(m, 0.0) >= min_mod:
                return m, head
        for m in options:
            if depth > 1 and len(m) >= 2 * min_len and compound_head(
                    m, zipf, min_head=min_mod, min_mod=min_mod, min_len=min_len, depth=depth - 1):
                return m, head
    return None


def split_candidates(word: str, min_len: int = 3) -> set[str]:
    """Return every substring `compound_head` may look up for `word` (for one batch query); none for a
    word longer than MAX_COMPOUND letters, which is never split."""
    w = word.lower()
    if len(w) > MAX_COMPOUND:
        return set()
    return {w[a:b] for a in range(len(w)) for b in range(a + min_len, len(w) + 1)}
