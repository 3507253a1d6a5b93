"""A long letter is rewritten in time linear in its length (new-user trial 5: `check` on 800 copies of a
letter took minutes, a 10 MB text did not finish). The bookkeeping that maps changes to the source now
looks only at the pieces near each change; these tests hold it to the simple whole-list algorithm and
count how many pieces one change looks at (no timed tests)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import eenvoudig
from eenvoudig import rewriting
from eenvoudig.rewriting import structure


class _Edit:
    def __init__(self, start: int, end: int, after: str = "", safe: bool = True) -> None:
        self.start, self.end, self.after, self.safe = start, end, after, safe


def _as_tuples(pieces):
    return [(p.start, p.end, p.text, p.kinds, p.safe) for p in pieces]


@st.composite
def pieces_and_round(draw):
    """A source with word edits made (some empty, some zero-length), and one round of disjoint changes
    given from the end of the text to its start, as restructure makes them."""
    source = draw(st.text("ab .", max_size=50))
    edits, pos = [], 0
    while pos < len(source) and draw(st.booleans()):
        a = draw(st.integers(pos, len(source)))
        b = min(len(source), a + draw(st.sampled_from([0, 0, 1, 2, 3])))
        edits.append(_Edit(a, b, draw(st.sampled_from(["", "X", "YY"])), draw(st.booleans())))
        pos = b + 1
    pieces = structure._pieces(source, edits)
    n = len(structure._current(pieces))
    cuts = sorted(set(draw(st.lists(st.integers(0, n), max_size=8))))
    ranges = [(cuts[i], cuts[i + 1] if draw(st.booleans()) else cuts[i]) for i in range(0, len(cuts) - 1, 2)]
    changes = [(a, b, draw(st.sampled_from(["", "Q", "Zin. Nog een"])), draw(st.sampled_from(["split", "passive"])),
                draw(st.booleans()), draw(st.booleans())) for a, b in reversed(ranges)]
    return pieces, changes


@settings(max_examples=400, deadline=None)
@given(pieces_and_round())
def test_replace_near_the_change_equals_replace_over_all_pieces(case) -> None:
    pieces, changes = case
    whole, fast, starts = list(pieces), list(pieces), None
    for a, b, text, kind, safe, suggest in changes:
        if suggest:
            # the reference: the first unchanged piece that holds [a, b], counted from the start
            pos, expected = 0, None
            for p in whole:
                if pos <= a and b <= pos + len(p.text) and not p.kinds:
                    expected = (p.start + a - pos, p.start + b - pos, text, kind)
                    break
                pos += len(p.text)
            assert structure._suggestion(fast, a, b, text, kind, starts) == expected
            continue
        whole = structure._replace_in(whole, a, b, text, kind, safe, 0)
        fast, starts = structure._replace(fast, a, b, text, kind, safe, starts)
        assert _as_tuples(fast) == _as_tuples(whole)
        assert starts[-1] <= len(structure._current(fast))


def test_one_change_looks_at_a_few_pieces_only(monkeypatch) -> None:
    source = "Een zin hier. " * 3000
    edits = [_Edit(k, k + 3, "Twee") for k in range(0, len(source), 14)]     # "Een" → "Twee" in every sentence
    pieces = structure._pieces(source, edits)
    assert len(pieces) == 6000     # an edit and the unchanged rest of its sentence, 3000 times
    seen: list[int] = []
    real = structure._replace_in
    monkeypatch.setattr(structure, "_replace_in", lambda ps, *args: seen.append(len(ps)) or real(ps, *args))
    at = 15 * 1500 + 5          # "zin" of sentence 1500 (each sentence is now one letter longer)
    new, starts = structure._replace(pieces, at, at + 3, "regel", "word", True)
    assert structure._current(new)[at - 5:at + 9] == "Twee regel hie"
    assert seen == [3] and len(starts) == 3001       # 3 of 6000 pieces; the 3000 before it keep their places


def test_without_overlaps_keeps_what_the_whole_list_check_keeps() -> None:
    e = _Edit
    edits = [e(0, 4), e(2, 6), e(6, 6), e(6, 9), e(8, 8), e(10, 10), e(10, 12), e(11, 15), e(20, 25)]
    groups = [[e(12, 13), e(17, 18)], [e(14, 16), e(17, 19)], [e(26, 27), e(30, 31)]]
    kept = rewriting._without_overlaps(edits, groups)
    # (2, 6), (8, 8) and (11, 15) overlap a kept edit; the group with (17, 19) goes whole, (14, 16) with it
    assert [(x.start, x.end) for x in kept] == [(0, 4), (6, 6), (6, 9), (10, 10), (10, 12), (12, 13), (17, 18),
                                                 (20, 25), (26, 27), (30, 31)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 20), st.sampled_from([0, 0, 1, 2, 4])), max_size=12),
       st.lists(st.tuples(st.integers(0, 15), st.sampled_from([0, 1, 2]), st.integers(1, 5), st.sampled_from([0, 1])),
                max_size=3))
def test_without_overlaps_equals_the_pairwise_check(singles, pairs) -> None:
    edits = [_Edit(a, a + n) for a, n in singles]
    groups = [[_Edit(a, a + n), _Edit(a + n + gap, a + n + gap + m)] for a, n, gap, m in pairs]
    out: list[_Edit] = []
    units = [[x] for x in edits] + groups
    for unit in sorted(units, key=lambda u: (min(x.start for x in u), min(x.end for x in u))):
        if not any(x.start < o.end and o.start < x.end or (o.start == o.end and x.start < o.start < x.end)
                   for x in unit for o in out):
            out.extend(unit)
    expected = sorted(out, key=lambda x: (x.start, x.end))
    assert [id(x) for x in rewriting._without_overlaps(edits, groups)] == [id(x) for x in expected]


def test_a_long_letter_is_rewritten_like_its_parts() -> None:
    """Many copies of a letter get the same edits as one copy, at each copy's place."""
    letter = ("Indien u het niet eens bent met dit besluit, kunt u binnen zes weken een bezwaarschrift indienen "
              "bij het college.\n\nWij vertrouwen erop u hiermee voldoende te hebben geïnformeerd.\n\nUw aanvraag "
              "is goedgekeurd.\n")
    one = rewriting.rewrite(eenvoudig.analyze(eenvoudig.read_text(letter)))
    many = rewriting.rewrite(eenvoudig.analyze(eenvoudig.read_text("\n".join([letter] * 40))))
    assert many.text == "\n".join([one.text] * 40)
    assert len(many.applied) == 40 * len(one.applied) == 160
    step = len(letter) + 1
    for k in (0, 17, 39):
        assert [(x.start - k * step, x.end - k * step, x.after) for x in many.applied[4 * k:4 * k + 4]] == \
            [(x.start, x.end, x.after) for x in one.applied]


@st.composite
def ranges_apart(draw):
    """Sorted ranges that never overlap (some empty), as the applied pieces of a rewrite."""
    out, pos = [], 0
    for _ in range(draw(st.integers(0, 8))):
        a = pos + draw(st.integers(0, 3))
        b = a + draw(st.sampled_from([0, 1, 3]))
        out.append((a, b))
        pos = b + (a == b)
    return out


@settings(max_examples=300, deadline=None)
@given(ranges_apart(), st.integers(0, 30), st.sampled_from([0, 0, 1, 3]))
def test_free_equals_the_pairwise_check(taken, a, n) -> None:
    b = a + n
    expected = not any(a < y and x < b or (a == b and x < a < y) for x, y in taken)
    assert rewriting._free(taken, a, b) is expected


def test_free_on_the_edges() -> None:
    taken = [(2, 5), (7, 7), (9, 12)]
    assert [rewriting._free(taken, a, b) for a, b in [(0, 2), (0, 3), (5, 7), (6, 8), (7, 7), (5, 5), (3, 3),
                                                        (12, 14), (11, 11), (12, 12)]] == \
        [True, False, True, False, True, True, False, True, False, True]
