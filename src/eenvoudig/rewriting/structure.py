"""Structural rewriting on the parse: passive → active, split long sentences, drop stock formulas, the
sender as "wij", the reader as "u", number words as digits.

Each edit is made on one sentence of the (word-level rewritten) letter and checked by analysing the new
sentence again: it must parse as a sentence with a finite verb in the right place (second in a main clause,
last in a subclause), and every protected span (amount, date, name, placeholder, template syntax) must come
back unchanged. An edit that fails the check is a suggestion (safe=False), applied only with `unsafe`.

Everything here is a pure function over frozen values; the word lists live in lexicon/structuur.toml.
"""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from typing import Callable, Iterable, Sequence

from eenvoudig.analysis import Analysis, Sentence, Token

KINDS = ("word", "passive", "split", "formula", "sender", "reader", "number")
RULES = {"passive": "structuur.lijdend", "split": "structuur.splitsen", "formula": "structuur.formule",
         "sender": "structuur.wij", "reader": "structuur.u", "number": "structuur.getal"}
MAX_ROUNDS = 12
SPLIT_MIN_WORDS = 13      # default: zin.lang warns from 13 words; shorter sentences are not split (config may change it)
PART_MIN_WORDS = 4        # each half of a split has at least this many words

PARTICLES = ("overeen", "teweeg", "gade", "terug", "over", "toe", "op", "af", "aan", "uit", "in", "mee", "door", "na", "bij", "vast", "voor",
             "weg", "om", "samen", "tegemoet", "binnen", "vrij", "stop", "dicht", "open", "neer", "rond", "kwijt",
             "thuis", "langs", "tegen")
SUBORDINATORS = {"dat", "omdat", "als", "of", "wanneer", "indien", "nadat", "voordat", "zodat", "doordat",
                 "aangezien", "terwijl", "tenzij", "totdat", "zodra", "hoewel", "mits", "zoals", "waardoor"}
MODAL_PLURAL = {"zal": "zullen", "kan": "kunnen", "moet": "moeten", "mag": "mogen", "wil": "willen",
                "dient": "dienen", "zou": "zouden", "kon": "konden", "moest": "moesten", "mocht": "mochten",
                "hoeft": "hoeven", "wilde": "wilden", "gaat": "gaan", "heeft": "hebben", "is": "zijn",
                "wordt": "worden", "was": "waren", "had": "hadden", "werd": "werden", "kunt": "kunnen",
                "zult": "zullen", "wilt": "willen", "bent": "zijn", "hebt": "hebben", "blijft": "blijven",
                "komt": "komen", "doet": "doen", "staat": "staan", "ziet": "zien", "gaf": "gaven",
                "nam": "namen", "kwam": "kwamen", "ging": "gingen", "stond": "stonden", "besloot": "besloten",
                "zag": "zagen", "bleef": "bleven", "deed": "deden", "kreeg": "kregen", "vond": "vonden"}
U_FORM = {"is": "bent", "zal": "zult", "kan": "kunt", "wil": "wilt", "was": "was"}
SUBJECT_PRONOUNS = {"ik", "wij", "we", "u", "hij", "zij", "ze", "het", "dit", "dat", "er", "deze", "die", "jij", "je"}
OBJECT_PRONOUNS = {"u", "het", "dit", "dat", "deze", "die", "uw"}
CLITICS = {"u", "het", "hem", "haar", "ze", "zich", "er", "hen", "hun", "dit", "dat"}
NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "}", "…", "%"}
NO_SPACE_AFTER = {"(", "[", "{"}
# words a formula matches as another ("we" as "wij"; the word swaps may have made "mededelen" "vertellen" already)
FORMULA_ALIAS = {"we": "wij", "mededelen": "meedelen", "vertellen": "meedelen", "mede": "mee"}
_PLACEHOLDER = re.compile(r"\[[^\]\n]{1,60}\]|\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}|<<[^>\n]{1,60}>>")
_WORD = re.compile(r"\S+")


# ------------------------------------------------------------------------------------------------ data


@dataclass(frozen=True)
class Formula:
    words: tuple[str, ...]
    action: str          # weg | vervang | zin-weg
    replacement: str
    source: str
    begin: str = ""      # weg: the word that starts the message instead ("Helaas")


@dataclass(frozen=True)
class StructureData:
    formulas: tuple[Formula, ...]
    sender: frozenset[tuple[str, ...]]
    reader: frozenset[tuple[str, ...]]
    sender_verbs: frozenset[str]
    never: frozenset[str]
    active: dict[str, str] = field(hash=False)
    units: frozenset[str] = frozenset()
    digits_from: int = 13
    connectives: dict[str, str] = field(default_factory=dict, hash=False)   # [splitsen] verbindingswoorden
    actors: tuple[str, ...] = ()     # [lijdend] handelend: head nouns of a named doer ("college", "raad")


def validate(text: str, name: str = "lexicon/structuur.toml") -> StructureData:
    """Parse and check structuur.toml; raise DataError with a Dutch message when it is wrong."""
    from eenvoudig.errors import DataError

    def fail(msg: str) -> DataError:
        return DataError(f"{name}: {msg}")

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise fail(f"geen geldige TOML ({exc}).") from None
    if data.get("schema_version") != 1:
        raise fail("schema_version moet 1 zijn.")
    formulas = []
    for i, f in enumerate(data.get("formule", []), start=1):
        keys = {"patroon", "actie", "door", "bron", "begin"}
        if set(f) - keys:
            raise fail(f"formule {i}: onbekende sleutel {sorted(set(f) - keys)}.")
        if not str(f.get("patroon", "")).strip() or not str(f.get("bron", "")).strip():
            raise fail(f"formule {i}: patroon en bron zijn verplicht.")
        if f.get("actie") not in ("weg", "vervang", "zin-weg"):
            raise fail(f"formule {i}: actie moet weg, vervang of zin-weg zijn.")
        if (f["actie"] == "vervang") != bool(f.get("door")):
            raise fail(f"formule {i}: 'door' hoort bij actie vervang (en alleen daar).")
        if f["patroon"] != f["patroon"].lower():
            raise fail(f"formule {i}: schrijf het patroon in kleine letters.")
        if "begin" in f and (f["actie"] != "weg" or not str(f["begin"]).strip() or " " in str(f["begin"]).strip()
                             or not f["patroon"].endswith(" dat")):
            raise fail(f"formule {i}: 'begin' is één woord, alleen bij actie weg met een patroon dat op 'dat' eindigt.")
        formulas.append(Formula(tuple(FORMULA_ALIAS.get(w, w) for w in f["patroon"].split()), f["actie"], f.get("door", ""), f["bron"],
                                str(f.get("begin", "")).strip()))
    tables = {}
    for key, fields in (("afzender", ("woorden",)), ("lezer", ("woorden",)), ("lijdend", ("werkwoorden", "nooit", "actief")),
                        ("getallen", ("eenheden", "vanaf")), ("splitsen", ("verbindingswoorden",))):
        table = data.get(key)
        if not isinstance(table, dict) or not str(table.get("bron", "")).strip():
            raise fail(f"[{key}] ontbreekt of heeft geen bron.")
        for k in fields:
            if k not in table:
                raise fail(f"[{key}] mist '{k}'.")
        tables[key] = table
    if not isinstance(tables["getallen"]["vanaf"], int):
        raise fail("[getallen] vanaf moet een getal zijn.")
    actors = tables["lijdend"].get("handelend", [])
    if not isinstance(actors, list) or not all(isinstance(w, str) and w.strip() and w == w.lower() and " " not in w
                                               for w in actors):
        raise fail("[lijdend] handelend moet een lijst van losse woorden in kleine letters zijn.")
    connectives = tables["splitsen"]["verbindingswoorden"]
    if not isinstance(connectives, dict) or not all(isinstance(v, str) for v in connectives.values()):
        raise fail("[splitsen] verbindingswoorden moet een tabel van woord = \"nieuw begin\" zijn.")
    # longest formula first, so "wij verzoeken u vriendelijk" wins over "wij verzoeken u"
    formulas.sort(key=lambda f: -len(f.words))
    return StructureData(
        tuple(formulas),
        frozenset(tuple(w.split()) for w in tables["afzender"]["woorden"]),
        frozenset(tuple(w.split()) for w in tables["lezer"]["woorden"]),
        frozenset(tables["lijdend"]["werkwoorden"]),
        frozenset(tables["lijdend"]["nooit"]),
        dict(tables["lijdend"]["actief"]),
        frozenset(tables["getallen"]["eenheden"]),
        tables["getallen"]["vanaf"],
        dict(connectives),
        tuple(actors))


@lru_cache(maxsize=1)
def load_data() -> StructureData:
    """Return the shipped lexicon/structuur.toml, validated."""
    f = resources.files("eenvoudig") / "lexicon" / "structuur.toml"
    return validate(f.read_text("utf-8"))


# what Dutch number words up to a thousand are made of; a word made of anything else is not one
_NUMBER_WORD = re.compile(r"(?:twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|dertien|veertien|twintig"
                          r"|dertig|veertig|vijftig|zestig|zeventig|tachtig|negentig|honderd|duizend|één|een|ën|en)+")


@lru_cache(maxsize=1)
def number_words() -> dict[str, int]:
    """Return Dutch number words (twee … duizend) with their value; 'een' is left out (also an article)."""
    from num2words import num2words

    out = {num2words(n, lang="nl"): n for n in range(2, 1001)}
    out.update({"tweeduizend": 2000, "drieduizend": 3000, "vijfduizend": 5000, "tienduizend": 10000})
    return out


# Below a hundred Dutch number words are regular: unit, "en" ("ën" after an e), ten (vierentwintig,
# tweeëntwintig). A test checks this table against num2words for 2 … 99; a letter then needs num2words (and
# its tables for fifty languages) only for a word with honderd or duizend in it.
_UNITS = {"een": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8, "negen": 9}
_TEENS = {"tien": 10, "elf": 11, "twaalf": 12, "dertien": 13, "veertien": 14, "vijftien": 15, "zestien": 16,
          "zeventien": 17, "achttien": 18, "negentien": 19}
_TENS = {"twintig": 20, "dertig": 30, "veertig": 40, "vijftig": 50, "zestig": 60, "zeventig": 70, "tachtig": 80,
         "negentig": 90}


@lru_cache(maxsize=1)
def small_number_words() -> dict[str, int]:
    """Return the Dutch number words from twee to negenennegentig with their value."""
    out = {w: n for w, n in (*_UNITS.items(), *_TEENS.items(), *_TENS.items()) if n > 1}
    for unit, a in _UNITS.items():
        for ten, b in _TENS.items():
            out[unit + ("ën" if unit.endswith("e") else "en") + ten] = a + b
    return out


def number_value(word: str) -> int | None:
    """Return the value of a lower-case Dutch number word (zes → 6, tweehonderdvijftig → 250), else None."""
    if "honderd" in word or "duizend" in word:
        return number_words().get(word)
    return small_number_words().get(word)


# ------------------------------------------------------------------------------------- sentence tools


@dataclass(frozen=True, slots=True)
class Candidate:
    """A proposed new text for one sentence."""

    kind: str
    text: str                 # the new sentence text ("" drops the sentence)
    sentences: int = 1        # how many sentences the new text must parse as
    sure: bool = True         # False: a guess (who does it?) that stays a suggestion even when it parses
    first: str = ""           # the first new sentence is "left" (the unchanged start of the old one) or a
                              # "question" we built from a condition; see check_candidates
    strict: bool = False      # True: a cut we try among several; when it fails the check it is dropped, not
                              # offered as a suggestion


def _subtree(s: Sentence, i: int) -> list[int]:
    """Return the sorted token indexes of the subtree of token i."""
    out, todo = {i}, [i]
    kids: dict[int, list[int]] = {}
    for k, t in enumerate(s.tokens):
        if t.head != k:
            kids.setdefault(t.head, []).append(k)
    while todo:
        for c in kids.get(todo.pop(), []):
            if c not in out:
                out.add(c)
                todo.append(c)
    return sorted(out)


def _contiguous(idx: Sequence[int]) -> bool:
    return bool(idx) and list(idx) == list(range(idx[0], idx[-1] + 1))


def _finite(s: Sentence, h: int) -> int | None:
    """Return the finite verb of the clause headed by h: its leftmost finite aux/cop child, or h itself."""
    for c in s.children(h):       # a head with a finite auxiliary is not finite itself ("zullen … overmaken")
        c_t = s.tokens[c]
        if c_t.dep in ("aux", "aux:pass", "cop") and _looks_finite(s, c):
            return c
    if _looks_finite(s, h):
        return h
    return None


_PRENOMINAL = re.compile(r"^\w{0,8}ge\w+[dt]e$")


def _looks_finite(s: Sentence, i: int) -> bool:
    """A finite verb by the parse, and not a participle before a noun that the tagger took for one
    ("de door het college vastgestelde normbedragen")."""
    t = s.tokens[i]
    if t.pos in ("VERB", "AUX") and t.feature("VerbForm") == "Inf" and t.head == i and t.lower.endswith("en"):
        # a root "infinitive" with its own subject and no auxiliary is a plural finite verb the tagger
        # misread ("Sommige woningen beschikken over …"): Dutch infinitives always hang on another word
        kids = s.children(i)
        return any(s.tokens[c].dep in ("nsubj", "nsubj:pass") for c in kids) and not any(
            s.tokens[c].dep in ("aux", "aux:pass", "cop", "mark") for c in kids)
    if t.pos not in ("VERB", "AUX") or t.feature("VerbForm") != "Fin":
        return False
    nxt = s.tokens[i + 1] if i + 1 < len(s.tokens) else None
    return not (nxt is not None and nxt.pos in ("NOUN", "ADJ", "PROPN") and _PRENOMINAL.match(t.lower))


def _particle(lemma: str, form: str = "") -> str:
    """Return the separable part of a verb lemma ("terugsturen" → "terug"), or ""."""
    for p in sorted(PARTICLES, key=len, reverse=True):
        if lemma.startswith(p) and len(lemma) > len(p) + 3 and (not form or form.startswith(p + "ge")
                                                                or form.startswith(p)):
            return p
    return ""


def _plural(s: Sentence, f: int, lex=None) -> str | None:
    """Return the plural of the finite verb f ("heeft" → "hebben", "stuurt [terug]" → "sturen"), or None."""
    t = s.tokens[f]
    low = t.lower
    if t.feature("Number") == "Plur" or low in MODAL_PLURAL.values():
        return t.text
    if low in MODAL_PLURAL:
        return MODAL_PLURAL[low]
    lemma = t.lemma
    if not lemma.isalpha() or lemma == low:
        return None
    if t.feature("Tense") == "Past":
        if low.endswith(("de", "te")):
            return low + "n"
        verb = lex.verbs.get(lemma) if lex is not None else None
        return verb.past_pl if verb is not None else None
    if not lemma.endswith("en") and lemma not in ("gaan", "staan", "doen", "zien", "slaan"):
        return None
    part = _particle(lemma)
    if part and not low.startswith(part):
        return lemma[len(part):]      # "stuurt … terug" → "sturen … terug"
    return lemma


class Builder:
    """A new sentence made of original tokens (kept with their spacing) and new words."""

    def __init__(self, s: Sentence, block_text: str) -> None:
        self.s = s
        self.block_text = block_text

    def render(self, items: Sequence[int | str]) -> str:
        out: list[str] = []
        prev: int | str | None = None
        for it in items:
            text = self.s.tokens[it].text if isinstance(it, int) else it
            if not text:
                continue
            if prev is not None:
                if isinstance(prev, int) and isinstance(it, int) and it == prev + 1:
                    out.append(self.block_text[self.s.tokens[prev].end:self.s.tokens[it].start])
                elif text not in NO_SPACE_BEFORE and (
                        (self.s.tokens[prev].text if isinstance(prev, int) else prev) not in NO_SPACE_AFTER):
                    out.append(" ")
            out.append(text)
            prev = it
        return "".join(out)


def _lower_first(s: Sentence, items: list[int | str]) -> list[int | str]:
    """Write the first item in lower case when it moves inside the sentence (not a name or 'U'-less word)."""
    if not items or not isinstance(items[0], int):
        return items
    t = s.tokens[items[0]]
    if t.kind is None and t.pos != "PROPN" and t.text[:1].isupper() and not (t.text.isupper() and len(t.text) > 1):
        return [t.text[:1].lower() + t.text[1:]] + items[1:]
    return items


def _cap_first(s: Sentence, items: list[int | str]) -> list[int | str]:
    if not items:
        return items
    first = items[0]
    text = s.tokens[first].text if isinstance(first, int) else first
    if text[:1].islower() and (not isinstance(first, int) or s.tokens[first].kind is None):
        return [text[:1].upper() + text[1:]] + list(items[1:])
    return list(items)


