"""Reading-level metrics and the 4-step level.

Metrics (our own sentence split and syllable count, so the numbers match the findings):

* words per sentence: mean, 90th percentile, max;
* share of difficult words: content words with a corrected Zipf frequency below 3.0 (LiNT-II's
  "uncommon"), as a percentage of content words;
* Flesch-Douma (Douma 1960): 206.835 - 0.93 * ASL - 77 * ASW;
* Brouwer leesindex A (Brouwer 1963): 195 - 2 * ASL - 66.67 * ASW;
* LIX (Björnsson): ASL + 100 * (words of more than 6 letters) / words;
* passive share: sentences with a passive, as a percentage of sentences.

(ASL = average words per sentence, ASW = average syllables per word.) The classic formulas are shown
for familiarity only: they were made for other texts and readers.

`difficulty` (0-100, higher is harder) is our own estimate, NOT a LiNT score (LiNT needs a concreteness
list we do not have). Per sentence, on average over the text:

    raw = 2.5 * CONTENT + 11 * HARD + 25 * LEX + 30 * PASSIVE + 12.5 * NOM + 7.5 * COMMAS
    difficulty = 100 * raw / (raw + 30)

CONTENT = content words per sentence (not function words: LiNT's idea that "de", "het", "is" cost a
reader little; an editor who writes "het icoon" for "het" or adds "is" makes a sentence longer, not
harder); HARD = difficult words (corrected Zipf below 3.0) per sentence; LEX = lexicon findings
(officialese, jargon, abbreviations) per sentence; PASSIVE = share of sentences with a passive (from the
parse, see checks.passives); NOM = nominalisations per sentence (nouns in the parse); COMMAS = commas per
sentence. The weights and the constant 30 are data: `lexicon/regels.toml` [niveaus] `gewichten` and
`half`, with their source. They were fitted with logistic regression on the Amsterdam development pairs
(municipal sentences before and after expert editing; `benchmarks/calibrate.py --fit`): with our trained
pipeline the complex side scores harder than its simple pair in 0.909 of the pairs that do not tie (the
same figure leave-one-document-out; words per sentence as the base instead of content words: 0.868).
The ratios were rounded and scaled (x 2.5) so that a document keeps about the difficulty it had with the
earlier words-per-sentence base, so the cut points keep their meaning. Dependency length, clause count
and tree depth from the parse were tried as features and left out: they did not help (0.84-0.87). In the
fast mode (`--snel`, no parse) passives and nominalisations come from word lists and the same formula
applies. `raw` maps onto 0-100 without clipping (raw 10 → 25, 30 → 50, 120 → 80), so two texts never tie
just because both hit a bound. The level uses LiNT's four-step idea
with our own cut points (35, 50, 65; `lexicon/regels.toml` [niveaus]), set so that our B1 letters score
level 1-2 and the officialese sample letter level 4; the CEFR label is hedged ("ongeveer B1"), because no
study maps Dutch reading levels to CEFR for native readers.

Short texts. A mean over two or three sentences rests on very little: one stiff word ("Indien") in an
eight-word note would make it "moeilijk". Below `SHORT_WORDS` words the difficulty is pulled towards the
neutral value, the border between level 1 and 2 (the first of the cut points), in proportion to the text's
length:

    n = words in the scored sentences
    difficulty = neutral + (d - neutral) * n / SHORT_WORDS        when n < SHORT_WORDS (50)

so a one-sentence note counts for a fifth or less, a 40-word letter for 80%, and a letter of 50 words or
more is scored exactly as before. A short text never crosses the neutral value this way: what is level 1
stays level 1. The level of each sentence (`sentence_levels`) is not shrunk.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Sequence

# The feature of each weight in lexicon/regels.toml [niveaus] gewichten.
FEATURES = {"inhoudswoorden": "content", "moeilijk": "hard", "lexicon": "lexicon", "lijdend": "passive",
            "naamwoord": "nominalisations", "komma": "commas"}


@lru_cache(maxsize=1)
def formula() -> tuple[tuple[tuple[str, float], ...], float]:
    """Return ((SentenceFacts field, weight) …) and `half` from lexicon/regels.toml [niveaus]."""
    from eenvoudig.checks import rule_data

    table = rule_data()["niveaus"]
    weights = tuple((FEATURES[name], float(w)) for name, w in table["gewichten"].items())
    return weights, float(table["half"])


SHORT_WORDS = 50  # texts with fewer words are pulled towards the neutral difficulty (see above)


@dataclass(frozen=True)
class Score:
    """The reading level of a text: level 1-4, label, difficulty 0-100, pass/fail and the metrics."""

    level: int
    label: str
    difficulty: float
    passed: bool
    target: str
    metrics: dict[str, float | int | None] = field(default_factory=dict)
    sentence_levels: tuple[int, ...] = ()

    def to_dict(self) -> dict:
        return {"level": self.level, "label": self.label, "difficulty": self.difficulty, "passed": self.passed,
                "target": self.target, "metrics": dict(self.metrics)}


@dataclass(frozen=True, slots=True)
class SentenceFacts:
    """What the score needs from one sentence."""

    words: int
    syllables: int
    long_words: int       # more than 6 letters (LIX)
    content: int
    hard: int
    lexicon: int
    passive: bool
    commas: int = 0
    nominalisations: int = 0


def difficulty(facts: Sequence[SentenceFacts]) -> float | None:
    """Return the difficulty (0-100) of a group of sentences, or None when there are no words."""
    words = sum(f.words for f in facts)
    if not facts or words == 0:
        return None
    n = len(facts)
    weights, half = formula()
    raw = sum(w * sum(getattr(f, name) for f in facts) for name, w in weights) / n
    return round(100 * raw / (raw + half), 1)


def shrink(value: float, words: int, neutral: float) -> float:
    """Pull the difficulty of a short text towards `neutral` (see the module docstring)."""
    if words >= SHORT_WORDS:
        return value
    return round(neutral + (value - neutral) * words / SHORT_WORDS, 1)


def level_of(value: float, bounds: Sequence[float]) -> int:
    """Return the level 1-4 for a difficulty value."""
    return 1 + sum(value >= b for b in bounds)


def _percentile(values: list[int], p: float) -> float:
    """Return the p-th percentile (nearest rank) of a non-empty list."""
    ordered = sorted(values)
    k = max(0, math.ceil(p / 100 * len(ordered)) - 1)
    return float(ordered[k])


def metrics(facts: Sequence[SentenceFacts]) -> dict[str, float | int | None]:
    """Return the document metrics; values that cannot be computed are None."""
    lengths = [f.words for f in facts]
    words = sum(lengths)
    if not facts or not words:
        return {"sentences": len(facts), "words": words, "words_per_sentence": None, "words_per_sentence_p90": None,
                "words_per_sentence_max": None, "difficult_words_pct": None, "flesch_douma": None, "brouwer": None,
                "lix": None, "passive_pct": None, "syllables_per_word": None}
    asl = words / len(facts)
    asw = sum(f.syllables for f in facts) / words
    content = sum(f.content for f in facts)
    return {
        "sentences": len(facts),
        "words": words,
        "words_per_sentence": round(asl, 1),
        "words_per_sentence_p90": _percentile(lengths, 90),
        "words_per_sentence_max": max(lengths),
        "difficult_words_pct": round(100 * sum(f.hard for f in facts) / content, 1) if content else 0.0,
        "flesch_douma": round(206.835 - 0.93 * asl - 77 * asw, 1),
        "brouwer": round(195 - 2 * asl - 66.67 * asw, 1),
        "lix": round(asl + 100 * sum(f.long_words for f in facts) / words, 1),
        "passive_pct": round(100 * sum(f.passive for f in facts) / len(facts), 1),
        "syllables_per_word": round(asw, 2),
    }


def score(facts: Sequence[SentenceFacts], *, target: str, bounds: Sequence[float], labels: Sequence[str],
          target_levels: dict[str, int]) -> Score:
    """Score a document from its sentence facts."""
    value = difficulty(facts)
    m = metrics(facts)
    per_sentence = tuple(level_of(difficulty([f]) or 0.0, bounds) for f in facts)
    if value is None:
        return Score(1, labels[0], 0.0, True, target, m, per_sentence)
    value = shrink(value, sum(f.words for f in facts), bounds[0])
    lvl = level_of(value, bounds)
    return Score(lvl, labels[lvl - 1], value, lvl <= target_levels.get(target, 2), target, m, per_sentence)
