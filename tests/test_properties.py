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


# ------------------------------------------------------------------------ structural rewriting (hypothesis)

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

# Letter sentences built from parts, with protected facts in every place a letter has them. Each part is
# ordinary officialese that the structural edits work on (passive, "de gemeente", long coordinated sentences,
# relative and causal clauses, formulas, number words).
SUBJECTS = ["De gemeente", "Het college", "De aanvrager", "Wij", "U"]
FACTS = ["[datum]", "{{ naam }}", "1 mei 2027", "€ 1.250,50", "[bedrag]", "kenmerk AB/2027/123", "zes weken",
         "{{ klant.adres }}"]
PATTERNS = [
    "Hierbij wordt u verzocht het formulier voor {f} terug te sturen.",
    "{s} heeft besloten dat uw uitkering per {f} stopt.",
    "Het bedrag van {f} zal binnen twee weken door de gemeente worden overgemaakt.",
    "Door het college is besloten uw aanvraag van {f} af te wijzen, omdat uw inkomen hoger is dan de grens.",
    "Wij hebben uw aanvraag van {f} goed bekeken, maar wij kunnen u helaas geen vergoeding geven voor de kosten.",
    "Hierbij delen wij u mede dat uw aanvraag van {f} is toegekend.",
    "Wij verzoeken u vriendelijk het formulier met {f} in te vullen.",
    "{s} moet wijzigingen in uw inkomen binnen vijftien dagen na {f} aan ons doorgeven.",
    "Wij sturen u een brief over {f}, welke u goed moet bewaren voor uw eigen administratie thuis.",
    "Omdat wij uw formulier van {f} niet op tijd hebben ontvangen, kunnen wij uw aanvraag niet behandelen.",
]
letter_texts = st.lists(st.tuples(st.sampled_from(PATTERNS), st.sampled_from(SUBJECTS), st.sampled_from(FACTS)),
                        min_size=1, max_size=4).map(
    lambda parts: "\n\n".join(p.format(s=s, f=f) for p, s, f in parts))
SLOW = settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _rewrite(text: str, unsafe: bool = False):
    import eenvoudig
    from eenvoudig.rewriting import rewrite

    return rewrite(eenvoudig.analyze(eenvoudig.read_text(text)), unsafe=unsafe)


@SLOW
@given(letter_texts, st.booleans())
def test_structural_rewrite_keeps_its_promises(text: str, unsafe: bool) -> None:
    import eenvoudig
    from eenvoudig.rewriting import apply_edits
    from eenvoudig.rewriting.structure import _PLACEHOLDER, _finite

    result = _rewrite(text, unsafe)
    # edits change only their spans, and the text is exactly the source with the applied edits
    assert apply_edits(text, result.applied) == result.text
    assert all(text[e.start:e.end] == e.before for e in result.edits)
    # protected facts and placeholders survive, each as often as before
    for fact in FACTS + [m.group() for m in _PLACEHOLDER.finditer(text)]:
        assert result.text.count(fact.replace("zes weken", "6 weken") if fact == "zes weken" else fact) \
            + (result.text.count("zes weken") if fact == "zes weken" else 0) == text.count(fact), fact
    # the output analyses again, and every sentence that has a parse keeps a finite verb
    again = eenvoudig.analyze(eenvoudig.read_text(result.text))
    for s in again.sentences:
        if s.parsed and s.words:
            roots = [k for k, t in enumerate(s.tokens) if t.head == k]
            assert any(_finite(s, r) is not None for r in roots) or any(
                t.feature("VerbForm") == "Fin" for t in s.tokens), s.text


@SLOW
@given(letter_texts)
def test_rewrite_of_the_rewrite_changes_nothing_more(text: str) -> None:
    once = _rewrite(text)
    assert _rewrite(once.text).text == once.text