def _end_punct(s: Sentence) -> int | None:
    last = len(s.tokens) - 1
    return last if s.tokens[last].text in (".", "!", "?") else None


def _to_main(s: Sentence, clause: list[int], fin: int, after_fin: str = "", front: str = "") -> list[int | str] | None:
    """Turn a subclause (its tokens without the conjunction) into main-clause order: the first
    constituent (or the word `front`: "Daardoor"), then the finite verb, then the rest; a joined
    separable verb splits ("terugstuurt" → "stuurt … terug")."""
    if fin not in clause or (clause[0] == fin and not front):
        return None
    head = s.tokens[fin].head if s.tokens[fin].dep in ("aux", "aux:pass", "cop") else fin
    first = clause[0]
    if front:
        return _finish_main(s, clause, fin, [front], [i for i in clause if i != fin], after_fin)
    # the constituent the first token belongs to: climb to a child of the clause head
    k = first
    seen = 0
    while s.tokens[k].head not in (head, k) and seen < 50:
        k = s.tokens[k].head
        seen += 1
    if s.tokens[k].head != head:
        return None
    const = [i for i in _subtree(s, k) if i in clause]
    if s.tokens[first].lower == "er" and s.tokens[first].pos in ("ADV", "PRON"):
        const = [first]     # "er" is a phrase of its own ("Er zijn veel aanvragen …"), whatever the parse says
    if not _contiguous(const) or const[0] != first or fin in const:
        return None
    if len(const) == 1 and s.tokens[first].lower in NEGATIONS | FOCUS:
        return None     # "Niet is namelijk voldaan …": a negation does not start a main clause on its own
    if any(s.tokens[i].dep in ("fixed", "flat", "compound") and s.tokens[i].pos == "NOUN" for i in const):
        return None     # "de gemeente rekening (wil houden)": the parse glued two phrases together
    if any(s.tokens[i].dep.startswith("nsubj") and s.tokens[s.tokens[i].head].dep == "acl"
           and s.tokens[i].head in const for i in const):
        return None     # "de container volgende week": the parse took "volgende" for a verb with its own subject
    rest = [i for i in clause if i not in const and i != fin]
    return _finish_main(s, clause, fin, list(const), rest, after_fin)


def _finish_main(s: Sentence, clause: list[int], fin: int, const: list[int | str], rest: list[int],
                 after_fin: str) -> list[int | str]:
    t = s.tokens[fin]
    fin_items: list[int | str] = [fin]
    particle_at: str = ""
    part = _particle(t.lemma)
    if part and t.lower.startswith(part) and len(t.lower) > len(part) + 2:
        fin_items = [t.text[len(part):]]
        particle_at = part
    if particle_at:
        # the separable part goes where the finite verb stood (the end of the verb cluster)
        pos = clause.index(fin)
        after = [i for i in clause[pos + 1:] if i in rest]
        before = [i for i in rest if i not in after]
        rest_items: list[int | str] = before + [particle_at] + after
    else:
        rest_items = list(rest)
    extra: list[int | str] = []
    if after_fin:
        # "namelijk" after the finite verb, but after a short pronoun ("heeft u namelijk")
        if rest_items and isinstance(rest_items[0], int) and s.tokens[rest_items[0]].lower in CLITICS \
                and s.tokens[rest_items[0]].pos == "PRON":     # ("het formulier": an article, not a pronoun)
            extra = [rest_items[0], after_fin]
            rest_items = rest_items[1:]
        else:
            extra = [after_fin]
    # a separable part now right before its infinitive is written as one word ("mee kan doen" → "kan meedoen")
    joined: list[int | str] = []
    for it in rest_items:
        prev = joined[-1] if joined else None
        if isinstance(it, int) and isinstance(prev, int) and s.tokens[prev].dep == "compound:prt" \
                and s.tokens[prev].head == it and s.tokens[it].feature("VerbForm") == "Inf" and prev + 1 != it:
            joined[-1] = s.tokens[prev].text + s.tokens[it].text
            continue
        joined.append(it)
    return const + fin_items + extra + joined


# ------------------------------------------------------------------------------------------ transforms


@dataclass(frozen=True)
class Context:
    data: StructureData
    block_text: str
    speaks_to_u: bool
    we: str = "wij"          # the letter's own word for the sender: "we" when it writes "we" at least as often
    lex: object = None
    split_min: int = SPLIT_MIN_WORDS   # the zin.lang warning threshold (regels.toml, or the user's config)


def _match_phrase(s: Sentence, idx: list[int], phrases: frozenset[tuple[str, ...]]) -> bool:
    return tuple(s.tokens[i].lower for i in idx) in phrases


def t_formula(s: Sentence, ctx: Context) -> Candidate | None:
    """Drop or shorten a stock formula from lexicon/structuur.toml ("we" in the letter matches "wij")."""
    low = [FORMULA_ALIAS.get(t.lower, t.lower) for t in s.tokens]
    b = Builder(s, ctx.block_text)
    for f in ctx.data.formulas:
        n = len(f.words)
        if f.action in ("weg", "zin-weg"):
            starts = [0] if tuple(low[:n]) == f.words else []
        else:
            starts = [k for k in range(len(low) - n + 1) if tuple(low[k:k + n]) == f.words]
        if not starts:
            continue
        k = starts[0]
        if f.action == "zin-weg":
            if any(t.kind for t in s.tokens) or _PLACEHOLDER.search(s.text):
                return None
            return Candidate("formula", "", 0)
        if f.action == "vervang":
            new = f.replacement
            if not ctx.speaks_to_u and {"u", "uw"} & set(new.split()) and not {"u", "uw"} & set(f.words):
                continue    # "op naam van de aanvrager" → "op uw naam" only in a letter to "u"
            if any(s.tokens[j].lower == "we" for j in range(k, k + n)):
                new = " ".join("we" if w == "wij" else w for w in new.split())   # the letter's own word
            if k == 0:
                new = new[:1].upper() + new[1:]
            items = list(range(k)) + [new] + list(range(k + n, len(s.tokens)))
            return Candidate("formula", b.render(items))
        # weg: "Hierbij delen wij u mede dat X V." → "X V." in main-clause order
        if f.words[-1] != "dat":
            continue
        mark = n - 1
        ch = s.tokens[mark].head
        fin = _finite(s, ch)
        end = _end_punct(s)
        clause = [i for i in range(n, len(s.tokens)) if i != end]
        if any(s.tokens[i].lower == "dat" and s.tokens[i - 1].lower in ("en", "of", "maar") for i in clause):
            return None     # "… dat A en dat B": two messages; dropping the first "dat" would leave "en dat B"
        if fin is None or not clause:
            return None
        main = _to_main(s, clause, fin, front=f.begin)
        if main is None:
            return None
        items = _cap_first(s, main) + ([end] if end is not None else ["."])
        return Candidate("formula", b.render(items))
    return None


def _subject_swap(s: Sentence, ctx: Context, phrases, new: str, kind: str,
                  agree: Callable[[Sentence, int], str | None]) -> Candidate | None:
    for i, t in enumerate(s.tokens):
        if t.dep != "nsubj":
            continue
        idx = _subtree(s, i)
        if not _contiguous(idx) or not _match_phrase(s, idx, phrases):
            continue
        h = t.head
        fin = _finite(s, h)
        if fin is None or fin in idx:
            return None
        if not any(s.tokens[c].dep == "mark" for c in s.children(h)) and fin not in (idx[0] - 1, idx[-1] + 1):
            # main clause: the finite verb stands right before or after the subject ("wil de gemeente")
            near = [k for k in (idx[0] - 1, idx[-1] + 1) if 0 <= k < len(s.tokens)
                    and s.tokens[k].feature("VerbForm") == "Fin" and s.tokens[k].pos in ("VERB", "AUX")]
            if len(near) != 1:
                return None
            fin = near[0]
        changes: dict[int, str] = {}
        form = agree(s, fin)
        if form is None:
            return None
        changes[fin] = form
        for c in s.children(h):   # "heeft besloten en stuurt": the shared subject's other verbs agree too
            if s.tokens[c].dep == "conj" and not any(s.tokens[g].dep.startswith("nsubj") for g in s.children(c)):
                f2 = _finite(s, c)
                if f2 is None and s.tokens[c - 1].lower in ("en", "of", "maar"):
                    return None     # "vergadert … en besluit dan": a verb the tagger took for a noun; unsure
                ccs = [g for g in s.children(c) if s.tokens[g].dep == "cc"]
                if f2 is not None and ccs and ccs[0] + 1 != f2:
                    return None     # "… en de raad controleert": the clause has its own subject (missed by the parse)
                if f2 is not None:
                    form2 = agree(s, f2)
                    if form2 is None:
                        return None
                    changes[f2] = form2
        items: list[int | str] = []
        for k in range(len(s.tokens)):
            if k in idx:
                if k == idx[0]:
                    items.append(new[:1].upper() + new[1:] if k == 0 else new)
                continue
            if k in changes:
                tok = s.tokens[k]
                items.append(changes[k][:1].upper() + changes[k][1:] if k == 0 else changes[k] if tok.text != changes[k] else k)
            else:
                items.append(k)
        return Candidate(kind, Builder(s, ctx.block_text).render(items))
    return None


def t_sender(s: Sentence, ctx: Context) -> Candidate | None:
    """"De gemeente heeft besloten" → "Wij hebben besloten" (subject only, the verb agrees)."""
    return _subject_swap(s, ctx, ctx.data.sender, ctx.we, "sender", lambda s_, f: _plural(s_, f, ctx.lex))


def _u_form(s: Sentence, f: int) -> str | None:
    t = s.tokens[f]
    if t.feature("Number") == "Plur":
        return None
    return U_FORM.get(t.lower, t.text)


def t_reader(s: Sentence, ctx: Context) -> Candidate | None:
    """"De aanvrager moet … " → "U moet …" in a letter that speaks to "u"."""
    if not ctx.speaks_to_u or any(t.lower in ("hij", "zij", "hem", "haar", "zijn", "ze") for t in s.tokens):
        return None
    return _subject_swap(s, ctx, ctx.data.reader, "u", "reader", _u_form)


def _sender_agent(s: Sentence, h: int, ctx: Context) -> tuple[int | None, bool | None]:
    """Return (the agent's token index or None, whether the sender does it: True, False or None for
    "probably": no agent named and a verb that is not on the list)."""
    for c in s.children(h):
        t = s.tokens[c]
        if t.dep in ("obl:agent", "obl") and any(s.tokens[g].lower == "door" and s.tokens[g].dep == "case"
                                                 for g in s.children(c)):
            idx = [i for i in _subtree(s, c) if s.tokens[i].lower != "door"]
            words = tuple(s.tokens[i].lower for i in idx)
            return c, words in ctx.data.sender or words in (("ons",), ("wij",), ("we",))
    lemma = s.tokens[h].lemma
    if lemma in ctx.data.sender_verbs:
        return None, True
    return None, None if lemma not in ctx.data.never and lemma.isalpha() else False


def _lemma_fits(lemma: str, participle: str) -> bool:
    """Whether a lemma can belong to a participle ("opgewekt" is not a form of "onderopwekken")."""
    part = _particle(lemma, participle)      # ("geïnformeerd": "in" is no separable part of informeren)
    if part:
        return participle.startswith(part)
    stem = participle[2:] if participle.startswith("ge") else participle
    stem = {"ï": "i", "ë": "e"}.get(stem[:1], stem[:1]) + stem[1:]      # geïnformeerd → informeerd

    def onset(w: str) -> str:
        return w[:2] if w[:1] in "aeiouy" else w[:1]

    return bool(stem) and onset(stem) == onset(lemma)


def f_is_zijn(s: Sentence, h: int) -> bool:
    """Whether the passive auxiliary of h is 'zijn' ("is gebouwd": often a state, not an act)."""
    return any(s.tokens[c].dep == "aux:pass" and s.tokens[c].lemma == "zijn" for c in s.children(h))


THIRD_SING = {"zullen": "zal", "kunnen": "kan", "moeten": "moet", "mogen": "mag", "willen": "wil", "hoeven": "hoeft",
              "dienen": "dient", "zouden": "zou", "konden": "kon", "moesten": "moest", "mochten": "mocht"}


def _named_agent(s: Sentence, agent: int, ctx: Context) -> tuple[list[int], bool] | None:
    """The doer named in the door-phrase of a passive when it is a person or a body ("door het college", "door
    de LCvV", "door het Centraal Planbureau (CPB)"): its tokens without "door", and whether it is plural.
    None for a cause or a means ("door het coronavirus"; any door-phrase that starts the sentence), a pronoun,
    or a phrase that is not plain."""
    toks = s.tokens
    idx = [i for i in _subtree(s, agent) if not (toks[i].lower == "door" and toks[i].head == agent)]
    if not idx or idx[0] < 2 or toks[idx[0] - 1].lower != "door" or not _contiguous(idx) or len(idx) > 8 \
            or not _balanced(s, idx) or sum(t.lower == "door" for t in toks) != 1:
        return None
    if any(toks[k].text in (",", ";", ":") or toks[k].pos in ("ADV", "VERB", "AUX", "SCONJ", "PRON")
           or "PronType=Rel" in toks[k].morph for k in idx):
        return None      # "door bijvoorbeeld dokters", "door wie …", a clause inside: not plain
    nxt = toks[idx[-1] + 1] if idx[-1] + 1 < len(toks) else None
    if nxt is not None and (nxt.pos in ("NOUN", "PROPN", "ADP", "ADJ", "NUM", "DET", "X", "SYM", "CCONJ")
                            or nxt.text in ("(", "[")):
        return None      # the phrase goes on after the parse ends it: "door de afdeling [Belastingen van de …]",
        #                  "door de raad [en de wethouder]" (the parse took the second doer for the subject)
    head = toks[agent]
    if head.pos not in ("NOUN", "PROPN"):
        return None
    low = head.lower
    acts = head.pos == "PROPN" or (head.text.isupper() and len(head.text) > 1) or any(
        low == a or (len(a) >= 4 and low.endswith(a)) for a in ctx.data.actors)
    if not acts:
        return None
    if head.feature("Number") == "Plur" and head.lemma == low:
        return None      # tagged plural, but its lemma is the word itself ("de schoolarts"): unsure
    plural = head.feature("Number") == "Plur" or any(
        toks[c].dep == "conj" and any(toks[g].lower == "en" and toks[g].dep == "cc" for g in s.children(c))
        for c in s.children(agent))
    return idx, plural


def _weak_fits(stem: str, base: str) -> bool:
    """Whether `base` is the regular infinitive of a weak verb with stem `stem` (stel → stellen, beoordeel →
    beoordelen, leef → leven)."""
    if not stem or not base.endswith("en"):
        return False
    forms = {stem + "en"}
    if len(stem) >= 3 and stem[-2] == stem[-3] and stem[-2] in "aeou":
        forms.add(stem[:-2] + stem[-1] + "en")            # beoordeel → beoordelen
    elif len(stem) >= 2 and stem[-2] in "aeiou" and stem[-1] not in "aeiouwj":
        forms.add(stem + stem[-1] + "en")                  # stel → stellen
    for f in list(forms):
        if f.endswith("fen"):
            forms.add(f[:-3] + "ven")
        if f.endswith("sen"):
            forms.add(f[:-3] + "zen")
    return base in forms


def _third_forms(lemma: str, participle: str, part: str, lex) -> tuple[str, str] | None:
    """Return (present, past) singular of a verb without its separable part ("vaststellen" → ("stelt",
    "stelde")): from the lexicon, else for a regular weak verb from its participle; None when unsure."""
    verb = lex.verbs.get(lemma) if lex is not None else None
    if verb is not None and verb.particle == part:
        return verb.hij, verb.past
    stem = participle[len(part):] if part and participle.startswith(part) else participle
    stem = stem[2:] if stem.startswith("ge") else stem
    if not stem.endswith(("d", "t")):
        return None
    stem = stem[:-1]
    base = lemma[len(part):]
    if not _weak_fits(stem, base):
        return None
    hard = base[:-2][-1:] in ("t", "k", "f", "s", "p") or base[:-2].endswith("ch")
    return (stem if stem.endswith("t") else stem + "t"), stem + ("te" if hard else "de")


