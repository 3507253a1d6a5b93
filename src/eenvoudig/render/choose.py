"""Choosing at most one pictogram per sentence (the rules of `pictograms/README.md`).

1. multiword expressions first (longest first, consecutive tokens, surface form or any candidate lemma);
2. exact: a candidate lemma or the surface form equals a trigger; a separable verb whose particle ends
   the clause is joined (`vul … in` → `invullen`);
3. compound head, only when 2 found nothing for the token: a lemma ends in a trigger of at least 5
   letters and the rest (minus a linking s/e/en/-) is a known word; never for names;
4. drop matches listed in `niet`; the highest `prioriteit` wins, on a tie the earliest word.

Facts beat fixed emoji, which show a wrong date or time: a date in the sentence becomes a calendar with
that day and month (priority of the `datum` concept; with a deadline cue such as *uiterlijk* or *voor*
it becomes a deadline at the priority of `termijn`), a time becomes a clock with that time (`tijd`),
an amount becomes a badge such as `€ 25` (`geld`). No match means no picture: a wrong picture is worse
than none.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from eenvoudig.render.facts import Fact, sentence_facts
from eenvoudig.render.pictograms import (
    MIN_HEAD,
    NO_PICTURE,
    OVERRIDE,
    PARTS_OF_SPEECH,
    Concept,
    PictogramSet,
    find_overrides,
    load_pictograms,
    strip_overrides,
    suggest,
)

if TYPE_CHECKING:  # pragma: no cover
    from eenvoudig.analysis import Sentence, Token

NEGATION = "nee"                                 # the concept of 'niet', 'geen', 'nooit' …
GOOD_NEWS = "goed_nieuws"                        # a short sentence that denies a cost or a sanction
BANNED = "verboden"                              # "U mag geen …": a prohibition
MAY = frozenset({"mag", "mogen", "mocht", "mochten"})
CAN = frozenset({"kan", "kunt", "kunnen", "kon", "konden", "wil", "wilt", "willen", "wilde", "wilden"})
LOWER = frozenset({"verlagen", "verlaagd", "verlaagt", "verlaging", "korten", "gekort", "kort", "korting", "omlaag",
                   "verminderen", "verminderd", "vermindering", "lager", "minder"})
COSTS = frozenset({"kosten", "onkosten"})         # denied, good or bad news: "geen kosten" / "vergoeden de kosten niet"
MONEY_IN = "geld_krijgen"                        # "Wij betalen …": the reader gets money
FREE = "gratis"                                  # its picture is a price tag "€ 0": never beside an amount
WARNING = 90                                     # let_op, nood, gevaar, bezwaar: never dropped for a clause
NEGATION_MAX_WORDS = 15                          # Easy Read's longest sentence; longer: negation unclear
MIN_REST = 3                                     # shortest modifier in front of it
LINKS = ("en", "s", "e", "-")
PARTICLES = frozenset({"aan", "af", "bij", "door", "in", "mee", "na", "om", "op", "over", "terug", "toe", "uit", "kwijt",
                       "vast", "weg", "langs", "neer", "samen", "binnen", "thuis", "voor", "achter"})
CLAUSE_END = frozenset({".", "!", "?", ",", ";", ":", "en", "of", "maar", "want", "dan", "als", ")", "…"})
PREPOSITIONS = frozenset({"op", "bij", "via", "in", "met", "voor", "naar", "aan", "van", "tot", "binnen", "tussen",
                          "om", "uit", "over", "door", "onder", "zonder", "tegen", "vanaf", "vóór", "na"})
CLAUSE_BREAKS = frozenset({",", ";", ":", "en", "maar", "want", "of", "(", ")", "–"})
SUBORDINATORS = frozenset({"die", "dat", "wat", "welke", "als", "omdat", "zodat", "wanneer", "terwijl", "hoewel",
                           "indien", "doordat", "nadat", "voordat", "totdat", "zodra", "waarin", "waarmee",
                           "waarvoor", "waardoor", "waarop", "waaraan", "waarover", "waarna", "mits", "tenzij"})

# ------------------------------------------------------------------------------------------- matching


@dataclass(frozen=True, slots=True)
class Pictogram:
    """The picture chosen for one sentence and why."""

    concept: str                  # manifest concept id
    alt: str                      # Dutch alt text
    image: str                    # "openmoji:CODE", "svg:file.svg" or "feit:<kind>" (generated)
    trigger: str                  # the word, expression, fact or marker that chose it
    how: str                      # woord, samenstelling, uitdrukking, scheidbaar, feit, keuze
    priority: int = 0
    fact: Fact | None = None

    @property
    def generated(self) -> bool:
        return self.image.startswith("feit:")

    @property
    def openmoji(self) -> bool:
        """Return whether the picture is (or contains) an OpenMoji image."""
        return self.image.startswith("openmoji:") or (self.fact is not None and self.fact.kind == "termijn")

    def to_dict(self) -> dict:
        return {"concept": self.concept, "alt": self.alt, "image": self.image, "trigger": self.trigger,
                "how": self.how, "fact": self.fact.label if self.fact else None}


@dataclass(frozen=True, slots=True)
class _Match:
    concept: str
    position: int
    trigger: str
    how: str
    matched: str          # the lemma or form through which it matched (for `niet`)
    surface: str


def _known_words(words: Iterable[str]) -> set[str]:
    """Return the words that are common enough to be the first part of a compound."""
    words = {w for w in words if w}
    if not words:
        return set()
    from eenvoudig.analysis.wordinfo import tables

    t = tables()
    zipf = t.zipf(words)
    known = {w for w in words if zipf.get(w, 0.0) >= 2.5}
    for pos in ("noun", "verb", "adj"):
        known |= t.known(words - known, pos)
    return known


def _rests(lemma: str, trigger: str) -> list[str]:
    rest = lemma[: len(lemma) - len(trigger)]
    out = [rest] + [rest[: -len(link)] for link in LINKS if rest.endswith(link)]
    return [r for r in out if len(r) >= MIN_REST and r.replace("-", "").isalpha()]


def _forms(token: Token) -> tuple[str, ...]:
    low = token.text.lower()
    return (low, *(x for x in token.lemmas if x != low))


def match_concepts(sentence: Sentence, pictos: PictogramSet, *, skip: Iterable[str] = ()) -> list[_Match]:
    """Return every concept match in a sentence (before `niet` and priorities), following the README rules."""
    toks = sentence.tokens
    skip = {s.lower() for s in skip}
    usable = [not (t.kind not in (None, "naam", "getal") or (t.kind == "naam" and t.text.lower() in skip))
              for t in toks]
    # tokens inside a [picto:…] marker are not words of the sentence
    for m in OVERRIDE.finditer(sentence.text):
        a, b = sentence.start + m.start(), sentence.start + m.end()
        for i, t in enumerate(toks):
            if t.start < b and t.end > a:
                usable[i] = False
    forms = [_forms(t) for t in toks]
    first = next((i for i, t in enumerate(toks) if usable[i] and t.is_word), -1)
    if first > 0 and toks[first].kind == "naam":
        # the first word after a [picto:…] marker looks like a name to the analyser, but is not one
        from eenvoudig.analysis.wordinfo import tables

        low = toks[first].text.lower()
        forms[first] = (low, *(x for x in tables().lemmas([low]).get(low, ()) if x != low))
    used = [False] * len(toks)
    found: list[_Match] = []
    # 1. multiword expressions, longest first
    for i, t in enumerate(toks):
        if used[i] or not usable[i]:
            continue
        for head_form in forms[i]:
            hit = None
            for words, cid in pictos.multi.get(head_form, ()):
                n = len(words)
                if i + n > len(toks) or not all(usable[i + k] and not used[i + k] for k in range(n)):
                    continue
                if all(words[k] in forms[i + k] for k in range(1, n)):
                    hit = (words, cid)
                    break
            if hit:
                words, cid = hit
                for k in range(len(words)):
                    used[i + k] = True
                phrase = " ".join(words)
                found.append(_Match(cid, i, phrase, "uitdrukking", phrase,
                                    " ".join(x.text for x in toks[i:i + len(words)])))
                break
    # 2. separable verbs: "vul … in" → invullen, "op te sturen" → opsturen. A verb whose particle makes
    #    another verb ("werk … uit" → uitwerken) does not match as the bare verb (werk).
    exact_done = [False] * len(toks)
    blocked = [False] * len(toks)
    groups: list[tuple[int, list[int]]] = []        # (particle token, verb candidates nearest first)
    for j, p in enumerate(toks):
        if used[j] or not usable[j] or p.lower not in PARTICLES:
            continue
        if j + 2 < len(toks) and toks[j + 1].lower == "te" and usable[j + 2] and not used[j + 2]:
            groups.append((j, [j + 2]))
            continue
        if (toks[j + 1].lower if j + 1 < len(toks) else ".") not in CLAUSE_END | PREPOSITIONS:
            continue                                # "vraag dit aan op de website": aanvragen
        near: list[int] = []
        for i in range(j - 1, -1, -1):
            if toks[i].lower in CLAUSE_END:
                break
            if usable[i] and not used[i] and toks[i].is_word and toks[i].lower not in PARTICLES:
                near.append(i)
        groups.append((j, near))
    if groups:
        from eenvoudig.analysis.wordinfo import tables

        verbs = tables().verbs({toks[j].lower + lem for j, near in groups for i in near for lem in forms[i]})
        for j, near in groups:
            joined = {i: [toks[j].lower + lem for lem in forms[i]] for i in near}
            # the verb nearest the start of the clause first: in "Wij vorderen de te veel betaalde bijstand
            # van u terug" the particle belongs to "vorderen" (second place), not to the participle "betaalde"
            hit = next(((i, x) for i in reversed(near) for x in joined[i] if x in pictos.single), None)
            if hit:
                i, x = hit
                found.append(_Match(pictos.single[x], i, x, "scheidbaar", x, f"{toks[i].text} … {toks[j].text}"))
                exact_done[i] = used[j] = True
                continue
            verb = next((i for i in near if toks[i].content and any(x in verbs for x in joined[i])), None)
            if verb is not None:
                blocked[verb] = True                # "werk … uit" is uitwerken: not a picture of work
    # 3. exact words
    for i, t in enumerate(toks):
        if used[i] or not usable[i] or not t.is_word or blocked[i] or exact_done[i]:
            continue
        for form in forms[i]:
            if form in pictos.single:
                found.append(_Match(pictos.single[form], i, form, "woord", form, t.text))
                exact_done[i] = True
                break
    # 4. compound heads, only for words without an exact match
    candidates: list[tuple[int, str, str]] = []
    for i, t in enumerate(toks):
        if exact_done[i] or used[i] or not usable[i] or not t.is_word or blocked[i]:
            continue
        if (t.kind is not None and i != first) or (i != first and t.text[:1].isupper() and not t.text.isupper()):
            continue  # a name or a number: Harderwijk, Rabobank
        for lemma in forms[i]:
            for k in range(MIN_REST, len(lemma) - MIN_HEAD + 1):
                head = lemma[k:]
                if head in pictos.heads:
                    candidates.append((i, lemma, head))
                    break
    if candidates:
        known = _known_words(r for _, lemma, head in candidates for r in _rests(lemma, head))
        done: set[int] = set()
        for i, lemma, head in candidates:
            if i in done:
                continue
            if any(r in known for r in _rests(lemma, head)):
                found.append(_Match(pictos.heads[head], i, head, "samenstelling", lemma, toks[i].text))
                done.add(i)
    return found


def _allowed(m: _Match, pictos: PictogramSet, words: frozenset[str] = frozenset(),
             sentence: Sentence | None = None) -> bool:
    """Return whether a match counts: not listed in `niet`, the part of speech of `woordsoort` when the sentence
    was parsed ("Heeft u vragen?" is a question, "Wij vragen u …" a request), and with one of its `alleen_met`
    words in the sentence."""
    concept = pictos.concepts[m.concept]
    if concept.niet and (m.surface.lower() in concept.niet or m.matched in concept.niet):
        return False
    if concept.woordsoort and sentence is not None and sentence.parsed and m.how == "woord" \
            and sentence.tokens[m.position].pos not in PARTS_OF_SPEECH[concept.woordsoort]:
        return False
    need = concept.alleen_met.get(m.trigger) or concept.alleen_met.get(m.matched)
    return not need or bool(need & words)


def _sentence_words(sentence: Sentence) -> frozenset[str]:
    """Return every surface form and candidate lemma in a sentence (and "bedrag" when it has an amount)."""
    out = {x for t in sentence.tokens for x in _forms(t)}
    if any(t.kind == "bedrag" for t in sentence.tokens):
        out.add("bedrag")
    return frozenset(out)


PAY_VERBS = frozenset({"betalen", "terugbetalen", "overmaken", "storten", "terugstorten"})
PAYERS = {"wij": True, "we": True, "gemeente": True, "college": True, "u": False, "jij": False, "je": False}


def _we_pay(sentence: Sentence, position: int) -> bool:
    """Return whether the municipality pays at the verb at `position`: "Wij betalen uw uitkering …", "betaalt de
    gemeente …". The payer stands right before or after the verb (an article may come between), so an
    attributive participle ("de te veel betaalde bijstand") never counts."""
    toks = sentence.tokens
    near = [k for k in (position - 1, position - 2, position + 1, position + 2) if 0 <= k < len(toks)]
    for k in near:
        word = toks[k].lower
        if word in PAYERS and (abs(k - position) == 1 or toks[(k + position) // 2].lower in ("de", "het")):
            return PAYERS[word]
    return False


def choose(sentence: Sentence, pictos: PictogramSet | None = None, *, override: str | None = None,
           skip: Iterable[str] = ()) -> tuple[Pictogram | None, list[str]]:
    """Choose at most one pictogram for a sentence; return it (or None) and Dutch warnings.

    `override` (or a `[picto:id]` marker in the sentence) names the concept to use; `geen` means no
    picture. `skip` lists names (from the salutation) that never trigger a concept.
    """
    pictos = pictos or load_pictograms()
    warnings: list[str] = []
    asked = [override.strip().lower()] if override else find_overrides(sentence.text)
    facts = sentence_facts(sentence)
    for wanted in asked[:1]:
        if wanted in NO_PICTURE:
            return None, warnings
        concept = pictos.get(wanted)
        if concept is None:
            shown = " ".join(strip_overrides(sentence.text).split())
            warnings.append(f"onbekend pictogram '{wanted}' bij de zin \"{_short(shown)}\"; eenvoudig kiest zelf."
                            + suggest(pictos, wanted))
            break
        return _with_fact(_from_concept(concept, f"[picto:{wanted}]", "keuze"), facts, pictos), warnings
    if len(asked) > 1:
        warnings.append(f"meer dan één [picto:…] in de zin \"{_short(sentence.text)}\"; alleen de eerste telt.")
    options: list[tuple[int, int, Pictogram]] = []
    words = _sentence_words(sentence)
    for m in match_concepts(sentence, pictos, skip=skip):
        if _allowed(m, pictos, words, sentence):
            c = pictos.concepts[m.concept]
            if m.matched in PAY_VERBS and (gets := pictos.get(MONEY_IN)) is not None and _we_pay(sentence, m.position):
                c = gets            # "Wij betalen uw uitkering …": the reader gets money, and pays nothing
            options.append((c.prioriteit, -m.position, _from_concept(c, m.surface, m.how)))
    if "bedrag" in facts:       # "bijstand gratis te geven van € 450": a price tag of € 0 would contradict it
        options = [o for o in options if o[2].concept != FREE]
    for pos, fact in facts.values():
        pic = _fact_picture(fact, pictos)
        if pic is not None:
            options.append((pic.priority, -pos, pic))
    options = _respect_negation(sentence, options, pictos)
    options = _lowered(sentence, options, pictos)
    options = _main_clause_first(sentence, options, pictos)
    if not options:
        return None, warnings
    best = max(options, key=lambda o: (o[0], o[1]))[2]
    return _with_fact(best, facts, pictos), warnings


def clauses(sentence: Sentence) -> list[tuple[int, bool]]:
    """Return (clause number, is a main clause) for every token, split at commas and conjunctions."""
    out: list[tuple[int, bool]] = []
    number, main = 0, True
    first = True
    for t in sentence.tokens:
        low = t.lower
        if low in CLAUSE_BREAKS or (low in SUBORDINATORS and not first):
            number += 1
            main = low not in SUBORDINATORS
        elif first and low in SUBORDINATORS and low not in ("dat", "die", "wat"):
            main = False          # "Als u niet betaalt, …": the sentence opens with a subordinate clause
        out.append((number, main))
        if t.is_word:
            first = False
    return out


def _respect_negation(sentence: Sentence, options: list[tuple[int, int, Pictogram]],
                      pictos: PictogramSet | None = None) -> list[tuple[int, int, Pictogram]]:
    """Drop pictures that a negation denies, show good news and bad news differently, and drop the cross where
    it would mislead.

    In a clause with 'niet', 'geen', 'nooit' … every picture ranked below the cross is dropped (the thing
    is denied: "U hoeft niets terug te betalen" must not show paying back), and so is every picture with a
    polarity, whatever its rank ("Er is geen gevaar" must not show danger). The cross stays only in the
    first main clause of a short sentence: in "kosten die u niet zelf kunt betalen", in "het plan gaat
    om de wijk en niet om het park" or in a 40-word sentence a cross would deny the wrong thing (a
    decision that gives money "om niet"). Where it stays, the polarity of what is denied decides: denying
    a cost or a sanction ("U krijgt geen boete") is good news and shows `goed_nieuws`; denying what the
    reader would get ("U krijgt geen bijstand") is bad news and keeps the red cross; denying both at once
    ("geen beslag op uw uitkering") shows nothing. Denied costs alone can be either ("Er zijn geen kosten
    voor u" is good news, "Wij vergoeden de kosten niet" bad news): nothing either.
    """
    negations = [o for o in options if o[2].concept == NEGATION]
    if not negations:
        return options
    rank = negations[0][0]
    where = clauses(sentence)
    denied = {where[-o[1]][0] for o in negations}
    short = len(sentence.words) <= NEGATION_MAX_WORDS
    first_main = next((c for (c, is_main), t in zip(where, sentence.tokens) if is_main and t.is_word), -1)
    kept, lost = [], set()
    for o in options:
        clause, _ = where[-o[1]]
        polarity = _polarity(o[2], pictos)
        if o[2].concept == NEGATION:
            if clause == first_main and short:
                kept.append(o)
        elif clause in denied and (o[0] <= rank or polarity):
            if clause == first_main and polarity:
                lost.add(polarity)
            elif clause == first_main and o[2].trigger.lower() in COSTS:
                lost.add("?")       # "geen kosten" is good news, "wij vergoeden de kosten niet" bad: unknown
        else:
            kept.append(o)
    cross = [o for o in kept if o[2].concept == NEGATION]
    if cross and pictos is not None and any(t.lower in MAY for t in sentence.tokens) and (ban := pictos.get(BANNED)):
        # "U mag geen nieuwe schulden maken": a prohibition, neither good nor bad news
        return [o for o in kept if o[2].concept != NEGATION and not (where[-o[1]][0] in denied and o[0] <= rank)] + [
            (ban.prioriteit, cross[0][1], _from_concept(ban, cross[0][2].trigger, "ontkenning"))]
    if lost - {"?"}:
        lost -= {"?"}           # "U hoeft geen kosten te betalen": paying decides
    if lost and pictos is not None:
        kept = [o for o in kept if o[2].concept != NEGATION]
        good = pictos.get(GOOD_NEWS)
        # only a plain statement is good news: "Kunt u niet alles betalen?" and "U kunt niet betalen" are not
        statement = not sentence.text.rstrip().endswith("?") and not any(t.lower in CAN for t in sentence.tokens)
        if lost == {"min"} and cross and good is not None and statement:
            kept.append((good.prioriteit, cross[0][1], _from_concept(good, cross[0][2].trigger, "ontkenning")))
        elif lost == {"plus"} or (lost == {"min"} and not statement):
            kept += cross
    return kept


def _polarity(pic: Pictogram, pictos: PictogramSet | None) -> str:
    """Return 'plus' (money or help coming in), 'min' (a cost or a sanction) or '' for a picture."""
    concept = pictos.get(pic.concept) if pictos is not None else None
    return concept.polariteit if concept is not None else ""


def _lowered(sentence: Sentence, options: list[tuple[int, int, Pictogram]],
             pictos: PictogramSet) -> list[tuple[int, int, Pictogram]]:
    """Drop a 'plus' picture (money or help coming in) from a clause that lowers it: in "Wij hebben besloten uw
    bijstand te verlagen" the hand receiving money would say the opposite of the message."""
    where = clauses(sentence)
    lowered = {where[k][0] for k, t in enumerate(sentence.tokens) if t.lower in LOWER}
    if not lowered:
        return options
    return [o for o in options if not (where[-o[1]][0] in lowered and _polarity(o[2], pictos) == "plus")]


def _main_clause_first(sentence: Sentence, options: list[tuple[int, int, Pictogram]],
                       pictos: PictogramSet) -> list[tuple[int, int, Pictogram]]:
    """Drop a polar picture (money in, money out, a sanction) found only in a subordinate clause when the main
    clause has a picture: in "… zodat wij uw recht op bijstand kunnen beoordelen" the sentence is not about
    getting money. Facts (dates, amounts) and warnings stay."""
    where = clauses(sentence)
    main = [o for o in options if where[-o[1]][1]]
    if not main:
        return options
    return [o for o in options if where[-o[1]][1] or o[2].fact is not None or o[0] >= WARNING
            or not _polarity(o[2], pictos)]


def _short(text: str, n: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def _from_concept(c: Concept, trigger: str, how: str) -> Pictogram:
    return Pictogram(c.id, c.alt, c.beeld, trigger, how, c.prioriteit)


FACT_CONCEPT = {"datum": "datum", "termijn": "termijn", "tijd": "tijd", "bedrag": "geld", "duur": "duur"}
# Concepts whose fixed picture stands for a fact: with that fact in the sentence, the real one is drawn.
# (`afspraak` is a calendar with a clock, so a calendar with the real date and time says the same, better.)
PLACEHOLDERS = {"datum": "datum", "kalender": "datum", "termijn": "datum", "afspraak": "datum", "tijd": "tijd",
                "geld": "bedrag", "duur": "duur"}


def _fact_picture(fact: Fact, pictos: PictogramSet, facts: Mapping[str, tuple[int, Fact]] | None = None) -> Pictogram | None:
    """Return the generated picture of a fact, at the priority of its concept (None if the concept is absent)."""
    concept = pictos.get(FACT_CONCEPT[fact.kind])
    if concept is None:
        return None
    if fact.kind in ("datum", "termijn") and facts and "tijd" in facts:
        t = facts["tijd"][1]
        fact = Fact(fact.kind, fact.text, fact.day, fact.month, fact.year, fact.weekday, t.time, t.hour, t.minute)
    prefix = {"datum": "Datum", "termijn": "Uiterlijk", "tijd": "Tijd", "bedrag": "Bedrag", "duur": "Hoe lang"}[fact.kind]
    label = fact.label
    alt = f"{prefix}: {label}" if fact.kind != "termijn" else f"{prefix} {label}"
    return Pictogram(concept.id, alt, f"feit:{fact.kind}", fact.text, "feit", concept.prioriteit, fact)


def _with_fact(pic: Pictogram, facts: Mapping[str, tuple[int, Fact]], pictos: PictogramSet) -> Pictogram:
    """Draw the real date, time or amount when the chosen concept is the placeholder for it."""
    if pic.fact is not None:
        return _fact_picture(pic.fact, pictos, facts) or pic
    wanted = PLACEHOLDERS.get(pic.concept)
    if wanted == "tijd" and "tijd" not in facts and "duur" in facts:
        wanted = "duur"             # "U krijgt 3 uur hulp": an amount of time, not 3 o'clock
    if wanted and wanted in facts:
        fact = facts[wanted][1]
        if pic.concept == "termijn" and fact.kind == "datum":
            fact = Fact("termijn", fact.text, fact.day, fact.month, fact.year, fact.weekday)
        gen = _fact_picture(fact, pictos, facts)
        if gen is not None and gen.fact is not None:
            alt = gen.alt if pic.concept in FACT_CONCEPT.values() else f"{pic.alt}: {gen.fact.label}"
            return Pictogram(pic.concept, alt, gen.image, pic.trigger, pic.how, pic.priority, gen.fact)
    if pic.concept == "datum":  # a date word without a date: a calendar without a (wrong) number
        return Pictogram(pic.concept, pic.alt, "feit:leeg", pic.trigger, pic.how, pic.priority, None)
    return pic


def letter_names(analysis) -> tuple[str, ...]:
    """Return the names in the salutation; they never trigger a pictogram."""
    from eenvoudig.analysis.spans import salutation_names

    names: list[str] = []
    for block in analysis.document.blocks:
        if block.scope == "salutation":
            for name in salutation_names(block.text):
                names += [name, *name.split()]
    return tuple(names)


def choose_all(analysis, pictos: PictogramSet | None = None, *,
               overrides: Mapping[int | str, str] | None = None) -> tuple[list[Pictogram | None], list[str]]:
    """Choose a pictogram for every sentence of an analysis; return them (None = no picture) and warnings.

    `overrides` maps a sentence (its index in `analysis.sentences`, or its text as shown) to a concept id.
    """
    pictos = pictos or load_pictograms()
    names = letter_names(analysis)
    out: list[Pictogram | None] = []
    warnings: list[str] = []
    wanted: dict[int, str] = {}
    sentences = analysis.sentences
    for i, s in enumerate(sentences):
        marks = find_overrides(s.text)
        if marks and not strip_overrides(s.text).strip(" .!?"):
            # a marker after the full stop ("Kom langs. [picto:bezoek]") belongs to the sentence before it
            target = i - 1 if i and sentences[i - 1].block == s.block else i + 1
            if 0 <= target < len(sentences):
                wanted.setdefault(target, marks[0])
    for key, value in (overrides or {}).items():
        if isinstance(key, int):
            wanted[key] = value
    by_text = {k: v for k, v in (overrides or {}).items() if isinstance(k, str)}
    for i, s in enumerate(sentences):
        shown = " ".join(strip_overrides(s.text).split())
        if s.scope == "meta" or not shown.strip(" .!?"):
            out.append(None)
            continue
        pic, w = choose(s, pictos, override=wanted.get(i) or by_text.get(shown), skip=names)
        out.append(pic)
        warnings += w
    return _without_repeats(out, sentences), warnings


def _without_repeats(pictures: list[Pictogram | None], sentences) -> list[Pictogram | None]:
    """Show a picture once in a run of sentences of one paragraph that all get it: six crossed arms beside
    the six sentences about an objection say nothing more than one (and beside "U moet het bezwaarschrift
    tekenen" read as "do not"). A picture asked for with [picto:…] and a fact (a date, an amount) stay."""
    out = list(pictures)
    for i in range(1, len(pictures)):
        pic, before = pictures[i], pictures[i - 1]
        if (pic is not None and before is not None and pic.how != "keuze" and not pic.generated
                and pic.image == before.image and sentences[i].block == sentences[i - 1].block):
            out[i] = None
    return out


def uses_openmoji(pictures: Sequence[Pictogram | None]) -> bool:
    """Return whether any chosen picture comes from OpenMoji (then the sheet needs the attribution)."""
    return any(p is not None and p.openmoji for p in pictures)
