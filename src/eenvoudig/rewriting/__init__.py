"""Rewrite a letter in plainer Dutch: lexicon swaps re-inflected to fit, every change visible.

A lexicon match becomes a *plan*: the edits that put the plain word in, inflected like the original
(person, number, tense, participle, infinitive, `te` + infinitive, the separable part at the end of a
main clause, noun plural and diminutive, adjective -e, the article and relative pronoun of a noun whose
gender changes). Safe plans (the entry is `veilig` and the grammar could be made right) are applied;
the rest are listed as suggestions, applied only with `unsafe=True` (never for `veilig = nooit` entries). Protected spans (amounts, dates,
names, addresses, URLs, legal references, template syntax) are never touched: matches never cover them.
"""

from __future__ import annotations

import difflib
import re
from bisect import bisect_left, insort
from dataclasses import dataclass
from typing import Sequence

from eenvoudig.analysis import Analysis, Sentence, Token
from eenvoudig.document import Document
from eenvoudig.config import Config
from eenvoudig.lexicon import DETERMINERS as LEXICON_DETERMINERS
from eenvoudig.lexicon import Lexicon, Match, Noun, Verb, _all_forms, find_matches, load_lexicon

AUX = {"heb", "hebt", "heeft", "hebben", "had", "hadden", "ben", "bent", "is", "zijn", "was", "waren",
       "word", "wordt", "worden", "werd", "werden", "geweest", "geworden", "gehad"}
HEBBEN = {"heb", "hebt", "heeft", "hebben", "had", "hadden", "gehad"}
MODALS = {"kan", "kunt", "kunnen", "kon", "konden", "moet", "moeten", "moest", "moesten", "zal", "zult", "zullen",
          "zou", "zouden", "wil", "wilt", "willen", "wilde", "wilden", "mag", "mogen", "mocht", "mochten", "ga",
          "gaat", "gaan", "ging", "gingen", "hoeft", "hoeven", "hoefde", "laat", "laten", "liet", "lieten",
          "dient", "dienen", "diende", "dienden", "te"}
CLAUSE_END = {",", ";", ":", ".", "?", "!", ")", "(", "–", "en", "maar", "of", "want", "dus", "dat", "omdat", "als",
              "die", "zodat", "waardoor", "wanneer", "indien", "nadat", "voordat", "terwijl", "tenzij", "welke",
              "waarin", "waarop", "waarmee", "…"}
# A determiner as it must be written when the noun's gender changes (de beschikking → het besluit);
# determiners that do not change map to themselves.
_GENDER_SWAP = {"de": "het", "het": "de", "deze": "dit", "dit": "deze", "die": "dat", "dat": "die", "onze": "ons",
                "ons": "onze", "elke": "elk", "elk": "elke", "iedere": "ieder", "ieder": "iedere", "welke": "welk",
                "welk": "welke"}
DETERMINERS = {d: _GENDER_SWAP.get(d, d) for d in LEXICON_DETERMINERS}
# Determiners that are never a pronoun: a clause cannot end in one ("Stuur de terug" is broken).
ARTICLES = {"de", "een", "uw", "mijn", "onze", "elke", "iedere", "geen", "welke", "jouw", "zo'n"}
STRUCTURE_RULES = {"passive": "structuur.lijdend", "split": "structuur.splitsen", "formula": "structuur.formule",
                   "sender": "structuur.wij", "reader": "structuur.u", "number": "structuur.getal"}
KIND_ORDER = ("split", "passive", "formula", "sender", "reader", "number", "word")
DE_FORM = {"het": "de", "dit": "deze", "dat": "die", "ons": "onze", "elk": "elke", "ieder": "iedere", "welk": "welke"}
HET_FORM = {v: k for k, v in DE_FORM.items()}
# Alternatives that are a whole noun phrase by themselves: never after a determiner or adjective ("de iemand")
PRONOUN_LIKE = {"iemand", "niemand", "iets", "niets", "alles", "iedereen", "wat", "wie", "dat", "dit", "die", "er",
                "men", "hij", "zij", "u", "wij", "we", "zich", "hem", "haar", "hen", "hun"}
INDEFINITE = {"een", "geen", "uw", "mijn", "zijn", "haar", "hun", "jouw", "ons", "zo'n", "elk", "ieder", "welk"}


@dataclass(frozen=True, slots=True)
class Edit:
    """One change: [start, end) in the document source, the text before and after, why, safe, applied.

    `kind` says what sort of change it is: word (a lexicon swap), passive (passive → active), split
    (one sentence becomes two), formula (a stock formula dropped or shortened), sender ("wij"), reader
    ("u") or number (digits).
    """

    start: int
    end: int
    before: str
    after: str
    rule: str
    safe: bool
    applied: bool = True
    line: int = 0
    column: int = 0
    kind: str = "word"

    def to_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "line": self.line, "column": self.column,
                "before": self.before, "after": self.after, "rule": self.rule, "kind": self.kind,
                "safe": self.safe, "applied": self.applied}


KIND_NAMES = {"word": ("woord", "woorden"), "passive": ("zin actief gemaakt", "zinnen actief gemaakt"),
              "split": ("zin gesplitst", "zinnen gesplitst"), "formula": ("vaste formule", "vaste formules"),
              "sender": ("keer 'wij' voor de afzender", "keer 'wij' voor de afzender"),
              "reader": ("keer 'u' voor de lezer", "keer 'u' voor de lezer"),
              "number": ("getal in cijfers", "getallen in cijfers")}


def kind_summary(edits: Sequence[Edit]) -> str:
    """Return what the edits did, per kind, in plain Dutch: "3 woorden, 1 zin gesplitst"."""
    counts: dict[str, int] = {}
    for e in edits:
        counts[e.kind] = counts.get(e.kind, 0) + 1
    return ", ".join(f"{n} {KIND_NAMES[k][n != 1]}" for k, n in sorted(counts.items(), key=lambda x: KIND_ORDER.index(x[0]))
                     if k in KIND_NAMES)


@dataclass(frozen=True)
class Rewrite:
    """The simplified text (the source with the applied edits) and every edit, applied or suggested."""

    source: str
    text: str
    edits: tuple[Edit, ...]
    path: str = ""

    @property
    def applied(self) -> tuple[Edit, ...]:
        return tuple(e for e in self.edits if e.applied)

    @property
    def suggested(self) -> tuple[Edit, ...]:
        return tuple(e for e in self.edits if not e.applied)

    def diff(self, name: str = "brief") -> str:
        """Return a unified diff of the source and the simplified text."""
        source, text = self.source, self.text
        if not source.endswith("\n") and not text.endswith("\n"):
            source, text = source + "\n", text + "\n"   # (a Word letter's text): no "No newline" marker
        lines = difflib.unified_diff(source.splitlines(keepends=True), text.splitlines(keepends=True),
                                     fromfile=f"{name} (origineel)", tofile=f"{name} (eenvoudig)")
        return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)

    def to_dict(self) -> dict:
        return {"path": self.path, "text": self.text, "edits": [e.to_dict() for e in self.edits]}


@dataclass(frozen=True, slots=True)
class _Change:
    """A change in block-text offsets."""

    start: int
    end: int
    after: str


@dataclass(frozen=True, slots=True)
class Plan:
    """What replacing one match takes: changes in the block text, and whether the grammar is right."""

    changes: tuple[_Change, ...]
    ok: bool
    text: str        # the replacement as the reader sees it, for suggestions ("stuurt … terug")


# --------------------------------------------------------------------------------------- inflection