def t_passive(s: Sentence, ctx: Context) -> Candidate | None:
    """Passive → active when the sender does it: "wordt u verzocht" → "vragen wij u"; or when the doer is
    named as a person or body: "wordt door het college vastgesteld" → "het college stelt … vast"."""
    toks = s.tokens
    for h, t in enumerate(toks):
        if t.pos != "VERB" or t.feature("VerbForm") == "Inf":
            continue
        kids = s.children(h)
        by_us = t.lemma in ctx.data.sender_verbs and t.feature("VerbForm") == "Part" and any(
            toks[c].dep in ("obl", "obl:agent") and tuple(toks[g].lower for g in _subtree(s, c)) == ("door", "ons")
            for c in kids)      # "is … door ons ontvangen": a participle that looks like its infinitive
        if t.lower == t.lemma and not by_us:
            continue   # (the parser sometimes calls a participle finite: "wordt u verzocht")
        passive = [c for c in kids if toks[c].dep == "aux:pass"]
        if not passive and by_us:
            # the parse calls "is" a plain auxiliary, but "door ons" makes it passive
            passive = [c for c in kids if toks[c].dep == "aux" and toks[c].lemma == "zijn"]
        if len(passive) == 2 and toks[passive[0]].lemma == "zullen" and toks[passive[1]].lemma == "worden":
            passive = passive[1:]     # "zullen … worden uitgewerkt": the parse called "zullen" passive too
        if len(passive) != 1:
            continue
        p = passive[0]
        if any(toks[c].dep == "conj" and (toks[c].pos == "VERB" or any(
                toks[g].dep in ("cop", "aux", "aux:pass") for g in s.children(c))) for c in kids):
            continue    # "wordt … verleend en is geldig": the shared subject would be lost
        marks = [c for c in kids if toks[c].dep == "mark" and toks[c].lower in SUBORDINATORS]
        main = t.dep == "ROOT" or t.head == h
        if not main and not (t.dep in ("ccomp", "advcl") and marks):
            continue
        agent, ours = _sender_agent(s, h, ctx)
        named = _named_agent(s, agent, ctx) if agent is not None and ours is False else None
        if named is not None:
            ours = None          # not the sender, but named: made active with the doer as subject
        if agent is None and any(toks[k].lower == "door" and toks[k].pos == "ADP" and not (
                toks[k].dep == "compound:prt" and k + 1 < len(toks) and toks[k + 1].lower == "te")
                                 for k in _subtree(s, h) if k > h or main):
            continue    # "Dit wordt gedaan door initiatiefnemers": the parse hung the agent elsewhere
        if ours is False or (ours is None and named is None and f_is_zijn(s, h)):
            continue
        subj = [c for c in kids if toks[c].dep in ("nsubj:pass", "nsubj")]
        if len(subj) > 1:
            continue    # two subjects: the parse is wrong ("Binnenkort wordt uw kind …")
        if subj and toks[subj[0]].pos == "PRON" and toks[subj[0]].lower not in OBJECT_PRONOUNS:
            continue
        if agent is None and subj and any(
                toks[k].pos == "NOUN" and toks[k].dep == "nmod" and any(
                    toks[k].lower == a or (len(a) >= 4 and toks[k].lower.endswith(a)) for a in ctx.data.actors)
                for k in _subtree(s, subj[0])):
            continue    # "Het plan van de corporatie wordt uitgevoerd": the body named in it may do it, not "wij"
        fin = _finite(s, h)
        auxes = [c for c in kids if toks[c].dep in ("aux", "aux:pass")]
        if fin is None or len(auxes) > 2:
            continue
        if main and any(toks[k].text == ":" for k in range(min(fin, h))):
            continue    # "Archeologie: Door BMA dient … te worden": a label before the clause would move into it
        # another finite verb in this clause (outside its subclauses) means the parse missed an auxiliary
        # ("zal … worden overgemaakt" with "zal" hung elsewhere): leave it
        scope = set(range(len(toks))) if main else set(_subtree(s, h))
        inner = {x for k in scope if k != h and toks[k].dep in ("advcl", "ccomp", "acl", "acl:relcl", "csubj",
                                                                  "parataxis", "conj", "xcomp")
                 and h not in _subtree(s, k) for x in _subtree(s, k)}
        if any(k not in (fin, h, p) and k not in inner and _looks_finite(s, k) for k in scope):
            continue
        if not _lemma_fits(t.lemma, t.lower):
            continue
        lemma = ctx.data.active.get(t.lemma, t.lemma)
        if not lemma.isalpha() or not lemma.endswith("en"):
            continue
        part = _particle(lemma, t.lower)
        new: dict[int, list[int | str]] = {}
        removed = set()
        if agent is not None:
            removed |= set(_subtree(s, agent))
        removed |= {c for c in kids + s.children(p) if toks[c].lower == "er" and toks[c].dep in ("expl", "advmod", "expl:pv")}
        f_tok = toks[fin]
        plural = named is None or named[1]      # "wij", or the named doer's number
        if fin == p and f_tok.lemma == "worden":
            if not plural:
                forms = _third_forms(lemma, t.lower, part, ctx.lex)
                if forms is None:
                    continue
                finite = forms[1] if f_tok.feature("Tense") == "Past" else forms[0]
            elif f_tok.feature("Tense") == "Past":
                verb = ctx.lex.verbs.get(lemma) if ctx.lex is not None else None
                if verb is not None and verb.particle == part:
                    finite = verb.past_pl
                elif t.lower.endswith(("d", "t")) and not part:
                    stem = t.lower[2:] if t.lower.startswith("ge") else t.lower
                    finite = stem[:-1] + ("ten" if t.lower.endswith("t") else "den")
                else:
                    continue
            else:
                finite = lemma[len(part):] if part else lemma
            if main:
                new[fin] = [finite]
                new[h] = [part] if part else []
            else:
                new[h] = [part + finite]      # "dat het college … vaststelt", "dat wij … vaststellen"
        elif fin == p and f_tok.lemma == "zijn":
            past = f_tok.feature("Tense") == "Past"
            finite = ("hadden" if past else "hebben") if plural else ("had" if past else "heeft")
            new[fin] = [finite]
        elif fin != p and (toks[fin].dep == "aux" or toks[fin].lemma == "zullen") and toks[p].lower == "worden":
            if toks[fin].lemma in ("willen", "wensen", "hoeven"):
                continue    # "willen worden geïnformeerd": the subject wants it, not the sender
            if toks[fin].lemma not in ("zullen",) and agent is None:
                continue    # "kan worden aangevraagd", "moet worden betaald": mostly the reader, not us
            modal = MODAL_PLURAL.get(toks[fin].lower, toks[fin].text if toks[fin].feature("Number") == "Plur" else None)
            if not plural and modal is not None:
                modal = THIRD_SING.get(modal.lower())
            if modal is None:
                continue
            new[fin] = [modal]
            new[h] = [lemma]
            removed |= {c for c in kids + s.children(p) if toks[c].lower == "te" and toks[c].dep == "mark"}
        else:
            continue
        if p not in new:
            removed.add(p)
        if main and fin not in new:
            continue
        if new.get(h) == [part] and part and h + 1 < len(toks) and toks[h + 1].lower == part:
            continue    # "halen het afval op op maandag": the particle would stand before the same word
        order: list[int | str] = []
        body = [k for k in range(fin + 1, len(toks)) if k not in removed]
        who = ctx.we if named is None else Builder(s, ctx.block_text).render(named[0])
        if main:
            if fin == 0 or toks[fin].dep == "ROOT":
                continue
            opener = [k for k in range(fin) if toks[k].pos == "SCONJ" or toks[k].dep == "mark"
                      or "PronType=Rel" in toks[k].morph or (toks[k].lower.startswith("waar") and toks[k].pos == "ADV")]
            c0 = toks[0].head
            front_clause = bool(opener) and opener[0] == 0 and c0 != h and toks[c0].head == h \
                and _subtree(s, c0) == list(range(fin))     # "Zodra … gaat veranderen wordt u …": the first phrase
            if opener and not front_clause and not any(toks[k].text == "," for k in range(opener[-1], fin)):
                continue    # "Als in de toekomst wordt besloten …": the parse took a subclause for the main one
            lead: list[int] = []              # "En" at the start stays at the start
            for k in range(fin):
                starter = toks[k].dep in ("cc", "punct") or (k == 0 and toks[k].lower in ("en", "maar", "want", "dus"))
                if k in removed or starter and (not lead or lead[-1] == k - 1 or
                                                all(j in removed for j in range(lead[-1] + 1, k))):
                    if k not in removed:
                        lead.append(k)
                    continue
                break
            pre = [k for k in range(fin) if k not in removed and k not in lead]
            pre_words = [k for k in pre if toks[k].dep != "punct"]
            subj_words = [k for k in _subtree(s, subj[0]) if toks[k].dep != "punct"] if subj else []
            subject_first = bool(subj) and pre_words == subj_words
            if subj and not subject_first and set(pre_words) & set(subj_words):
                continue
            fin_new = new.pop(fin)
            if not pre_words:                    # "Door de gemeente is besloten …"
                order = lead + [who] + fin_new + body
            elif subject_first:                   # "Het bedrag zal … worden overgemaakt"
                keep = list(pre)      # brackets and quotes inside the subject stay ("(het “raadswerk”)")
                while keep and toks[keep[-1]].text == ",":
                    keep.pop()
                order = lead + [who] + fin_new + _lower_first(s, keep) + body
            else:                                 # "Hierbij wordt u verzocht …"
                order = lead + pre + fin_new + [who] + body
        else:
            m = marks[0]
            clause = _subtree(s, h)
            if clause[0] != m or (m + 1 < len(toks) and toks[m + 1].pos == "SCONJ"):
                continue    # "dat indien … wordt gemaakt": the passive is in another clause than the mark's
            order = [k for k in range(len(toks)) if k not in removed]
            pos = order.index(m)
            order = order[:pos + 1] + [who] + order[pos + 1:]
        items: list[int | str] = []
        for it in order:
            if isinstance(it, int) and it in new:
                items.extend(w for w in new[it] if w)
            else:
                items.append(it)
        items = [it for it in items if not (isinstance(it, int) and it in removed)]
        if toks[0].text[:1].isupper():
            items = _cap_first(s, items)
        return Candidate("passive", Builder(s, ctx.block_text).render(items), sure=ours is True or named is not None)
    return None


def _one_constituent(s: Sentence, idx: list[int], head: int) -> bool:
    """Whether the tokens idx (non-empty) form one constituent under `head` (the field before a verb)."""
    words = [k for k in idx if s.tokens[k].is_word]
    if not words:
        return False
    tops = set()
    for k in words:
        seen = 0
        while s.tokens[k].head not in (head, k) and seen < 60:
            k = s.tokens[k].head
            seen += 1
        tops.add(k)
    return len(tops) == 1 and head not in tops


def _long(s: Sentence, ctx: Context) -> bool:
    """Long enough to split, and ending like a sentence (not in ';' or ':' of a list)."""
    return len(s.words) >= ctx.split_min and not (s.tokens[-1].pos == "PUNCT" and _end_punct(s) is None)


def _statement_end(s: Sentence, ctx: Context) -> int | None:
    """The index of the full stop of a sentence long enough to split, or None (no full stop: a question,
    a list item, a heading)."""
    if not _long(s, ctx):
        return None
    end = _end_punct(s)
    return end if end is not None and s.tokens[end].text == "." else None


def _words(s: Sentence, idx: Iterable[int | str]) -> int:
    return sum(1 for i in idx if (s.tokens[i].is_word if isinstance(i, int) else bool(i.strip(" .,"))))


def t_split_coordination(s: Sentence, ctx: Context) -> Candidate | None:
    """"…, maar wij …" → "… . Maar wij …": two main clauses; "Wij bekijken … en sturen …" → "Wij bekijken
    … . Wij sturen …" (the shared subject repeated)."""
    if not _long(s, ctx):
        return None
    toks = s.tokens
    end = _end_punct(s)
    roots = [k for k, x in enumerate(toks) if x.head == k]
    if len(roots) != 1 or toks[0].feature("VerbForm") == "Fin" or toks[-1].text == "?" \
            or toks[0].pos == "SCONJ" or toks[0].lower in SUBORDINATORS:
        return None     # "Heeft u …, en wilt u …", "Als je … woont en je wilt …": conditions; no questions
    root = roots[0]
    for c, t in enumerate(toks):
        if t.dep != "cc" or t.lower not in ("en", "maar", "want", "dus") or c < 2 or c + 2 >= len(toks):
            continue
        v = t.head
        right = [k for k in range(c + 1, len(toks)) if k != end]
        nxt = toks[c + 1:c + 3]
        finite_next = nxt[0].feature("VerbForm") == "Fin" and nxt[0].pos in ("VERB", "AUX")
        own_subject = any(toks[g].dep in ("nsubj", "nsubj:pass") for g in s.children(v))
        vfin = _finite(s, v)
        by_parse = toks[v].dep == "conj" and toks[v].head == root and own_subject and toks[v].pos in ("VERB", "AUX") \
            and vfin is not None and set(_subtree(s, v)) >= set(right) and not finite_next \
            and _one_constituent(s, list(range(c + 1, vfin)), v)
        # the parser often hangs the second clause wrongly; its surface is clear enough: ", maar wij kunnen"
        # (a verb right after a personal pronoun there is finite, whatever the tagger says: "maar zij horen")
        by_surface = nxt[0].lower in SUBJECT_PRONOUNS and nxt[1].pos in ("VERB", "AUX") and (
            nxt[1].feature("VerbForm") == "Fin"
            or (nxt[0].lower in ("ik", "wij", "we", "u", "hij", "zij", "ze", "jij") and nxt[0].dep.startswith("nsubj")
                and nxt[1].feature("VerbForm") != "Part" and nxt[1].lower.endswith(("en", "t"))))
        subject: list[int] = []
        if not (by_parse or by_surface):
            # "Wij bekijken uw aanvraag en sturen u een brief": the second verb shares the subject
            subj = [g for g in s.children(root) if toks[g].dep in ("nsubj", "nsubj:pass")]
            if not (v == c + 1 and toks[v].dep == "conj" and toks[v].head == root and finite_next
                    and toks[root].pos in ("VERB", "AUX")
                    and not own_subject and len(subj) == 1 and _finite(s, root) is not None
                    and _finite(s, root) < c and toks[subj[0]].lower not in ("er", "het")):
                continue
            subject = _subtree(s, subj[0])
            if not _contiguous(subject) or subject[-1] >= c or len(subject) > 6 or _indefinite(s, subject) \
                    or any(toks[k].kind for k in subject) or not set(_subtree(s, v)) >= set(right):
                continue
        cut = c - 1 if toks[c - 1].text == "," else c
        left = list(range(cut))
        if _words(s, left) < PART_MIN_WORDS or _words(s, subject + right) < PART_MIN_WORDS:
            continue    # (the repeated subject counts: "Wij sturen u bericht")
        word = {"maar": "Maar", "want": "Want", "dus": "Dus", "en": ""}[t.lower]
        first = "left"
        if subject:
            second = ([word] + _lower_first(s, subject) if word else _cap_first(s, subject)) + right
        else:
            second = ([word] + right) if word else _cap_first(s, right)
        items = left + ["."] + second + ([end] if end is not None else ["."])
        return Candidate("split", Builder(s, ctx.block_text).render(items), 2, first=first)
    return None


def t_split_cause(s: Sentence, ctx: Context) -> Candidate | None:
    """"A, omdat B." → "A. B namelijk." and "Omdat B, doet A." → "B. Daarom doet A."; "Hoewel B, doet A." →
    "B. Toch doet A."."""
    if not _long(s, ctx):
        return None
    toks = s.tokens
    end = _end_punct(s)
    roots = [k for k, x in enumerate(toks) if x.head == k]
    rootfin = _finite(s, roots[0]) if len(roots) == 1 else None
    for m, t in enumerate(toks):
        if t.lower not in ("omdat", "aangezien", "doordat", "hoewel"):
            continue
        if m == 0:
            # "Omdat B, doet A." (found on the surface: the comma before the main clause's finite verb)
            commas = [q for q in range(2, len(toks) - 1) if toks[q].text == "," and q + 1 == rootfin]
            if not commas:
                continue
            q = commas[0]
            clause = list(range(1, q))
            nested = {x for k in clause if toks[k].dep in ("acl:relcl", "acl", "advcl", "ccomp", "csubj", "parataxis")
                      and toks[k].head in clause for x in _subtree(s, k)}
            fins = [k for k in clause if _looks_finite(s, k)
                    and k not in nested]
            if not fins:
                continue
            main = _to_main(s, clause, fins[-1])
            rest = [k for k in range(q + 1, len(toks)) if k != end]
            if main is None or _words(s, rest) < PART_MIN_WORDS or _words(s, main) < PART_MIN_WORDS:
                continue
            word = {"doordat": "Daardoor", "hoewel": "Toch"}.get(t.lower, "Daarom")   # "Hoewel B, A" → "B. Toch A."
            items = _cap_first(s, main) + [".", word] + _lower_first(s, rest) + ([end] if end is not None else ["."])
            # (a "hoewel" clause that fails the check is dropped, not offered: its order is often wrong)
            return Candidate("split", Builder(s, ctx.block_text).render(items), 2, strict=t.lower == "hoewel")
    return None


