"""The plain-Dutch lexicon: load and validate `lexicon/`, look words up, and find them in sentences.

Data format: see `lexicon/README.md`. Matching works on every inflected form written in the form
tables (`verstrekt`, `verstrekte`, `heeft verstrekt`), on separable verbs in both orders
(`retourneert u het formulier`, `vraagt … aan`), on multiword expressions whose verb may stand
elsewhere in the sentence (`wij stellen u in de gelegenheid`), and on compounds whose head is a
lexicon noun (`bijstandsbeschikking` → `beschikking`).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from eenvoudig.errors import DataError

ENTRY_HEADER = ("moeilijk", "eenvoudig", "soort", "categorie", "veilig", "uitleg", "bron", "uitspraak")
VERB_HEADER = ("infinitief", "ik", "hij", "verleden", "verleden_mv", "deelwoord", "deel", "hulp")
NOUN_HEADER = ("woord", "lidwoord", "meervoud", "verkleinwoord")
ADJ_HEADER = ("woord", "verbogen")
SOORTEN = {"ww", "zn", "bn", "bw", "vz", "vg", "vnw", "uitdr", "afk"}
CATEGORIEEN = {"ambtelijk", "ouderwets", "formeel", "juridisch", "jargon", "afkorting", "leenwoord"}
NEEDS_EXPLANATION = {"juridisch", "jargon"}
# veilig: ja = applied by default; nee = applied only with --unsafe; nooit = only ever a suggestion (the swap can
# shift the meaning or break the sentence in some contexts, so no mode applies it without a person choosing it)
VEILIG = ("ja", "nee", "nooit")
# Necessary terms: a legal or domain word the letter has to keep (bezwaarschrift, bestemmingsplan, gemachtigde).
# The advice is to explain it once, so `check` flags it at its first occurrence in a letter only; every other
# entry is flagged wherever it stands (each occurrence can be replaced).
ONCE_PER_LETTER = frozenset({"juridisch", "jargon"})
# Written before an expression in `moeilijk` ("[begin] in verband met"): the entry only matches where the
# expression opens its sentence (only a list number or a quote before it). Some swaps are right only there:
# "In verband met de feestdagen …" is "Vanwege de feestdagen …", but "kosten in verband met uw verhuizing" are not
# "kosten vanwege uw verhuizing".
AT_START = "[begin]"
# Written after an expression ("op grond van [wetsartikel]"): the entry only matches right before a reference to
# an article of a law, which is a protected span ("Op grond van artikel 35 van de Participatiewet" → "Volgens
# artikel 35 …"), where "volgens" is always right; "op grond van uw inkomen" is not "volgens uw inkomen".
BEFORE_LAW = "[wetsartikel]"

# Verb slots, in the order of the form table.
SLOTS = ("inf", "ik", "hij", "past", "past_pl", "part")


@dataclass(frozen=True, slots=True)
class Entry:
    """One lexicon row: a difficult word or expression with plain alternatives."""

    moeilijk: str
    eenvoudig: tuple[str, ...]
    soort: str
    categorie: str
    veilig: bool
    uitleg: str
    bron: str
    uitspraak: str = ""
    where: str = ""                   # file:line, for messages
    suggest_only: bool = False        # veilig = nooit: only ever suggested, never applied (not even --unsafe)

    @property
    def rule_id(self) -> str:
        return f"lexicon.{self.categorie}"

    @property
    def once_per_letter(self) -> bool:
        """Whether this is a necessary term, flagged at its first occurrence in a letter only."""
        return self.categorie in ONCE_PER_LETTER

    @property
    def at_start(self) -> bool:
        """Whether the entry only matches at the start of a sentence (`moeilijk` begins with "[begin]")."""
        return self.moeilijk.startswith(AT_START + " ")

    @property
    def before_law(self) -> bool:
        """Whether the entry only matches right before a legal reference (`moeilijk` ends in "[wetsartikel]")."""
        return self.moeilijk.endswith(" " + BEFORE_LAW)

    @property
    def phrase(self) -> str:
        """The difficult words themselves, without the "[begin]" or "[wetsartikel]" marker."""
        text = self.moeilijk[len(AT_START):].strip() if self.at_start else self.moeilijk
        return text[:-len(BEFORE_LAW)].strip() if self.before_law else text

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(self.phrase.split())

    def to_dict(self) -> dict:
        return {"moeilijk": self.moeilijk, "eenvoudig": list(self.eenvoudig), "soort": self.soort,
                "categorie": self.categorie, "veilig": self.veilig, "uitleg": self.uitleg, "bron": self.bron,
                "alleen_voorstel": self.suggest_only, "uitspraak": self.uitspraak, "bestand": self.where}


@dataclass(frozen=True, slots=True)
class Verb:
    """A verb paradigm: finite forms without the separable part, the part, participle and auxiliary."""

    infinitive: str
    ik: str
    hij: str
    past: str
    past_pl: str
    participle: str
    particle: str
    aux: str

    def form(self, slot: str) -> str:
        """Return the form for a slot; finite forms (and `pl`) come without the separable part."""
        if slot == "pl":
            if self.joined:
                return self.infinitive[len(self.particle):]
            if self.particle:   # "laten weten" → laten, "weer starten" → starten, "op een rij zetten" → zetten
                return " ".join(self.infinitive.replace(self.particle, " ", 1).split())
            return self.infinitive.split()[0]
        return {"inf": self.infinitive, "ik": self.ik, "hij": self.hij, "past": self.past,
                "past_pl": self.past_pl, "part": self.participle}[slot]

    @property
    def joined(self) -> bool:
        """True for a one-word separable verb (terugsturen), False for laten weten or no particle."""
        return bool(self.particle) and self.infinitive.startswith(self.particle) and " " not in self.infinitive


@dataclass(frozen=True, slots=True)
class Noun:
    word: str
    article: str
    plural: str
    diminutive: str


@dataclass(frozen=True)
class Lexicon:
    """All entries and forms, with indexes for matching."""

    entries: dict[str, Entry]
    verbs: dict[str, Verb]
    nouns: dict[str, Noun]
    adjectives: dict[str, str]
    _single: dict[str, list[tuple[Entry, str]]] = field(default_factory=dict, repr=False)
    _split: dict[str, list[tuple[Entry, str]]] = field(default_factory=dict, repr=False)
    _multi: dict[str, list[Entry]] = field(default_factory=dict, repr=False)
    _multi_first: set[str] = field(default_factory=set, repr=False, compare=False)   # first words of _multi keys
    _heads: dict[str, Entry] = field(default_factory=dict, repr=False)
    _terms: dict[str, str] = field(default_factory=dict, repr=False)   # necessary term of an entry, see term()
    # check() results per sentence (text, scope, token kinds, rule settings): letters from one template
    # repeat most sentences. Bounded; holds no personal data beyond the process.
    sentence_cache: dict = field(default_factory=dict, repr=False, compare=False)

    def lookup(self, word: str) -> Entry | None:
        """Return the entry for a difficult word or expression (any inflected form), or None."""
        key = " ".join(word.lower().split())
        if key in self.entries:
            return self.entries[key]
        hits = self._single.get(key)
        return hits[0][0] if hits else None

    def term(self, entry: Entry) -> str:
        """Return the necessary term an entry stands for, so a letter explains it once in whatever expression it
        stands: "een bezwaarschrift indienen" → "bezwaarschrift" (itself a juridisch entry); else the entry."""
        return self._terms.get(entry.moeilijk.lower(), entry.moeilijk.lower())

    def __len__(self) -> int:
        return len(self.entries)


# ------------------------------------------------------------------------------------------- loading


MAX_LEXICON_BYTES = 100 * 1024 * 1024


def _rows(path: Path | resources.abc.Traversable, text: str | None = None) -> Iterator[tuple[int, list[str]]]:
    if text is None:
        from eenvoudig.files import NotAFile, TooBig, read_regular

        try:   # a user's lexicon is a regular file of at most 100 MB (a link to /dev/zero is not)
            data = read_regular(path, MAX_LEXICON_BYTES) if isinstance(path, Path) else path.read_bytes()
            text = data.decode("utf-8-sig")    # Excel and Notepad may write a byte order mark
        except UnicodeDecodeError:
            raise DataError(f"{_name(path)}: het bestand is niet opgeslagen als UTF-8.") from None
        except NotAFile as exc:
            raise DataError(f"{_name(path)}: dit is geen lexiconbestand maar {exc.kind}.") from None
        except TooBig:
            raise DataError(f"{_name(path)}: het lexiconbestand is groter dan 100 MB.") from None
        except OSError as exc:
            raise DataError(f"{_name(path)}: kan het bestand niet lezen ({exc.__class__.__name__}).") from None
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        yield n, line.rstrip("\r\n").split("\t")


def _name(path) -> str:
    p = str(path)
    i = p.rfind("lexicon/")
    return p[i:] if i >= 0 else p


def shipped_files() -> list:
    """Return the lexicon files shipped with eenvoudig (entries first, then forms)."""
    root = resources.files("eenvoudig") / "lexicon"
    files = sorted((f for f in root.iterdir() if f.name.endswith(".tsv")), key=lambda f: f.name)
    forms = root / "vormen"
    if forms.is_dir():
        files += sorted((f for f in forms.iterdir() if f.name.endswith(".tsv")), key=lambda f: f.name)
    return files


def _collect(files: Iterable, errors: list[str], *, user: bool = False):
    entries: dict[str, Entry] = {}
    verbs: dict[str, tuple[Verb, str]] = {}
    nouns: dict[str, tuple[Noun, str]] = {}
    adjectives: dict[str, tuple[str, str]] = {}
    for f in files:
        name = _name(f)
        rows = list(_rows(f))
        if not rows:
            errors.append(f"{name}: het bestand is leeg.")
            continue
        n0, header = rows[0]
        header = tuple(h.strip() for h in header)
        body = rows[1:]
        if header in (ENTRY_HEADER, ENTRY_HEADER[:-1]):
            for n, cols in body:
                entry = _entry(cols, f"{name}:{n}", errors)
                if entry is None:
                    continue
                key = entry.moeilijk.lower()
                if key in entries and not user:
                    errors.append(f"{name}:{n}: '{entry.moeilijk}' staat al in {entries[key].where}.")
                    continue
                entries[key] = entry
        elif header == VERB_HEADER:
            for n, cols in body:
                if len(cols) < 7 or len(cols) > 8:
                    errors.append(f"{name}:{n}: een werkwoordregel heeft 8 kolommen, deze heeft er {len(cols)}.")
                    continue
                cols = [c.strip() for c in cols] + [""] * (8 - len(cols))
                verb = Verb(*cols)
                if not all([verb.infinitive, verb.ik, verb.hij, verb.past, verb.past_pl, verb.participle]):
                    errors.append(f"{name}:{n}: '{verb.infinitive}': alle vormen behalve 'deel' moeten ingevuld zijn.")
                    continue
                if verb.aux not in ("hebben", "zijn", "beide"):
                    errors.append(f"{name}:{n}: 'hulp' moet hebben, zijn of beide zijn, niet '{verb.aux}'.")
                    continue
                if verb.particle and verb.particle not in verb.infinitive:
                    errors.append(f"{name}:{n}: het deel '{verb.particle}' staat niet in '{verb.infinitive}'.")
                    continue
                _add_form(verbs, verb.infinitive.lower(), verb, f"{name}:{n}", errors)
        elif header == NOUN_HEADER:
            for n, cols in body:
                if len(cols) not in (3, 4):
                    errors.append(f"{name}:{n}: een naamwoordregel heeft 4 kolommen, deze heeft er {len(cols)}.")
                    continue
                cols = [c.strip() for c in cols] + [""] * (4 - len(cols))
                noun = Noun(*cols)
                if noun.article not in ("de", "het", "de/het"):
                    errors.append(f"{name}:{n}: lidwoord moet de of het zijn, niet '{noun.article}'.")
                    continue
                _add_form(nouns, noun.word.lower(), noun, f"{name}:{n}", errors)
        elif header == ADJ_HEADER:
            for n, cols in body:
                if len(cols) != 2 or not all(c.strip() for c in cols):
                    errors.append(f"{name}:{n}: een bijvoeglijk-naamwoordregel heeft 2 gevulde kolommen.")
                    continue
                _add_form(adjectives, cols[0].strip().lower(), cols[1].strip(), f"{name}:{n}", errors)
        else:
            errors.append(f"{name}:{n0}: onbekende kopregel; verwacht een van de kopregels uit lexicon/README.md.")
    return entries, verbs, nouns, adjectives


def _add_form(table: dict, key: str, value, where: str, errors: list[str]) -> None:
    if key in table and table[key][0] != value:
        errors.append(f"{where}: '{key}' staat al anders in {table[key][1]}.")
        return
    table.setdefault(key, (value, where))


def _entry(cols: list[str], where: str, errors: list[str]) -> Entry | None:
    if len(cols) not in (7, 8):
        errors.append(f"{where}: een regel heeft 8 kolommen (gescheiden door tabs), deze heeft er {len(cols)}.")
        return None
    cols = [c.strip() for c in cols] + [""] * (8 - len(cols))
    moeilijk, eenvoudig, soort, categorie, veilig, uitleg, bron, uitspraak = cols
    problems = []
    if not moeilijk:
        problems.append("'moeilijk' is leeg")
    if AT_START in moeilijk and (not moeilijk.startswith(AT_START + " ") or moeilijk.count(AT_START) > 1
                                 or soort != "uitdr" or len(moeilijk.split()) < 3):
        problems.append(f"'{AT_START}' mag alleen vooraan staan, bij een uitdrukking (soort uitdr) van minstens "
                        "twee woorden")
    if BEFORE_LAW in moeilijk and (not moeilijk.endswith(" " + BEFORE_LAW) or moeilijk.count(BEFORE_LAW) > 1
                                   or soort not in ("uitdr", "vz") or AT_START in moeilijk):
        problems.append(f"'{BEFORE_LAW}' mag alleen achteraan staan, na een voorzetsel of uitdrukking")
    if soort not in SOORTEN:
        problems.append(f"soort '{soort}' bestaat niet (kies uit {', '.join(sorted(SOORTEN))})")
    if categorie not in CATEGORIEEN:
        problems.append(f"categorie '{categorie}' bestaat niet (kies uit {', '.join(sorted(CATEGORIEEN))})")
    if veilig not in VEILIG:
        problems.append(f"veilig moet ja, nee of nooit zijn, niet '{veilig}'")
    if not eenvoudig and not uitleg:
        problems.append("vul 'eenvoudig' of 'uitleg' in")
    if categorie in NEEDS_EXPLANATION and not uitleg:
        problems.append(f"een woord in categorie {categorie} heeft een 'uitleg' nodig")
    if not bron:
        problems.append("'bron' is leeg")
    if veilig == "ja" and not eenvoudig:
        problems.append("veilig=ja kan alleen met een eenvoudig alternatief")
    if problems:
        errors.append(f"{where}: " + "; ".join(problems) + ".")
        return None
    alternatives = tuple(a.strip() for a in eenvoudig.split("|") if a.strip())
    return Entry(moeilijk, alternatives, soort, categorie, veilig == "ja", uitleg, bron, uitspraak, where,
                 suggest_only=veilig == "nooit")


def validate_files(files: Iterable) -> list[str]:
    """Return located error messages for lexicon files (empty list: all good)."""
    errors: list[str] = []
    entries, verbs, nouns, adjectives = _collect(files, errors)
    _cross_check(entries, {k: v for k, (v, _) in verbs.items()}, {k: v for k, (v, _) in nouns.items()}, errors)
    return errors


def _cross_check(entries: dict[str, Entry], verbs: dict[str, Verb], nouns: dict[str, Noun], errors: list[str]) -> None:
    """Every verb in an entry (both sides) needs a paradigm; every single-word noun needs its forms."""
    if not verbs and not nouns:
        return  # a user file with entries only: their words are matched literally
    for e in entries.values():
        if e.soort == "ww":
            if e.moeilijk.lower() not in verbs:
                errors.append(f"{e.where}: werkwoord '{e.moeilijk}' heeft geen rij in lexicon/vormen (werkwoorden).")
            for alt in e.eenvoudig:
                if alt.lower() not in verbs and len(alt.split()) == 1:
                    errors.append(f"{e.where}: werkwoord '{alt}' heeft geen rij in lexicon/vormen (werkwoorden).")
        elif e.soort == "zn" and " " not in e.moeilijk and e.moeilijk.lower() not in nouns:
            errors.append(f"{e.where}: zelfstandig naamwoord '{e.moeilijk}' heeft geen rij in lexicon/vormen (naamwoorden).")
        if e.soort == "zn" and e.veilig and e.eenvoudig[0].split()[-1].lower() not in nouns:
            # a safe swap fixes "de"/"het" from the forms of the new noun; without them "de besluit" slips through
            errors.append(f"{e.where}: veilig=ja, maar '{e.eenvoudig[0].split()[-1]}' heeft geen rij in "
                          "lexicon/vormen (naamwoorden), dus de/het kan niet kloppen.")


def load_lexicon(extra: Sequence[Path | str] = ()) -> Lexicon:
    """Load the shipped lexicon plus the user's files (theirs override ours); raise DataError on errors."""
    return _load(tuple(str(p) for p in extra))


