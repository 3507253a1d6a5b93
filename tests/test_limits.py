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