JE_FORMS = {"heeft": "heb", "hebt": "heb", "is": "ben", "bent": "ben", "kunt": "kun", "kan": "kun", "wilt": "wil",
            "wil": "wil", "zult": "zul", "zal": "zul", "mag": "mag", "gaat": "ga", "doet": "doe", "staat": "sta",
            "ziet": "zie", "komt": "kom", "wordt": "word", "weet": "weet", "moet": "moet", "hoeft": "hoef"}


def _stems(lemma: str, form: str) -> set[str]:
    """The possible stems of a regular verb, without a separable part the form lacks ("maken" → maak, "zetten"
    → zet, "geven" → geef, "terugsturen" with form "stuur" → stuur)."""
    part = _particle(lemma)
    if part and not form.startswith(part):
        lemma = lemma[len(part):]
    if not lemma.endswith("en") or len(lemma) < 4:
        return set()
    base = lemma[:-2]
    stems = {base}
    if len(base) >= 2 and base[-1] == base[-2]:
        stems.add(base[:-1])                               # zetten → zet
    if len(base) >= 2 and base[-2] in "aeou" and base[-1] not in "aeiou" and (len(base) < 3 or base[-3] not in "aeiou"):
        stems.add(base[:-2] + base[-2] * 2 + base[-1])     # maken → maak
    return stems | {x[:-1] + "f" for x in stems if x.endswith("v")} | {x[:-1] + "s" for x in stems if x.endswith("z")}


def _imperative(s: Sentence, i: int) -> bool:
    """Whether token i is a command verb: a present stem form without a subject ("Spreek", "Vul … in")."""
    t = s.tokens[i]
    return t.pos == "VERB" and t.lower in _stems(t.lemma, t.lower) \
        and not any(s.tokens[c].dep in ("nsubj", "nsubj:pass") for c in s.children(i)) \
        and not (i + 1 < len(s.tokens) and s.tokens[i + 1].lower in ("ik", "u", "je", "jij", "we", "wij", "hij", "zij",
                                                                     "ze", "men"))


def _je_form(s: Sentence, f: int, form: str) -> str | None:
    """The present form of finite verb f before "je" in a question ("gebruikt" → "gebruik", "wordt" →
    "word", "zet" → "zet"); `form` is its text now (without a separable part). None when unsure."""
    t = s.tokens[f]
    low = form.lower()
    if t.feature("Tense") == "Past":
        return None
    if low in JE_FORMS:
        return JE_FORMS[low]
    for stem in _stems(t.lemma, low):
        if low == stem + "t" and not stem.endswith("t"):
            return stem
        if low == stem and stem.endswith("t"):
            return stem
    return None


def t_split_condition(s: Sentence, ctx: Context) -> Candidate | None:
    """"Indien u het niet eens bent met dit besluit, kunt u bezwaar maken." → "Bent u het niet eens met dit
    besluit? Dan kunt u bezwaar maken." (the condition as a question, then "Dan")."""
    if not _long(s, ctx):
        return None
    toks = s.tokens
    end = _end_punct(s)
    if toks[0].lower not in ("als", "indien", "wanneer", "ingeval") or (end is not None and toks[end].text != "."):
        return None
    roots = [k for k, x in enumerate(toks) if x.head == k]
    rootfin = _finite(s, roots[0]) if len(roots) == 1 else None
    if not any(t.text == "," for t in toks):
        # no comma: "Als u zelf komt stemmen heeft u …": after the condition's own finite verb, the first
        # finite verb with a subject pronoun right after it starts the main clause (in a subclause the
        # finite verb comes last, so "heeft u" cannot stand inside it)
        own = [k for k in range(2, len(toks) - 2) if _looks_finite(s, k)]
        starts = [k for k in own[1:] if toks[k + 1].lower in ("u", "je", "jij", "hij", "zij", "we", "wij", "men")]
        if not own or not starts or any(_looks_finite(s, k) for k in range(own[0] + 1, starts[0])):
            return None
        rootfin = starts[0]
    if rootfin is None:
        # the tagger took the main verb for a participle ("…, gebruikt men meestal …"): a verb with a subject
        # pronoun right after the first comma starts the main clause
        q0 = next((q for q in range(3, len(toks) - 3) if toks[q].text == ","), None)
        v0 = q0 + 2 if q0 is not None and toks[q0 + 1].lower == "dan" else (q0 + 1 if q0 is not None else None)
        if v0 is None or v0 + 1 >= len(toks) or toks[v0].pos not in ("VERB", "AUX") \
                or not (toks[v0].lower.endswith("t") or toks[v0].lower in MODAL_PLURAL) \
                or toks[v0 + 1].lower not in ("u", "je", "jij", "hij", "zij", "we", "wij", "men", "het") \
                or not (toks[v0 + 1].dep.startswith("nsubj") or toks[v0 + 1].dep == "expl") \
                or any(_opens_clause(toks[k]) or toks[k].lower in ("die", "dat", "wat", "welke") or toks[k].text in ("(", ":", ";")
                       for k in range(1, q0)):
            return None     # (the parse is lost here: a condition with a clause inside it is left alone)
        rootfin = v0
    commas = [q for q in range(3, rootfin) if toks[q].text == ","] or ([rootfin] if not any(
        t.text == "," for t in toks) else [])
    if not commas:
        return None
    q = commas[0]
    after = q + 1 if toks[q].text == "," else q
    if toks[after].lower == "dan":
        after += 1
    if after != rootfin:
        return None
    clause = list(range(1, q))
    nested = {x for k in clause if toks[k].dep in ("acl:relcl", "acl", "advcl", "ccomp", "csubj", "parataxis")
              and toks[k].head in clause for x in _subtree(s, k)}
    fins = [k for k in clause if _looks_finite(s, k) and k not in nested]
    if len(fins) != 1 or not any(toks[k].dep.startswith("nsubj") or toks[k].lower == "er" for k in clause):
        return None
    subjects = [toks[k].lower for k in clause if toks[k].dep.startswith("nsubj")]
    if any(w in ("we", "wij", "ik") for w in subjects):
        return None     # "Hebben we …?" asks the reader about us
    question = _finish_main(s, clause, fins[0], [], [k for k in clause if k != fins[0]], "")
    if any(w in ("je", "jij") for w in subjects):
        # "als je … gebruikt" → "Gebruik je …?": before "je" the verb loses its -t
        je_second = len(question) > 1 and isinstance(question[1], int) and toks[question[1]].lower in ("je", "jij")
        if len(subjects) != 1 or not je_second:
            return None     # ("je" must come right after the verb: "Heb je …?")
        form = _je_form(s, fins[0], question[0] if isinstance(question[0], str) else toks[fins[0]].lower)
        if form is None:
            return None
        question = [form] + question[1:]
    rest = [k for k in range(rootfin, len(toks)) if k != end]
    if rootfin + 1 < len(toks) and toks[rootfin + 1].lower == "dan":
        rest.remove(rootfin + 1)    # "neem dan contact op" → "Dan neem … contact op"
    if _words(s, rest) < PART_MIN_WORDS - 1 or _words(s, question) < PART_MIN_WORDS - 1:
        return None
    if not any(toks[c].dep.startswith("nsubj") for c in s.children(roots[0])) and rest[0] == rootfin \
            and not toks[rootfin].lower.endswith("t") and _imperative(s, rootfin):    # (not "kan", "moet")
        # a command: "Neem dan contact op." (the verb stays first)
        items = _cap_first(s, question) + ["?"] + _cap_first(s, [rootfin]) + ["dan"] + rest[1:] \
            + ([end] if end is not None else ["."])
    else:
        items = _cap_first(s, question) + ["?", "Dan"] + rest + ([end] if end is not None else ["."])
    return Candidate("split", Builder(s, ctx.block_text).render(items), 2, first="question")


COMPARING = {"even", "evenveel", "zo", "net", "meer", "minder", "hetzelfde", "dezelfde", "ander", "andere", "anders",
             "zowel", "zelfde", "liever", "eerder", "later", "dan", "niet"}


# verbs after which "wanneer" asks a question ("U hoort wanneer …") instead of setting a condition
ASKING = {"weten", "horen", "vertellen", "laten", "melden", "bekijken", "bepalen", "aangeven", "beslissen", "vragen",
          "informeren", "zien", "lezen", "staan", "berichten", "afspreken", "plannen", "vaststellen", "kiezen"}


def t_split_condition_end(s: Sentence, ctx: Context) -> Candidate | None:
    """A condition at the end of a statement comes first as a question: "U kunt bezwaar maken als u het niet eens
    bent met dit besluit." → "Bent u het niet eens met dit besluit? Dan kunt u bezwaar maken." Only after a
    statement that starts with its subject, for "als", "indien" and "wanneer" (not after a verb that asks: "U hoort
    wanneer …") with one finite verb in the condition, and
    never after a comparison ("evenveel … als", "zowel … als") or a focus word ("alleen als", "pas als": moving
    the condition would change what "alleen" is about). Before "je" the verb loses its -t ("Dan kun je …")."""
    end = _statement_end(s, ctx)
    if end is None:
        return None
    toks = s.tokens
    marks = [k for k in range(3, end - 2) if toks[k].lower in ("als", "indien", "wanneer") and toks[k].pos == "SCONJ"]
    if len(marks) != 1:
        return None
    m = marks[0]
    left = list(range(m - 1 if toks[m - 1].text == "," else m))
    clause = list(range(m + 1, end))
    if toks[m].lower == "wanneer" and any(toks[k].lemma in ASKING for k in left):
        return None     # "U hoort van ons wanneer …", "Wij laten u weten wanneer …": a question about the time
    lfin = [k for k in left if _looks_finite(s, k)]
    cfin = [k for k in clause if _looks_finite(s, k)]
    if len(lfin) != 1 or len(cfin) != 1 or toks[0].pos == "SCONJ" or _looks_finite(s, 0) \
            or any(toks[k].lower in COMPARING | FOCUS | {"uitsluitend", "maar"} or toks[k].feature("Degree") == "Cmp"
                   or _opens_clause(toks[k])
                   or toks[k].text in (",", ":", ";", "(") for k in left) \
            or any(toks[k].text in (",", ":", ";") or _opens_clause(toks[k]) for k in clause) \
            or not _balanced(s, left) or not _balanced(s, clause):
        return None
    f = lfin[0]
    root = toks[f].head if toks[f].dep in ("aux", "aux:pass", "cop") else f
    subj = [c for c in s.children(root) if toks[c].dep in ("nsubj", "nsubj:pass") and _subtree(s, c)[0] == 0]
    if len(subj) != 1 or _subtree(s, subj[0])[-1] + 1 != f or any(toks[k].kind for k in _subtree(s, subj[0])):
        return None     # the statement must start with its subject: "U kunt …" → "Dan kunt u …"
    csubj = [k for k in clause if toks[k].dep.startswith("nsubj")]
    if not csubj or any(toks[k].lower in ("we", "wij", "ik") for k in clause):
        return None     # "Hebben we …?" asks the reader about us
    question = _finish_main(s, clause, cfin[0], [], [k for k in clause if k != cfin[0]], "")
    sidx = _subtree(s, subj[0])
    verb: int | str = f
    subject: list[int | str] = _lower_first(s, sidx)
    # before "je" a present verb loses its -t: "als je … gebruikt" → "Gebruik je …?", "je kunt" → "Dan kun je"
    if [toks[k].lower for k in sidx] in (["je"], ["jij"]):
        verb, subject = _je_form(s, f, toks[f].lower) or "", [toks[sidx[0]].lower]
    if len(question) > 1 and isinstance(question[1], int) and toks[question[1]].lower in ("je", "jij"):
        form = _je_form(s, cfin[0], question[0] if isinstance(question[0], str) else toks[cfin[0]].lower)
        question = [form] + question[1:] if form else []
    elif any(toks[k].lower in ("je", "jij") for k in csubj):
        return None
    if not verb or not question:
        return None
    main = ["Dan", verb] + subject + [k for k in left if k > f]
    if _words(s, question) < PART_MIN_WORDS - 1 or _words(s, main) < PART_MIN_WORDS:
        return None
    items = _cap_first(s, question) + ["?"] + main + [end]
    return Candidate("split", Builder(s, ctx.block_text).render(items), 2, first="question", strict=True)


def t_split_condition_v1(s: Sentence, ctx: Context) -> Candidate | None:
    """A condition that starts with its verb becomes a question: "Heeft u vragen over deze brief, neem dan
    contact op met …" → "Heeft u vragen over deze brief? Neem dan contact op met …"; "Bent u het niet eens
    met dit besluit, dan kunt u …" → "… ? Dan kunt u …". "Mocht u …" first takes the plain form from the
    formulas ("mocht u nog vragen hebben" → "heeft u nog vragen")."""
    if not _long(s, ctx):
        return None
    toks = s.tokens
    end = _end_punct(s)
    if end is None or toks[end].text != "." or not _looks_finite(s, 0) or len(toks) < 6:
        return None
    if toks[1].lower not in ("u", "je", "jij", "hij", "zij", "ze", "het", "er", "we", "wij", "men"):
        return None
    commas = [q for q in range(3, end - 2) if toks[q].text == ","]
    if not commas and toks[0].lower not in ("mocht", "mochten"):
        # no comma: "Gaat u weer aan het werk dan hebt u …": "dan", a finite verb and its subject pronoun start
        # the main clause; the condition before it has no other finite verb
        dans = [k for k in range(3, end - 3) if toks[k].lower == "dan" and _looks_finite(s, k + 1)
                and toks[k + 2].lower in ("u", "je", "jij", "hij", "zij", "ze", "we", "wij", "men")]
        if len(dans) != 1 or any(_looks_finite(s, k) or toks[k].text in ("?", ";", ":", ",") for k in range(1, dans[0])):
            return None
        k = dans[0]
        first_, second_ = list(range(k)), ["Dan"] + list(range(k + 1, end))
        if _words(s, first_) < PART_MIN_WORDS - 1 or _words(s, second_) < PART_MIN_WORDS - 1:
            return None
        return Candidate("split", Builder(s, ctx.block_text).render(first_ + ["?"] + second_ + [end]), 2,
                         first="question", strict=True)
    if not commas or any(t.text in ("?", ";", ":") for t in toks[:commas[0]]):
        return None
    q = commas[0]
    first: list[int | str] = list(range(q))
    if toks[0].lower in ("mocht", "mochten"):
        low = [FORMULA_ALIAS.get(t.lower, t.lower) for t in toks]
        for f in ctx.data.formulas:
            n = len(f.words)
            if f.action == "vervang" and tuple(low[:n]) == f.words and n <= q:
                first = [f.replacement[:1].upper() + f.replacement[1:]] + list(range(n, q))
                break
        else:
            return None
    if toks[q + 1].lower == "dan" and _looks_finite(s, q + 2):
        second: list[int | str] = ["Dan"] + list(range(q + 2, end))       # ", dan kunt u …"
    elif toks[q + 2].lower == "dan" and toks[q + 1].pos == "VERB" and toks[q + 1].feature("VerbForm") == "Fin" \
            and not any(toks[c].dep.startswith("nsubj") and c > q for c in s.children(q + 1)):
        # (a subject before the comma is the condition's, hung on the command by the parse: "Bent u huurder, neem")
        second = _cap_first(s, [q + 1]) + list(range(q + 2, end))        # ", neem dan contact op …"
    else:
        return None
    if _words(s, first) < PART_MIN_WORDS - 1 or _words(s, second) < PART_MIN_WORDS - 1:
        return None
    items = first + ["?"] + second + [end]
    return Candidate("split", Builder(s, ctx.block_text).render(items), 2, first="question")