@lru_cache(maxsize=8)
def _load(extra: tuple[str, ...]) -> Lexicon:
    errors: list[str] = []
    entries, verbs, nouns, adjectives = _collect(shipped_files(), errors)
    if extra:
        user_files: list[Path] = []
        for p in map(Path, extra):
            if p.is_dir():
                user_files += sorted(p.rglob("*.tsv"))
            elif p.exists():
                user_files.append(p)   # a device or pipe gets its own message when it is read
            else:
                errors.append(f"{p}: dit lexiconbestand bestaat niet.")
        u_entries, u_verbs, u_nouns, u_adj = _collect(user_files, errors, user=True)
        entries.update(u_entries)
        verbs.update(u_verbs)
        nouns.update(u_nouns)
        adjectives.update(u_adj)
    if errors:
        more = f" (en nog {len(errors) - 1} fouten)" if len(errors) > 1 else ""
        raise DataError(errors[0] + more)
    lex = Lexicon(entries, {k: v for k, (v, _) in verbs.items()}, {k: v for k, (v, _) in nouns.items()},
                  {k: v for k, (v, _) in adjectives.items()})
    _index(lex)
    return lex


def _verb_forms(verb: Verb) -> Iterator[tuple[str, str]]:
    """Yield (form, slot) for every one-token form of a verb; split finite forms are in _split_forms."""
    if " " in verb.infinitive:
        return
    yield verb.infinitive, "inf"
    yield verb.participle, "part"
    yield verb.participle + "e", "part_adj"
    if verb.particle:
        if verb.joined:
            for slot in ("ik", "hij", "past", "past_pl"):
                yield verb.particle + verb.form(slot), slot + "_sub"
            yield verb.particle + verb.ik + "t", "hij_sub"
        return
    yield verb.ik, "ik"
    yield verb.hij, "hij"
    yield verb.past, "past"
    yield verb.past_pl, "past_pl"
    if verb.ik + "t" != verb.hij and not verb.ik.endswith("t"):
        yield verb.ik + "t", "hij"


