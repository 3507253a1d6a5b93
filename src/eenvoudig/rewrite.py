"""Rewrite a letter in plainer Dutch with the lexicon."""

from __future__ import annotations

from dataclasses import dataclass

from eenvoudig.analysis import Analysis, Sentence
from eenvoudig.config import Config
from eenvoudig.lexicon import Lexicon, Match


@dataclass(frozen=True, slots=True)
class Edit:
    """One change: [start, end) in the document text, the text before and after, why, and whether it is safe."""

    start: int
    end: int
    before: str
    after: str
    rule: str
    safe: bool


@dataclass(frozen=True)
class Rewrite:
    """The simplified text and the edits that made it."""

    text: str
    edits: tuple[Edit, ...]


def suggestions_for(lex: Lexicon, match: Match, sentence: Sentence) -> tuple[str, ...]:
    """Return the plain alternatives for a match."""
    return match.entry.eenvoudig


def rewrite(analysis: Analysis, config: Config | None = None, *, unsafe: bool = False) -> Rewrite:
    """Return the letter rewritten with safe lexicon swaps (and unsafe edits when asked)."""
    return Rewrite(analysis.document.text, ())