def t_split_tail(s: Sentence, ctx: Context) -> Candidate | None:
    """"A, omdat B." → "A. B namelijk."; "A, waardoor B." → "A. Daardoor B." (main-clause order)."""
    if not _long(s, ctx):
        return None
    toks = s.tokens
    end = _end_punct(s)
    last = end - 1 if end is not None else len(toks) - 1
    roots = [k for k, x in enumerate(toks) if x.head == k]
    for w in range(2, last):
        t = toks[w]
        if t.lower not in ctx.data.connectives:
            continue
        if toks[w - 1].text != ",":
            # without a comma only a causal or result clause on the main verb: "… afstand zodat …"
            if t.lower not in ("omdat", "zodat", "doordat", "aangezien") or t.dep != "mark" or len(roots) != 1 \
                    or toks[t.head].head != roots[0] or toks[t.head].dep != "advcl" \
                    or toks[w - 1].lower in FOCUS or toks[roots[0]].lemma in ("komen", "liggen", "zijn") \
                    or any(toks[k].lower in NEGATIONS for k in range(w)):
                continue    # "niet omdat …, maar …", "Dat komt omdat …": the clause is the point
        if t.lower == "waar" and (toks[w + 1].lower in ("mogelijk", "nodig", "gewenst", "dan", "ook", "precies")
                                  or any(x.lower == "ook" for x in toks[w + 1:w + 4])
                                  or t.pos not in ("ADV", "SCONJ", "PRON")
                                  or toks[t.head].dep not in ("acl:relcl", "acl")
                                  or toks[toks[t.head].head].pos not in ("NOUN", "PROPN")):
            continue    # ", waar nodig, …", ", waar u ook woont, …", "Het is niet duidelijk, waar …": only a
            #             relative clause on a noun is about a place
        if t.lower in ("wat", "hetgeen") and (toks[w - 2].pos == "ADP" or toks[w - 2].lower in ("op", "met", "aan")
                                             or any(_opens_clause(toks[k]) or toks[k].lower in ("wat", "hoe", "wie", "welke")
                                                    for k in range(w - 1))):
            continue    # "…, of variëren op, wat …", "u leest wat …, wat …": a free relative, not about the sentence
        h = t.head
        if not (w < h <= last):
            continue
        fin = _finite(s, h)
        guessed = False
        if fin is None and toks[w - 1].text == "," and ctx.data.connectives[t.lower]:
            # the parse hung the connective on another word ("waardoor er ongewild …"): the clause's only
            # finite verb, found on the surface; the cut must then pass the check (strict)
            fins = [k for k in range(w + 1, last + 1) if _looks_finite(s, k)]
            if len(fins) != 1:
                continue
            fin, guessed = fins[0], True
        if fin is None or not (w < fin <= last):
            continue
        clause = list(range(w + 1, last + 1))
        comma = toks[w - 1].text == ","
        left = list(range(w - 1 if comma else w))
        if not comma and not set(clause) <= set(_subtree(s, h)):
            continue
        if _words(s, left) < PART_MIN_WORDS or _words(s, clause) < PART_MIN_WORDS - 1:
            continue
        front = ctx.data.connectives[t.lower]
        if front:
            main = _to_main(s, clause, fin, front=front)
        else:
            main = _to_main(s, clause, fin, after_fin="namelijk")
        if main is None:
            continue
        items = left + ["."] + _cap_first(s, main) + ([end] if end is not None else ["."])
        return Candidate("split", Builder(s, ctx.block_text).render(items), 2, first="left", strict=guessed)
    return None


RECEIVED = {"ontvangen", "indienen", "binnenkomen", "sturen", "toesturen", "versturen", "opsturen", "verzenden",
            "doen", "richten"}     # what happens to a letter or a request: its noun is the whole first phrase


def t_split_relative(s: Sentence, ctx: Context) -> Candidate | None:
    """"…het besluit, dat per [datum] ingaat." → "…het besluit. Dit gaat per [datum] in."."""
    if not _long(s, ctx):
        return None
    toks = s.tokens
    end = _end_punct(s)
    for r, t in enumerate(toks):
        if t.lower not in ("die", "welke", "dat") or r < 2 or toks[r - 1].text != ",":
            continue
        v = t.head
        if toks[v].dep != "acl:relcl" or t.dep not in ("nsubj", "nsubj:pass", "obj"):
            continue
        span = [k for k in _subtree(s, v) if k != end and k != r - 1]   # (the parse may hang the comma on v)
        if span and toks[span[-1]].text == ",":
            span = span[:-1]
        if not _contiguous(span) or span[0] != r:
            continue
        fin = _finite(s, v)
        if fin is None:
            continue
        n = toks[v].head
        dets = {toks[c].lower for c in s.children(n) if toks[c].dep == "det"}
        plural = toks[n].feature("Number") == "Plur"
        if t.lower == "dat" or (t.lower == "welke" and dets & {"het", "dit", "dat"} and not plural):
            pron = "Dit"
        elif t.lower == "die" or plural or dets & {"de", "deze", "die"}:
            pron = "Deze"
        else:
            pron = ""       # ("uw aanvraag, welke …": only the stock opening below is split)
        after = span[-1] + 1
        mid = after < len(toks) and toks[after].text == "," and after != end
        rest = [k for k in range(after + (1 if mid else 0), len(toks)) if k != end]
        if rest and not mid:
            continue            # the clause must end the sentence or stand between commas
        rootfin = next((_finite(s, k) for k, x in enumerate(toks) if x.head == k), None)
        if rest and rootfin in rest:
            # the clause stands in the first phrase ("Naar aanleiding van uw brief, die … is ontvangen,
            # hebben wij …"): "Dit" after the main clause would point at the wrong thing. Only the stock
            # opening "Naar aanleiding van X, die …, V wij …" is split: "X … is ontvangen. Wij V …"
            if toks[v].lemma in RECEIVED and n != toks[0].head and n in _subtree(s, toks[0].head):
                n = toks[0].head    # "uw aanvraag om … een bed, welke … is ontvangen": the request was received
            # (after the word swap "Naar aanleiding van uw brief" → "Na uw brief", for a letter received)
            k0 = 3 if [x.lower for x in toks[:3]] == ["naar", "aanleiding", "van"] else \
                1 if toks[0].lower == "na" and toks[v].lemma in RECEIVED else 0
            np = [k for k in _subtree(s, n) if k0 <= k < r - 1]
            if not k0 or np != list(range(k0, r - 1)) \
                    or toks[n].dep != "obl" or toks[0].head != n \
                    or rest[0] != rootfin or len(rest) < 3 or toks[rest[1]].lower not in ("wij", "we", "ik") \
                    or not toks[rest[1]].dep.startswith("nsubj") or _words(s, np) < 2 \
                    or len(span) - 1 < PART_MIN_WORDS - 1:
                continue
            first = _finish_main(s, span[1:], fin, _cap_first(s, list(np)), [k for k in span[1:] if k != fin], "")
            main_part = [rest[1], rest[0]] + rest[2:]
            items = first + ["."] + _cap_first(s, main_part) + ([end] if end is not None else ["."])
            return Candidate("split", Builder(s, ctx.block_text).render(items), 2)
        left = list(range(r - 1)) + ([] if not rest else rest)
        if _words(s, left) < PART_MIN_WORDS or len(span) - 1 < PART_MIN_WORDS - 1:
            continue
        second = _to_main(s, span[1:], fin, front=pron) if pron else None   # "Deze" first, then the verb
        if second is None:
            continue
        items = left + ["."] + second + ([end] if end is not None else ["."])
        return Candidate("split", Builder(s, ctx.block_text).render(items), 2)
    return None


# ------------------------------------------------------------------- more splits (main clauses, relatives)

MAIN_CC = {"en": "", "maar": "Maar", "want": "Want", "of": "Of"}
# words that cannot start a main clause that stands on its own: relative and question words, "zoals"
NOT_A_START = {"die", "dat", "wat", "welke", "wie", "hetgeen", "waar", "waarin", "waarbij", "waarmee", "waarop",
               "waarvoor", "waarna", "waarover", "waaruit", "waardoor", "waarvan", "waaraan", "waartoe", "hoe",
               "zoals", "als", "dan", "zo", "namelijk", "althans", "behalve", "tenminste", "oftewel", "ofwel",
               "bijvoorbeeld", "zowel", "noch", "respectievelijk", "dus"}
CLAUSE_DEPS = {"advcl", "ccomp", "acl", "acl:relcl", "csubj", "xcomp", "nmod", "obl", "obj", "nsubj", "appos"}
MODALS = {"kunnen", "moeten", "mogen", "willen", "zullen", "hoeven", "dienen", "wensen", "proberen", "zoeken",
          "vragen", "verzoeken", "nodig", "hopen", "verwachten", "denken", "overwegen", "zou", "zouden"}
NEGATIONS = {"niet", "geen", "nooit", "nergens", "niemand", "niets", "noch", "zonder"}
FOCUS = {"niet", "alleen", "ook", "juist", "vooral", "mede", "deels", "zowel", "enkel", "slechts", "net", "pas"}
_OPEN, _CLOSE = "([{“‘«", ")]}”’»"


def _balanced(s: Sentence, idx: Sequence[int]) -> bool:
    """Whether the tokens idx close every bracket and quote they open (a split never cuts through one)."""
    depth = 0
    quotes = 0
    for k in idx:
        # an apostrophe is no quote: inside a word ("regio’s") or a clitic of its own ("’s", "’t")
        text = re.sub(r"(?<=\w)[’'](?=\w)|^[’'](?=[stn]$)", "", s.tokens[k].text)
        depth += sum(text.count(c) for c in _OPEN) - sum(text.count(c) for c in _CLOSE)
        quotes += text.count('"')
        if depth < 0:
            return False
    return depth == 0 and quotes % 2 == 0 and "–" not in {s.tokens[k].text for k in idx} and \
        sum(s.tokens[k].text in ("–", "—") for k in idx) % 2 == 0


def _main_level(s: Sentence, v: int, root: int) -> bool:
    """Whether clause head v hangs on the main clause as another main clause (conj/parataxis of the root,
    possibly through other conjuncts), not inside a subclause or a phrase."""
    k, seen = v, 0
    while k != root and seen < 60:
        if s.tokens[k].dep not in ("conj", "parataxis"):
            return False
        k = s.tokens[k].head
        seen += 1
    return k == root and v != root


def _plain_subject(s: Sentence, idx: list[int]) -> bool:
    """A subject we may repeat or move: contiguous, short, no protected span or name, not "er"."""
    return _contiguous(idx) and 0 < len(idx) <= 6 and not any(s.tokens[k].kind for k in idx) \
        and s.tokens[idx[0]].lower != "er" and all(s.tokens[k].text not in (",", "(", ")") for k in idx)


INDEFINITE = {"een", "geen", "enkele", "sommige", "veel", "weinig", "meerdere", "verschillende", "diverse", "iemand",
              "niemand", "iets", "niets", "wat", "elke", "ieder", "iedere", "elk"}


def _indefinite(s: Sentence, idx: Sequence[int]) -> bool:
    """Whether a subject names no one in particular ("een medewerker", "sommige bewoners", "twee buren"): said
    twice it may be two different ones ("Een medewerker belt u. Een medewerker maakt …"), so it is not repeated."""
    return bool(idx) and (s.tokens[idx[0]].lower in INDEFINITE or s.tokens[idx[0]].pos == "NUM"
                          or number_value(s.tokens[idx[0]].lower) is not None)


def _closed(s: Sentence, left: Sequence[int], cut: int) -> bool:
    """Whether no subclause, relative clause or bracketed phrase that starts in `left` runs on past `cut`
    ("Dit betekent dat je in onderzoek, analyse of beleid … kunt": the comma is inside the dat-clause)."""
    for k in left:
        t = s.tokens[k]
        if (t.dep == "mark" and t.lower != "te") or "PronType=Rel" in t.morph or t.dep in ("acl:relcl", "advcl"):
            h = k if t.dep in ("acl:relcl", "advcl") else t.head
            if s.tokens[h].head != h and max(_subtree(s, h)) > cut:   # (a mark on the root: the parse erred)
                return False
    return True


def _opens_clause(t: Token) -> bool:
    return (t.lower in SUBORDINATORS and t.pos in ("SCONJ", "CCONJ") and t.lower not in ("en", "maar")) \
        or "PronType=Rel" in t.morph or (t.lower.startswith("waar") and t.pos == "ADV")


def _no_open_clause(s: Sentence, left: Sequence[int], rootfin: int, closed_ok: bool) -> bool:
    """Whether the cut cannot be inside a subclause, on the surface (the parse of a long sentence is not to
    be trusted here): no subclause starts after the main verb, or (`closed_ok`, for "maar"/"want") each one
    that does has reached its own finite verb before the cut."""
    toks = s.tokens
    opened = [k for k in left if k > rootfin and _opens_clause(toks[k])]
    if not opened:
        return True
    if not closed_ok:
        return False
    return any(_looks_finite(s, k) for k in left if k > opened[-1])


def _complete(s: Sentence) -> bool:
    """Whether a new sentence is a whole statement: its root has a subject, and a modal or future verb has
    the verb it goes with ("Deze woningen zullen voortdurend op basis van …" is not)."""
    toks = s.tokens
    roots = [k for k, t in enumerate(toks) if t.head == k]
    if len(roots) != 1:
        return False
    root = roots[0]
    impersonal = toks[0].lower.startswith(("hier", "daar", "er")) and toks[0].pos == "ADV"
    # an impersonal passive after a first phrase has no subject either ("In de stad moet worden voorzien in …")
    # (singular, with a prepositional object after the verb: "voorzien in"; not "In dat segment worden verhuurd")
    impersonal = impersonal or (toks[0].pos == "ADP" and toks[root].pos == "VERB" and not _looks_finite(s, 1)
                                and any(toks[c].dep == "aux:pass" for c in s.children(root))
                                and _finite(s, root) is not None and toks[_finite(s, root)].feature("Number") == "Sing"
                                and any(toks[c].dep in ("obl", "obl:arg") and c > root for c in s.children(root)))
    if root == 0 and _imperative(s, 0):
        return True       # a command: "Zorg dat de mond goed zichtbaar is."
    # a first "Het"/"Dit" that the tagger hung on the verb as an article is the subject ("Het staat …")
    pron_det = toks[0].lower in ("het", "dit", "dat") and toks[0].dep == "det" and toks[0].head == root \
        and toks[root].pos in ("VERB", "AUX") and _finite(s, root) == 1
    if not pron_det and not any(toks[c].dep in ("nsubj", "nsubj:pass", "expl", "csubj") or toks[c].lower == "er"
                                or (impersonal and toks[c].dep == "aux:pass") for c in s.children(root)):
        return False      # (an impersonal passive has none: "Hiermee is rekening gehouden")
    fin = _finite(s, root)
    if fin is not None and toks[fin].lemma in ("zullen", "kunnen", "moeten", "mogen", "willen", "hoeven") \
            and not any((t.feature("VerbForm") in ("Inf", "Part") or (t.dep == "xcomp" and t.lower.endswith("en")))
                        and t.pos in ("VERB", "AUX") and t.dep not in ("amod", "advmod", "acl") for t in toks):
        # (an adjective that looks like a participle is not the verb: "zullen voortdurend op basis van …")
        return False
    return True


def _second(s: Sentence) -> bool:
    """A looser verb-second test for a split part, for when the parse of a long phrase before the verb falls
    apart ("Samen met de bewoners uit Zuidoost gaan we …"): the finite verb of the root comes after a stretch
    without a comma, a finite verb or the subject (inversion), or right after the whole subject."""
    toks = s.tokens
    roots = [k for k, t in enumerate(toks) if t.head == k]
    if len(roots) != 1:
        return False
    root = roots[0]
    fin = _finite(s, root)
    if fin is None or fin == 0 or not _is_verb(toks[fin]):
        return False
    subj = [c for c in s.children(root) if toks[c].dep in ("nsubj", "nsubj:pass")]
    before = list(range(fin))
    if any(toks[k].text in (",", ":", ";") or _looks_finite(s, k) or toks[k].pos == "SCONJ"
           or "PronType=Rel" in toks[k].morph for k in before):
        return False
    if len(subj) != 1:
        return False
    sidx = _subtree(s, subj[0])
    return sidx[0] > fin or [k for k in before if toks[k].is_word] == [k for k in sidx if toks[k].is_word]


def _points_back(s: Sentence, k: int) -> bool:
    """Whether a main clause starts at k with a word that points back and its finite verb ("hiermee is …",
    "daardoor kunnen …"): after a comma no subclause goes on like that."""
    toks = s.tokens
    return k + 1 < len(toks) and toks[k].pos == "ADV" and toks[k].lower.startswith(("hier", "daar")) \
        and len(toks[k].lower) > 5 and _looks_finite(s, k + 1)