def _index(lex: Lexicon) -> None:
    for entry in lex.entries.values():
        words = entry.phrase.lower().split()
        if len(words) > 1 and entry.once_per_letter:
            inner = next((w for w in words if w in lex.entries and lex.entries[w].once_per_letter
                          and lex.entries[w].soort == "zn"), None)
            if inner:
                lex._terms[entry.moeilijk.lower()] = inner
        if len(words) > 1 or entry.before_law:
            # index by the first two fixed (non-verb) words, so common words like "van" stay cheap
            fixed = [w for w in words if w not in lex.verbs]
            if fixed:
                lex._multi.setdefault(" ".join(fixed[:2]), []).append(entry)
                lex._multi_first.add(fixed[0])
            continue
        key = words[0]
        forms: list[tuple[str, str]] = [(key, "base")]
        if entry.soort == "ww" and key in lex.verbs:
            verb = lex.verbs[key]
            forms = list(_verb_forms(verb))
            if verb.particle and verb.joined:
                # hij before ik and present before past: in a letter "zet … stop" is "u zet" or "zij zet", not
                # "ik zet", and "wij zetten … stop" is far more often present than past
                for slot in ("hij", "ik", "pl", "past", "past_pl"):
                    lex._split.setdefault(verb.form(slot), []).append((entry, slot))
                lex._split.setdefault(verb.ik + "t", []).append((entry, "hij"))
        elif entry.soort == "zn" and key in lex.nouns:
            noun = lex.nouns[key]
            forms = [(key, "sg")] + [(f, slot) for f, slot in ((noun.plural, "pl"), (noun.diminutive, "dim"),
                                                                (noun.diminutive + "s", "dim_pl")) if f and f != "s"]
            lex._heads[key] = entry
        elif entry.soort == "bn" and key in lex.adjectives:
            forms = [(key, "base"), (lex.adjectives[key], "infl")]
        for form, slot in forms:
            bucket = lex._single.setdefault(form.lower(), [])
            if all(e is not entry for e, _ in bucket):
                bucket.append((entry, slot))


