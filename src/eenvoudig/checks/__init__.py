"""`check`: findings and a reading level for an analysed letter.

The rules are code that knows rule *types*; their ids, thresholds, word lists and Dutch messages are
data in `lexicon/regels.toml`. Each finding has a rule id, a severity, the place in the source file,
the sentence, a message and a "why" in plain Dutch, and suggestions where there are any.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from typing import Any, Iterable, Iterator, Sequence

from eenvoudig.analysis import Analysis, Sentence, Token, analyze
from eenvoudig.config import TARGETS, Config
from eenvoudig.document import Document, read_text
from eenvoudig.errors import DataError
from eenvoudig.lexicon import DETERMINERS as NOUN_PHRASE_STARTS
from eenvoudig.lexicon import Lexicon, Match, find_matches, load_lexicon
from eenvoudig.checks.score import Score, SentenceFacts, score

SEVERITIES = ("info", "warning", "error")
SCHEMA_VERSION = 1


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem in a letter, located in the source file."""

    rule: str
    severity: str
    line: int
    column: int
    end_line: int
    end_column: int
    message: str
    why: str = ""
    sentence: str = ""
    suggestions: tuple[str, ...] = ()
    block: int = -1          # block index and offsets in its text (-1: the whole document)
    start: int = 0
    end: int = 0

    def to_dict(self) -> dict:
        return {"rule": self.rule, "severity": self.severity, "line": self.line, "column": self.column,
                "end_line": self.end_line, "end_column": self.end_column, "message": self.message,
                "why": self.why, "sentence": self.sentence, "suggestions": list(self.suggestions)}


@dataclass(frozen=True)
class Report:
    """The result of `check`: the score and the findings of one document."""

    path: str
    score: Score
    findings: tuple[Finding, ...]
    analysis: Analysis = field(repr=False, compare=False)
    facts: tuple[SentenceFacts, ...] = field(default=(), repr=False, compare=False)  # one per scored sentence

    def to_dict(self) -> dict:
        return {"path": self.path, "score": self.score.to_dict(), "findings": [f.to_dict() for f in self.findings],
                "sentences": self.sentence_levels()}

    def sentence_levels(self) -> list[dict]:
        """Return the level (1-4) of every scored sentence with its place, for highlighting."""
        out = []
        for s, level in zip(self.analysis.scored, self.score.sentence_levels):
            line, col = self.analysis.position(s.block, s.start)
            out.append({"line": line, "column": col, "level": level, "words": len(s.words),
                        "text": " ".join(s.text.split())})
        return out

    def fails(self, fail_on: str) -> bool:
        """Return whether any finding is at or above `fail_on` (info, warning, error; never: False)."""
        if fail_on == "never":
            return False
        floor = SEVERITIES.index(fail_on)
        return any(SEVERITIES.index(f.severity) >= floor for f in self.findings)

    def counts(self) -> dict[str, int]:
        return {s: sum(f.severity == s for f in self.findings) for s in SEVERITIES}


# ------------------------------------------------------------------------------------------- rules


SENTENCE_CACHE = 5000          # sentences whose check results are kept (see Lexicon.sentence_cache)
SENTENCE_CACHE_CHARS = 2000    # a longer sentence is not kept: its findings could fill the memory