def t_split_main(s: Sentence, ctx: Context) -> list[Candidate] | None:
    """Two main clauses in one sentence become two sentences:
    "…, maar wij kunnen …" / "… en wij sturen …" → "… . Maar wij kunnen …" / "… . Wij sturen …";
    "… en bespaart u …" (the second clause starts with its verb) → "… . U bespaart …" (subject first, or the
    shared first phrase repeated when it is short: "Daarna … en sturen wij" → "Daarna sturen wij …");
    "Wij bekijken … en sturen u …" → "Wij bekijken … . Wij sturen u …" (the shared subject repeated);
    "Dat hoeft geen probleem te zijn, mogelijk heeft u …" (two main clauses with only a comma) → two sentences.
    Every cut is checked on the parse of both new sentences; a cut that fails is dropped (not a suggestion:
    most commas are no clause boundary). Candidates come most balanced first."""
    if not _long(s, ctx):
        return None
    toks = s.tokens
    end = _end_punct(s)
    last = end - 1 if end is not None else len(toks) - 1
    roots = [k for k, x in enumerate(toks) if x.head == k]
    if len(roots) != 1 or toks[-1].text == "?" or toks[0].pos == "SCONJ" or _looks_finite(s, 0) \
            or (toks[0].lower in SUBORDINATORS and toks[0].lower != "dat"):
        return None     # "Als …, …", "Heeft u …, en wilt u …": conditions, not statements
    root = roots[0]
    rootfin = _finite(s, root)
    if rootfin is None:
        return None
    b = Builder(s, ctx.block_text)
    out: list[tuple[int, Candidate]] = []
    for c in range(2, last):
        t = toks[c]
        cc = None
        if t.text == ",":
            if toks[c + 1].lower in MAIN_CC and toks[c + 1].pos == "CCONJ":
                continue            # ", en …": cut at the conjunction
            start, word = c + 1, ""
            left = list(range(c))
        elif t.lower in MAIN_CC and t.pos == "CCONJ":
            start, word, cc = c + 1, MAIN_CC[t.lower], c
            left = list(range(c - 1 if toks[c - 1].text == "," else c))
        else:
            continue
        right = list(range(start, last + 1))
        # (a right part of three words is enough when the subject is repeated: "maar hebben geen stemrecht")
        if not left or rootfin > left[-1] or _words(s, left) < PART_MIN_WORDS or _words(s, right) < PART_MIN_WORDS - 1:
            continue
        if any(toks[k].text in (":", ";") for k in left) or not _balanced(s, left) or not _balanced(s, right) \
                or not _closed(s, left, c) or not _no_open_clause(s, left, rootfin, (cc is not None and word in ("Maar", "Want"))
                                                                  or (cc is None and _points_back(s, start))):
            continue
        first = toks[start]
        if first.lower in NOT_A_START or first.pos in ("SCONJ", "CCONJ", "PUNCT") \
                or "PronType=Rel" in first.morph or "PronType=Int" in first.morph:
            continue
        second: list[int | str]
        if cc is not None:
            v = toks[cc].head
            if not (start <= v <= last) or not set(right) <= set(_subtree(s, v)) or not _main_level(s, v, root):
                continue
        if first.pos in ("VERB", "AUX") and first.feature("VerbForm") != "Part":
            if cc is None or (v != start and _finite(s, v) != start):
                continue            # (the finite verb may be an auxiliary of v: "… en kunt u … stellen")
            subj = [g for g in s.children(v) if toks[g].dep in ("nsubj", "nsubj:pass")]
            if subj and first.feature("Number") == "Plur" and (toks[subj[0]].lower in ("u", "hij", "het", "ik", "je", "jij")
                                                             or toks[subj[0]].feature("Number") == "Sing"):
                subj = []           # "… en sturen u een brief": "u" is the object, the subject is shared
            rest = [k for k in right if k != start]
            if subj:                # "… en bespaart u …": the clause's own subject comes first
                if first.feature("VerbForm") != "Fin":
                    continue
                sidx = _subtree(s, subj[0])
                if not _plain_subject(s, sidx) or sidx[0] != start + 1:
                    continue
                rest = [k for k in rest if k not in sidx]
                front = [k for k in left if k < rootfin]
                if 0 < _words(s, front) <= 4 and _one_constituent(s, front, root) and front[0] == 0 \
                        and not any(toks[k].dep.startswith("nsubj") for k in front):
                    second = front + [start] + sidx + rest       # the shared first phrase, repeated
                else:
                    second = _cap_first(s, sidx) + [start] + rest
            else:                   # "Wij bekijken … en sturen …": the shared subject, repeated
                rsubj = [g for g in s.children(root) if toks[g].dep in ("nsubj", "nsubj:pass")]
                if len(rsubj) != 1:
                    continue
                sidx = _subtree(s, rsubj[0])
                if not _plain_subject(s, sidx) or sidx[0] != 0 or sidx[-1] >= rootfin or _indefinite(s, sidx):
                    continue
                fin_ok = first.feature("VerbForm") == "Fin" or (
                    rootfin == root and toks[root].feature("Number") == "Plur" and first.lower.endswith("en")
                    and first.pos == "VERB")
                if not fin_ok or (toks[rootfin].feature("Number") or "Sing") != (first.feature("Number") or "Plur"):
                    continue
                second = list(sidx) + [start] + rest
        else:
            if cc is not None and not any(toks[g].dep in ("nsubj", "nsubj:pass", "expl") for g in s.children(v)):
                continue             # "… zullen … en in dat segment worden verhuurd": the subject is shared
            second = list(right)     # a main clause of its own (the parse of the new sentence checks it)
        if _words(s, second) < PART_MIN_WORDS:
            continue
        if word:
            second = [word] + _lower_first(s, second)
        else:
            second = _cap_first(s, second)
        items = left + ["."] + second + ([end] if end is not None else ["."])
        balance = abs(_words(s, left) - _words(s, right))
        # the left part is the main clause as it was: when the parse hangs a conjunction on it, it may fail
        # the check just as the whole sentence did (see _excused); a bare comma must pass on both sides
        out.append((balance, Candidate("split", b.render(items), 2, strict=True, first="left" if cc is not None else "")))
    return [c for _, c in sorted(out, key=lambda x: x[0])] or None


def t_split_relative_end(s: Sentence, ctx: Context) -> Candidate | None:
    """A relative clause without a comma at the end of a statement about "een …" becomes its own sentence:
    "De binnenplaats is een ruimte die open is voor alle woningen." → "De binnenplaats is een ruimte. Deze is
    open voor alle woningen."; "… een pas waarmee u kunt betalen." → "… een pas. Daarmee kunt u betalen.".
    Only after "een" (a definite noun with a relative clause says which one: "het plan dat …" stays) and
    only in a plain statement: no modal verb, no negation, no condition (there the clause is part of what is
    wanted or denied: "U heeft een pas nodig die geldig is" stays)."""
    end = _statement_end(s, ctx)
    if end is None:
        return None
    toks = s.tokens
    last = end - 1
    roots = [k for k, x in enumerate(toks) if x.head == k]
    if len(roots) != 1 or toks[0].pos == "SCONJ" or _looks_finite(s, 0):
        return None
    root = roots[0]
    rootfin = _finite(s, root)
    if rootfin is None:
        return None
    for r in range(3, last):
        t = toks[r]
        low = t.lower
        if toks[r - 1].text == ",":
            continue     # with a comma: t_split_relative and t_split_tail
        if low in ("die", "dat"):
            if t.pos != "PRON" or t.dep not in ("nsubj", "nsubj:pass", "obj", "mark"):
                continue
            front = "Deze" if low == "die" else "Dit"
        elif low.startswith("waar") and low in ctx.data.connectives and ctx.data.connectives[low]:
            front = ctx.data.connectives[low]
        else:
            continue
        v = t.head
        if toks[v].dep != "acl:relcl" or v <= r:
            continue
        n = toks[v].head
        if not (n < r) or toks[n].pos != "NOUN":
            continue
        np = [k for k in _subtree(s, n) if k < r]
        if not _contiguous(np) or np[-1] != r - 1:
            continue     # the relative clause must follow its noun directly
        dets = [toks[c].lower for c in s.children(n) if toks[c].dep in ("det", "nummod", "nmod:poss")]
        plural = toks[n].feature("Number") == "Plur" and toks[n].lemma != toks[n].lower
        if not ((not plural and dets == ["een"]) or (plural and not dets and low == "die")):
            continue     # "een ruimte die …", "regelingen die …" (a bare plural: also no definite group)
        if not (n == root or (toks[n].head == root and toks[n].dep in ("obj", "nsubj", "nsubj:pass", "obl", "obl:arg"))):
            continue
        span = [k for k in _subtree(s, v) if k != end]
        if not _contiguous(span) or span[0] != r or span[-1] != last:
            continue
        main = list(range(r))
        if rootfin not in main or any(toks[k].lower in NEGATIONS or toks[k].lemma in MODALS
                                      or toks[k].lower in SUBORDINATORS | {"?"} for k in main):
            continue
        if _words(s, main) < PART_MIN_WORDS or _words(s, span) < PART_MIN_WORDS:
            continue
        fin = _finite(s, v)
        if fin is None:
            continue
        second = _to_main(s, span[1:], fin, front=front)
        if second is None:
            continue
        items = main + ["."] + second + [end]
        return Candidate("split", Builder(s, ctx.block_text).render(items), 2)
    return None


def t_split_surface(s: Sentence, ctx: Context) -> list[Candidate] | None:
    """Two main clauses joined by "en", "maar", "want", a comma, a colon or a semicolon, found on the surface
    when the parse of the long sentence hangs them badly ("Het type molen is bepalend voor X en het optreden
    van Y is afhankelijk van Z"): the part before the cut is one plain clause (one finite verb, no subclause,
    no list), the part after it starts with a subject or a first phrase and has its own finite verb. Two more
    cases at "en"/"maar": the part after it starts with its verb and shares the subject that stands first
    ("De directie benoemt … en volgt …" → "… . De directie volgt …"; a subject with a name as "Het"), and two
    commands ("Bel … en vraag …"). Each cut is checked on the parse of both new sentences (whole statements,
    verb second) and dropped when it fails."""
    end = _statement_end(s, ctx)
    if end is None:
        return None
    toks = s.tokens
    last = end - 1
    command = _looks_finite(s, 0) and _imperative(s, 0)

    def opens(k: int) -> bool:      # a subclause starts here ("waar mogelijk", "waar nodig" do not)
        return _opens_clause(toks[k]) and not (toks[k].lower == "waar" and toks[k + 1].lower in ("mogelijk", "nodig"))

    if toks[0].pos == "SCONJ" or toks[0].lower in SUBORDINATORS or (_looks_finite(s, 0) and not command):
        return None
    b = Builder(s, ctx.block_text)
    out: list[tuple[int, Candidate]] = []
    for c in range(2, last - 2):
        t = toks[c]
        if t.text in (",", ":", ";"):
            if toks[c + 1].lower in MAIN_CC:
                continue                 # ", en …": cut at the conjunction
            start, word, left = c + 1, "", list(range(c))
        elif t.lower in ("en", "maar", "want") and t.pos == "CCONJ":
            start, word = c + 1, {"en": "", "maar": "Maar", "want": "Want"}[t.lower]
            left = list(range(c - 1 if toks[c - 1].text == "," else c))
        else:
            continue
        right = list(range(start, last + 1))
        if _words(s, left) < PART_MIN_WORDS or _words(s, right) < PART_MIN_WORDS:
            continue
        lfin = [k for k in left if _looks_finite(s, k)]
        rfin = [k for k in right if _looks_finite(s, k)]
        if len(lfin) != 1 or not rfin:
            continue     # the left part: exactly one clause; the right part: its own verb
        if toks[lfin[0]].lemma in ("kunnen", "zullen", "moeten", "mogen", "willen", "hoeven", "gaan", "blijven") \
                and toks[rfin[0]].lower == toks[rfin[0]].lemma \
                and toks[rfin[0] - 1].lower not in ("wij", "we", "zij", "ze", "jullie"):
            continue     # "Daar kunnen ze … ontwikkelen en dezelfde kansen krijgen": an infinitive of the same modal
        if any(opens(k) or toks[k].text in (":", ";", "(", ")") or toks[k].lower in ("zowel", "niet", "geen")
               and word == "Maar" for k in left):
            continue     # a subclause or a bracket in the left part; "niet A maar B" is one statement
        if t.text in (":", ";") and (toks[left[-1]].pos == "ADP" or toks[lfin[0]].lower == toks[lfin[0]].lemma):
            continue     # "… vindt u op: [adres]"; "Elkaar aanspreken op …: …" (a heading, not a clause)
        if any(toks[k].text == "," for k in left):
            continue     # "A, B, C" or "A, B en C": a list, not two clauses
        first = toks[start]
        subject: list[int] = []
        if command:
            # "Maak oogcontact en spreek de persoon aan": two commands
            if not (rfin[0] == start and t.lower == "en" and _imperative(s, start)):
                continue
        elif rfin[0] == start and t.lower in ("en", "maar") and start + 1 <= last \
                and toks[start + 1].lower not in SUBJECT_PRONOUNS | {"men"}:
            # "De directie benoemt de leden en volgt daarbij …": the right part starts with its verb and shares
            # the subject of the left part, which stands first: the subject is repeated
            clause_head = lfin[0] if toks[lfin[0]].head == lfin[0] else toks[lfin[0]].head
            subj = [g for g in s.children(clause_head) if toks[g].dep in ("nsubj", "nsubj:pass")]
            subj = [g for g in subj if _subtree(s, g)[0] == 0]      # (the one that stands first)
            if len(subj) != 1:
                continue
            subject = _subtree(s, subj[0])
            if subject[0] != 0 or subject[-1] + 1 != lfin[0] or _indefinite(s, subject) \
                    or (toks[lfin[0]].feature("Number") or "Sing") != (first.feature("Number") or "") \
                    or first.feature("Tense") != toks[lfin[0]].feature("Tense") or t.text == ",":
                continue
            if not _plain_subject(s, subject):
                # a long subject or one with a name is not repeated: "Het …park" → "Het" (a het-word)
                if not (_contiguous(subject) and toks[0].lower == "het" and toks[0].dep == "det"
                        and toks[subj[0]].feature("Number") != "Plur" and toks[lfin[0]].feature("Number") == "Sing"
                        and not any(toks[k].text in (",", "(", ")") or _opens_clause(toks[k]) for k in subject)) \
                        or _is_noun(first.lower):
                    continue     # ("Het besluit …" would read as a noun phrase)
                subject = ["Het"]
        elif first.lower in NOT_A_START or first.pos in ("SCONJ", "CCONJ", "PUNCT", "VERB", "AUX") \
                or "PronType=Rel" in first.morph or "PronType=Int" in first.morph or rfin[0] == start:
            continue
        if any(_opens_clause(toks[k]) or toks[k].text in (",", ":", ";") or toks[k].pos == "CCONJ"
               for k in range(start, rfin[0])):
            continue     # nothing but the first phrase before the right part's verb
        if not _balanced(s, left) or not _balanced(s, right):
            continue
        if subject:
            right = _lower_first(s, subject) + right if word else _cap_first(s, subject) + right
        second: list[int | str] = [word] + _lower_first(s, right) if word else _cap_first(s, right)
        items = left + ["."] + second + [end]
        out.append((abs(_words(s, left) - _words(s, right)),
                    Candidate("split", b.render(items), 2, strict=True, first="left")))
    return [c for _, c in sorted(out, key=lambda x: x[0])] or None


def t_split_apposition(s: Sentence, ctx: Context) -> Candidate | None:
    """A noun phrase after the last comma that names the noun before it again becomes its own sentence with
    "Dat is" / "Dat zijn": "… staat in het plan Koers 2025, een overzicht van alle bouwlocaties." → "… staat in
    het plan Koers 2025. Dat is een overzicht van alle bouwlocaties." Only with one comma (not a list), a
    phrase that starts with an article and holds no verb and no "en"/"of" of its own."""
    end = _statement_end(s, ctx)
    if end is None:
        return None
    toks = s.tokens
    commas = [k for k in range(end) if toks[k].text in (",", ";", ":")]
    if len(commas) != 1 or toks[commas[0]].text != ",":
        return None
    c = commas[0]
    left, right = list(range(c)), list(range(c + 1, end))
    if not right or toks[right[0]].lower not in ("de", "het", "een") \
            or toks[c - 1].pos not in ("NOUN", "PROPN", "NUM", "SYM"):
        return None
    tops = [k for k in right if toks[k].head not in right or toks[k].head == k]
    if len(tops) != 1 or toks[tops[0]].pos != "NOUN":
        return None
    top = tops[0]

    def plain(k: int) -> bool:    # an article, adjective, participle before the noun, "en" between adjectives
        t = toks[k]
        if t.pos in ("VERB", "AUX"):
            return k < top and t.feature("VerbForm") == "Part"           # "de meest voorkomende windmolen"
        if t.pos == "CCONJ":
            # "integrale en stadsbrede"
            return k < top and toks[k + 1].pos in ("ADJ", "NOUN") and toks[k - 1].pos == "ADJ"
        return t.pos != "SCONJ" and "PronType=Rel" not in t.morph and t.text not in ("(", ")")
    if not all(plain(k) for k in right):
        return None
    if not any(_looks_finite(s, k) for k in left) or _words(s, left) < PART_MIN_WORDS or _words(s, right) < 2 \
            or not _balanced(s, left) or any(_opens_clause(toks[k]) for k in left):
        return None
    plural = toks[top].feature("Number") == "Plur" and toks[top].lemma != toks[top].lower
    items = left + [".", "Dat", "zijn" if plural else "is"] + right + [end]
    return Candidate("split", Builder(s, ctx.block_text).render(items), 2, strict=True, first="left")