@lru_cache(maxsize=1)
def abbreviations() -> frozenset[str]:
    """Return the abbreviations of the shipped lexicon as written (`i.v.m.`, `t/m`, `Awb`)."""
    out = set()
    for f in shipped_files():
        rows = list(_rows(f))
        if not rows or tuple(rows[0][1]) not in (ENTRY_HEADER, ENTRY_HEADER[:-1]):
            continue
        out |= {cols[0].strip() for _, cols in rows[1:] if len(cols) > 2 and cols[2].strip() == "afk"}
    return frozenset(out)


@lru_cache(maxsize=1)
def frequency_lists() -> tuple[frozenset[str], frozenset[str]]:
    """Return (everyday words that look rare, opaque compounds) from lexicon/frequentie.toml."""
    f = resources.files("eenvoudig") / "lexicon" / "frequentie.toml"
    try:
        data = tomllib.loads(f.read_text("utf-8"))
    except FileNotFoundError:
        return frozenset(), frozenset()
    except tomllib.TOMLDecodeError as exc:
        raise DataError(f"lexicon/frequentie.toml: fout in de TOML-opmaak ({exc}).") from None
    return (frozenset(w.lower() for w in data.get("alledaags", [])),
            frozenset(w.lower() for w in data.get("ondoorzichtig", [])))