def _cap(word: str, like: str, *, abbreviation: bool = False, initial: bool = True) -> str:
    """Write `word` in the case of `like`: all capitals for a shouted word, a capital for a capital.

    An abbreviation is written in capitals by nature ("AOW", "I.v.m."): its replacement keeps its own case,
    with a capital only at the start of a sentence (`initial`)."""
    if abbreviation:
        return word[:1].upper() + word[1:] if initial and like[:1].isupper() else word
    if like.isupper() and len(like) > 1:
        return word.upper()
    if like[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def _clause_bounds(tokens: Sequence[Token], i: int) -> tuple[int, int]:
    """Return the [start, end) token range of the clause around token i."""
    lo = i
    while lo > 0 and tokens[lo - 1].lower not in CLAUSE_END:
        lo -= 1
    hi = i + 1
    while hi < len(tokens) and tokens[hi].lower not in CLAUSE_END:
        hi += 1
    return lo, hi


def _verb_slots(verb: Verb, form: str) -> list[str]:
    """Return every slot of `verb` that is written as `form`."""
    f = form.lower()
    slots = []
    if f == verb.infinitive:
        slots.append("inf")
    if f == verb.participle:
        slots.append("part")
    if f == verb.participle + "e":
        slots.append("part_adj")
    p = verb.particle if verb.joined else ""
    for slot in ("ik", "hij", "past", "past_pl"):
        if f == p + verb.form(slot) or (p == "" and slot == "hij" and f == verb.ik + "t"):
            slots.append(slot if not p else slot + "_sub")
    if p and f == p + verb.ik + "t":
        slots.append("hij_sub")
    return slots or ["inf"]


PLURAL_SUBJECTS = {"wij", "we", "zij", "jullie"}
SUBJECT_PRONOUNS = {"u", "hij", "zij", "ze", "het", "men", "jij", "je", "wij", "we", "jullie", "ik", "dit", "dat",
                    "er", "die", "deze"}


def _slot_from_parse(slots: list[str], tokens: Sequence[Token], i: int) -> str | None:
    """Pick the slot from the morphology of the matched form (VerbForm, Tense, Number, Person), when the
    parse has it and the spelling allows it; None to let `_choose_slot` decide from the words around."""
    tok = tokens[i]
    form = tok.feature("VerbForm")
    if not tok.morph or form is None:
        return None
    sub = [x for x in slots if x.endswith("_sub")]
    if (tok.dep == "amod" or _before_noun(tokens, i)) and ("part_adj" in slots or "part" in slots):
        return "part_adj" if "part_adj" in slots else "part_attr"   # "de aan u verstrekte uitkering"
    auxes = {t.lower for k, t in enumerate(tokens) if t.head == i and k != i and t.dep.startswith("aux")}
    if "part" in slots and "inf" in slots and form in ("Inf", "Part"):
        # one spelling for both (ondervangen, betreden): hebben/zijn/worden → participle, a modal → infinitive
        if auxes & AUX:
            return "part"
        if auxes & MODALS:
            return "inf"

    def pick(base: str) -> str | None:
        if base in slots:
            return base
        return base + "_sub" if base + "_sub" in sub else None

    if form == "Part":
        if "part_adj" in slots:
            return "part_adj"
        if "part" in slots and (tok.dep == "amod" or _before_noun(tokens, i)):
            return "part_attr"
        return "part" if "part" in slots else None
    if form == "Inf":
        return "inf" if "inf" in slots else None
    if form != "Fin":
        return None
    if "part" in slots and auxes & AUX:
        return "part"   # "er werd informatie verstrekt": an auxiliary on it, so the tagger's "finite" is wrong
    if any(t.head == i and k != i and t.dep.startswith("aux") and t.feature("VerbForm") == "Fin"
           for k, t in enumerate(tokens)):
        return "inf" if "inf" in slots else None   # a finite auxiliary on it: the tagger's "finite" is wrong
    if tok.feature("Tense") == "Past":
        return pick("past_pl" if tok.feature("Number") == "Plur" else "past")
    if tok.feature("Number") == "Plur":
        return "pl" if "inf" in slots else None    # present plural: written as the infinitive
    person = tok.feature("Person")
    if person == "1" or _first_person(tokens, i):
        return pick("ik")
    if person in ("2", "3") or "hij" in slots or "hij_sub" in sub:
        return pick("hij")
    return None


def _first_person(tokens: Sequence[Token], i: int) -> bool:
    """Whether the singular present verb at i takes the ik-form: subject "ik", an inverted "je/jij" (stuur je),
    or an order (no subject: "Stuur het formulier terug")."""
    subjects = [k for k, t in enumerate(tokens) if t.head == i and t.dep in ("nsubj", "nsubj:pass") and k != i]
    if any(tokens[k].lower == "ik" for k in subjects):
        return True
    if any(tokens[k].lower in ("je", "jij") and k > i for k in subjects):
        return True
    lo, _ = _clause_bounds(tokens, i)
    return not subjects and i == lo and (i + 1 >= len(tokens) or tokens[i + 1].lower not in SUBJECT_PRONOUNS)


def _nominal_infinitive(tokens: Sequence[Token], i: int) -> bool:
    """Whether the verb form at i is an infinitive used as a noun: "het betreden van", or "het/dit/dat" that
    the parse makes its determiner ("wij hebben het ondervangen" has an object, not a noun)."""
    prev = tokens[i - 1]
    if prev.lower not in ("het", "dit", "dat") or _before_noun(tokens, i):
        return False
    if i + 1 < len(tokens) and tokens[i + 1].lower == "van":
        return True
    return prev.dep == "det" and prev.head == i


def _choose_slot(slots: list[str], tokens: Sequence[Token], i: int) -> str:
    """Pick the slot a form has in this sentence: from the parse's morphology when there is one, else
    auxiliary → participle, modal/te → infinitive, else finite."""
    if "inf" in slots and i > 0 and (tokens[i - 1].lower == "te" or _nominal_infinitive(tokens, i)):
        return "inf"  # "te betreden", "het betreden van": an infinitive, even when it looks like a participle
    from_parse = _slot_from_parse(slots, tokens, i)
    lo, hi = _clause_bounds(tokens, i)
    around = {t.lower for k, t in enumerate(tokens[lo:hi], start=lo) if k != i}
    if from_parse == "inf" and i > 0 and tokens[i - 1].lower in PLURAL_SUBJECTS and not around & (MODALS | AUX):
        return "pl"   # "Wij retourneren met …": a present plural, even when the tagger says infinitive
    if from_parse is not None:
        return from_parse
    if "part" in slots and _before_noun(tokens, i):
        return "part_attr"  # "het aan u toegezonden verslag" → "het aan u gestuurde verslag"
    if "part" in slots and (around & AUX):
        return "part"
    if "part_adj" in slots:
        return "part_adj"
    if "part" in slots and i > 0 and tokens[i - 1].lower in DETERMINERS:
        return "part_adj_bare"
    if "inf" in slots and not around & (MODALS | AUX) and (
            tokens[i - 1].lower in PLURAL_SUBJECTS if i > 0 else False
            or i + 1 < len(tokens) and tokens[i + 1].lower in PLURAL_SUBJECTS):
        return "pl"  # "wij ontraden u dat": a present plural, written like the infinitive
    if "inf" in slots and (around & MODALS or len(slots) == 1 or (i > 0 and tokens[i - 1].lower == "te")):
        return "inf"
    finite = [s for s in slots if s not in ("inf", "part", "part_adj")]
    if {"ik", "hij"} <= set(finite) or {"ik_sub", "hij_sub"} <= set(finite):
        # one spelling for both (zet, tracht): the ik-form only with "ik" or for an order
        first = "ik" in around or (i == lo and (i + 1 >= len(tokens) or tokens[i + 1].lower not in SUBJECT_PRONOUNS))
        want = "ik" if first else "hij"
        return next(x for x in finite if x.removesuffix("_sub") == want)
    if finite:
        return finite[0]
    return slots[0]


def _before_noun(tokens: Sequence[Token], i: int) -> bool:
    """Return whether token i stands right before a noun (so a participle there is attributive)."""
    if i + 1 >= len(tokens):
        return False
    nxt = tokens[i + 1]
    if nxt.kind is not None or not nxt.content or not nxt.text.isalpha() or nxt.text[:1].isupper():
        return False
    try:
        from eenvoudig.analysis.wordinfo import tables

        known = tables()
    except Exception:  # noqa: BLE001 - without the word tables we cannot tell
        return False
    return bool(known.known([nxt.lower], "noun")) and not known.known([nxt.lower], "adj")


def _determiner_before(tokens: Sequence[Token], i: int) -> str | None:
    """Return the determiner of the noun phrase that token i stands in, looking back a few words."""
    for k in range(i - 1, max(-1, i - 6), -1):
        w = tokens[k].lower
        if w in DETERMINERS:
            return w
        if not tokens[k].is_word:
            return None
    return None


def _participle_adjective(verb: Verb) -> str:
    """Return the attributive form of the participle: gegeven → gegeven, gestuurd → gestuurde."""
    return verb.participle if verb.participle.endswith("en") else verb.participle + "e"


BARE_MODALS = {"moeten", "kunnen", "mogen", "willen", "zullen"}
FUTURE = frozenset({"zal", "zult", "zullen", "zou", "zouden"})   # "zal in juni plaatsvinden" → "zal in juni zijn"   # a verb after them has no "te"


def _plan_verb(lex: Lexicon, match: Match, tokens: Sequence[Token], target_name: str, source: Verb) -> Plan | None:
    """The verb plan of `_plan_verb_forms`, then what the rest of the clause needs: "zich" of a reflexive
    verb has no place after a plain one ("bevindt zich" → "is zich"), and a modal takes no "te"
    ("dient zich te melden" → "moet zich melden")."""
    plan = _plan_verb_forms(lex, match, tokens, target_name, source)
    target = lex.verbs.get(target_name.lower())
    if plan is None or not plan.ok or target is None:
        return plan
    i = match.tokens[0]
    lo, hi = _clause_bounds(tokens, i)
    if target.infinitive in ("zijn", "gebeuren") and source.infinitive not in ("zijn", "gebeuren") and i > 0 \
            and tokens[i - 1].lower in DETERMINERS:
        return Plan(plan.changes, False, plan.text)   # "het plaatsvinden van" is no "het gebeuren van" (an event)
    if target.infinitive == "zijn" and source.infinitive != "zijn" and "gebeuren" in match.entry.eenvoudig \
            and not _when_or_er(tokens, match, lo, hi):
        # "het gesprek vindt op 3 mei plaats" → "is op 3 mei", "er vindt een controle plaats" → "er is een
        # controle"; but "waarin de ontwikkeling plaatsvindt" is not "waarin de ontwikkeling is" (gebeurt)
        return Plan(plan.changes, False, plan.text)
    parsed = bool(tokens[i].dep)
    if (tokens[i].pos in ("NOUN", "PROPN") or tokens[i].dep in ("nsubj", "nsubj:pass", "obj", "iobj", "obl", "nmod")) \
            and tokens[i].lower in (source.participle + "e", source.participle + "n") and len(match.tokens) == 1 \
            and not _before_noun(tokens, i):
        return Plan(plan.changes, False, plan.text)   # "de gemachtigde" is a person, not "de toestemming gegeven"
    governed = (i > 0 and tokens[i - 1].lower == "te") or any(t.lower in MODALS | AUX for t in tokens[lo:hi])
    if match.slot != "te_inf" and not governed and not plan.text.startswith(("te ", target.participle)) and any(
            t.pos == "VERB" and t.feature("VerbForm") == "Fin" and t.lower not in MODALS | AUX
            and t.kind is None and t.text.isalpha() for k, t in enumerate(tokens[lo:hi], start=lo) if k != i):
        return Plan(plan.changes, False, plan.text)   # another main verb in the clause ("stuurt retourneren")
    if target.particle and any(t.lower == target.particle for k, t in enumerate(tokens[lo:hi], start=lo) if k != i) \
            and not target.joined:
        return Plan(plan.changes, False, plan.text)
    if not target.infinitive.startswith("zich ") and any(
            t.lower == "zich" and (t.head == i if parsed else abs(k - i) == 1)
            for k, t in enumerate(tokens[lo:hi], start=lo)):
        return Plan(plan.changes, False, plan.text)
    if match.slot == "part" or match.slot.startswith("part_"):
        pass
    elif target.infinitive in BARE_MODALS and source.infinitive not in BARE_MODALS:
        end = i + 1
        while end < len(tokens) and tokens[end].text not in (",", ";", ":", ".", "?", "!", "(", ")"):
            end += 1
        te = [k for k in range(i + 1, end - 1) if tokens[k].lower == "te" and tokens[k + 1].is_word]
        if len(te) > 1:
            return Plan(plan.changes, False, plan.text)
        if te:
            k = te[0]
            glued = tokens[k - 1].lower + tokens[k + 1].lower
            if k - 1 > i and glued in lex.verbs or k - 1 > i and tokens[k - 1].dep == "compound:prt":
                # "aan te vragen" → "aanvragen"
                change = _Change(tokens[k - 1].start, tokens[k + 1].end, tokens[k - 1].text + tokens[k + 1].text)
            else:
                change = _Change(tokens[k].start, tokens[k + 1].start, "")
            return Plan(tuple(sorted(plan.changes + (change,), key=lambda c: c.start)), True, plan.text)
    return plan


MONTHS = frozenset({"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
                    "oktober", "november", "december"})
TIME_WORDS = MONTHS | frozenset({
    "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag", "vandaag", "morgen",
    "overmorgen", "straks", "binnenkort", "dagelijks", "wekelijks", "maandelijks", "jaarlijks", "uur", "dag", "week",
    "maand", "jaar", "ochtend", "middag", "avond", "voorjaar", "zomer", "najaar", "winter"})


def _when_or_er(tokens: Sequence[Token], match: Match, lo: int, hi: int) -> bool:
    """Whether the clause of a verb that becomes "zijn" says when it happens (a date, a time, a year, a day or
    month word) or opens with "er" ("er vindt een controle plaats" → "er is een controle"). Not for an
    infinitive used as a noun ("het plaatsvinden van")."""
    i = match.tokens[0]
    if i > 0 and tokens[i - 1].lower in DETERMINERS:
        return False
    hi = max(hi, match.tokens[-1] + 1)
    for k in range(lo, hi):
        t = tokens[k]
        if k in match.tokens:
            continue
        if t.kind in ("datum", "tijd") or t.lower in TIME_WORDS or t.lower == "er" \
                or (t.text.isdigit() and len(t.text) == 4 and t.text[:2] in ("19", "20")):
            return True
    return False


def _plan_verb_forms(lex: Lexicon, match: Match, tokens: Sequence[Token], target_name: str,
                     source: Verb) -> Plan | None:
    target = lex.verbs.get(target_name.lower())
    if target is None:
        return None
    i = match.tokens[0]
    tok = tokens[i]
    ok = True
    if match.slot == "te_inf":
        # "toe te kennen" → "te geven" / "terug te sturen"
        a, b = tokens[match.tokens[0]], tokens[match.tokens[-1]]
        text = _te_infinitive(target)
        return Plan((_Change(a.start, b.end, _cap(text, a.text)),), True, text)
    if match.slot.endswith("_split"):
        slot = match.slot[: -len("_split")]
        j = match.tokens[1]
        finite = target.form(slot)
        changes = [_Change(tok.start, tok.end, _cap(finite, tok.text))]
        part_tok = tokens[j]
        if target.particle:
            changes.append(_Change(part_tok.start, part_tok.end, target.particle))
            shown = f"{finite} … {target.particle}"
        else:
            prev_end = tokens[j - 1].end
            changes.append(_Change(prev_end, part_tok.end, ""))
            shown = finite
        return Plan(tuple(changes), True, shown)
    slot = _choose_slot(_verb_slots(source, tok.text), tokens, i)
    lo, hi = _clause_bounds(tokens, i)
    if slot == "inf":
        if i > 0 and tokens[i - 1].lower == "te" and target.particle:
            te = tokens[i - 1]
            text = _te_infinitive(target)
            return Plan((_Change(te.start, tok.end, _cap(text, te.text)),), True, text)
        around = {t.lower for k, t in enumerate(tokens[lo:hi], start=lo) if k != i}
        # an infinitive needs a modal or auxiliary before it in the sentence ("U kunt … invullen en
        # retourneren"), or is a noun ("het retourneren van"); else the parse is unsure of it
        sure = bool(around & (MODALS | AUX)) or any(t.lower in MODALS | AUX for t in tokens[:i]) \
            or (i > 0 and _nominal_infinitive(tokens, i)) or (i > 0 and tokens[i - 1].lower in DETERMINERS)
        if target.infinitive == "zijn" and source.infinitive != "zijn" and around & (MODALS - FUTURE):
            sure = False   # "moet plaatsvinden" ≠ "moet zijn", "kan plaatsvinden" ≠ "kan zijn" (= "maybe is")
        return Plan((_Change(tok.start, tok.end, _cap(target.infinitive, tok.text)),), sure, target.infinitive)
    if slot in ("part", "part_adj_bare"):
        words = {t.lower for t in tokens[lo:hi]}
        if slot == "part" and source.participle == source.hij and not any(t.lower in AUX for t in tokens):
            ok = False  # "de gemeente verricht de betalingen": no auxiliary, so "verricht" is finite, not "gedaan"
        if target.aux == "zijn" and source.aux != "zijn" and words & HEBBEN:
            ok = False  # "heeft verstrekt" cannot become "heeft gegaan"
        if " " in target.participle and target.participle == target.infinitive and not words & HEBBEN:
            ok = False  # "laten staan" is a participle only after hebben: "wordt gehandhaafd" ≠ "wordt laten staan"
        text = target.participle
        return Plan((_Change(tok.start, tok.end, _cap(text, tok.text)),), ok, text)
    if slot in ("part_adj", "part_attr"):
        text = _participle_adjective(target)
        if slot == "part_attr" and not text.endswith("en") and _determiner_before(tokens, i) not in (
                "de", "het", "deze", "dit", "die", "dat"):
            # "een gestuurd formulier" but "een gestuurde brief": the noun's gender decides
            noun = lex.nouns.get(tokens[i + 1].lower)
            if noun is not None and noun.article == "het":
                text = target.participle
            elif noun is None or noun.article != "de":
                ok = False
        return Plan((_Change(tok.start, tok.end, _cap(text, tok.text)),), ok, text)
    base = slot.removesuffix("_sub")
    if base not in ("ik", "hij", "past", "past_pl", "pl"):
        return None
    finite = target.form(base)
    if not target.particle:
        return Plan((_Change(tok.start, tok.end, _cap(finite, tok.text)),), True, finite)
    # separable target: joined at the end of a subordinate clause, split in a main clause
    at_end = hi == i + 1
    if slot.endswith("_sub") or at_end:
        sub = slot.endswith("_sub") or (lo > 0 and (tokens[lo - 1].lower in SUBORDINATORS or tokens[lo - 1].pos == "SCONJ"))
        if target.joined:
            text = target.particle + finite
        else:   # "waarop de raad … op een rij zet", but "De raad zet alles op een rij."
            text = f"{target.particle} {finite}" if sub else f"{finite} {target.particle}"
        return Plan((_Change(tok.start, tok.end, _cap(text, tok.text)),), True, text)
    k = _main_clause_end(tokens, i, hi)
    last = tokens[k]
    # the part closes the clause; after an article or a preposition the clause is not what we think it is
    if last.lower == target.particle:
        return Plan((_Change(tok.start, tok.end, _cap(finite, tok.text)),), False, f"{finite} … {target.particle}")
    if k == i and i + 1 < len(tokens) and (tokens[i + 1].lower in WH_WORDS or tokens[i + 1].pos == "SCONJ"):
        ok = True    # "legt uit waarom …": the part right after the verb, before the object clause
    elif last.pos:
        ok = k > i and last.pos not in ("ADP", "DET", "CCONJ", "SCONJ")
    else:
        ok = k > i and last.lower not in ARTICLES and last.lower not in CLAUSE_END
    changes = (_Change(tok.start, tok.end, _cap(finite, tok.text)), _Change(last.end, last.end, " " + target.particle))
    return Plan(changes, ok, f"{finite} … {target.particle}")


CLAUSAL = ("ccomp", "xcomp", "advcl", "acl", "acl:relcl", "parataxis", "conj", "punct", "cc", "csubj")


def _main_clause_end(tokens: Sequence[Token], i: int, hi: int) -> int:
    """Return the index of the last word of the clause of the verb at i, where its separable part goes.

    With a parse: the rightmost word that hangs (through non-clausal relations) on the verb, so "Wij raden u
    dat af" (dat is the object, not a conjunction) and a relative clause after the object stays after it.
    Without one: the word before the next clause break (`hi`)."""
    if not (tokens and tokens[0].dep):
        return hi - 1
    keep = {i}
    changed = True
    while changed:
        changed = False
        for k, t in enumerate(tokens):
            nominal = t.dep in ("conj", "cc") and t.head != i and tokens[t.head].pos in ("NOUN", "PROPN", "PRON") \
                and t.pos in ("NOUN", "PROPN", "CCONJ")   # "de wensen en meningen": one object
            if k not in keep and t.head in keep and t.head != k and (t.dep not in CLAUSAL or nominal):
                keep.add(k)
                changed = True
    end = hi - 1
    for k in range(i + 1, hi):   # "De instelling legt uit waarom …": the part goes before an object clause
        if tokens[k].lower in WH_WORDS and (k > i + 1 or tokens[k].lower not in ("wat", "wie", "welke")) \
                or tokens[k].pos == "SCONJ":
            if any(t.pos in ("VERB", "AUX") for t in tokens[k + 1:hi]):   # a clause of its own follows
                return k - 1
    last = max(keep)
    # the parse may see further than the clause-break words ("Wij raden u dat af": dat is the object)
    if tokens[i].pos in ("VERB", "AUX") and last > end and all(t.is_word for t in tokens[end + 1:last + 1]):
        return last
    return end


def _te_infinitive(verb: Verb) -> str:
    if verb.particle and verb.joined:
        return f"{verb.particle} te {verb.infinitive[len(verb.particle):]}"
    return f"te {verb.infinitive}"


def _plan_noun(lex: Lexicon, match: Match, tokens: Sequence[Token], target_name: str, source: Noun | None) -> Plan | None:
    i = match.tokens[0]
    tok = tokens[i]
    words = target_name.split()
    head = words[-1].lower()
    target = lex.nouns.get(head)
    slot = match.slot
    if slot in ("sg", "base"):
        new = target_name
    elif target is None:
        return Plan((_Change(tok.start, tok.end, target_name),), False, target_name)
    elif slot == "pl" and target.plural:
        new = " ".join(words[:-1] + [target.plural])
    elif slot == "dim" and target.diminutive:
        new = " ".join(words[:-1] + [target.diminutive])
    elif slot == "dim_pl" and target.diminutive:
        new = " ".join(words[:-1] + [target.diminutive + "s"])
    else:
        return Plan((_Change(tok.start, tok.end, target_name),), False, target_name)
    first_word = words[0].lower()
    if len(words) > 1 and any(v.participle == head for v in lex.verbs.values()):
        # "de gemachtigde" → "de toestemming gegeven": a noun phrase cannot end in a participle
        return Plan((_Change(tok.start, tok.end, _cap(new, tok.text)),), False, new)
    k = i - 1          # the determiner of the noun phrase, with up to two adjectives between
    between: list[int] = []
    while k >= 0 and tokens[k].lower not in DETERMINERS and len(between) < 2 and tokens[k].content \
            and tokens[k].pos not in ("NOUN", "PROPN", "ADP") and tokens[k].text[:1].islower():
        between.append(k)
        k -= 1
    det = tokens[k] if k >= 0 and tokens[k].lower in DETERMINERS else None
    modified = det is not None or bool(between) or (i > 0 and tokens[i - 1].pos == "ADJ")
    if first_word in PRONOUN_LIKE or (first_word in ("de", "het", "een") and len(words) > 1):
        # "de bewindvoerder" → "de iemand die …" or "de het uitvoeren": the alternative brings its own
        # word for the noun phrase; only a bare "de"/"het" right before can give way to it
        if first_word in PRONOUN_LIKE or between or (det is None and modified):
            return Plan((_Change(tok.start, tok.end, _cap(new, tok.text)),), False, new)
        if det is not None:
            if det.lower not in ("de", "het") or k != i - 1:
                return Plan((_Change(tok.start, tok.end, _cap(new, tok.text)),), False, new)
            return Plan((_Change(det.start, tok.end, _cap(new, det.text)),), True, new)
    changes = [_Change(tok.start, tok.end, _cap(new, tok.text))]
    ok = True
    if slot in ("sg", "base") and len(words) == 1 and any(n.plural == head and n.word != head for n in lex.nouns.values()):
        # a singular that becomes a plural ("de regelgeving" → "de regels"): not as a subject, not before a
        # relative clause and not after "een" or "elk", where the verb or the article would have to change too
        nxt = tokens[i + 1].lower if i + 1 < len(tokens) else ""
        if not tok.dep or tok.dep in ("nsubj", "nsubj:pass", "csubj") or nxt in ("die", "dat", "welke", ",") \
                or (det is not None and det.lower in ("een", "geen", "elk", "elke", "ieder", "iedere", "het", "dit")):
            ok = False
    gender = target.article if target is not None and len(words) == 1 else None
    if gender is None and len(words) == 1 and head in lex.verbs and lex.verbs[head].infinitive == head:
        gender = "het"     # "participatie" → "meedoen": a verb as a noun is a het-word without adjectives
        if between or (i > 0 and tokens[i - 1].pos == "ADJ"):
            ok = False     # "uitgebreide meedoen"
    adjective = i > 0 and tokens[i - 1].pos == "ADJ" or any(t.head == i and t.dep == "amod" for t in tokens[:i])
    if slot in ("sg", "base") and gender in ("de", "het") and det is None and adjective \
            and (source is None or source.article != gender):
        ok = False   # "een integrale en stadsbrede inventarisatie" → "… overzicht": the adjectives would change
    if slot in ("sg", "base") and gender in ("de", "het"):
        # the determiner (and an adjective after 'een') agree with the new noun, whatever the old one was
        if det is not None:
            if det.lower in INDEFINITE and det.lower not in ("ons", "onze", "elk", "elke", "ieder", "iedere",
                                                              "welk", "welke"):
                for a in between:   # "een nieuwe beschikking" → "een nieuw besluit": the adjective changes
                    adj = tokens[a].lower
                    if (gender == "het") == adj.endswith("e") and not adj.endswith("en"):
                        ok = False
            else:
                want = (HET_FORM if gender == "het" else DE_FORM).get(det.lower, det.lower)
                if want != det.lower:
                    changes.append(_Change(det.start, det.end, _cap(want, det.text)))
                    if k > 0 and tokens[k - 1].lower == want:
                        ok = False   # "is het de ambitie om" → "is het het doel om"
        if source is not None and "/" not in source.article and source.article != gender:
            nxt = i + 1
            if nxt < len(tokens) and tokens[nxt].text == ",":
                nxt += 1
            if nxt < len(tokens) and tokens[nxt].lower in ("die", "dat"):
                rel = tokens[nxt]
                changes.append(_Change(rel.start, rel.end, "dat" if gender == "het" else "die"))
    return Plan(tuple(sorted(changes, key=lambda c: c.start)), ok, new)


def _plain_alternative(lex: Lexicon, entry) -> str:
    """Return the first alternative that is not itself a lexicon entry with a safe swap: "mbv" → "met behulp
    van" would be swapped again on the next run ("met"), so rewriting twice would change the text twice."""
    for alt in entry.eenvoudig:
        again = lex.entries.get(alt.lower())
        if again is None or not again.veilig or not again.eenvoudig:
            return alt
    again = lex.entries[entry.eenvoudig[0].lower()]
    return again.eenvoudig[0]


def plan_match(lex: Lexicon, match: Match, sentence: Sentence, alternative: str | None = None) -> Plan | None:
    """Return how to put the plain alternative in place of a match, inflected to fit, or None."""
    e = match.entry
    if not e.eenvoudig:
        return None
    alt = alternative or _plain_alternative(lex, e)
    tokens = sentence.tokens
    first, last = tokens[match.tokens[0]], tokens[match.tokens[-1]]
    if match.slot == "head":
        return None  # compounds: suggest, never swap inside a word
    i = match.tokens[0]
    if i >= 2 and tokens[i - 1].lower in ("en", "of", "tot") and tokens[i - 2].text.endswith("-"):
        # "zorg- en dienstverlening": the word completes "zorgverlening" too; swapping it breaks that
        plan = _plan(lex, match, sentence, alt)
        return None if plan is None else Plan(plan.changes, False, plan.text)
    plan = _checked_plan(lex, match, sentence, alt)
    if alternative is None and (plan is None or not plan.ok):
        # the first alternative does not fit here; another may ("moet plaatsvinden" → "moet gebeuren")
        for other in e.eenvoudig:
            again = lex.entries.get(other.lower())
            if other == alt or (again is not None and again.veilig and again.eenvoudig):
                continue
            try:
                second = _checked_plan(lex, match, sentence, other)
            except (KeyError, IndexError, ValueError):
                continue
            if second is not None and second.ok:
                return second
    return plan


def _checked_plan(lex: Lexicon, match: Match, sentence: Sentence, alt: str) -> Plan | None:
    tokens = sentence.tokens
    plan = _plan(lex, match, sentence, alt)
    if plan is not None and plan.ok and {"u", "uw"} & set(alt.lower().split()) \
            and not any(t.lower in ("u", "uw") for t in tokens):
        return Plan(plan.changes, False, plan.text)   # "Iedereen kan laten weten wat u ervan vindt"
    if plan is not None and plan.ok and _repeats(tokens, match, alt):
        return Plan(plan.changes, False, plan.text)   # "openheid en transparantie" → "openheid en openheid"
    return plan


def _repeats(tokens: Sequence[Token], match: Match, alt: str) -> bool:
    """Whether the plain word already stands next to the match ("in openheid en transparantie"): swapping
    would say the same thing twice and lose what the second word added."""
    from eenvoudig.analysis import _stop_words

    words = {w for w in alt.lower().split() if len(w) > 3 and w not in _stop_words()}
    lo, hi = max(0, match.tokens[0] - 3), min(len(tokens), match.tokens[-1] + 4)
    near = {t.lower for k, t in enumerate(tokens[lo:hi], start=lo) if k not in match.tokens}
    last = alt.lower().split()[-1]
    if last in PREPOSITIONS and len(match.tokens) > 1 and last != tokens[match.tokens[-1]].lower:
        # "afspraken met betrekking tot de ondersteuner over:" → "afspraken over de ondersteuner over:"
        after = [t.lower for t in tokens[match.tokens[-1] + 1:match.tokens[-1] + 7]]
        if last in after:
            return True
    return bool(words & near)


def _plan(lex: Lexicon, match: Match, sentence: Sentence, alt: str) -> Plan | None:
    """The plan for one alternative (see `plan_match`)."""
    e = match.entry
    tokens = sentence.tokens
    first, last = tokens[match.tokens[0]], tokens[match.tokens[-1]]
    if e.soort == "ww" and e.moeilijk.lower() in lex.verbs:
        return _plan_verb(lex, match, tokens, alt, lex.verbs[e.moeilijk.lower()])
    if e.soort == "zn":
        return _plan_noun(lex, match, tokens, alt, lex.nouns.get(e.moeilijk.lower()))
    if e.soort == "bn" and match.slot == "infl":
        inflected = lex.adjectives.get(alt.lower())
        if inflected is None or not _adjective_fits(tokens, match.tokens[0], alt, match.slot):
            return Plan((_Change(first.start, last.end, alt),), False, alt)
        return Plan((_Change(first.start, last.end, _cap(inflected, first.text)),), True, inflected)
    if e.soort == "uitdr" and match.slot == "expr":
        modal = _plan_modal_te(lex, match, tokens, alt) or _plan_expression_verb(lex, match, tokens, alt) \
            or _plan_leading_verb(lex, match, tokens, alt) or _plan_verb_preposition(lex, match, tokens, alt) \
            or _plan_expression_word(lex, match, tokens, alt) \
            or _plan_phrase_verb(lex, match, tokens, alt) or _plan_phrase_swap(lex, match, tokens, alt) \
            or _plan_kept_prefix(lex, match, tokens, alt)
        if modal is not None:
            return modal
        contiguous = list(match.tokens) == list(range(match.tokens[0], match.tokens[-1] + 1))
        if not contiguous:
            return None  # "wij stellen u in de gelegenheid": only a suggestion in the report, no edit
        verbs = any(w in lex.verbs for w in e.phrase.lower().split())
        exact = [tokens[k].lower for k in match.tokens] == e.phrase.lower().split()  # nothing to re-inflect
        ok = exact or not verbs
        lo_c, _ = _clause_bounds(tokens, match.tokens[0])
        alt_first = alt.lower().split()[0]
        if ok and alt_first != first.lower and any(t.lower in AUX for t in tokens[lo_c:match.tokens[0]]) and any(
                alt_first in (v.ik, v.hij, v.past, v.past_pl, v.form("pl")) for v in lex.verbs.values()):
            ok = False   # "als die zijn opgenomen in" → "als die zijn staat in"
        nxt = tokens[match.tokens[-1] + 1] if match.tokens[-1] + 1 < len(tokens) else None
        noun = lex.entries.get(e.phrase.lower().split()[-1])
        if ok and noun is not None and noun.soort == "zn" and (last.pos == "ADJ" or last.dep == "amod") \
                and nxt is not None and nxt.pos in ("NOUN", "PROPN", "ADJ"):
            ok = False   # "deze bescheiden man" (modest) is no "deze papieren man": the noun of the expression is an
            # adjective here ("de betreffende persoon" → "die persoon" is no noun of its own, so it is not held back)
        if ok and {"is", "was"} & set(alt.lower().split()) and e.phrase.lower().split()[-1] in PREPOSITIONS \
                and not _singular_after(tokens, match.tokens[-1]):
            ok = False   # "Er is sprake van twee fouten" → "Er is twee fouten": the noun becomes the subject
        if ok and _verb_moves(lex, e.phrase, alt, tokens, match):
            ok = False   # "kunt u gebruik maken van de regeling" → "kunt u gebruiken de regeling"
        if ok and alt.lower().split()[-1] in PREPOSITIONS | {"om"} and e.phrase.lower().split()[-1] not in PREPOSITIONS \
                and not (match.tokens[-1] + 1 < len(tokens) and _opens_noun_phrase(tokens[match.tokens[-1] + 1])):
            ok = False   # "Het betreft uw aanvraag" → "Het gaat om uw aanvraag", not "Het gaat om hier een …"
        if ok and e.at_start and alt.lower() == "over" and not any(
                t.lower.startswith(_TOPIC_VERBS) for t in tokens[match.tokens[-1] + 1:]):
            ok = False   # "Met betrekking tot uw schulden is het nodig dat …" is not "Over uw schulden is het nodig"
        return Plan((_Change(first.start, last.end, _cap(alt, first.text)),), ok, alt)
    i = match.tokens[0]
    if e.soort == "bn" and len(match.tokens) == 1 and not _adjective_fits(tokens, i, alt, match.slot):
        return Plan((_Change(first.start, last.end, alt),), False, alt)   # "de nodige kosten", "een verschillende groep"
    if (e.soort == "bn" or first.pos == "ADJ") and len(match.tokens) == 1 and not e.before_law and _attributive(tokens, i) \
            and not _is_adjective(lex, alt):
        return Plan((_Change(first.start, last.end, alt),), False, alt)   # "als gezamenlijk doel" → "als samen doel"
    if e.soort == "bw" and alt.lower() == "zo" and i > 0 and tokens[i - 1].lower in ARTICLES:
        return Plan((_Change(first.start, last.end, alt),), False, alt)   # "een zodanig verzoek" is "zo'n verzoek"
    if alt.lower() in COORDINATORS and e.soort == "bw":
        # "echter" → "maar": a coordinator opens its clause; in the middle it says something else ("moet je maar")
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if i > 0 and tokens[i - 1].text not in (";", ":") and len(match.tokens) == 1:
            moved = _coordinator_to_front(tokens, i, alt)   # "Dit is echter niet zo" → "Maar dit is niet zo"
            if moved is not None:
                return moved
        if (i == 0 or tokens[i - 1].text in (";", ":")) and len(match.tokens) == 1 and nxt is not None \
                and nxt.pos in ("VERB", "AUX"):
            inverted = _subject_to_front(tokens, i, alt)   # "Echter heeft dit gevolgen" → "Maar dit heeft gevolgen"
            if inverted is not None:
                return inverted
        if i > 0 and tokens[i - 1].text not in (";", ":") or len(match.tokens) > 1 or \
                nxt is not None and nxt.pos in ("VERB", "AUX"):   # "Echter heeft dit" ≠ "Maar heeft dit"
            return Plan((_Change(first.start, last.end, alt),), False, alt)
        changes = [_Change(first.start, last.end, _cap(alt, first.text))]
        if i + 1 < len(tokens) and tokens[i + 1].text == ",":   # "Echter, u moet" → "Maar u moet"
            changes = [_Change(first.start, tokens[i + 1].end, _cap(alt, first.text))]
        return Plan(tuple(changes), True, alt)
    if e.soort == "vg" and alt.lower() in COORDINATORS and len(match.tokens) > 1 \
            and not _coordinates(tokens, match.tokens[0], match.tokens[-1]):
        return Plan((_Change(first.start, last.end, alt),), False, alt)   # "u moet dan wel bellen" ≠ "u moet of bellen"
    text = _cap(alt, first.text, abbreviation=e.soort == "afk", initial=match.tokens[0] == 0)
    if e.soort == "afk" and last.text.endswith(".") and match.tokens[-1] == len(tokens) - 1:
        text += "."  # "…, enz." at the end of a sentence keeps its full stop
    if i > 0 and tokens[i - 1].end == first.start and tokens[i - 1].text[-1:].isalnum() and text[:1].isalpha():
        text = " " + text  # "90%" → "90 procent"
    return Plan((_Change(first.start, last.end, text),), len(match.tokens) == 1 or
                list(match.tokens) == list(range(match.tokens[0], match.tokens[-1] + 1)), alt)


COORDINATORS = {"maar", "want", "en", "of"}
# "Over X" opening a sentence only says "met betrekking tot X" with a verb of telling, asking or deciding
# ("Over uw aanvraag hebben wij besloten …", "Over uw klacht hebben wij gesproken"); with other verbs it does not
# ("Met betrekking tot de kosten geldt …", "… is het nodig dat …"). Beginnings of those verb forms:
_TOPIC_VERBS = ("beslis", "beslot", "besluit", "meld", "informeer", "informeren", "geïnformeerd", "vertel", "zeg",
                "gezegd", "schrijf", "schreven", "schreef", "geschreven", "vraag", "vragen", "vroeg", "gevraagd",
                "praat", "praten", "gepraat", "spreek", "spreken", "sprak", "gesproken", "overleg", "weten", "lees",
                "lezen", "gelezen", "adviseer", "adviseren", "geadviseerd", "volgende", "afgesproken", "spreken")

# Plain adjectives that keep the meaning of the hard word only where it stands. "nodig" says the same as
# "noodzakelijk" after a copula ("dat is noodzakelijk" → "dat is nodig"), but before a noun "de nodige kosten"
# also means "quite some costs", and "niet noodzakelijk slecht" (not necessarily) is no "niet nodig slecht".
PREDICATIVE_ONLY = frozenset({"nodig"})
# "diverse activiteiten" are "verschillende activiteiten", but "een diverse groep" is a mixed group, not "een
# verschillende groep", and "de wijk is divers" is not "de wijk is verschillend": only before a plural noun.
PLURAL_ONLY = frozenset({"verschillend"})
COPULAS = frozenset({"is", "zijn", "was", "waren", "ben", "bent", "wordt", "worden", "werd", "werden", "lijkt", "lijken",
                     "blijkt", "blijken", "blijft", "blijven"})


def _adjective_fits(tokens: Sequence[Token], i: int, alt: str, slot: str) -> bool:
    """Whether a plain adjective in PREDICATIVE_ONLY / PLURAL_ONLY keeps the meaning at token i (others: True)."""
    word = alt.lower()
    if word in PREDICATIVE_ONLY:
        # a copula on it in the parse: "het is noodzakelijk dat …", "wanneer deze noodzakelijk zijn"
        if slot == "infl" or i + 1 < len(tokens) and tokens[i + 1].pos in ("ADJ", "ADV", "VERB", "NOUN"):
            return False   # "niet noodzakelijk slecht": an adverb of the next word
        # a copula on it in the parse, or right next to it: "het is noodzakelijk dat …", "wanneer deze
        # noodzakelijk zijn" (the parse does not always see the copula at the end of a subclause)
        return any(t.head == i and t.dep == "cop" for k, t in enumerate(tokens) if k != i) \
            or (i > 0 and tokens[i - 1].lower in COPULAS) or (i + 1 < len(tokens) and tokens[i + 1].lower in COPULAS) \
            or _closes_copula_clause(tokens, i)
    if word in PLURAL_ONLY:
        if slot != "infl" or (i > 0 and tokens[i - 1].lower in ("een", "geen")):
            return False
        k = i + 1
        while k < len(tokens) and k <= i + 2 and tokens[k].pos == "ADJ":
            k += 1    # "diverse nieuwe woningen"
        return k < len(tokens) and tokens[k].pos == "NOUN" and tokens[k].feature("Number") == "Plur"
    return True


def _closes_copula_clause(tokens: Sequence[Token], i: int) -> bool:
    """Whether the word at i ends a main clause whose only verb is a copula before it: "Daarom is een
    onderzoek naar de kosten noodzakelijk." (the parse does not always hang the copula on the adjective)."""
    if i + 1 < len(tokens) and tokens[i + 1].text not in (".", ",", ";", ":", "?", "!") \
            and tokens[i + 1].lower not in ("die", "dat", "om"):
        return False
    lo, _ = _clause_bounds(tokens, i)
    while lo > 1 and tokens[lo - 1].lower == "en":
        lo, _ = _clause_bounds(tokens, lo - 2)   # "is een onderzoek naar kabels en leidingen noodzakelijk"
    verbs = [k for k in range(lo, i) if tokens[k].pos in ("VERB", "AUX")]
    return len(verbs) == 1 and tokens[verbs[0]].lower in COPULAS and all(
        tokens[k].lower not in SUBORDINATORS for k in range(lo, verbs[0]))


# Pronouns that can be the whole subject right after an inverted finite verb ("Echter is er …", "… heeft dit …").
_SUBJECT_AFTER_VERB = frozenset({"dit", "dat", "het", "u", "wij", "we", "zij", "ze", "hij", "er", "men", "je", "jij",
                                 "ik", "jullie"})


def _subject_to_front(tokens: Sequence[Token], i: int, alt: str) -> Plan | None:
    """An adverb that becomes a coordinator before an inverted verb: after "maar" the subject comes first again.
    "Echter heeft dit gevolgen" → "Maar dit heeft gevolgen", "Echter is er geen geld" → "Maar er is geen geld".
    Only when the subject is one pronoun right after a finite verb; else None (a longer subject is left alone)."""
    if i + 2 >= len(tokens):
        return None
    verb, subj = tokens[i + 1], tokens[i + 2]
    if verb.feature("VerbForm") not in (None, "Fin") or subj.lower not in _SUBJECT_AFTER_VERB:
        return None
    if subj.lower != "er" and not (subj.dep in ("nsubj", "nsubj:pass", "expl") and i + 1 in (subj.head, verb.head)
                                   or subj.dep in ("nsubj", "nsubj:pass", "expl") and verb.head == subj.head):
        return None   # "Echter heeft dit huis een tuin": "dit" is no subject of its own, the parse says
    head = tokens[i].text
    text = f"{_cap(alt, head)} {subj.text} {verb.text[:1].lower() + verb.text[1:]}"
    return Plan((_Change(tokens[i].start, subj.end, text),), True, alt)


def _coordinator_to_front(tokens: Sequence[Token], i: int, alt: str) -> Plan | None:
    """Move an adverb that becomes a coordinator to the front of its sentence: "Dit is echter niet mogelijk" →
    "Maar dit is niet mogelijk", "Als u echter niet betaalt, …" → "Maar als u niet betaalt, …".

    Only in the first clause of the sentence (no comma, bracket or conjunction before it), when the sentence
    opens with a capital word; else None (the word stays a suggestion)."""
    first = tokens[0]
    if not first.is_word or not first.text[:1].isupper() or tokens[i - 1].text == ",":
        return None
    if i + 1 < len(tokens) and tokens[i + 1].text == ",":
        return None   # "Dit is echter, zoals u weet, …": leave the commas to a person
    for k in range(1, i):
        t = tokens[k]
        if not t.is_word or t.lower in COORDINATORS or t.lower in SUBORDINATORS or t.pos in ("CCONJ", "SCONJ"):
            return None   # not the first clause, or inside a subclause that does not open the sentence
    if first.lower in COORDINATORS or first.pos in ("PROPN", "") or first.kind is not None:
        return None       # "En dit is echter …"; a name (or a word the tagger takes for one) keeps its capital
    head = first.text if first.text.isupper() and len(first.text) > 1 else first.text[:1].lower() + first.text[1:]
    changes = (_Change(first.start, first.end, f"{alt[:1].upper()}{alt[1:]} {head}"),
               _Change(tokens[i - 1].end, tokens[i].end, ""))
    return Plan(changes, True, alt)


# Words that stand before "te" as the separable part of the verb ("in te vullen"), not as a preposition.
_PARTICLES = frozenset({"aan", "af", "bij", "door", "in", "mee", "na", "op", "over", "toe", "uit", "terug", "voor",
                        "weg", "samen", "vast", "tegen", "langs", "neer", "open", "dicht", "vrij", "thuis", "binnen",
                        "buiten", "voort", "achter", "rond", "los", "kwijt", "bekend", "goed", "stop", "klaar"})
_TE_BREAKS = {"om", "zonder", "door", "dat", "die", "omdat", "zodat", "als", "wanneer", "indien", "want", "maar"}


def _plan_modal_te(lex: Lexicon, match: Match, tokens: Sequence[Token], alt: str) -> Plan | None:
    """"dienen te" → "moeten": the verb becomes the modal and "te" goes ("U dient het formulier in te vullen"
    → "U moet het formulier invullen", "dat u … dient te betalen" → "dat u … moet betalen").

    Returns None when the expression is not "<verb> te" with a modal as its plain alternative. The plan is
    only ok when the verb is finite or an infinitive, "te" follows it in its clause with an infinitive right
    after, and no second "te" in the sentence still hangs on the verb ("in te vullen en op te sturen")."""
    words = match.entry.phrase.lower().split()
    target = lex.verbs.get(alt.lower())
    if len(words) != 2 or words[1] != "te" or alt.lower() not in BARE_MODALS or target is None:
        return None
    source = lex.verbs.get(words[0])
    if source is None:
        return None
    v = next((k for k in match.tokens if tokens[k].lower != "te"), None)
    t = next((k for k in match.tokens if tokens[k].lower == "te"), None)
    if v is None or t is None:
        return None
    verb = tokens[v]
    shown = target.infinitive
    bad = Plan((_Change(verb.start, verb.end, alt),), False, shown)
    form = verb.lower
    slot = {source.hij: "hij", source.ik: "ik", source.past: "past", source.past_pl: "past_pl",
            source.infinitive: "pl"}.get(form)
    if slot is None or t < v or t + 1 >= len(tokens):
        return bad
    inf = tokens[t + 1]
    if not inf.text.isalpha() or not (inf.pos in ("VERB", "AUX") or inf.lower.endswith("en")) \
            or inf.feature("VerbForm") not in (None, "Inf"):
        return bad
    if any(tokens[k].lower in _TE_BREAKS or tokens[k].text in (",", ";", ":", "(", ")") for k in range(v + 1, t)):
        return bad    # "dient als voorbeeld om … te": another clause holds the "te"
    for k in range(t + 2, len(tokens)):
        if tokens[k].lower in _TE_BREAKS:
            break
        if tokens[k].lower == "te":
            return bad    # "in te vullen en op te sturen": the second "te" would stay
    finite = target.form(slot)
    changes = [_Change(verb.start, verb.end, _cap(finite, verb.text))]
    part = tokens[t - 1]
    glued = part.lower + inf.lower
    if t - 1 > v and (part.lower in _PARTICLES or part.dep == "compound:prt"):
        if glued in lex.verbs or _known_verb(glued):
            changes.append(_Change(part.start, inf.end, part.text + inf.text))   # "in te vullen" → "invullen"
        elif part.dep == "compound:prt":
            return bad    # the parse has a separable part, but we do not know the joined verb
        else:
            changes.append(_Change(tokens[t].start, inf.start, ""))   # "er rekening mee te houden"
    else:
        changes.append(_Change(tokens[t].start, inf.start, ""))
    return Plan(tuple(changes), True, finite)


def _plan_expression_verb(lex: Lexicon, match: Match, tokens: Sequence[Token], alt: str) -> Plan | None:
    """An expression that only narrows a verb by its object: "woningen realiseren" → "woningen bouwen". Only
    the verb changes, re-inflected wherever it stands ("er worden 200 woningen gerealiseerd" → "gebouwd").

    Returns None when the expression and its alternative differ in more than one verb (or the verbs have a
    separable part). The plan is only ok when the parse makes the noun the object or subject of that verb
    (so "wij realiseren een park bij de woningen" is left alone)."""
    hard, plain = match.entry.phrase.lower().split(), alt.lower().split()
    if len(hard) != len(plain):
        return None
    diff = [k for k in range(len(hard)) if hard[k] != plain[k]]
    if len(diff) != 1 or hard[diff[0]] not in lex.verbs or plain[diff[0]] not in lex.verbs:
        return None
    source, target = lex.verbs[hard[diff[0]]], lex.verbs[plain[diff[0]]]
    separable = bool(source.particle or target.particle)
    if separable and not (source.joined and (target.joined or not target.particle)):
        return None
    # the verb is the token that is a form of it ("de kosten voldoen": "kosten" is a verb too, but a fixed word here)
    forms = {source.infinitive, source.ik, source.hij, source.past, source.past_pl, source.participle, source.ik + "t"}
    v = next((k for k in match.tokens if tokens[k].lower in forms and tokens[k].lower not in hard[:diff[0]]
              + hard[diff[0] + 1:]), None)
    if v is None:
        v = next((k for k in match.tokens if tokens[k].lower not in hard or tokens[k].lower in lex.verbs
                  and tokens[k].lower == hard[diff[0]]), None)
    if v is None:
        return None
    fixed = [k for k in match.tokens if k != v and tokens[k].lower in hard]
    verb = tokens[v]
    bad = Plan((_Change(verb.start, verb.end, target.infinitive),), False, target.infinitive)
    verb_match = Match(match.entry, (v,), "expr_verb")
    if separable:
        part = [k for k in match.tokens if k != v and tokens[k].lower == source.particle and tokens[k].lower not in hard]
        if part and verb.lower in _BARE_SLOTS(source):
            # "wij kennen u bijstand toe" → "wij geven u bijstand", "toe te kennen" → "te geven"
            j = part[0]
            if j == v - 2 and tokens[v - 1].lower == "te":
                verb_match = Match(match.entry, (j, v - 1, v), "te_inf")
            elif j > v:
                verb_match = Match(match.entry, (v, j), _BARE_SLOTS(source)[verb.lower] + "_split")
            else:
                return bad
        elif part or len(match.tokens) != len(fixed) + 1 + len(part) or verb.lower not in (source.participle, source.infinitive) \
                or verb.lower == source.participle and not any(t.lower in AUX for t in tokens):
            # a participle in one word after an auxiliary ("uw aanvraag is toegekend" → "goedgekeurd") or the
            # infinitive ("de stukken te overleggen" → "in te leveren"); else a suggestion
            return bad
    lo, hi = _clause_bounds(tokens, v)
    other = _OTHER_SENSE.get(source.infinitive)
    if other and any(t.lower == other for t in tokens[lo:hi]):
        return bad   # "de stukken met uw klantmanager overleggen": to talk them over, not to hand them in
    if any(t.lower in _WORDING.get(source.infinitive, ()) for t in tokens[lo:hi]):
        return bad   # "de voorwaarden anders formuleren": to word them, not to set them
    if not verb.dep or any(not (_depends_on(tokens, k, v) or _marks_complement(tokens, k, v))
                           for k in fixed if tokens[k].lower not in DETERMINERS):
        return bad   # the noun is the verb's object or subject ("een kopie overleggen": the article hangs on the noun)
    plan = _plan_verb(lex, verb_match, tokens, target.infinitive, source)
    return plan if plan is not None else bad


def _BARE_SLOTS(verb: Verb) -> dict[str, str]:
    """The finite forms of a separable verb without its part, and their slots: kent → hij, kennen → pl."""
    return {verb.form("pl"): "pl", verb.past_pl: "past_pl", verb.past: "past", verb.ik: "ik", verb.ik + "t": "hij",
            verb.hij: "hij"}


def _opens_noun_phrase(tok: Token) -> bool:
    """Whether a token can open the noun phrase after a preposition: an article or possessive, a number, an
    amount or date, a name."""
    return tok.lower in DETERMINERS or tok.lower in ("alle", "beide") or tok.kind is not None \
        or tok.text[:1].isdigit() or tok.pos in ("DET", "NUM", "PROPN", "PRON")


def _plan_expression_word(lex: Lexicon, match: Match, tokens: Sequence[Token], alt: str) -> Plan | None:
    """An expression with a verb whose alternative differs in one other word only: "nader informeren" →
    "verder informeren". Only that word changes, wherever the verb stands and whatever its form ("u wordt
    hierover nader geïnformeerd" → "verder geïnformeerd"). None when the expression is not of that shape."""
    hard, plain = match.entry.phrase.lower().split(), alt.lower().split()
    if len(hard) != len(plain) or not any(w in lex.verbs for w in hard):
        return None
    diff = [k for k in range(len(hard)) if hard[k] != plain[k]]
    if len(diff) != 1 or hard[diff[0]] in lex.verbs or plain[diff[0]] in lex.verbs:
        return None
    k = next((k for k in match.tokens if tokens[k].lower == hard[diff[0]]), None)
    if k is None:
        return None
    tok = tokens[k]
    return Plan((_Change(tok.start, tok.end, _cap(plain[diff[0]], tok.text)),), True, plain[diff[0]])


_MORE_SUBORDINATORS = frozenset({"nu", "aangezien", "hoewel", "zodra", "sinds", "totdat", "opdat", "doordat", "mits"})


def _plan_phrase_verb(lex: Lexicon, match: Match, tokens: Sequence[Token], alt: str) -> Plan | None:
    """An expression with one verb whose alternative is one verb: "van mening zijn" → "vinden". Where the words
    stand together with the verb first (a main clause: "Wij zijn van mening dat" → "Wij vinden dat") or last (a
    subclause or an infinitive: "omdat wij van mening zijn" → "omdat wij vinden", "wij zullen een beslissing
    nemen" → "wij zullen beslissen"), the whole expression becomes the verb, inflected like the old one.

    Returns None when the expression is not of that shape. A participle ("hebben … genomen"), words that do not
    stand together, or a separable new verb first in a main clause ("gaat … door") are left as a suggestion."""
    hard, plain = match.entry.phrase.lower().split(), alt.lower().split()
    verbs = [w for w in hard if w in lex.verbs]
    if len(plain) != 1 or plain[0] not in lex.verbs or len(verbs) != 1 or len(hard) < 2:
        return None
    source, target = lex.verbs[verbs[0]], lex.verbs[plain[0]]
    first, last = tokens[match.tokens[0]], tokens[match.tokens[-1]]
    bad = Plan((_Change(first.start, last.end, alt),), False, alt)
    if list(match.tokens) != list(range(match.tokens[0], match.tokens[-1] + 1)):
        return bad
    p = source.particle if source.joined else ""
    slots = {p + source.past_pl: "past_pl", p + source.past: "past", p + source.ik: "ik", p + source.ik + "t": "hij",
             p + source.hij: "hij", source.infinitive: "inf"}
    verb_first = first.lower in slots and not (first.lower == hard[0] and hard[0] not in lex.verbs)
    verb_last = last.lower in slots and not (last.lower == hard[-1] and hard[-1] not in lex.verbs) and not verb_first
    if not (verb_first or verb_last) or (verb_first and p) \
            or (verb_first and _verb_moves(lex, match.entry.phrase, alt, tokens, match)):
        # "U moet beschikken over een paspoort" ≠ "U moet hebben een paspoort": the verb moves to the end
        return _plan_verb_to_end(lex, match, tokens, source, target) or bad
    if verb_first:
        i = match.tokens[0]
        if i > 0 and tokens[i - 1].lower in ("niet", "ook", "nog", "al", "wel", "echter", "dan"):
            return bad       # "… en u niet beschikt over": "niet" before the verb is subclause order
        for k in range(i - 1, -1, -1):
            t = tokens[k]
            if t.text in (",", ";", ":", "(", ")"):
                break
            if t.lower in SUBORDINATORS | _MORE_SUBORDINATORS or t.pos == "SCONJ":
                return bad   # "nu … en u beschikt over een bed": a subclause, its verb stands last
    word = first.lower if verb_first else last.lower
    slot = slots[word]
    if slot == "inf":
        if not any(t.lower in MODALS | AUX for t in tokens[:match.tokens[0]]):
            slot = "pl"    # "omdat wij van mening zijn": a plural, written like the infinitive
        text = target.infinitive if slot == "inf" else (target.particle if target.joined else "") + target.form("pl")
    elif target.particle and (verb_first or not target.joined):
        return bad         # "de activiteit vindt doorgang" → "gaat … door": the part would have to move
    else:
        text = (target.particle if target.joined else "") + target.form(slot)
    if verb_first and target.particle:
        return bad
    return Plan((_Change(first.start, last.end, _cap(text, first.text)),), True, text)


def _plan_phrase_swap(lex: Lexicon, match: Match, tokens: Sequence[Token], alt: str) -> Plan | None:
    """An expression of fixed words and a verb whose alternative is other fixed words and another verb: "in de
    gelegenheid stellen" → "de kans geven". The fixed words are replaced where they stand and the verb is
    re-inflected where it stands ("Wij stellen u in de gelegenheid te reageren" → "Wij geven u de kans te
    reageren", "dat wij u in de gelegenheid stellen" → "dat wij u de kans geven", "hebben … gesteld" →
    "hebben … gegeven").

    Returns None when the expression is not of that shape. A passive ("U wordt in de gelegenheid gesteld") has
    no right form with the new verb ("U wordt de kans gegeven" makes the reader the one who is given): left
    as a suggestion, and so is a verb that the plain verb cannot replace in its clause."""
    hard, plain = match.entry.phrase.lower().split(), alt.lower().split()
    if len(hard) < 3 or len(plain) < 2 or hard[-1] not in lex.verbs or plain[-1] not in lex.verbs \
            or any(w in lex.verbs for w in hard[:-1] + plain[:-1]) or hard[:-1] == plain[:-1]:
        return None
    source, target = lex.verbs[hard[-1]], lex.verbs[plain[-1]]
    if source.particle or target.particle:
        return None
    forms = _all_forms(source) - set(hard[:-1])
    v = next((k for k in match.tokens if tokens[k].lower in forms), None)
    fixed = [k for k in match.tokens if k != v]
    if v is None or len(fixed) != len(hard) - 1:
        return None
    first, last = tokens[fixed[0]], tokens[fixed[-1]]
    # no partial edit to offer ("U wordt de kans gesteld"): the finding in `check` is the suggestion; words that
    # stand together are offered whole, never applied ("het in de gelegenheid stellen van")
    together = list(match.tokens) == list(range(match.tokens[0], match.tokens[-1] + 1))
    bad = Plan((_Change(tokens[match.tokens[0]].start, tokens[match.tokens[-1]].end, alt),), False, alt) \
        if together else None
    if fixed != list(range(fixed[0], fixed[-1] + 1)) or [tokens[k].lower for k in fixed] != hard[:-1]:
        return bad
    lo, hi = _clause_bounds(tokens, v)
    words = {t.lower for t in tokens[min(lo, fixed[0]):max(hi, fixed[-1] + 1)]}
    if tokens[v].lower == source.participle and not words & HEBBEN:
        return bad       # a passive ("wordt … gesteld", "bent … gesteld")
    if fixed[0] > 0 and tokens[fixed[0] - 1].lower in ("het", "dit", "dat") and tokens[v].lower == source.infinitive:
        return bad       # a verb used as a noun: "het in de gelegenheid stellen van bewoners"
    verb = _plan_verb(lex, Match(match.entry, (v,), "expr_verb"), tokens, target.infinitive, source)
    if verb is None or not verb.ok:
        return bad
    change = _Change(first.start, last.end, _cap(" ".join(plain[:-1]), first.text))
    return Plan(tuple(sorted(verb.changes + (change,), key=lambda c: c.start)), True, alt)


_SENTENCE_END = frozenset({".", "?", "!"})


def _singular_after(tokens: Sequence[Token], j: int) -> bool:
    """Whether the noun phrase after token j is one singular thing, so a singular verb agrees with it once it is
    the subject: "een fout", "fraude", not "twee fouten", "fouten", "de huur en de kosten"."""
    hi = next((k for k in range(j + 1, len(tokens)) if tokens[k].text in (",", ";", ":", ".", "?", "!", "(")),
              len(tokens))
    if any(t.lower in ("en", "of", "alsmede", "paar", "aantal", "heleboel", "boel", "hoop", "reeks", "serie")
           for t in tokens[j + 1:hi]):
        return False   # "fraude en misbruik", "een paar fouten", "een aantal fouten"
    if j + 1 < hi and tokens[j + 1].lower in ("een", "één"):
        return True    # "een fout" (the tagger may call "fout" an adjective)
    for k in range(j + 1, hi):
        t = tokens[k]
        if t.lower in ("en", "of", "alsmede") or t.text[:1].isdigit() or (t.pos == "NUM" and t.lower not in ("een", "één")):
            return False
        if t.pos in ("NOUN", "PROPN"):
            return t.feature("Number") != "Plur"
    return False


def _plan_kept_prefix(lex: Lexicon, match: Match, tokens: Sequence[Token], alt: str) -> Plan | None:
    """"er sprake zijn van" → "er zijn" in a subclause: "als er sprake is van fraude, …" → "als er fraude is, …",
    "omdat er sprake is van een schuld." → "omdat er een schuld is.". The words the alternative shares at the
    front ("er") stay; the rest goes as in `_plan_verb_to_end`, and the noun, now the subject, must be one
    singular thing for "is" ("er sprake is van twee fouten" is left alone). None when not of that shape."""
    hard, plain = match.entry.phrase.lower().split(), alt.lower().split()
    keep = len(plain) - 1
    verbs = [w for w in hard if w in lex.verbs]
    if keep < 1 or plain[:keep] != hard[:keep] or plain[-1] not in lex.verbs or len(verbs) != 1 \
            or hard[-1] not in PREPOSITIONS or verbs[0] in hard[:keep + 1]:
        return None
    source, target = lex.verbs[verbs[0]], lex.verbs[plain[-1]]
    if list(match.tokens) != list(range(match.tokens[0], match.tokens[-1] + 1)) or len(match.tokens) != len(hard):
        return None
    return _plan_verb_to_end(lex, match, tokens, source, target, keep)


def _plan_verb_to_end(lex: Lexicon, match: Match, tokens: Sequence[Token], source: Verb, target: Verb,
                      keep: int = 0) -> Plan | None:
    """An expression that ends in a preposition and becomes one verb, where that verb must stand last: "Dan kunt
    u gebruik maken van de regeling." → "Dan kunt u de regeling gebruiken.", "Cliënten die gebruik maken van de
    bus." → "… die de bus gebruiken.", "U moet beschikken over een paspoort." → "U moet een paspoort hebben.".

    Only where it is certain: the words stand together, the verb is an infinitive after a modal, auxiliary or
    "te", or a finite verb in a subclause; what follows up to the end of the sentence is one stretch of words
    without a verb, comma or subclause (so the verb goes right before the full stop); nothing before the
    expression belongs to its noun ("optimaal gebruik", "geen gebruik") and "niet" does not stand right before
    it ("U kunt niet X gebruiken" puts "niet" in the wrong place). Else None."""
    hard = match.entry.phrase.lower().split()
    first, j = match.tokens[0], match.tokens[-1]
    if hard[-1] not in PREPOSITIONS or target.particle or first == 0 \
            or list(match.tokens) != list(range(first, j + 1)):
        return None
    end = len(tokens) - 1
    comma = next((k for k in range(j + 1, end) if tokens[k].text == ","), None)
    lo, _ = _clause_bounds(tokens, first)
    if comma is not None and lo == 1 and tokens[0].pos == "SCONJ" and tokens[comma + 1].pos in ("VERB", "AUX"):
        end = comma   # "Als u gebruik maakt van de regeling, betaalt u minder": the subclause opens the sentence
    if tokens[end].text not in _SENTENCE_END | {","} or end - j < 2 or end - j > 12:
        return None
    rest = tokens[j + 1:end]
    if not _opens_noun_phrase(rest[0]) and rest[0].pos not in ("NOUN", "ADJ") or any(
            t.pos in ("VERB", "AUX") or (t.kind is None and not t.text[:1].isalnum()) or t.lower in SUBORDINATORS
            or t.lower in ("niet", "te", "om") for t in rest):
        return None
    inside = set(match.tokens)
    if any(t.head in inside and k not in inside and tokens[t.head].lower in hard and tokens[t.head].lower
           not in lex.verbs and t.dep in ("det", "amod", "nummod", "advmod", "nmod", "compound")
           for k, t in enumerate(tokens[:first])) or tokens[first - 1].lower == "niet":
        return None   # "optimaal gebruik maken van", "geen gebruik maken van"
    v = next((k for k in match.tokens if tokens[k].lower not in hard or tokens[k].lower in lex.verbs), None)
    if v is None:
        return None
    form = tokens[v].lower
    governed = any(t.lower in MODALS | AUX for t in tokens[lo:first]) or tokens[first - 1].lower == "te"
    sub = lo > 0 and (tokens[lo - 1].lower in SUBORDINATORS or tokens[lo - 1].pos == "SCONJ")
    if form == source.infinitive and governed:
        text = target.infinitive
    elif sub and not governed:
        slot = {source.infinitive: "pl", source.hij: "hij", source.ik + "t": "hij", source.past: "past",
                source.past_pl: "past_pl"}.get(form)
        if slot is None:
            return None
        text = target.form(slot)
    else:
        return None
    if keep and (not _singular_after(tokens, j) if form in (source.hij, source.past) else True):
        return None   # the noun becomes the subject of "is": one singular thing only
    cut = match.tokens[keep]
    changes = (_Change(tokens[cut].start, rest[0].start, ""), _Change(rest[-1].end, rest[-1].end, " " + text))
    return Plan(changes, True, text)


def _plan_leading_verb(lex: Lexicon, match: Match, tokens: Sequence[Token], alt: str) -> Plan | None:
    """An expression that opens with a verb and whose alternative is another verb with the same words after it:
    "zijn opgenomen in de bijlage" → "staan in de bijlage" ("De regels zijn opgenomen in de bijlage" → "De regels
    staan in de bijlage", "die niet is opgenomen in de begroting" → "die niet staat in de begroting").

    Returns None when the expression is not of that shape. The plan is only ok when the words stand together
    in the order of the expression and the verb is finite or an infinitive ("moet zijn opgenomen in" → "moet
    staan in"); a participle ("is geweest") or a verb elsewhere in the clause is left as a suggestion."""
    hard, plain = match.entry.phrase.lower().split(), alt.lower().split()
    if len(hard) < 3 or len(plain) < 2 or hard[0] not in lex.verbs or plain[0] not in lex.verbs \
            or hard[0] == plain[0] or hard[-(len(plain) - 1):] != plain[1:] or len(plain) >= len(hard):
        return None
    source, target = lex.verbs[hard[0]], lex.verbs[plain[0]]
    if target.particle:
        return None
    first, last = tokens[match.tokens[0]], tokens[match.tokens[-1]]
    bad = Plan((_Change(first.start, last.end, alt),), False, alt)
    if list(match.tokens) != list(range(match.tokens[0], match.tokens[-1] + 1)) \
            or [tokens[k].lower for k in match.tokens[1:]] != hard[1:]:
        return bad
    slot = {source.ik: "ik", source.hij: "hij", source.ik + "t": "hij", source.past: "past",
            source.past_pl: "past_pl", source.infinitive: "pl"}.get(first.lower)
    if slot is None:
        return bad
    text = " ".join([target.form(slot)] + [tokens[k].text for k in match.tokens[len(hard) - len(plain) + 1:]])
    return Plan((_Change(first.start, last.end, _cap(text, first.text)),), True, text)


def _plan_verb_preposition(lex: Lexicon, match: Match, tokens: Sequence[Token], alt: str) -> Plan | None:
    """A verb with its preposition that becomes another verb with another preposition: "resulteren in" → "leiden
    tot" ("Dit resulteert in hogere kosten" → "Dit leidt tot hogere kosten", "zal resulteren in" → "zal leiden
    tot"). Only where the verb (finite or infinitive) stands right before its preposition, and that preposition
    comes once in the clause ("resulteert in de praktijk in …" is left alone: which "in" is the verb's?).
    Returns None when the expression is not of that shape."""
    hard, plain = match.entry.phrase.lower().split(), alt.lower().split()
    if len(hard) != 2 or len(plain) != 2 or hard[0] not in lex.verbs or plain[0] not in lex.verbs \
            or hard[1] not in PREPOSITIONS or plain[1] not in PREPOSITIONS or hard[1] == plain[1]:
        return None
    source, target = lex.verbs[hard[0]], lex.verbs[plain[0]]
    if source.particle or target.particle:
        return None
    first, last = tokens[match.tokens[0]], tokens[match.tokens[-1]]
    bad = Plan((_Change(first.start, last.end, alt),), False, alt)
    if match.tokens[-1] != match.tokens[0] + 1 or last.lower != hard[1]:
        return bad
    lo, hi = _clause_bounds(tokens, match.tokens[0])
    if sum(t.lower == hard[1] for t in tokens[lo:hi]) != 1:
        return bad
    slot = {source.ik: "ik", source.hij: "hij", source.ik + "t": "hij", source.past: "past",
            source.past_pl: "past_pl", source.infinitive: "pl"}.get(first.lower)
    if slot is None:
        return bad
    text = f"{target.form(slot)} {plain[1]}"
    return Plan((_Change(first.start, last.end, _cap(text, first.text)),), True, text)


# A verb whose other sense goes with this preposition: "stukken overleggen" is handing them in, "overleggen met"
# is talking them over; "de kosten voldoen" is paying them, "voldoen aan" is meeting (the rules).
_OTHER_SENSE = {"overleggen": "met", "voldoen": "aan"}


# A verb whose other sense (how something is worded) shows in an adverb of manner: "doelen formuleren" is setting
# goals ("stellen"), "de doelen anders / duidelijker formuleren" is wording them.
_WORDING = {"formuleren": frozenset({"anders", "opnieuw", "duidelijk", "duidelijker", "helder", "helderder", "scherp",
                                     "scherper", "concreet", "concreter", "kort", "korter", "beter", "zorgvuldig",
                                     "nauwkeurig", "nauwkeuriger", "ruim", "ruimer", "streng", "strenger", "zo",
                                     "eenvoudig", "eenvoudiger", "positief", "negatief", "algemeen", "algemener"})}


def _depends_on(tokens: Sequence[Token], k: int, v: int) -> bool:
    """Whether token k is the object or subject of the verb at v in the parse, also as a conjunct ("woningen en
    winkels realiseren") or through an auxiliary that the parse made the head."""
    seen = set()
    while k not in seen and 0 <= k < len(tokens):
        seen.add(k)
        t = tokens[k]
        if t.head == v and t.dep in ("obj", "nsubj", "nsubj:pass"):
            return True
        if t.dep != "conj" or t.head == k:
            return False
        k = t.head
    return False


def _marks_complement(tokens: Sequence[Token], k: int, v: int) -> bool:
    """Whether the preposition or "als" at k opens a phrase that the verb at v governs: "fungeert als buffer"
    (als → buffer → fungeert), not the conjunction of a clause ("Als de lift niet fungeert": als → fungeert)."""
    t = tokens[k]
    if t.lower not in PREPOSITIONS | {"als"} or t.dep not in ("case", "mark") or not k < t.head < len(tokens):
        return False
    return t.head != v and tokens[t.head].head == v


def _known_verb(word: str) -> bool:
    try:
        from eenvoudig.analysis.wordinfo import tables

        return bool(tables().known([word], "verb"))
    except Exception:  # noqa: BLE001 - without the word tables we cannot tell: not sure, so no
        return False
SUBORDINATORS = {"dat", "omdat", "als", "die", "zodat", "waardoor", "wanneer", "indien", "nadat", "voordat",
                 "terwijl", "tenzij", "welke", "waarin", "waarop", "waarmee", "of", "doordat", "zodra", "hoe", "wat",
                 "waarom", "waar", "wie", "waarvoor", "waaraan", "waarover", "waarbij", "waaruit"}
WH_WORDS = {"waarom", "hoe", "wat", "wie", "waar", "wanneer", "welke", "hoeveel", "waarvoor", "waarmee"}
PREPOSITIONS = {"van", "over", "op", "aan", "met", "naar", "voor", "om", "tot", "in", "uit", "bij", "tegen"}


# What may follow a word of each part of speech in a coordination "A dan wel B": B must be of the same kind.
_PARALLEL = {"NOUN": {"DET", "NOUN", "PROPN", "ADJ", "PRON"}, "PROPN": {"DET", "NOUN", "PROPN", "ADJ", "PRON"},
             "ADJ": {"ADJ"}, "ADP": {"ADP"}, "VERB": {"VERB"}, "NUM": {"NUM"}}


def _coordinates(tokens: Sequence[Token], i: int, j: int) -> bool:
    """Whether tokens i..j (a multiword conjunction such as "dan wel") join two words of the same kind:
    "de voorzitter dan wel het lid", "schriftelijk dan wel digitaal", "voorzitter- dan wel lidmaatschap",
    "wijzigen dan wel intrekken" — not "u moet dan wel bellen" or "u krijgt het geld dan wel later"."""
    if i == 0 or j + 1 >= len(tokens):
        return False
    prev, nxt = tokens[i - 1], tokens[j + 1]
    if prev.text.endswith("-") and len(prev.text) > 1 and nxt.is_word:
        return True   # "voorzitter- dan wel lidmaatschap"
    if not prev.pos or not nxt.pos:
        return False
    if prev.pos == "VERB" and (prev.feature("VerbForm") not in ("Inf", "Part") or nxt.feature("VerbForm") not in ("Inf", "Part")):
        return False  # "ik bel dan wel": a finite verb, no coordination
    if prev.pos in ("NOUN", "PROPN") and nxt.pos == "ADJ":
        # "beëindiging dan wel belangrijke uitbreiding", but not "het geld dan wel later"
        return j + 2 < len(tokens) and tokens[j + 2].pos == "NOUN"
    return nxt.pos in _PARALLEL.get(prev.pos, ())


def _attributive(tokens: Sequence[Token], i: int) -> bool:
    """Whether the word at i stands before the noun it describes ("als gezamenlijk doel")."""
    if i + 1 >= len(tokens):
        return False
    nxt = tokens[i + 1]
    if nxt.pos:
        return nxt.pos in ("NOUN", "PROPN") or (nxt.pos == "ADJ" and i + 2 < len(tokens) and tokens[i + 2].pos == "NOUN")
    return _before_noun(tokens, i)


def _is_adjective(lex: Lexicon, alt: str) -> bool:
    """Whether the alternative can stand before a noun: a known adjective (or a participle of a known verb)."""
    word = alt.lower().split()[-1]
    if word in lex.adjectives or any(v.participle == word for v in lex.verbs.values()):
        return True
    try:
        from eenvoudig.analysis.wordinfo import tables

        return bool(tables().known([word], "adj"))
    except Exception:  # noqa: BLE001 - without the word tables we cannot tell: not sure, so no
        return False


def _verb_moves(lex: Lexicon, hard: str, alt: str, tokens: Sequence[Token], match: Match) -> bool:
    """Whether the alternative of an expression ends in an infinitive where the expression ended in a
    preposition, in a clause with a modal, auxiliary or "te" before it and words after it: then the verb
    would have to move to the end of the clause ("kunt u gebruik maken van X" ≠ "kunt u gebruiken X")."""
    last_hard, last_alt = hard.lower().split()[-1], alt.lower().split()[-1]
    if last_hard not in PREPOSITIONS or last_alt in PREPOSITIONS:
        return False
    if not (last_alt in lex.verbs or last_alt.endswith("en")):
        return False
    j = match.tokens[-1]
    lo, hi = _clause_bounds(tokens, match.tokens[0])
    if j + 1 >= hi:
        return False     # nothing after it in the clause: the verb stays last
    if hard.lower().split()[0] not in lex.verbs and tokens[match.tokens[0]].lower == hard.lower().split()[0]:
        return True      # "gebruik maken van" in this order: the verb is at the end of its clause already
    # the verb first ("U maakt gebruik van X" → "U gebruikt X"): it moves only after a modal, auxiliary or "te"
    before = {t.lower for t in tokens[lo:match.tokens[0]]}
    sub = lo > 0 and tokens[lo - 1].lower in SUBORDINATORS   # "die beschikken over een tuin"
    return sub or bool(before & (MODALS | AUX)) or (match.tokens[0] > 0 and tokens[match.tokens[0] - 1].lower == "te")


def suggestions_for(lex: Lexicon, match: Match, sentence: Sentence) -> tuple[str, ...]:
    """Return the plain alternatives for a match, inflected to fit the sentence where we can."""
    out = []
    for alt in match.entry.eenvoudig:
        try:
            plan = plan_match(lex, match, sentence, alt)
        except (KeyError, IndexError, ValueError):
            plan = None
        text = plan.text if plan is not None and plan.ok else alt
        if text not in out:
            out.append(text)
    return tuple(out)


# ------------------------------------------------------------------------------------------ rewrite


def rewrite(analysis: Analysis | Document, config: Config | None = None, *, unsafe: bool = False,
            lexicon: Lexicon | None = None, review: bool = False) -> Rewrite:
    """Return the letter with safe lexicon swaps and checked structural edits applied (unsafe ones too
    when `unsafe`).

    `review` is for a person who accepts or rejects every change (the web page): like `unsafe`, and
    suggestion-only words (`veilig = nooit`) are applied too where the grammar works, so they can be offered.

    First the word swaps; then, on the parse of that text, the structural edits of
    `eenvoudig.rewriting.structure` (passive → active, split sentences, formulas, "wij", "u", digits),
    each checked by analysing the new sentence again. Every edit carries its place in the source, the
    text before and after, the rule id, its kind and whether it is safe. Suggestions that are not
    applied are kept in `edits` with `applied=False`.

    Like `check`, it takes a Document (from `eenvoudig.read` or `read_text`) too, and analyses it first;
    anything else raises TypeError.
    """
    if not isinstance(analysis, (Analysis, Document)):
        raise TypeError(f"rewrite() verwacht een Analysis (van eenvoudig.analyze) of een Document, geen "
                        f"{type(analysis).__name__}. Een tekst: eenvoudig.rewrite(eenvoudig.read_text(tekst)).")
    config = config or Config()
    if isinstance(analysis, Document):
        from eenvoudig.analysis import analyze

        analysis = analyze(analysis, config.backend)
    lex = lexicon or load_lexicon(config.lexicons)
    unsafe = unsafe or review
    doc = analysis.document
    edits: list[Edit] = []
    groups: list[list[Edit]] = []    # the edits of one swap ("deze bekendmaking" → "dit bericht"): all or none
    explained: set[str] = set()
    for s in analysis.sentences:
        if s.scope in ("meta", "closing", "salutation"):
            continue
        block = doc.blocks[s.block]
        for match in find_matches(lex, s.tokens):
            if not config.enabled(match.entry.rule_id):
                continue
            try:
                plan = plan_match(lex, match, s)
            except (KeyError, IndexError, ValueError):
                plan = None
            if plan is not None and plan.changes:
                safe = match.entry.veilig and plan.ok
                # veilig = nooit: never applied on its own, only offered to a person (review)
                apply = safe or (unsafe and plan.ok and (review or not match.entry.suggest_only))
                group = [_edit(doc, block, ch, match.entry.rule_id, safe, apply) for ch in plan.changes]
                unchanged = [block.text[ch.start:ch.end] == ch.after for ch in plan.changes]
                if any(e is None and not same for e, same in zip(group, unchanged)):
                    continue    # a part cannot be written in the source: all of the swap or none of it
                groups.append([e for e in group if e is not None])
            elif match.entry.uitleg and match.entry.categorie in ("juridisch", "jargon") \
                    and match.entry.moeilijk not in explained and not _inside_phrase(s.tokens, match.tokens[-1]):
                explained.add(match.entry.moeilijk)
                last = s.tokens[match.tokens[-1]]
                clause = _clause(match.entry.uitleg, match.entry.moeilijk)   # "dat u …" keeps "dat" (verb last)
                after = f" (dat betekent{' ' if clause.startswith('dat ') else ': '}{clause})"
                if after.strip() not in block.text[last.end:last.end + len(after) + 2]:
                    edit = _edit(doc, block, _Change(last.end, last.end, after), match.entry.rule_id, False,
                                 unsafe and (review or not match.entry.suggest_only))
                    if edit is not None:
                        edits.append(edit)
    edits = _without_overlaps(edits, groups)
    edits = _split_long(analysis, edits, config, unsafe, lex)
    applied = [e for e in edits if e.applied]
    text = apply_edits(doc.source, applied)
    return Rewrite(doc.source, text, tuple(edits), doc.path)


def _inside_phrase(tokens: Sequence[Token], i: int) -> bool:
    """Whether "(dat betekent: …)" after token i would break a noun phrase: "een integrale (…) en stadsbrede
    inventarisatie" — an adjective (or a word the parse puts before a noun) is explained nowhere."""
    tok = tokens[i]
    if tok.pos in ("ADJ", "DET", "NUM"):
        return True
    if i + 1 < len(tokens) and tokens[i + 1].text[:1] in "‘'\"“„":
        return True   # a name in quotes follows: "het bestemmingsplan ‘de Nieuwe Bijlmer’"
    return tok.dep in ("amod", "compound") and tok.head > i


def _clause(explanation: str, term: str = "") -> str:
    """Turn an explanation sentence into a clause for '(dat betekent: …)'."""
    text = explanation.strip().rstrip(".")
    # "Dit betekent: …" / "Kwijtschelding betekent dat …": keep what comes after, with "dat" (its verb stands last)
    m = re.match(r"^(?:\S+\s+){0,5}?betekent(?::|\s+(?=dat\s))?\s*", text)
    if m:
        text = text[m.end():]
    elif term:
        # "Een maatwerkvoorziening is hulp die …": the term itself is not said again ("(dat betekent: hulp die …)")
        m = re.match(rf"^(?:(?:een|de|het)\s+)?{re.escape(term)}\s+(?:is|zijn)\s+(?=\S)", text, re.I)
        if m:
            text = text[m.end():]
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


def _edit(doc, block, ch: _Change, rule: str, safe: bool, applied: bool) -> Edit | None:
    """Map a block-text change to the source; None when the span is not one contiguous source stretch."""
    start = block.source_offset(ch.start)
    if ch.end > ch.start:
        end = block.source_offset(ch.end - 1) + 1
        if end - start != ch.end - ch.start:
            return None  # markup inside the span: leave it alone
    else:
        end = start
    before = doc.source[start:end]
    if before == ch.after:
        return None
    line, col = doc.position(start)
    return Edit(start, end, before, ch.after, rule, safe, applied, line, col)


def _without_overlaps(edits: list[Edit], groups: Sequence[Sequence[Edit]] = ()) -> list[Edit]:
    """Keep the edits that do not overlap one kept before; a group (the edits of one swap) is kept whole or
    not at all, so "deze bekendmaking" never becomes "deze bericht" and "vindt … plaats" never loses a part."""
    units = [[e] for e in edits] + [list(g) for g in groups if g]
    out: list[Edit] = []
    kept: list[tuple[int, int]] = []    # (start, end) of the kept edits, sorted: they never overlap, so the
                                        # ends are sorted too and only the last one starting before e.end counts

    def clash(e: Edit) -> bool:
        k = bisect_left(kept, (e.end, -1))
        return k > 0 and kept[k - 1][1] > e.start and kept[k - 1][0] < e.end

    for unit in sorted(units, key=lambda u: (min(e.start for e in u), min(e.end for e in u))):
        if any(clash(e) for e in unit):
            continue
        out.extend(unit)
        for e in unit:
            insort(kept, (e.start, e.end))
    return sorted(out, key=lambda e: (e.start, e.end))


def _free(taken: Sequence[tuple[int, int]], a: int, b: int) -> bool:
    """Whether [a, b) (or the point a, when a == b) overlaps none of the sorted ranges `taken`, which never
    overlap each other, so their ends are sorted too: only the last range that starts before b can overlap."""
    k = bisect_left(taken, (b, -1))
    return not (k > 0 and taken[k - 1][1] > a)


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    """Return `text` with the edits applied (they must not overlap)."""
    parts = []
    pos = 0
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        parts.append(text[pos:e.start])
        parts.append(e.after)
        pos = e.end
    parts.append(text[pos:])
    return "".join(parts)


def _split_long(analysis: Analysis, edits: list[Edit], config: Config, unsafe: bool, lex: Lexicon) -> list[Edit]:
    """Add the structural edits (see `eenvoudig.rewriting.structure`) on top of the word edits.

    A structural edit that covers a word edit takes it in: one edit from the original text to the end
    result. Suggestions that would overlap an applied edit are left out.
    """
    from eenvoudig.checks import rule_data
    from eenvoudig.rewriting.structure import restructure

    doc = analysis.document
    applied = [e for e in edits if e.applied]
    split_min = int(config.threshold_overrides("zin.lang").get("warning", rule_data()["zin"]["lang"]["warning"]))
    outcome = restructure(analysis, applied, unsafe=unsafe, lex=lex, enabled=config.enabled, split_min=split_min)
    out: list[Edit] = []
    for p in outcome.pieces:
        if not p.kinds:
            continue
        if p.edit is not None:
            out.append(p.edit)
            continue
        kind = min(p.kinds, key=KIND_ORDER.index)   # the biggest change names a merged edit
        line, col = doc.position(p.start)
        out.append(Edit(p.start, p.end, doc.source[p.start:p.end], p.text, STRUCTURE_RULES[kind], p.safe, True,
                        line, col, kind))
    taken = sorted((e.start, e.end) for e in out)

    out += [e for e in edits if not e.applied and _free(taken, e.start, e.end)]
    for a, b, after, kind in outcome.suggestions:
        if _free(taken, a, b) and doc.source[a:b] != after:
            line, col = doc.position(a)
            out.append(Edit(a, b, doc.source[a:b], after, STRUCTURE_RULES[kind], False, False, line, col, kind))
    return sorted(out, key=lambda e: (e.start, e.end))


# ---------------------------------------------------------------------------------------------- docx


def docx_with_edits(data: bytes, edits: Sequence[Edit]) -> bytes:
    """Return a .docx with the edits written into its text; see `eenvoudig.rewriting.docx.edit_docx`."""
    from eenvoudig.rewriting.docx import edit_docx

    return edit_docx(data, edits).data