def t_split_because(s: Sentence, ctx: Context) -> Candidate | None:
    """"A omdat u/we … V …" when the parse of the causal clause falls apart: the clause starts with a subject
    pronoun, so its main-clause order is plain: "U ontvangt deze brief omdat u eigenaar bent van een woning in
    het gebied waar wij gaan bouwen." → "U ontvangt deze brief. U bent namelijk eigenaar van een woning …".
    The same guards as for "omdat" without a comma in t_split_tail; the cut must pass the check (strict)."""
    end = _statement_end(s, ctx)
    if end is None:
        return None
    toks = s.tokens
    oms = [k for k in range(3, end - 3) if toks[k].lower in ("omdat", "aangezien")]
    if len(oms) != 1:
        return None
    w = oms[0]
    pron = toks[w + 1]
    if pron.lower not in ("u", "we", "wij", "hij", "zij", "ze", "het", "dit", "dat", "er", "ik", "je", "jij") \
            or pron.dep not in ("nsubj", "nsubj:pass", "expl") and pron.lower != "er":
        return None
    left = list(range(w - 1 if toks[w - 1].text == "," else w))
    lfin = [k for k in left if _looks_finite(s, k)]
    if len(lfin) != 1 or toks[0].pos == "SCONJ" or toks[0].lower in SUBORDINATORS or _looks_finite(s, 0) \
            or toks[w - 1].lower in FOCUS or toks[lfin[0]].lemma in ("komen", "liggen", "zijn") \
            or any(toks[k].lower in NEGATIONS or _opens_clause(toks[k]) or toks[k].text in (",", ":", ";")
                   for k in left if k != w - 1) or not _balanced(s, left):
        return None     # "Dat komt omdat …", "niet omdat …, maar …": the clause is the point
    clause = list(range(w + 1, end))
    opener = next((k for k in clause if _opens_clause(toks[k]) or toks[k].text in (",", ":", ";")), end)
    fins = [k for k in clause if k < opener and _looks_finite(s, k)]
    if len(fins) != 1 or fins[0] == w + 1 or any(toks[k].lower in ("en", "of", "maar") for k in range(w + 1, opener)):
        return None
    main = _finish_main(s, clause, fins[0], [w + 1], [k for k in clause if k not in (w + 1, fins[0])], "namelijk")
    if _words(s, left) < PART_MIN_WORDS or _words(s, main) < PART_MIN_WORDS:
        return None
    items = left + ["."] + _cap_first(s, main) + [end]
    return Candidate("split", Builder(s, ctx.block_text).render(items), 2, first="left", strict=True)


PURPOSE_SUBJECTS = {"we": "willen", "wij": "willen", "u": "Wilt", "je": "Wil", "jij": "Wil"}
MEANS_VERB = {"we": "doen", "wij": "doen", "u": "doet", "je": "doe", "jij": "doe", "ik": "doe"}


def _te_infinitive(s: Sentence, k: int, stop: int) -> list[int] | None:
    """The one or two infinitives after "te" at k, and a phrase after them up to `stop` ("te maken tegen dit
    besluit"); None when another verb or a subclause follows."""
    toks = s.tokens
    verbs = [v for v in range(k + 1, min(k + 3, stop)) if toks[v].pos in ("VERB", "AUX")
             and toks[v].lower.endswith("n") and toks[v].feature("VerbForm") in ("Inf", "")]
    if not verbs or verbs != list(range(k + 1, k + 1 + len(verbs))):
        return None
    after = list(range(verbs[-1] + 1, stop))
    if any(toks[v].pos in ("VERB", "AUX", "SCONJ", "CCONJ", "PUNCT") or "PronType=Rel" in toks[v].morph
           for v in after):
        return None
    return verbs + after


_PARTICIPLE = re.compile(r"^(\w{0,8}ge|be|ver|ont|her|er)\w{2,}(d|t|en)$")


def _past(s: Sentence, f: int, clause: Iterable[int]) -> bool | None:
    """Whether the clause with finite verb f tells of the past: True for a past form or "hebben"/"zijn" with a
    participle ("hebben … gehouden"); None when "hebben"/"zijn" goes with a word that may be a participle the
    tagger called an adjective ("hebben … verhoogd"); False otherwise."""
    toks = s.tokens
    if toks[f].feature("Tense") == "Past":
        return True
    if toks[f].lemma not in ("hebben", "zijn"):
        return False
    # (a participle before a noun is no perfect: "hebben … van het afgelopen jaar nodig")
    verbal = [k for k in clause if not (k + 1 < len(toks) and toks[k + 1].pos in ("NOUN", "ADJ", "PROPN", "NUM"))]
    if any(toks[k].pos in ("VERB", "AUX") and toks[k].feature("VerbForm") == "Part" for k in verbal):
        return True
    if any(toks[k].pos == "ADJ" and _PARTICIPLE.match(toks[k].lower) for k in verbal):
        return None
    return False


# Whose act an "om … te"-purpose is, when the main clause names the other one: "Om in aanmerking te komen, hebben
# wij … nodig" is the reader's aim ("Wij willen in aanmerking komen" would be wrong); "Om uw aanvraag in
# behandeling te nemen, moet u … betalen" is ours ("Wilt u uw aanvraag in behandeling nemen?" would be wrong).
READER_ACTS = {"aanmerking", "bezwaar", "beroep", "aanvragen", "aanmelden", "inschrijven", "betalen", "terugbetalen",
               "stemmen", "ophalen", "indienen", "invullen", "verhuizen", "ontvangen", "krijgen", "behouden",
               "voldoen", "parkeren", "huren", "kopen", "bouwen", "verbouwen", "wonen", "werken"}
SENDER_ACTS = {"behandeling", "behandelen", "beoordelen", "verwerken", "toekennen", "berekenen", "vaststellen",
               "uitbetalen", "goedkeuren", "afhandelen", "onderzoeken", "controleren", "beslissen", "besluiten",
               "helpen", "bekijken", "nagaan", "toetsen", "verstrekken", "afgeven", "verlenen"}
PURPOSE_MAIN = {"moeten", "kunnen", "hoeven", "dienen", "mogen", "hebben"}    # "Dan moet/kunt/heeft u …"


def t_split_purpose(s: Sentence, ctx: Context) -> Candidate | None:
    """A purpose first ("Om … te …") with "we", "u" or "je" as the subject of the main clause becomes a wish:
    "Om de kosten laag te houden, sturen we u de brief digitaal." → "We willen de kosten laag houden. Daarom
    sturen we u de brief digitaal."; "Om bezwaar te maken, moet u een brief sturen." → "Wilt u bezwaar maken?
    Dan moet u een brief sturen." Only when the purpose holds one "te" with its verb at the end, no subclause,
    no other verb and no "zich" (which would not fit "we"), and the main clause starts with its finite verb and
    the subject pronoun."""
    end = _statement_end(s, ctx)
    if end is None:
        return None
    toks = s.tokens
    if toks[0].lower != "om":
        return None
    tes = [k for k in range(1, end) if toks[k].lower == "te" and toks[k].pos in ("ADP", "PART", "ADV", "SCONJ")]
    if not tes:
        return None
    k = tes[0]
    # the verbs after "te", then (a comma and) the finite verb of the main clause with its subject pronoun
    f = next((j for j in range(k + 1, end) if toks[j].text == "," or _looks_finite(s, j)), None)
    if f is None:
        return None
    stop = f
    if toks[f].text == ",":
        f += 1
    if f + 2 >= end or not (_looks_finite(s, f) or (toks[f].pos in ("VERB", "AUX") and toks[f].feature("VerbForm") == "Fin")):
        return None
    pron = toks[f + 1]
    if pron.lower not in PURPOSE_SUBJECTS or pron.dep not in ("nsubj", "nsubj:pass"):
        return None
    verbs = _te_infinitive(s, k, stop)
    if verbs is None:
        return None
    purpose = list(range(1, k))
    # the verb after "te" ("betalen"), or a noun that makes the act with it ("in aanmerking komen")
    acts = {toks[j].lower for j in verbs} | {toks[j].lemma for j in verbs} \
        | {toks[j].lower for j in purpose if toks[j].lower in ("aanmerking", "bezwaar", "beroep", "behandeling")}
    if (pron.lower in ("we", "wij") and acts & READER_ACTS) or (pron.lower not in ("we", "wij") and (
            acts & SENDER_ACTS or toks[f].lemma not in PURPOSE_MAIN)):
        return None     # whose aim it is, is not sure (see READER_ACTS); "Wilt u …? Dan moet/kunt u …" only
    if any(toks[j].text in (",", ":", ";", "(", ")", "?") or _opens_clause(toks[j]) or _looks_finite(s, j)
           or toks[j].lower in ("zich", "zichzelf", "te", "om") for j in purpose) \
            or not _balanced(s, purpose):
        return None
    rest = list(range(f + 2, end))
    if any(toks[j].lower in ("dan", "daarom", "daarvoor", "hiervoor", "hiermee", "daarmee") for j in rest) \
            or any(toks[j].text in ("?", ";", ":") for j in rest) or not _balanced(s, rest):
        return None     # "… kunt u dan …", "… heeft u daarvoor …": the main clause points back already
    want: list[int | str] = list(purpose)
    # (only a known separable part joins its verb: "laag houden" stays two words)
    if purpose and toks[purpose[-1]].lower in PARTICLES and toks[purpose[-1]].pos in ("ADP", "ADV"):
        if len(verbs) > 1 and toks[verbs[1]].pos in ("VERB", "AUX") and toks[verbs[1]].lower.endswith("n"):
            return None     # "aan te laten sluiten": where the part goes is not sure
        want = want[:-1] + [toks[purpose[-1]].text + toks[verbs[0]].text] + verbs[1:]
    else:
        want = want + verbs
    if _words(s, want) < 1 or _words(s, rest) < 2:
        return None
    low = pron.lower
    past = _past(s, f, rest)
    if past is None:
        return None     # the time is not sure
    if low in ("we", "wij"):
        # (a main clause about the past: "We wilden …", "Daarom hebben we … gehouden")
        items = [pron.text[:1].upper() + pron.text[1:], "wilden" if past else "willen"] + _lower_first(s, want) \
            + [".", "Daarom", f, f + 1] + rest + [end]
        return Candidate("split", Builder(s, ctx.block_text).render(items), 2)
    if past:
        return None     # "Wilt u …?" asks about now
    items = [PURPOSE_SUBJECTS[low], pron.text.lower() if low != "u" else "u"] + _lower_first(s, want) \
        + ["?", "Dan", f, f + 1] + rest + [end]
    return Candidate("split", Builder(s, ctx.block_text).render(items), 2, first="question")


def t_split_means(s: Sentence, ctx: Context) -> Candidate | None:
    """How something is done, after a comma at the end ("…, door … te …"), becomes its own sentence when the
    subject is "we", "u", "je" or "ik": "We helpen bewoners met hun energierekening, door gratis advies te
    geven." → "We helpen bewoners met hun energierekening. Dat doen we door gratis advies te geven." Only
    when the first part is one plain active clause (no subclause, no passive, not "zijn") and the door-part
    holds "te" with its verb."""
    end = _statement_end(s, ctx)
    if end is None:
        return None
    toks = s.tokens
    doors = [c for c in range(3, end - 3) if toks[c].text == "," and toks[c + 1].lower == "door"]
    if len(doors) != 1:
        return None
    c = doors[0]
    tail = list(range(c + 1, end))
    # (a last word in -en after "te" is the verb, also when the tagger calls it a noun: "… bomen te planten.")
    tes = [k for k in tail if toks[k].lower == "te" and k + 1 < end and (
        (toks[k + 1].pos in ("VERB", "AUX") and toks[k + 1].feature("VerbForm") in ("Inf", ""))
        or (k + 2 == end and toks[k + 1].lower.endswith("en") and toks[k + 1].pos == "NOUN"))]
    if not tes or any(toks[k].text in (":", ";", "(", "?") or _looks_finite(s, k) for k in tail):
        return None
    left = list(range(c))
    lfin = [k for k in left if _looks_finite(s, k)]
    # ("Als stad willen we …": "als" with a noun is a role, not a condition)
    role = toks[0].lower == "als" and toks[toks[0].head].pos in ("NOUN", "PROPN") and toks[0].head < lfin[0] if lfin else False
    if len(lfin) != 1 or _looks_finite(s, 0) or ((toks[0].pos == "SCONJ" or toks[0].lower in SUBORDINATORS) and not role) \
            or any((_opens_clause(toks[k]) and not (k == 0 and role)) or toks[k].text in (",", ":", ";")
                   or toks[k].dep in ("aux:pass", "cop")
                   or toks[k].lower in ("door", "om", "zo", "zodoende", "hierdoor", "daardoor", "doordat")
                   for k in left) or not _balanced(s, left):
        return None
    f = lfin[0]
    if toks[f].lemma in ("zijn", "worden", "blijven", "lijken", "heten"):
        return None
    subj = [k for k in (f - 1, f + 1) if toks[k].lower in MEANS_VERB and toks[k].dep in ("nsubj",)]
    if len(subj) != 1 or (subj[0] == f - 1 and f - 1 != 0):
        return None     # the subject pronoun first, or right after the finite verb
    pron = toks[subj[0]]
    if _past(s, f, left) is not False:
        return None     # "Dat doen we door …" after "We hebben … gehouden" would be the wrong time
    if any(toks[k].lower in NEGATIONS | FOCUS for k in left):
        return None     # "U kunt geen bezwaar maken, door alleen te bellen": the door-part is what is denied
    if pron.lower in ("we", "wij", "ik") and any(toks[k].lower in ("u", "uw", "je", "jouw", "jij") for k in left):
        return None     # "Wij kunnen uw aanvraag sneller behandelen, door … op te sturen": who sends is not sure
    verb = MEANS_VERB[pron.lower]
    if _words(s, left) < PART_MIN_WORDS or _words(s, tail) < 3:
        return None
    who = pron.text.lower() if pron.lower != "u" else "u"
    items = left + [".", "Dat", verb, who] + tail + [end]
    return Candidate("split", Builder(s, ctx.block_text).render(items), 2, first="left")


def t_number(s: Sentence, ctx: Context) -> Candidate | None:
    """Number words to digits above twelve and with a unit ("binnen zes weken" → "binnen 6 weken")."""
    toks = s.tokens
    changes: dict[int, str] = {}
    for i, t in enumerate(toks):
        value = number_value(t.lower)
        if value is None or t.kind is not None:
            continue
        nxt = toks[i + 1].lower if i + 1 < len(toks) else ""
        if value >= ctx.data.digits_from or nxt in ctx.data.units:
            changes[i] = str(value)
            # "twee of drie jaar": both numbers, not "twee of 3 jaar"
            k = i - 2
            while k >= 0 and toks[k + 1].lower in ("of", "tot", "à", "a", "en", "-") and toks[k].kind is None \
                    and number_value(toks[k].lower) is not None:
                changes[k] = str(number_value(toks[k].lower))
                k -= 2
    if not changes:
        return None
    items = [changes.get(k, k) for k in range(len(toks))]
    return Candidate("number", Builder(s, ctx.block_text).render(items))


TRANSFORMS: tuple[Callable[[Sentence, Context], Candidate | None], ...] = (
    t_formula, t_sender, t_reader, t_passive, t_split_condition, t_split_condition_v1, t_split_cause, t_split_tail, t_split_relative, t_split_coordination,
    t_split_relative_end, t_split_main, t_split_surface, t_split_apposition, t_split_condition_end,
    t_split_because, t_split_purpose, t_split_means, t_number)


# -------------------------------------------------------------------------------------------- the check


def _protected(text_tokens: Iterable[Token], text: str) -> Counter:
    found = Counter(t.text for t in text_tokens if t.kind is not None and t.kind not in ("naam", "getal"))
    found.update(m.group() for m in _PLACEHOLDER.finditer(text))
    return found


def _numbers(tokens: Iterable[Token]) -> Counter:
    return Counter(t.text for t in tokens if t.kind == "getal")


def _names(tokens: Iterable[Token]) -> Counter:
    return Counter(t.text for t in tokens if t.kind == "naam")


def _is_noun(word: str) -> bool:
    """Whether a word is also known as a noun ("besluit", "stelt" not); True when the tables are missing."""
    try:
        from eenvoudig.analysis.wordinfo import tables

        return bool(tables().known([word], "noun"))
    except Exception:  # noqa: BLE001 - without the word tables, assume the worst
        return True


def _is_verb(t: Token) -> bool:
    """Whether the word is known as a verb (the parser sometimes calls a noun a finite verb)."""
    if t.lower in MODAL_PLURAL or t.lower in MODAL_PLURAL.values():
        return True
    try:
        from eenvoudig.analysis.wordinfo import tables

        known = tables().verbs
        if known([t.lemma, t.lower]):
            return True
        # a prefixed verb the index misses ("bestaan", "ontstaan"): the verb after the prefix is known
        lemma = t.lemma.lower()
        rest = [lemma[len(p):] for p in ("be", "ont", "ver", "her", "er") + PARTICLES
                if lemma.startswith(p) and len(lemma) - len(p) >= 4 and lemma.endswith("n")]
        return bool(rest) and bool(known(rest))
    except Exception:  # noqa: BLE001 - without the word tables, trust the parse
        return True