# ------------------------------------------------------------------------------------------ matching

# Words that open a noun phrase; after one, a verb-shaped word is a noun ("het verzoek").
DETERMINERS = frozenset({"de", "het", "een", "deze", "dit", "die", "dat", "uw", "mijn", "ons", "onze", "zijn", "haar",
                         "hun", "elk", "elke", "ieder", "iedere", "geen", "welk", "welke", "jouw", "zo'n"})


# Words that count a plural noun; after one, an infinitive-shaped word is a noun ("alle bedragen").
QUANTIFIERS = frozenset({"alle", "beide", "enkele", "sommige", "meerdere", "andere", "diverse", "verschillende", "twee",
                         "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien", "twaalf", "honderd", "duizend"})


# A compound at least this frequent (Zipf) is an everyday word, not a compound of a lexicon noun.
COMMON_ZIPF = 3.0


@dataclass(frozen=True, slots=True)
class Match:
    """A lexicon entry found in a sentence: the tokens it covers and the form it was found in."""

    entry: Entry
    tokens: tuple[int, ...]          # token indexes in the sentence, in order
    slot: str                        # how the word was inflected (inf, hij, part, pl, sg, expr, head…)
    head: str = ""                   # for compounds: the lexicon word that is the head


def _starts_phrase(tokens: Sequence, i: int) -> bool:
    """Return whether token i opens a noun phrase (a determiner, a number, an amount or date, a name)."""
    if i >= len(tokens):
        return False
    tok = tokens[i]
    return tok.text.lower() in DETERMINERS or tok.kind is not None or tok.text[:1].isdigit()


def _first_person_or_imperative(lex: Lexicon, entry: Entry, tokens: Sequence, low: Sequence[str], i: int) -> bool:
    """Return whether the ik-form at token i is a verb: "ik" in its clause, or an order opening a clause.

    Many ik-forms are also nouns (verzoek, overleg, verzuim). Letters are written by "wij"; an ik-form is a
    verb there only with "ik", or as an order at the start of a sentence or clause followed by its object
    ("Retourneer het formulier", not the heading "Verzoek om bijstand").
    """
    verb = lex.verbs.get(entry.moeilijk.lower())
    if verb is not None and verb.ik == verb.hij:
        return True  # "zet": the hij-form as well
    lo = i
    while lo > 0 and low[lo - 1] not in _EXPRESSION_BREAKS:
        lo -= 1
    if "ik" in low[lo:_clause_end(low, i)]:
        return True
    clause_start = i == 0 or not any(c.isalnum() for c in tokens[i - 1].text)
    return clause_start and i + 1 < len(low) and (low[i + 1] in DETERMINERS or low[i + 1] in ("u", "ons", "alle", "dan", "ook"))


# Determiners that never stand alone as a pronoun (unlike het, dat, die, dit, deze, ons, zijn, haar, hun).
_ARTICLES = frozenset({"de", "een", "uw", "mijn", "onze", "elke", "elk", "iedere", "ieder", "geen", "welke", "welk",
                       "jouw", "zo'n"})


def _is_particle(tokens: Sequence, low: Sequence[str], j: int, particle: str) -> bool:
    """Return whether token j is the separable part `particle`, not a preposition or noun that looks like it.

    "U treft de formulieren aan in de bijlage" has the part; "wij treffen elkaar aan de balie" and "een stop"
    do not: a preposition opens a noun phrase, a noun follows a determiner.
    """
    if low[j] != particle:
        return False
    if j > 0 and low[j - 1] in _ARTICLES:
        return False  # "een stop": a noun ("wij zetten het stop": "het" is the object, the part follows)
    if j + 1 < len(low) and low[j + 1] in ("dat", "die"):
        return True  # "wij delen u mede dat …": a clause follows, not a noun phrase
    return not _starts_phrase(tokens, j + 1)