@lru_cache(maxsize=1)
def rule_data() -> dict[str, Any]:
    """Return the rule table from lexicon/regels.toml."""
    f = resources.files("eenvoudig") / "lexicon" / "regels.toml"
    try:
        return tomllib.loads(f.read_text("utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise DataError(f"lexicon/regels.toml: fout in de TOML-opmaak ({exc}).") from None


def rule_ids() -> list[str]:
    """Return every rule id that `check` can report, including the lexicon categories."""
    data = rule_data()
    ids = []
    for family, table in data.items():
        if not isinstance(table, dict) or family in ("lexicon", "niveaus"):
            continue
        ids += [f"{family}.{name}" for name in table if isinstance(table[name], dict)]
    ids += [f"lexicon.{c}" for c in data["lexicon"]["namen"]]
    return sorted(ids)


def _rule(rule_id: str, config: Config) -> dict[str, Any]:
    family, name = rule_id.split(".", 1)
    table = dict(rule_data()[family][name])
    table.update(config.threshold_overrides(rule_id))
    return table


def _severity(value: float, rule: dict[str, Any], prefix: str = "") -> str | None:
    """Return the highest severity whose threshold (`warning`, `error`, `info`) `value` reaches."""
    for sev in ("error", "warning", "info"):
        limit = rule.get(prefix + sev)
        if limit is not None and value >= limit:
            return sev
    return None


def _flat(text: str) -> str:
    return " ".join(text.split())


class _Ctx:
    """Everything the rule functions share for one document."""

    def __init__(self, analysis: Analysis, config: Config, lexicon: Lexicon) -> None:
        self.analysis = analysis
        self.config = config
        self.lexicon = lexicon
        self.findings: list[Finding] = []
        self._rules: dict[str, dict[str, Any]] = {}
        self._enabled: dict[str, bool] = {}

    def rule(self, rule_id: str) -> dict[str, Any]:
        """Return a rule's data with the user's overrides (looked up once per document)."""
        if rule_id not in self._rules:
            self._rules[rule_id] = _rule(rule_id, self.config)
        return self._rules[rule_id]

    def enabled(self, rule_id: str) -> bool:
        if rule_id not in self._enabled:
            self._enabled[rule_id] = self.config.enabled(rule_id)
        return self._enabled[rule_id]

    def add(self, rule_id: str, severity: str | None, sentence: Sentence | None, start: int, end: int,
            message: str, suggestions: Iterable[str] = (), block: int | None = None) -> None:
        if severity is None or not self.enabled(rule_id):
            return
        data = self.rule(rule_id) if not rule_id.startswith("lexicon.") else {}
        why = data.get("waarom", "")
        if rule_id.startswith("lexicon."):
            why = rule_data()["lexicon"]["waarom"].get(rule_id.split(".", 1)[1], "")
        b = sentence.block if sentence is not None else block
        if b is None or b < 0:
            self.findings.append(Finding(rule_id, severity, 1, 1, 1, 1, message, why, "", tuple(suggestions)))
            return
        line, col = self.analysis.position(b, start)
        end_line, end_col = self.analysis.position(b, max(start, end - 1))
        self.findings.append(Finding(rule_id, severity, line, col, end_line, end_col + 1, message, why,
                                     _flat(sentence.text) if sentence is not None else "", tuple(suggestions),
                                     b, start, end))


# ---------------------------------------------------------------------------------- sentence rules


CLAUSE_BREAKS = {",", ";", ":", "(", ")", "–", "-", "dat", "omdat", "als", "indien", "wanneer", "of", "die",
                 "waarop", "waarin", "waarmee", "nadat", "voordat", "zodat", "terwijl", "tenzij", "doordat",
                 "maar", "en", "want", "zodra", "aangezien", "welke", "wat"}
PARTICIPLE_SHAPE = re.compile(
    r"^(?:(?:aan|af|bij|in|mee|na|om|op|over|terug|toe|uit|vast|voor|weg|door|neer|samen|tegen|binnen|buiten|"
    r"mede|vrij|kwijt|goed|plaats|teweeg|tot|dicht|open|los|klaar|kennis)?ge[a-zëïéèöü]{2,}(?:d|t|en)"
    r"|(?:be|ver|ont|her|er)[a-zëïéèöü]{2,}(?:d|t|en))$")


CLAUSE_RELATIONS = frozenset({"ccomp", "advcl", "acl", "acl:relcl", "parataxis", "csubj", "xcomp"})


def _parsed_clauses(sentence: Sentence) -> list[list[int]]:
    """Return the clauses of a parsed sentence: each token goes with the nearest head that opens a clause
    (the root, a subordinate or relative clause, or a verb joined by a conjunction)."""
    toks = sentence.tokens

    def opens(k: int) -> bool:
        t = toks[k]
        return t.head == k or t.dep in CLAUSE_RELATIONS or t.dep == "conj" and t.pos in ("VERB", "AUX")

    owner: list[int] = []
    for k in range(len(toks)):
        j, seen = k, 0
        while not opens(j) and 0 <= toks[j].head < len(toks) and seen < len(toks):
            j, seen = toks[j].head, seen + 1
        owner.append(j)
    groups: dict[int, list[int]] = {}
    for k, j in enumerate(owner):
        groups.setdefault(j, []).append(k)
    return sorted(groups.values(), key=lambda g: g[0])


def _clauses(tokens: Sequence[Token]) -> list[list[int]]:
    out: list[list[int]] = [[]]
    for i, t in enumerate(tokens):
        if t.lower in CLAUSE_BREAKS and out[-1]:
            out.append([])
        out[-1].append(i)
    return [c for c in out if c]


# Words after which a participle-shaped word is a noun (het besluit). Not 'ons', 'die', 'zijn': those are
# also pronouns or verbs ("door ons beoordeeld", "de brief die verstuurd is").
DETERMINERS = NOUN_PHRASE_STARTS - {"die", "dat", "ons", "zijn", "haar", "hun", "jouw", "zo'n"}


def _is_participle(tok: Token, previous: Token | None = None, nouns: frozenset[str] = frozenset()) -> bool:
    """A past participle: participle shape, a verb lemma, not a noun (het besluit, een bedrag)."""
    w = tok.lower
    if tok.kind is not None or not PARTICIPLE_SHAPE.match(w):
        return False
    if previous is not None and previous.lower in DETERMINERS:
        return False
    if w.endswith("en"):
        return True
    return w not in nouns and any(lem != w and lem.endswith("n") for lem in tok.lemmas)


def _known_nouns(sentence: Sentence, with_tables: bool) -> frozenset[str]:
    """Return the words of a sentence that spaCy's Dutch index knows as nouns (besluit, bedrag)."""
    if not with_tables:
        return frozenset()
    from eenvoudig.analysis.wordinfo import tables

    words = [t.lower for t in sentence.tokens if t.lower.endswith(("d", "t")) and PARTICIPLE_SHAPE.match(t.lower)]
    return frozenset(tables().known(words, "noun")) if words else frozenset()


def passives(sentence: Sentence, rule: dict[str, Any], with_tables: bool = True) -> list[tuple[int, int]]:
    """Return (auxiliary, participle) token index pairs of passive clauses in a sentence.

    With a parse (`Sentence.parsed`) see `_parsed_passives`; without one (the fast mode) clauses are split at
    punctuation and conjunctions: worden + participle is passive; zijn + participle too (perfect passive),
    unless the clause has a form of hebben, the verb makes its perfect with zijn (is verhuisd) or the
    participle names a state (is gesloten).
    """
    if sentence.parsed:
        return _parsed_passives(sentence, rule)
    return _heuristic_passives(sentence, rule, with_tables)


def _heuristic_passives(sentence: Sentence, rule: dict[str, Any], with_tables: bool) -> list[tuple[int, int]]:
    """The passive rule without a parse (see `passives`)."""
    worden, zijn, hebben = set(rule["hulp_worden"]), set(rule["hulp_zijn"]), set(rule["hulp_hebben"])
    zijn_verbs, state = set(rule["zijn_werkwoorden"]), set(rule["toestand"])
    toks = sentence.tokens
    nouns = _known_nouns(sentence, with_tables)
    found = []
    for clause in _clauses(toks):
        words = [toks[i].lower for i in clause]
        aux = next((i for i in clause if toks[i].lower in worden), None)
        kind = "worden"
        if aux is None:
            aux = next((i for i in clause if toks[i].lower in zijn
                        and not (toks[i].lower == "zijn" and i + 1 < len(toks) and toks[i + 1].content
                                 and not _is_participle(toks[i + 1], None, nouns))), None)
            kind = "zijn"
        if aux is None:
            continue
        if kind == "zijn" and any(w in hebben for w in words):
            continue
        for i in clause:
            if i == aux or not _is_participle(toks[i], toks[i - 1] if i else None, nouns):
                continue
            if kind == "zijn" and (toks[i].lower in state or toks[i].lower in zijn_verbs
                                   or any(lem in zijn_verbs for lem in toks[i].lemmas)):
                continue
            found.append((aux, i))
            break
    return found


_PASSIVE_AUX = ("aux:pass", "aux", "cop")


def _parsed_passives(sentence: Sentence, rule: dict[str, Any]) -> list[tuple[int, int]]:
    """Passives from the parse: a form of worden or zijn on a verb participle.

    1. The parse links the auxiliary to its participle (aux:pass, aux; a copula the parser attached to
       the participle too). worden + participle is always passive ("wordt gegeven", "moet worden
       betaald"). zijn + participle is passive unless the participle is a state ("is gesloten") or a verb
       that makes its perfect with zijn ("bent verhuisd", "is gebleken"; the lists in regels.toml), except
       with an agent ("is door de gemeente gesloten").
    2. Where the parse does not link them (the model attached "is" elsewhere), the clause heuristic of the
       fast mode is asked, but its participle must be one for the parse too: a VERB participle (not the
       noun "het besluit", the adjective "is bepalend" or the infinitive "is … te verwerken").
    Never a passive: a participle with a form of hebben ("heeft … gegeven"), zijn before an infinitive
    ("wij zijn er om u te helpen"), an adjective after zijn ("u bent verplicht").
    """
    worden, zijn, hebben = set(rule["hulp_worden"]), set(rule["hulp_zijn"]), set(rule["hulp_hebben"])
    zijn_verbs, state = set(rule["zijn_werkwoorden"]), set(rule["toestand"])
    toks = sentence.tokens

    def verb_participle(i: int) -> bool:
        t = toks[i]
        return t.kind is None and t.pos == "VERB" and _parsed_participle(sentence, i) \
            and not any(toks[c].lower in hebben and toks[c].dep == "aux" for c in sentence.children(i))

    def is_state(i: int) -> bool:
        t = toks[i]
        return (t.lower in state or bool({t.lower, *t.lemmas} & zijn_verbs)) and not _has_agent(sentence, i)

    found: dict[int, int] = {}          # participle → auxiliary
    for k, aux in enumerate(toks):
        i = aux.head
        if aux.dep not in _PASSIVE_AUX or (aux.lower not in worden and aux.lower not in zijn) \
                or not 0 <= i < len(toks) or i == k or i in found:
            continue
        if not verb_participle(i):
            continue
        if aux.lower in worden or not is_state(i):
            found[i] = k
    linked = set(found.values())
    for k, i in _heuristic_passives(sentence, rule, True):
        if i in found or k in linked or toks[k].head == k:
            continue
        if toks[k].pos not in ("AUX", "VERB") or 0 <= toks[k].head < len(toks) and toks[k].head != i \
                and toks[toks[k].head].pos in ("VERB", "AUX", "ADJ"):
            continue   # the parse puts this "is" with another verb or an adjective ("is bepalend")
        if any(toks[c].dep.startswith("aux") for c in sentence.children(i)):
            continue   # the parse gives this verb other auxiliaries ("waaraan … wilde besteden")
        if verb_participle(i) and (toks[k].lower in worden or not is_state(i)):
            found[i] = k
    return sorted((k, i) for i, k in found.items())


def _parsed_participle(sentence: Sentence, i: int) -> bool:
    """A past participle in a parsed sentence that has a form of worden or zijn: VerbForm=Part, or a
    participle shape that the tagger read as another form (ontvangen is also an infinitive, verstrekt also
    a present tense; a finite verb has no auxiliary). Never a present participle (is leidend), an
    infinitive with 'te' (is … te verwerken) or after an article (is het ontwikkelen van)."""
    toks = sentence.tokens
    t = toks[i]
    if t.feature("Tense") == "Pres" and t.feature("VerbForm") == "Part" or t.lower.endswith(("end", "ende")) and (
            not PARTICIPLE_SHAPE.match(t.lower) or any(t.lower in (lem + "d", lem + "de") for lem in t.lemmas)):
        return False
    if i > 0 and (toks[i - 1].lower in ("te", "het", "een") or toks[i - 1].lower in DETERMINERS):
        return False
    if t.feature("VerbForm") == "Part":
        return True
    # one finite auxiliary at most: "waaraan … wilde besteden" (waren, wilde) has an infinitive
    finite = sum(toks[c].feature("VerbForm") == "Fin" for c in sentence.children(i))
    return finite <= 1 and bool(PARTICIPLE_SHAPE.match(t.lower))


def _has_agent(sentence: Sentence, i: int) -> bool:
    """Whether the verb at i has an agent: 'door' hanging on it (or on its obl:agent) in the parse."""
    toks = sentence.tokens
    for c in sentence.children(i):
        if toks[c].lower == "door" and c + 1 < len(toks) and toks[c + 1].is_word:
            return True
        if toks[c].dep == "obl:agent" and any(toks[g].lower == "door" for g in sentence.children(c)):
            return True
    return False


def _sentence_rules(ctx: _Ctx, s: Sentence) -> tuple[bool, int]:
    """Run the per-sentence rules; return (has a passive, number of nominalisations)."""
    words = s.words
    n = len(words)
    rule = ctx.rule("zin.lang")
    if s.scope in ("paragraph", "list_item"):
        sev = _severity(n, rule)
        ctx.add("zin.lang", sev, s, s.start, s.end, rule["bericht"].format(n=n, max=rule["max"]))
        commas = sum(t.text == "," for t in s.tokens)
        rule = ctx.rule("zin.komma")
        ctx.add("zin.komma", _severity(commas, rule), s, s.start, s.end, rule["bericht"].format(n=commas))
        rule = ctx.rule("zin.bijzin-vooraan")
        if words and words[0].lower in set(rule["woorden"]):
            comma = next((i for i, t in enumerate(s.tokens) if t.text == ","), None)
            head = [t for t in s.tokens[:comma] if t.is_word] if comma is not None else []
            if head:
                end = s.tokens[comma - 1].end
                ctx.add("zin.bijzin-vooraan", _severity(len(head), rule), s, s.start, end,
                        rule["bericht"].format(n=len(head)))
    # passive
    rule = ctx.rule("stijl.lijdend")
    pairs = passives(s, rule, ctx.analysis.backend != "regex")
    for aux, part in pairs[:1]:
        a, b = s.tokens[aux], s.tokens[part]
        lo, hi = min(a.start, b.start), max(a.end, b.end)
        ctx.add("stijl.lijdend", _severity(1, rule), s, lo, hi,
                rule["bericht"].format(woord=f"{a.text} … {b.text}" if abs(aux - part) > 1 else _flat(s.text[lo - s.start:hi - s.start])))
    # nominalisations
    rule = ctx.rule("stijl.naamwoord")
    noms = _nominalisations(s, rule, ctx.analysis.backend != "regex")
    infinitive_style = any(i > 0 and s.tokens[i - 1].lower == "het" for i in noms
                           if s.tokens[i].lower.endswith("en") and i + 1 < len(s.tokens) and s.tokens[i + 1].lower == "van")
    if noms and (len(noms) >= rule["warning"] or infinitive_style):
        t0, t1 = s.tokens[noms[0]], s.tokens[noms[-1]]
        ctx.add("stijl.naamwoord", "warning", s, t0.start, t1.end,
                rule["bericht"].format(woord=", ".join(s.tokens[i].text for i in noms)))
    # negations
    rule = ctx.rule("stijl.ontkenning")
    words = set(rule["woorden"])
    negs: list[Token] = []
    # "Als u niet betaalt, krijgt u geen vergunning" is two clauses: from the parse, else at commas and conjunctions
    for clause in _parsed_clauses(s) if s.parsed else _clauses(s.tokens):
        found = [s.tokens[i] for i in clause if s.tokens[i].lower in words or
                 (s.tokens[i].content and any(s.tokens[i].lower.startswith(p) for p in rule["voorvoegsels"])
                  and _prefix_negation(s.tokens[i]))]
        if len(found) > len(negs):
            negs = found
    if len(negs) >= rule["warning"]:
        ctx.add("stijl.ontkenning", "warning", s, negs[0].start, negs[-1].end,
                rule["bericht"].format(woord=", ".join(t.text for t in negs)))
    # reader address: impersonal and third person
    rule = ctx.rule("lezer.aanspreken")
    for t in s.tokens:
        if t.lower in set(rule["onpersoonlijk"]):
            ctx.add("lezer.aanspreken", "warning", s, t.start, t.end, rule["bericht_men"])
    low = " ".join(t.lower for t in s.tokens)
    m = _third_person(tuple(rule["derde_persoon"])).search(low)
    if m:
        phrase = m.group()
        first = len(low[:m.start()].split())
        last = first + len(phrase.split()) - 1
        ctx.add("lezer.aanspreken", "warning", s, s.tokens[first].start, s.tokens[last].end,
                rule["bericht_derde"].format(woord=phrase), suggestions=("u",))
    # words
    _word_rules(ctx, s)
    return bool(pairs), len(noms)


@lru_cache(maxsize=8)
def _third_person(phrases: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?<!\S)(?:{alternatives})(?!\S)")


def _prefix_negation(t: Token) -> bool:
    """'onmogelijk', 'onvoldoende': a negative prefix before a frequent word."""
    w = t.lower
    if w.startswith("on") and len(w) > 6:
        from eenvoudig.analysis.wordinfo import tables

        rest = w[2:]
        return t.zipf is not None and tables().zipf([rest]).get(rest, 0.0) >= 3.5
    return w.startswith(("niet-", "non-"))


def _nominalisations(s: Sentence, rule: dict[str, Any], with_tables: bool) -> list[int]:
    out = []
    suffixes = tuple(rule["achtervoegsels"])
    skip = set(rule.get("niet_tellen", ()))
    parsed = s.parsed
    for i, t in enumerate(s.tokens):
        w = t.lower
        if not t.content or t.kind is not None or w in skip:
            continue
        if parsed and t.pos not in ("NOUN", "VERB"):
            continue  # the parse says this is no noun (nor the infinitive of "het indienen van")
        if i > 0 and s.tokens[i - 1].lower == "het" and w.endswith("en") and i + 1 < len(s.tokens) \
                and s.tokens[i + 1].lower == "van":
            out.append(i)  # het indienen van
            continue
        if parsed and t.pos != "NOUN":
            continue  # a nominalisation is a noun: "-ing", "-atie" on a verb or an adjective is not one
        if w.endswith(suffixes) and len(w) > 6 and (t.zipf is None or t.zipf < rule["zipf_max"]):
            if not with_tables:
                out.append(i)
                continue
            stem = next((w[: -len(x)] for x in sorted(suffixes, key=len, reverse=True) if w.endswith(x)), w)
            candidates = {stem + "en", stem + "eren", stem[:-1] + "en" if stem.endswith(stem[-1:] * 2) else stem + "en"}
            from eenvoudig.analysis.wordinfo import tables

            if tables().verbs(candidates):
                out.append(i)
    return out


def _word_rules(ctx: _Ctx, s: Sentence) -> None:
    hard_rule = ctx.rule("woord.moeilijk")
    long_rule = ctx.rule("woord.lang")
    abbr_rule = ctx.rule("woord.afkorting")
    for t in s.tokens:
        if t.kind is not None or not t.is_word:
            continue
        if t.content and t.zipf is not None and s.scope != "meta":
            sev = "warning" if t.zipf < hard_rule["zipf_warning"] else "info" if t.zipf < hard_rule["zipf_info"] else None
            if sev:
                ctx.add("woord.moeilijk", sev, s, t.start, t.end, hard_rule["bericht"].format(woord=t.text))
        if len(t.text) >= long_rule["letters_info"] or t.syllables >= long_rule["syllables_info"]:
            letters = _letters(t.text)
            sev = ("warning" if letters >= long_rule["letters_warning"] or t.syllables >= long_rule["syllables_warning"]
                   else "info" if letters >= long_rule["letters_info"] or t.syllables >= long_rule["syllables_info"] else None)
            if sev:
                ctx.add("woord.lang", sev, s, t.start, t.end, long_rule["bericht"].format(woord=t.text, n=t.syllables))
        if (t.text.isupper() or "." in t.text or "-" in t.text) and _is_abbreviation(t.text):
            ctx.add("woord.afkorting", "info", s, t.start, t.end, abbr_rule["bericht"].format(woord=t.text))


def _is_abbreviation(text: str) -> bool:
    if "-" in text and not text.isupper():
        return any(_is_abbreviation(part) for part in text.split("-") if part)  # SZW-afdeling
    letters = re.sub(r"[^A-Za-z]", "", text)
    if 2 <= len(letters) <= 6 and text.isupper() and letters.isalpha() and not text.startswith("-"):
        return text.upper() not in {"II", "III", "IV", "VI", "OK"}
    return bool(re.fullmatch(r"(?:[a-zA-Z]{1,3}\.){2,}", text))


# -------------------------------------------------------------------------------------- lexicon


def _with_gaps(s: Sentence, indexes: Sequence[int]) -> str:
    """Return the words of a match as written, with " … " only where words of the sentence lie between
    ("stellen … in de gelegenheid", not "in … de … gelegenheid")."""
    runs: list[list[int]] = []
    for i in indexes:
        if runs and i == runs[-1][-1] + 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    return " … ".join(_flat(s.text[s.tokens[r[0]].start - s.start:s.tokens[r[-1]].end - s.start]) for r in runs)


def _lexicon_findings(ctx: _Ctx, s: Sentence, matches: list[Match]) -> None:
    from eenvoudig.rewriting import suggestions_for

    table = rule_data()["lexicon"]
    for m in matches:
        e = m.entry
        first, last = s.tokens[m.tokens[0]], s.tokens[m.tokens[-1]]
        contiguous = list(m.tokens) == list(range(m.tokens[0], m.tokens[-1] + 1))
        word = _flat(s.text[first.start - s.start:last.end - s.start]) if len(m.tokens) < 4 or contiguous \
            else _with_gaps(s, m.tokens)
        if m.slot == "head":
            word = first.text
        name = table["namen"][e.categorie]
        sugg = suggestions_for(ctx.lexicon, m, s)
        if e.eenvoudig:
            template = table["bericht_voorstel" if e.suggest_only and "bericht_voorstel" in table else "bericht_vervang"]
            msg = template.format(woord=word, categorie=name, alternatief=" of ".join(f"'{x}'" for x in sugg))
            if e.uitleg and e.categorie in ("juridisch", "jargon"):
                msg += f" {e.uitleg}"
        else:
            msg = table["bericht_uitleg"].format(woord=word, categorie=name, uitleg=e.uitleg)
        ctx.add(e.rule_id, table.get(e.categorie, "warning"), s, first.start, last.end, msg, sugg)


# ----------------------------------------------------------------------------------- abbreviations


def _spells(short: str, words: Sequence[str]) -> bool:
    """Whether `words` (the long form) spell the abbreviation `short`: its letters in order, the first one
    starting the first word ("Centraal Planbureau" spells CPB; Schwartz & Hearst 2003, simplified)."""
    letters = [c for c in short.lower() if c.isalnum()]
    text = " ".join(w.lower() for w in words)
    if not letters or not text or text[0] != letters[0]:
        return False
    k = 0
    for c in letters[1:]:
        k = text.find(c, k + 1)
        if k < 0:
            return False
    return len(words) <= 2 * len(letters) + 1    # not a whole clause that happens to hold the letters


def _abbreviation_like(text: str) -> bool:
    """CAK, CPB, Wmo, Awb: short, starts with a capital; with one capital only when very short."""
    return 2 <= len(text) <= 10 and text.isalnum() and text[0].isupper() \
        and (sum(c.isupper() for c in text) >= 2 or len(text) <= 4)


def introduced_abbreviations(analysis: Analysis) -> dict[str, tuple[int, int]]:
    """Return each abbreviation the letter introduces with its full form, and where: "Wet maatschappelijke
    ondersteuning (Wmo)" or "het CAK (Centraal Administratiekantoor)" → {"wmo": (block, offset), …}.
    From there on a reader knows it, so it is no longer flagged."""
    out: dict[str, tuple[int, int]] = {}
    for s in analysis.sentences:
        toks = s.tokens
        for i, t in enumerate(toks):
            if t.text != "(":
                continue
            close = next((j for j in range(i + 1, min(len(toks), i + 12)) if toks[j].text == ")"), None)
            if close is None:
                continue
            inside = [x.text for x in toks[i + 1:close]]
            before = [x.text for x in toks[max(0, i - 12):i]]
            found = None
            if len(inside) == 1 and _abbreviation_like(inside[0]):     # long form (ABBR)
                short = inside[0]
                words = [w for w in before if w[:1].isalnum()]
                for n in range(1, len(words) + 1):
                    if words[-n][:1].lower() == short[0].lower() and _spells(short, words[-n:]):
                        found = short
                        break
            elif i > 0 and _abbreviation_like(toks[i - 1].text) and inside and _spells(toks[i - 1].text, inside):
                found = toks[i - 1].text                                   # ABBR (long form)
            if found and found.lower() not in out:
                out[found.lower()] = (s.block, s.start)
    return out


# ------------------------------------------------------------------------------------------ check


def check(source: Analysis | Document, config: Config | None = None, *, lexicon: Lexicon | None = None) -> Report:
    """Check an analysed (or just read) letter: return its score and findings.

    Raises ValueError for a target level that does not exist (A2, B1 and B2 do), and TypeError for anything
    but an Analysis or a Document (a string: `check_text`).
    """
    if not isinstance(source, (Analysis, Document)):
        raise TypeError(f"check() verwacht een Analysis (van eenvoudig.analyze) of een Document, geen "
                        f"{type(source).__name__}. Een tekst: eenvoudig.check_text(tekst).")
    config = config or Config()
    if config.target not in TARGETS:
        raise ValueError(f"onbekend taalniveau {config.target!r}; kies uit {', '.join(TARGETS)}.")
    analysis = source if isinstance(source, Analysis) else analyze(source, config.backend)
    lex = lexicon or load_lexicon(config.lexicons)
    ctx = _Ctx(analysis, config, lex)
    facts: list[SentenceFacts] = []
    scored_ids = {id(s) for s in analysis.scored}
    try:
        settings = hash((config.rules, config.thresholds))
    except TypeError:
        settings = None
    cache = lex.sentence_cache
    first_terms: set[str] = set()
    repeats: set[tuple[int, int, int]] = set()
    for s in analysis.sentences:
        if s.scope in ("meta", "closing", "salutation"):
            continue
        key = (s.text, s.scope, tuple(t.kind for t in s.tokens), settings) if settings is not None else None
        hit = cache.get(key) if key is not None else None
        if hit is None:
            before = len(ctx.findings)
            matches = find_matches(lex, s.tokens)
            _lexicon_findings(ctx, s, matches)
            passive, noms = _sentence_rules_with_lexicon(ctx, s, matches)
            hit = (sentence_facts(s, len(matches), passive, noms), tuple(
                (f.rule, f.severity, f.start - s.start, f.end - s.start, f.message, f.suggestions)
                for f in ctx.findings[before:]), tuple(
                (lex.term(m.entry), s.tokens[m.tokens[0]].start - s.start, s.tokens[m.tokens[-1]].end - s.start)
                for m in matches if m.entry.once_per_letter))
            if key is not None and len(s.text) <= SENTENCE_CACHE_CHARS:
                if len(cache) > SENTENCE_CACHE:   # bounded: about 5 kB an entry, so some 25 MB
                    cache.clear()
                cache[key] = hit
        else:
            for rule_id, severity, a, b, message, suggestions in hit[1]:
                ctx.add(rule_id, severity, s, s.start + a, s.start + b, message, suggestions)
        if id(s) in scored_ids:
            facts.append(hit[0])
        for term, a, b in hit[2]:   # a necessary term (Entry.once_per_letter): flagged where it first stands only
            if term in first_terms:
                repeats.add((s.block, s.start + a, s.start + b))
            first_terms.add(term)
    ctx.findings[:] = [f for f in ctx.findings if not (f.rule.startswith("lexicon.") and (f.block, f.start, f.end)
                                                       in repeats)]
    introduced = introduced_abbreviations(analysis)
    if introduced:   # "Wet maatschappelijke ondersteuning (Wmo)": from there on the letter may say "Wmo"
        blocks = analysis.document.blocks
        ctx.findings[:] = [f for f in ctx.findings if not (
            f.rule in ("lexicon.afkorting", "woord.afkorting") and f.block >= 0
            and (f.block, f.start) >= introduced.get(blocks[f.block].text[f.start:f.end].lower(), (1 << 62, 0)))]
    _document_rules(ctx, analysis, facts)
    niveaus = rule_data()["niveaus"]
    sc = score(facts, target=config.target, bounds=niveaus["grenzen"], labels=niveaus["labels"],
               target_levels=niveaus["doel"])
    if not any(s.words for s in analysis.sentences):  # nothing at all: a generator that rendered nothing
        ctx.add("tekst.leeg", "error", None, 0, 0, ctx.rule("tekst.leeg")["bericht"])
        sc = replace(sc, passed=False)
    if not sc.passed and facts:
        rule = _rule("score.niveau", config)
        allowed = niveaus["doel"].get(config.target, 2)
        limit = niveaus["grenzen"][allowed - 1] if allowed - 1 < len(niveaus["grenzen"]) else 100
        ctx.add("score.niveau", "error", None, 0, 0, rule["bericht"].format(
            label=sc.label, n=round(sc.difficulty), target=config.target, max=allowed, grens=f"{limit:g}"))
    findings = sorted(ctx.findings, key=lambda f: (f.line, f.column, f.rule))
    return Report(analysis.document.path, sc, tuple(findings), analysis, tuple(facts))


def _letters(text: str) -> int:
    """Return the number of letters in a token (a whole word of letters without a character loop)."""
    return len(text) if text.isalpha() else sum(c.isalpha() for c in text)


def sentence_facts(s: Sentence, lexicon_hits: int, passive: bool, nominalisations: int = 0) -> SentenceFacts:
    """Return the counts the score needs for one sentence."""
    words = s.words
    return SentenceFacts(
        words=len(words),
        syllables=sum(t.syllables for t in words),
        long_words=sum(len(t.text) > 6 and _letters(t.text) > 6 for t in words),
        content=sum(t.content for t in words),
        hard=sum(1 for t in words if t.content and t.zipf is not None and t.zipf < 3.0),
        lexicon=lexicon_hits,
        passive=passive,
        commas=sum(t.text == "," for t in s.tokens),
        nominalisations=nominalisations,
    )


def facts_of(analysis: Analysis, lexicon: Lexicon, config: Config | None = None) -> list[SentenceFacts]:
    """Return the sentence facts of every sentence with words (any scope), without findings."""
    config = config or Config()
    rule, nom_rule = _rule("stijl.lijdend", config), _rule("stijl.naamwoord", config)
    tables = analysis.backend != "regex"
    return [sentence_facts(s, len(find_matches(lexicon, s.tokens)), bool(passives(s, rule, tables)),
                           len(_nominalisations(s, nom_rule, tables)))
            for s in analysis.sentences if s.words]


def _sentence_rules_with_lexicon(ctx: _Ctx, s: Sentence, matches: list[Match]) -> tuple[bool, int]:
    """Run the sentence rules, skipping word findings on tokens the lexicon already covers."""
    covered = {i for m in matches for i in m.tokens}
    before = len(ctx.findings)
    result = _sentence_rules(ctx, s)
    if covered:
        spans = {(s.tokens[i].start, s.tokens[i].end) for i in covered}
        tail = [f for f in ctx.findings[before:]
                if not (f.rule in ("woord.moeilijk", "woord.lang", "woord.afkorting") and (f.start, f.end) in spans)]
        del ctx.findings[before:]
        ctx.findings.extend(tail)
    return result


def _document_rules(ctx: _Ctx, analysis: Analysis, facts: list[SentenceFacts]) -> None:
    # paragraph length
    rule = ctx.rule("alinea.lang")
    per_block: dict[int, list[Sentence]] = {}
    for s in analysis.sentences:
        per_block.setdefault(s.block, []).append(s)
    for bi, block in enumerate(analysis.document.blocks):
        if block.scope != "paragraph" or bi not in per_block:
            continue
        n = sum(len(s.words) for s in per_block[bi])
        first = per_block[bi][0]
        if first is not None:
            ctx.add("alinea.lang", _severity(n, rule), first, 0, len(block.text.rstrip()),
                    rule["bericht"].format(n=n))
    if facts:
        words = sum(f.words for f in facts)
        mean = words / len(facts)
        rule = ctx.rule("zin.gemiddeld")
        ctx.add("zin.gemiddeld", _severity(mean, rule), None, 0, 0,
                rule["bericht"].format(n=f"{mean:.1f}".replace(".", ","), max=f"{rule['max']:g}"))
        content = sum(f.content for f in facts)
        if content:
            share = 100 * sum(f.hard for f in facts) / content
            rule = ctx.rule("woord.moeilijk-aandeel")
            ctx.add("woord.moeilijk-aandeel", _severity(share, rule), None, 0, 0,
                    rule["bericht"].format(n=f"{share:.0f}", max=f"{rule['max']:g}"))
        rule = ctx.rule("stijl.lijdend")
        passive = sum(f.passive for f in facts)
        share = 100 * passive / len(facts)
        sev = _severity(share, rule, "aandeel_") if passive >= rule.get("aandeel_min_zinnen", 1) else None
        if sev:
            ctx.add("stijl.lijdend", sev, None, 0, 0,
                    f"{share:.0f} procent van de zinnen staat in de lijdende vorm. Schrijf vaker wie iets doet.")
    # u/je mixing
    rule = ctx.rule("lezer.aanspreken")
    formal = [(s, t) for s in analysis.sentences for t in s.tokens if t.lower in set(rule["formeel"])]
    informal = [(s, t) for s in analysis.sentences for t in s.tokens if t.lower in set(rule["informeel"])]
    if formal and informal:
        minority = informal if len(informal) <= len(formal) else formal
        s, t = minority[0]
        ctx.add("lezer.aanspreken", "warning", s, t.start, t.end, rule["bericht_mengen"])


def check_text(text: str, config: Config | None = None, *, kind: str = "txt", path: str = "<tekst>") -> Report:
    """Check a letter given as a string (plain text, Markdown or HTML)."""
    config = config or Config()
    return check(analyze(read_text(text, kind=kind, path=path), config.backend), config)  # type: ignore[arg-type]


def iter_examples() -> Iterator[tuple[str, str, bool]]:
    """Yield (rule id, sentence, must_flag) for every example in lexicon/regels.toml."""
    for rule_id in rule_ids():
        if rule_id.startswith("lexicon."):
            continue
        family, name = rule_id.split(".", 1)
        examples = rule_data()[family][name].get("voorbeelden", {})
        for sentence in examples.get("melden", []):
            yield rule_id, sentence, True
        for sentence in examples.get("niet_melden", []):
            yield rule_id, sentence, False