def well_formed(s: Sentence) -> bool:
    """Whether a parsed sentence has a finite verb in the right place: second in the main clause (first in a
    question or a command), last in every subclause (before extraposed phrases)."""
    toks = s.tokens
    if not s.parsed:
        return True
    roots = [k for k, t in enumerate(toks) if t.head == k or t.dep == "ROOT"]
    if len(roots) != 1:
        return False
    root = roots[0]
    fin = _finite(s, root)
    if fin is None or not _is_verb(s.tokens[fin]):
        return False
    if fin != root and _looks_finite(s, root) and any(
            toks[c].dep.startswith("nsubj") and c == root + 1 for c in s.children(root)):
        return False        # two finite verbs in one clause ("zal … maken wij over")

    def top(k: int) -> int:
        seen = 0
        while toks[k].head != root and toks[k].head != k and seen < 60:
            k = toks[k].head
            seen += 1
        return k

    before = [k for k in range(fin) if toks[k].dep not in ("punct", "cc") and toks[k].is_word
              and not (k == 0 and toks[k].lower in ("en", "maar", "want", "dus", "of"))]
    if not before:
        if not (toks[-1].text == "?" or not any(toks[c].dep.startswith("nsubj") for c in s.children(root))
                or any(toks[c].dep == "advcl" and c > fin for c in s.children(root))):
            return False
    else:
        tops = {top(k) for k in before}
        if len(tops) != 1 or root in tops and fin != root:
            return False
    for m, t in enumerate(toks):
        if t.dep != "mark" or t.lower not in SUBORDINATORS:
            continue
        c = t.head
        cf = _finite(s, c)
        if cf is None:
            continue
        if any(toks[k].dep in ("nsubj", "nsubj:pass", "obj", "iobj", "expl") and k > cf and k != c
               for k in s.children(c)):
            return False
        if any(toks[k].dep == "advmod" and k > cf and k != c and toks[k].lower in ("niet", "geen", "ook", "al", "nog")
               for k in s.children(c)):
            return False
    return True


def _asked_before(text: str, previous: str) -> bool:
    """Whether the question that starts the split `text` ("Bent u …? Dan …") is the sentence before it."""
    question, sep, rest = text.partition("? ")
    return bool(sep and rest) and " ".join((question + "?").lower().split()) == " ".join(previous.lower().split())


def _excused(first: Sentence, old: Sentence, cand: Candidate) -> bool:
    """Whether the first new sentence may fail the parse check: the unchanged start of a sentence whose parse
    failed the check before the split too ("Goede kwaliteit: …"), or a question we made by moving the
    finite verb of a condition to the front (the parser knows few questions)."""
    if cand.first == "left":
        return old.text.startswith(first.text.rstrip(".").rstrip()) and not well_formed(old)
    if cand.first == "question":
        return first.tokens[-1].text == "?" and _is_verb(first.tokens[0])
    return False


def check_candidates(pairs: Sequence[tuple[Sentence, Candidate]], backend) -> list[bool | None]:
    """Analyse every candidate sentence in one batch; return for each whether it passes the check: True,
    False (the verb is not in its place, per the parse: a suggestion) or None (a protected span, name or
    digit would change, or the text does not read again: never applied)."""
    from eenvoudig import analyze
    from eenvoudig.document import read_text

    out: list[bool | None] = [True] * len(pairs)
    todo = [k for k, (_, c) in enumerate(pairs) if c.text]
    if not todo:
        return out
    text = "\n\n".join(pairs[k][1].text.replace("\n", " ") for k in todo)
    try:
        analysis = analyze(read_text(text), backend)
    except Exception:   # noqa: BLE001 - a candidate that cannot even be read is not safe
        return [None if k in todo else True for k in range(len(pairs))]
    by_block: dict[int, list[Sentence]] = {}
    for s in analysis.sentences:
        by_block.setdefault(s.block, []).append(s)
    if len(analysis.document.blocks) != len(todo):
        return [None if k in todo else True for k in range(len(pairs))]
    for b, k in enumerate(todo):
        old, cand = pairs[k]
        new = by_block.get(b, [])
        new_tokens = [t for x in new for t in x.tokens]
        # hard conditions (never applied, not even with --unsafe): protected spans and placeholders the same,
        # digits stay, names stay and no new ones (a capital in the middle of a sentence must have been a
        # name before: "We nodigen Binnenkort …" is a moved first word)
        keeps = _protected(new_tokens, cand.text) == _protected(old.tokens, old.text) \
            and not (_numbers(old.tokens) - _numbers(new_tokens)) \
            and not (_names(old.tokens) - _names(new_tokens) - Counter(t.text for t in new_tokens)) \
            and not (_names(new_tokens) - _names(old.tokens))
        ok: bool | None = len(new) == cand.sentences and all(well_formed(x) for x in new[1:]) \
            and (well_formed(new[0]) or _excused(new[0], old, cand))
        if cand.strict and len(new) == cand.sentences:
            # a cut we chose ourselves: both parts whole statements, verb second (by the parse, or by the
            # looser test when the parse of a long first phrase falls apart)
            ok = all(_complete(x) and (well_formed(x) or _second(x)
                                       or (k == 0 and _excused(x, old, cand))) for k, x in enumerate(new))
        if not ok and cand.kind in ("number", "sender", "reader") and len(new) == 1 and not well_formed(old):
            ok = True     # these change words in place, not the order; the parse found fault before too
        if not keeps:
            ok = None
        out[k] = ok
    return out


# ----------------------------------------------------------------------------------- edits in the source


@dataclass
class Piece:
    """A stretch of the original source and what it reads now; `kinds` is empty while unchanged."""

    start: int
    end: int
    text: str
    kinds: tuple[str, ...] = ()
    safe: bool = True
    edit: object = None      # the word-level Edit this piece still is, if nothing else touched it


def _pieces(source: str, applied: Sequence) -> list[Piece]:
    out: list[Piece] = []
    pos = 0
    for e in sorted(applied, key=lambda e: (e.start, e.end)):
        if e.start > pos:
            out.append(Piece(pos, e.start, source[pos:e.start]))
        out.append(Piece(e.start, e.end, e.after, ("word",), e.safe, e))
        pos = e.end
    out.append(Piece(pos, len(source), source[pos:]))
    return out


def _starts(pieces: Sequence[Piece], starts: list[int] | None, upto: int) -> list[int]:
    """Where each piece starts in the current text: `starts` (a valid prefix, or None) made long enough to
    pass position `upto` (or to cover every piece)."""
    if starts is None:
        starts = [0]
    while starts[-1] <= upto and len(starts) <= len(pieces):
        starts.append(starts[-1] + len(pieces[len(starts) - 1].text))
    return starts


def _replace(pieces: list[Piece], a: int, b: int, text: str, kind: str, safe: bool,
             starts: list[int] | None = None) -> tuple[list[Piece], list[int]]:
    """Return pieces with current-text range [a, b) replaced by `text`, and where the pieces up to the change
    start (pass it back in for the next change before this one).

    Only the pieces near [a, b] take part, found by bisection on `starts`. Changes made from the end of the
    letter to its start (as restructure does) then cost little each: a letter with thousands of edits no
    longer takes time quadratic in its length (a 10 MB text had 8 million piece visits for 1,200 edits)."""
    starts = _starts(pieces, starts, b)
    lo = max(0, bisect_left(starts, a) - 2)                 # a piece or two of slack on each side
    hi = min(len(pieces), bisect_right(starts, b) + 1)
    window = _replace_in(pieces[lo:hi], a - starts[lo], b - starts[lo], text, kind, safe,
                         pieces[lo - 1].end if lo > 0 else 0)
    return pieces[:lo] + window + pieces[hi:], starts[:lo + 1]


def _replace_in(pieces: list[Piece], a: int, b: int, text: str, kind: str, safe: bool, at0: int) -> list[Piece]:
    """_replace on a run of pieces whose current text starts at 0; `at0` is the source end before the run."""
    # split unchanged pieces at a and b
    out: list[Piece] = []
    pos = 0
    for p in pieces:
        n = len(p.text)
        cuts = sorted({x - pos for x in (a, b) if pos < x < pos + n}) if not p.kinds else []
        last = 0
        for c in cuts + [n]:
            if c > last or n == 0:
                out.append(Piece(p.start + last, p.start + c, p.text[last:c]) if not p.kinds else p)
            last = c
        pos += n
    merged: list[Piece] = []
    hit: list[Piece] = []
    pos = 0
    insert_at = None
    for p in out:
        n = len(p.text)
        overlaps = (pos < b and a < pos + n) or (p.kinds and n == 0 and a <= pos <= b) or (a == b and pos == a and n == 0)
        if overlaps:
            if not hit:
                insert_at = len(merged)
            hit.append(p)
        else:
            if a == b and pos == a and insert_at is None and not hit:
                insert_at = len(merged)
            merged.append(p)
        pos += n
    if hit:
        cur = "".join(p.text for p in hit)
        offset = sum(len(p.text) for p in merged[:insert_at])
        new = cur[:a - offset] + text + cur[b - offset:]
        kinds = (kind,) + tuple(k for p in hit for k in p.kinds if k != kind)
        piece = Piece(hit[0].start, hit[-1].end, new, kinds, safe and all(p.safe for p in hit))
    else:
        # an insertion at a boundary between pieces
        if insert_at is None:
            insert_at = len(merged)
        at = merged[insert_at - 1].end if insert_at > 0 else at0
        piece = Piece(at, at, text, (kind,), safe)
    merged.insert(insert_at, piece)
    return merged


def _current(pieces: Sequence[Piece]) -> str:
    return "".join(p.text for p in pieces)


@dataclass(frozen=True)
class Outcome:
    """What structure() did: the pieces to turn into edits, and suggestions in source terms."""

    pieces: tuple[Piece, ...]
    suggestions: tuple[tuple[int, int, str, str], ...]     # (start, end, after, kind) in the source


def restructure(analysis: Analysis, applied: Sequence, *, unsafe: bool = False, lex=None,
                enabled: Callable[[str], bool] = lambda rule: True, split_min: int = SPLIT_MIN_WORDS) -> Outcome:
    """Run the structural edits over the letter with the word edits `applied` already made.

    Rounds: each sentence gets at most one new edit per round, every candidate is checked by analysing it
    again, then the letter is analysed again for the next round, until nothing changes.
    """
    from eenvoudig import analyze
    from eenvoudig.document import read_text

    doc = analysis.document
    pieces = _pieces(doc.source, applied)
    suggestions: list[tuple[int, int, str, str]] = []
    if not analysis.sentences or not any(s.parsed for s in analysis.sentences):
        return Outcome(tuple(pieces), ())
    data = load_data()
    transforms = [t for t in TRANSFORMS if enabled(RULES[_kind_of(t)])]
    tried: set[tuple[int, int, str, str, str]] = set()   # (block, start, sentence, transform, candidate) proposed
    current = analysis if not applied else None
    for _ in range(MAX_ROUNDS):
        text = _current(pieces)
        if current is None:
            try:
                kind = doc.kind if doc.kind in ("txt", "md", "html") else "txt"   # a .docx: its text
                current = analyze(read_text(text, kind=kind, path=doc.path), analysis.backend)
            except Exception:  # noqa: BLE001 - the letter cannot be read again: stop here
                break
        cdoc = current.document
        speaks_to_u = any(t.lower in ("u", "uw") for s in current.sentences for t in s.tokens)
        said = Counter(t.lower for s in current.sentences for t in s.tokens if t.lower in ("we", "wij"))
        we = "we" if said["we"] and said["we"] >= said["wij"] else "wij"
        proposals: list[tuple[Sentence, Candidate, int, int]] = []
        for si, s in enumerate(current.sentences):
            if s.scope not in ("paragraph", "list_item") or not s.parsed or not s.words:
                continue
            block = cdoc.blocks[s.block]
            a = block.source_offset(s.start)
            b = block.source_offset(s.end - 1) + 1
            if b - a != s.end - s.start:
                continue     # markup inside the sentence: leave it alone
            ctx = Context(data, block.text, speaks_to_u, we, lex, split_min)
            for tf in transforms:
                try:
                    got = tf(s, ctx)
                except (IndexError, KeyError, ValueError):
                    got = None
                # a transform may offer several candidates (cuts); the first one not tried yet is proposed
                cands = [c for c in (got if isinstance(got, list) else [got]) if c is not None and c.text != s.text
                         and (s.block, s.start, s.text, tf.__name__, c.text) not in tried]
                if not cands:
                    continue
                cand = cands[0]
                if cand.first == "question" and si and _asked_before(cand.text, current.sentences[si - 1].text):
                    # "Bent u het niet eens met dit besluit?" as a heading, then "Indien u het niet eens bent
                    # met dit besluit, kunt u …": the question is there already, so only "Dan kunt u …"
                    cand = replace(cand, text=cand.text.split("? ", 1)[1], sentences=1, first="")
                if not cand.text:
                    while b < len(text) and text[b] == " ":   # drop the sentence and the space after it
                        b += 1
                    if cdoc.kind in ("txt", "md") and (a == 0 or text[:a].endswith("\n\n")) \
                            and (b == len(text) or text[b] == "\n"):
                        # the sentence was a whole paragraph: the empty line after it goes too, or before it
                        # when it was the last one (a Word letter drops the emptied paragraph, rewriting/docx.py)
                        e = len(text) - len(text[b:].lstrip("\n"))
                        if e < len(text):
                            b = e
                        elif text[:a].strip():
                            a = len(text[:a].rstrip("\n"))
                    elif cdoc.kind in ("txt", "md") and a > 0 and text[a - 1] == "\n" and text[b:b + 1] == "\n":
                        b += 1      # a whole line inside a paragraph: its line break goes too
                tried.add((s.block, s.start, s.text, tf.__name__, cand.text))
                proposals.append((s, cand, a, b))
                break
        if not proposals:
            break
        checks = check_candidates([(s, c) for s, c, _, _ in proposals], analysis.backend)
        changed = False
        starts: list[int] | None = None     # where the pieces start; valid up to the last change (see _replace)
        for (s, cand, a, b), ok in sorted(zip(proposals, checks), key=lambda x: -x[0][2]):
            new = cand.text
            lo, hi = _trim(text[a:b], new)
            if ok is None or (not ok and cand.strict):
                continue      # it would change a protected span or a name, or a tried cut failed: not even a suggestion
            ok = ok and cand.sure
            if ok or unsafe:
                pieces, starts = _replace(pieces, a + lo, b - hi, new[lo:len(new) - hi], cand.kind, ok, starts)
                changed = True
            else:
                suggestions.append(_suggestion(pieces, a + lo, b - hi, new[lo:len(new) - hi], cand.kind, starts))
        if changed:
            current = None    # else: the same text, other candidates next round
    return Outcome(tuple(pieces), tuple(x for x in suggestions if x is not None))


def _kind_of(tf) -> str:
    name = tf.__name__
    return "split" if name.startswith("t_split") else name[2:]


def _trim(old: str, new: str) -> tuple[int, int]:
    """Return how many characters at the start and end of old and new are the same, at word boundaries."""
    lo = 0
    while lo < min(len(old), len(new)) and old[lo] == new[lo]:
        lo += 1
    if not (lo < min(len(old), len(new)) and old[lo].isspace() and new[lo] in ".,;:!?"):
        # (a word that only gets a full stop after it stays out of the edit: "€ 1.250,50 en wij" →
        # "€ 1.250,50. Wij" must not touch the amount)
        while lo > 0 and lo < len(old) and not old[lo - 1].isspace():
            lo -= 1
    hi = 0
    while hi < min(len(old), len(new)) - lo and old[len(old) - 1 - hi] == new[len(new) - 1 - hi]:
        hi += 1
    while hi > 0 and hi < len(old) - lo and not old[len(old) - hi].isspace() and old[len(old) - hi] not in ".,;:!?":
        hi -= 1
    return lo, hi


def _suggestion(pieces: Sequence[Piece], a: int, b: int, text: str, kind: str,
                starts: list[int] | None = None) -> tuple[int, int, str, str] | None:
    """Map a current-text change to the source; None when it touches an applied change. `starts`: see
    _replace (it is extended in place)."""
    starts = _starts(pieces, starts, b)
    for i in range(max(0, bisect_left(starts, a) - 1), len(pieces)):
        pos = starts[i]
        if pos > a:
            break
        p = pieces[i]
        if b <= pos + len(p.text) and not p.kinds:
            return (p.start + a - pos, p.start + b - pos, text, kind)
    return None