def _clause_end(words: Sequence[str], start: int) -> int:
    """Return the index where the clause that contains `start` ends (at , ; : or a conjunction)."""
    for i in range(start + 1, len(words)):
        if words[i] in {",", ";", ":", ".", "?", "!", "en", "maar", "of", "want", "dat", "omdat", "als", "die"}:
            return i
    return len(words)


# Parts of speech a word may have in the parse to be a form of a lexicon entry (see `_pos_fits`).
VERB_POS = frozenset({"VERB", "AUX"})
NOUN_POS = frozenset({"NOUN", "PROPN"})


def _pos_fits(tokens: Sequence, i: int, entry: Entry, slot: str, low: Sequence[str]) -> bool:
    """Return whether the parse allows token i to be `entry` in `slot` (always True without a parse).

    A verb entry needs a VERB or AUX; a participle may also be an adjective ("de verstrekte bijdrage") and an
    infinitive after het/dit/dat a noun ("het verstrekken"). A noun entry needs a NOUN or PROPN. A capital
    word that opens the sentence and that the tagger calls PROPN is left to the word rules (the tagger
    reads "Retourneert u …" as a name).
    """
    pos = getattr(tokens[i], "pos", "")
    if not pos or entry.soort not in ("ww", "zn"):
        return True
    if pos == "PROPN" and i == 0 and tokens[i].text[:1].isupper():
        return True
    if entry.soort == "zn":
        return pos in NOUN_POS or pos not in VERB_POS or not _could_be(low[i], "verb")
    if pos in VERB_POS:
        return True
    if pos == "ADJ" and slot.startswith("part"):
        return True
    if pos == "NOUN" and slot == "inf" and i > 0 and low[i - 1] in ("het", "dit", "dat"):
        return True
    # the parse decides where the word can be both; a form that only a verb has ("toezendt") stays a verb,
    # and so does a "noun" with a subject and no copula ("Ik verzoek u …": the tagger's error, the parse is right)
    deps = {t.dep for t in tokens if getattr(t, "head", -1) == i and t is not tokens[i]}
    if "nsubj" in deps and "cop" not in deps:
        return True
    return not _could_be(low[i], "noun") and pos not in ("ADP", "DET", "PRON", "CCONJ", "SCONJ", "NUM")


@lru_cache(maxsize=4096)
def _could_be(word: str, pos: str) -> bool:
    """Whether spaCy's Dutch word tables know `word` as a noun (pos="noun": verzoek, besluit) or as a form
    of a verb (pos="verb": verzoeken, besluit)."""
    try:
        from eenvoudig.analysis.wordinfo import tables

        t = tables()
        if pos == "noun":
            return bool(t.known([word], "noun"))
        return bool(t.verbs(set(t.lemmas([word]).get(word, ())) | {word}))
    except Exception:  # noqa: BLE001 - no word tables: let the parse decide
        return True


def _everyday(word: str) -> bool:
    """Whether spaCy's Dutch word tables find `word` itself (not its head) frequent: Zipf >= COMMON_ZIPF.

    Not cached here: the word tables keep their own cache, which `serve` empties after each letter."""
    try:
        from eenvoudig.analysis.wordinfo import tables

        return tables().zipf([word]).get(word, 0.0) >= COMMON_ZIPF
    except Exception:  # noqa: BLE001 - no word tables: the compound rule decides alone
        return False


def _particle_child(tokens: Sequence, i: int, particle: str, end: int) -> int | None:
    """Return the separable part of the verb at i as the parse has it (compound:prt), or None."""
    for k in range(i + 1, end):
        t = tokens[k]
        if getattr(t, "head", -1) == i and getattr(t, "dep", "") == "compound:prt" and t.text.lower() == particle:
            return k
    return None


