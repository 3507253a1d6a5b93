"""Property tests of every public entry point (a few examples each; benchmarks/fuzz.py runs 10,000 each).

Any text may come in: every Unicode category, lone surrogates, hostile Markdown and HTML, personal data
written every which way. Each entry point either refuses it with a Dutch error or keeps its promises
(offsets inside the text, edits exactly applied, nothing personal in what would go online).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
fuzz = pytest.importorskip("fuzz")


@pytest.mark.parametrize("name", list(fuzz.PROPERTIES))
def test_entry_point_keeps_its_promises(name: str) -> None:
    tried, failure = fuzz.run(name, 40, seed=0)
    assert failure is None, failure
    assert tried == 40


def test_the_strategies_cover_every_unicode_category() -> None:
    import unicodedata

    everything = {unicodedata.category(chr(i)) for i in range(0x110000)}
    assert set(fuzz.CATEGORIES) == everything and "Cs" in everything   # lone surrogates included
