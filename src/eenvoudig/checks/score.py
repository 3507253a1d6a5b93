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

`difficulty` (0-100, higher is harder) is our own estimate, NOT a LiNT score (LiNT needs a parser
and a concreteness list we do not have). Per sentence, on average over the text:

    raw = ASL + 14 * HARD + 22 * LEX + 27 * PASSIVE + 16 * NOM + 9 * COMMAS
    difficulty = 100 * raw / (raw + 30)

ASL = words per sentence; HARD = difficult words (corrected Zipf below 3.0) per sentence; LEX = lexicon
findings (officialese, jargon, abbreviations) per sentence; PASSIVE = share of sentences with a passive;
NOM = nominalisations per sentence; COMMAS = commas per sentence. The weights were fitted with logistic
regression on the Amsterdam development pairs (municipal sentences before and after expert editing;
`benchmarks/calibrate.py --fit`, leave-one-document-out accuracy reported there) and rounded. Sentence
length is the base, as in every Dutch study (Wablieft, LiNT, Amsterdam); the other features are rarer
but, where they differ, better predictors of what editors change. `raw` is in "words per sentence"
units; the last step maps it onto 0-100 without clipping (raw 10 → 25, 30 → 50, 120 → 80), so two
texts never tie just because both hit a bound. The level uses LiNT's four-step idea
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
from typing import Sequence

WEIGHTS = {"asl": 1.0, "hard": 14.0, "lex": 22.0, "passive": 27.0, "nom": 16.0, "commas": 9.0}
HALF = 30.0  # raw value that maps to difficulty 50
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
    raw = (WEIGHTS["asl"] * words / n
           + WEIGHTS["hard"] * sum(f.hard for f in facts) / n
           + WEIGHTS["lex"] * sum(f.lexicon for f in facts) / n
           + WEIGHTS["passive"] * sum(f.passive for f in facts) / n
           + WEIGHTS["nom"] * sum(f.nominalisations for f in facts) / n
           + WEIGHTS["commas"] * sum(f.commas for f in facts) / n)
    return round(100 * raw / (raw + HALF), 1)


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