def find_matches(lex: Lexicon, tokens: Sequence, *, compounds: bool = True) -> list[Match]:
    """Return the lexicon matches in one sentence's tokens (longest first, no overlaps).

    With a parse (tokens that carry `pos`, `head` and `dep`), a verb entry only matches a verb and a noun
    entry a noun (`_pos_fits`), and a separable verb finds its part through compound:prt first.
    """
    low = [t.text.lower() for t in tokens]
    parsed = bool(tokens) and bool(getattr(tokens[0], "dep", ""))
    found: list[Match] = []
    # multiword expressions
    n = len(low)
    firsts = lex._multi_first
    for i, w in enumerate(low):
        if w not in firsts and " " not in w:
            continue  # no expression starts with this word (a token with a space may be a whole key)
        keys = [w]
        if i + 1 < n:
            keys.append(f"{w} {low[i + 1]}")
        if i + 2 < n:
            keys.append(f"{w} {low[i + 2]}")  # a verb form may stand between the first two fixed words
        for key in keys:
            for entry in lex._multi.get(key, ()):
                m = _match_expression(lex, entry, low, i, tokens)
                if m:
                    found.append(m)
    for i, w in enumerate(low):
        tok = tokens[i]
        if tok.kind not in (None, "naam"):
            continue
        hits = lex._single.get(w, [])
        after_determiner = i > 0 and low[i - 1] in DETERMINERS
        for entry, slot in hits:
            if after_determiner and entry.soort == "ww" and (
                    slot in ("ik", "hij", "past", "past_pl") or (slot == "inf" and low[i - 1] not in ("het", "dit", "dat"))):
                continue  # "het verzoek", "de verzoeken": a noun, not a form of the verb ("het verstrekken" is one)
            if entry.soort == "ww" and slot == "inf" and i > 0 and (low[i - 1] in QUANTIFIERS or low[i - 1][:1].isdigit()):
                continue  # "alle bedragen", "twee verzoeken": a plural noun
            if entry.soort == "zn" and i > 0 and low[i - 1] == "te":
                continue  # "de kwaliteit te waarborgen": an infinitive, not the plural of "waarborg"
            if after_determiner and (entry.soort == "vz" or entry.soort == "vg" and low[i - 1] in _ARTICLES) \
                    and not _starts_phrase(tokens, i + 1):
                continue  # "de betreffende goederen": an adjective here; but "ons middels de telefoon" is one,
                # and so is a conjunction after 'dat' or 'die' ("wij wijzen u erop dat indien u …")
            if entry.soort == "ww" and slot == "ik" and not _first_person_or_imperative(lex, entry, tokens, low, i):
                continue  # "op verzoek van": the noun, not "ik verzoek"
            if tok.kind == "naam" and entry.moeilijk != tok.text and entry.soort != "afk":
                continue
            if parsed and not _pos_fits(tokens, i, entry, slot, low):
                continue  # "Verzoek extra papieren": the parse has a noun, not the verb "verzoeken"
            if entry.soort == "afk" and entry.moeilijk.lower() != entry.moeilijk and tok.text != entry.moeilijk \
                    and tok.text.upper() != entry.moeilijk.upper():
                continue
            if entry.soort == "afk" and "." in entry.moeilijk and entry.moeilijk.lower() == entry.moeilijk \
                    and sum(map(str.isupper, tok.text)) > 1:
                continue  # "P.J. van den Berg": initials, not "p.j." (per jaar); "GGZ" is still "ggz"
            found.append(Match(entry, (i,), slot))
            break
        else:
            # separable verb in main-clause order: "retourneert ... terug", "kent ... toe"
            for entry, slot in lex._split.get(w, ()):
                verb = lex.verbs[entry.moeilijk.lower()]
                if parsed and not _pos_fits(tokens, i, entry, slot, low):
                    continue
                end = _clause_end(low, i)
                j = _particle_child(tokens, i, verb.particle, len(low)) if parsed else None
                if j is None:
                    j = next((k for k in range(i + 1, end) if _is_particle(tokens, low, k, verb.particle)), None)
                if j is not None:
                    if slot == "hij" and verb.ik == verb.hij and "ik" in low[max(0, i - 3):end]:
                        slot = "ik"  # "ik zet het stop"
                    found.append(Match(entry, (i, j), slot + "_split"))
                    break
            else:
                # te-infinitive of a separable verb: "toe te kennen"
                if w == "te" and 0 < i < len(low) - 1:
                    for entry, _slot in lex._single.get(low[i - 1] + low[i + 1], ()):
                        if entry.soort == "ww" and lex.verbs.get(entry.moeilijk.lower(), None) and \
                                lex.verbs[entry.moeilijk.lower()].particle == low[i - 1]:
                            found.append(Match(entry, (i - 1, i, i + 1), "te_inf"))
                            break
                # a frequent word is read as a whole, not as a compound of a lexicon noun: "concessie" is
                # no "cessie", "colleges" no "leges", "bomaanslag" no tax assessment
                if compounds and tok.kind is None and len(w) >= 8 and w.isalpha() and not hits \
                        and not _everyday(w):
                    m = _match_head(lex, w, i)
                    if m:
                        found.append(m)
    # the narrow [begin] entry first, then an entry whose words stand there literally ("nader onderzoek" the noun,
    # before "nader onderzoeken" whose verb "onderzoek" could also be)
    # and, of two expressions that narrow the same verb by a noun, the one whose noun the parse makes the verb's
    # object or subject ("in de wijk worden 200 woningen gerealiseerd": woningen, not wijk)
    found.sort(key=lambda m: (-len(m.tokens), _loose_noun(lex, m, tokens, low), m.tokens[0],
                              not (m.entry.at_start or m.entry.before_law),
                              [low[k] for k in m.tokens] != m.entry.phrase.lower().split()))
    taken: set[int] = set()
    out: list[Match] = []
    for m in found:
        if not taken.intersection(m.tokens):
            out.append(m)
            taken.update(m.tokens)
    out.sort(key=lambda m: m.tokens[0])
    return out


def _loose_noun(lex: Lexicon, m: Match, tokens: Sequence, low: Sequence[str]) -> bool:
    """Whether `m` is a two-word expression of a noun and a verb ("wijk realiseren") whose noun the parse does not
    hang on that verb as object or subject (so another reading of the same verb goes first)."""
    if m.slot != "expr" or len(m.tokens) != 2 or not getattr(tokens[0], "dep", ""):
        return False
    words = m.entry.phrase.lower().split()
    verbs = [k for k in m.tokens if low[k] not in words or low[k] in lex.verbs]
    nouns = [k for k in m.tokens if k not in verbs]
    if len(verbs) != 1 or len(nouns) != 1:
        return False
    k, seen = nouns[0], set()
    while k not in seen:      # also as a conjunct: "woningen en scholen realiseren"
        seen.add(k)
        t = tokens[k]
        if t.head == verbs[0] and t.dep in ("obj", "nsubj", "nsubj:pass"):
            return False
        if t.dep != "conj":
            return True
        k = t.head
    return True


def _match_head(lex: Lexicon, word: str, i: int) -> Match | None:
    """A compound whose head is a lexicon noun (bijstandsbeschikking → beschikking).

    Heads are at most MAX_COMPOUND letters, so only that many suffixes are tried: a word of 500,000
    letters would otherwise hash 500,000 long suffixes (quadratic)."""
    from eenvoudig.analysis.wordinfo import MAX_COMPOUND

    for k in range(max(3, len(word) - MAX_COMPOUND), len(word) - 4):
        head = word[k:]
        entry = lex._heads.get(head)
        if entry is None:
            for e, slot in lex._single.get(head, ()):
                if e.soort == "zn" and slot in ("pl", "sg"):
                    entry = e
                    break
        if entry is not None and entry.categorie in ("juridisch", "jargon", "ambtelijk"):
            return Match(entry, (i,), "head", head)
    return None


def _match_expression(lex: Lexicon, entry: Entry, low: Sequence[str], i: int, tokens: Sequence) -> Match | None:
    """Match an expression whose non-verb words are contiguous from `i`; its verbs may stand anywhere.
    A "[begin]" entry only matches where nothing but a list number, bullet or quote stands before `i`."""
    if entry.at_start and any(any(c.isalpha() for c in t.text) for t in tokens[:i]):
        return None
    words = entry.phrase.lower().split()
    fixed = [w for w in words if w not in lex.verbs]
    verbs = [w for w in words if w in lex.verbs]
    if not fixed:
        return None
    if fixed[0] != low[i]:
        return None
    pos = [i]
    j = i + 1
    for w in fixed[1:]:
        # an inline verb form may stand between the fixed words
        if j < len(low) and low[j] != w and verbs and _verb_form_of(lex, verbs, low[j]):
            j += 1
        if j >= len(low) or low[j] != w:
            return None
        pos.append(j)
        j += 1
    if any(tokens[p].kind not in (None, "naam") for p in pos):
        return None
    if verbs and fixed[0] in DETERMINERS and i > 0 and low[i - 1] in _OBJECT_BREAKS:
        return None   # "voldoen aan de nota" (meet) is no "de nota voldoen" (pay): after a preposition the
                      # noun is not the verb's object
    if entry.before_law and (j >= len(tokens) or tokens[j].kind != "wetsartikel"):
        return None   # "[wetsartikel]": only right before a reference to an article of a law
    # the verb stands in the same clause as the fixed words ("wij stellen u in de gelegenheid"),
    # never across a comma: "Indien u …, kunt u een bezwaarschrift" has no form of "indienen"
    lo, hi = pos[0], pos[-1] + 1
    while lo > 0 and low[lo - 1] not in _EXPRESSION_BREAKS:
        lo -= 1
    while hi < len(low) and low[hi] not in _EXPRESSION_BREAKS:
        hi += 1
    for v in verbs:
        verb = lex.verbs[v]
        forms = _all_forms(verb)
        k = next((k for k in range(lo, hi) if low[k] in forms and k not in pos), None)
        if k is None:
            return None
        pos.append(k)
        if verb.joined and low[k] in _bare_forms(verb):
            # "wij maken het bedrag over", "het bedrag over te maken": the separable part must be there too
            j = next((j for j in range(lo, hi) if j not in pos and _is_particle(tokens, low, j, verb.particle)), None)
            if j is None:
                return None
            pos.append(j)
    return Match(entry, tuple(sorted(pos)), "expr")


# prepositions that make the noun phrase after them no object of the verb ("om" is left out: "om de nota te
# voldoen" keeps it as the object)
_OBJECT_BREAKS = frozenset({"aan", "op", "in", "met", "voor", "over", "van", "naar", "bij", "tot", "uit", "door",
                            "tegen", "zonder", "onder", "na", "via", "tussen", "vanaf", "binnen", "namens"})

_EXPRESSION_BREAKS = {",", ";", ":", ".", "?", "!", "(", ")", "–", "en", "maar", "of", "want", "dat", "omdat",
                      "als", "indien", "wanneer", "die", "zodat", "nadat", "voordat", "terwijl", "welke", "hoewel",
                      "tenzij", "doordat", "zodra", "totdat", "sinds", "waarvoor", "waarin", "waarop", "waarmee",
                      "waardoor", "waarbij", "waaruit", "waarvan", "waarover", "waarna", "waartoe", "waaraan"}


@lru_cache(maxsize=4096)
def _all_forms(verb: Verb) -> frozenset[str]:
    forms = {verb.infinitive, verb.ik, verb.hij, verb.past, verb.past_pl, verb.participle, verb.ik + "t"}
    if verb.particle and verb.joined:
        forms |= {verb.particle + f for f in (verb.ik, verb.hij, verb.past, verb.past_pl)} | {verb.form("pl")}
    return frozenset(f for f in forms if " " not in f)


@lru_cache(maxsize=4096)
def _bare_forms(verb: Verb) -> frozenset[str]:
    """Return the forms of a separable verb written without its separable part (maak, maakt, maken, maakte)."""
    return frozenset({verb.ik, verb.hij, verb.past, verb.past_pl, verb.form("pl"), verb.ik + "t"})


def _verb_form_of(lex: Lexicon, verbs: Sequence[str], word: str) -> bool:
    return any(word in _all_forms(lex.verbs[v]) for v in verbs)
