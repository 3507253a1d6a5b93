"""Facts in a sentence that get a generated picture: a date, a deadline, a time, an amount, a duration.

A fixed emoji shows a wrong date or time, so the sheet draws the real one (`render.draw`): a calendar with
the day and month, a deadline calendar with an alarm clock, a clock with its hands, a badge `€ 25`, a
clock without hands with the duration under it ("2,5 uur per week").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from eenvoudig.analysis.spans import DAYS, MONTHS

if TYPE_CHECKING:  # pragma: no cover
    from eenvoudig.analysis import Sentence, Token

DEADLINE_CUES = frozenset({"voor", "vóór", "uiterlijk", "t/m", "tot", "uiterste"})
MONTH_NUMBER = {**{m: i for i, m in enumerate(MONTHS, 1)}, "jan": 1, "feb": 2, "febr": 2, "mrt": 3, "apr": 4,
                "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "okt": 10, "nov": 11, "dec": 12}
MONTH_SHORT = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
DAY_NUMBER = {**{d: i for i, d in enumerate(DAYS)}, "ma": 0, "di": 1, "wo": 2, "do": 3, "vr": 4, "za": 5, "zo": 6}


@dataclass(frozen=True, slots=True)
class Fact:
    """A fact in the sentence that gets a generated picture: a date, deadline, time or amount."""

    kind: str                    # datum, termijn, tijd, bedrag, duur
    text: str                    # as written in the sentence
    day: int | None = None
    month: int | None = None
    year: int | None = None
    weekday: int | None = None   # 0 = maandag
    time: str | None = None      # "9.00" or "9.00 - 12.00"
    hour: int | None = None
    minute: int | None = None
    amount: str | None = None    # "€ 450", or for a duration "2,5 uur per week"

    @property
    def label(self) -> str:
        """Return the fact in words for the alt text ("maandag 3 maart om 10.00 uur", "€ 25")."""
        if self.kind in ("bedrag", "duur"):
            return self.amount or self.text
        parts = []
        if self.day is not None and self.month is not None:
            date = f"{self.day} {MONTHS[self.month - 1]}"
            if self.weekday is not None:
                date = f"{DAYS[self.weekday]} {date}"
            if self.year is not None:
                date += f" {self.year}"
            parts.append(date)
        if self.time:
            spoken = self.time.replace(" - ", " tot ")
            parts.append(f"{'van ' if ' tot ' in spoken else ''}{spoken} uur")
        return " om ".join(parts) if len(parts) == 2 and " tot " not in parts[1] else ", ".join(parts)


def parse_date(text: str) -> tuple[int, int, int | None, int | None] | None:
    """Return (day, month, year or None, weekday or None) of a Dutch date, or None."""
    low = text.lower().replace("\u00a0", " ")
    weekday = next((DAY_NUMBER[w] for w in re.findall(r"[a-z]+", low) if w in DAY_NUMBER), None)
    if m := re.search(r"(\d{1,2})\s+([a-z]+)\.?(?:\s+(\d{4}))?", low):
        month = MONTH_NUMBER.get(m.group(2))
        day = int(m.group(1))
        if month and 1 <= day <= 31:
            return day, month, int(m.group(3)) if m.group(3) else None, weekday
    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", low.strip()):
        y, mo, d = map(int, m.groups())
        return (d, mo, y, weekday) if 1 <= mo <= 12 and 1 <= d <= 31 else None
    if m := re.search(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{2,4})", low):
        d, mo, y = map(int, m.groups())
        if y < 100:
            y += 2000
        return (d, mo, y, weekday) if 1 <= mo <= 12 and 1 <= d <= 31 else None
    return None


def parse_time(text: str) -> tuple[int, int] | None:
    """Return (hour, minute) of a Dutch time such as `9.00`, `14:30 uur` or `10 uur`, or None."""
    if m := re.search(r"(\d{1,2})(?:[.:](\d{2}))?", text):
        h, mi = int(m.group(1)), int(m.group(2) or 0)
        if 0 <= h <= 23 and 0 <= mi <= 59:
            return h, mi
    return None


def amount_label(text: str) -> str:
    """Return a short badge text for an amount: `€ 450,00` → `€ 450`, `25 euro` → `€ 25`."""
    m = re.search(r"-?\d[\d.]*(?:,(?:\d{1,2}|-{1,2}))?", text)
    if not m:
        return text.strip()
    number = m.group()
    number = re.sub(r",(?:00|0|-{1,2})$", "", number)
    if "eurocent" in text.lower():
        return f"{number} cent"
    return f"€ {number}"


def _time_label(h: int, mi: int) -> str:
    return f"{h}.{mi:02d}"


DURATION = re.compile(r"(\d+(?:,\d+)?)\s?(uur|minuten|minuut|kwartier)$")
TIME_OF_DAY_CUES = frozenset({"om", "vanaf", "tot", "van", "tussen", "na", "rond", "voor", "vóór", "t/m", "uiterlijk"})
PER = frozenset({"dag", "week", "maand", "jaar", "keer"})


def _duration(toks: Sequence[Token], i: int) -> str | None:
    """Return "2,5 uur per week" when token i starts an amount of time (not a time of day), else None."""
    t = toks[i]
    text = t.text
    nxt = 1
    if re.fullmatch(r"\d+(?:,\d+)?", text) and i + 1 < len(toks) and toks[i + 1].lower in ("uur", "minuten", "minuut",
                                                                                           "kwartier"):
        text, nxt = f"{text} {toks[i + 1].lower}", 2
    m = DURATION.fullmatch(text.lower())
    if not m or (i and toks[i - 1].lower in TIME_OF_DAY_CUES):
        return None
    label = f"{m.group(1)} {m.group(2)}"
    rest = [x.lower for x in toks[i + nxt:i + nxt + 5]]
    for k in range(len(rest) - 1):
        if rest[k] == "per" and rest[k + 1] in PER:
            return f"{label} per {rest[k + 1]}"
    return label


def sentence_facts(sentence: Sentence) -> dict[str, tuple[int, Fact]]:
    """Return the first date, time, amount and duration of a sentence as {kind: (token index, Fact)}."""
    toks = sentence.tokens
    found: dict[str, tuple[int, Fact]] = {}
    times: list[tuple[int, int, int]] = []
    for i, t in enumerate(toks):
        if t.kind == "datum" and "datum" not in found:
            parsed = parse_date(t.text)
            if parsed:
                d, mo, y, wd = parsed
                before = [x.lower for x in toks[max(0, i - 3):i]]
                deadline = bool(before) and (before[-1] in DEADLINE_CUES or before[-2:] == ["tot", "en"]
                                             or "uiterlijk" in before or (before[-1] == "op" and "uiterlijk" in before))
                found["datum"] = (i, Fact("termijn" if deadline else "datum", t.text, d, mo, y, wd))
        elif (duration := _duration(toks, i)) is not None:
            if "duur" not in found:
                found["duur"] = (i, Fact("duur", t.text, amount=duration))
        elif t.kind == "tijd":
            parsed = parse_time(t.text)
            if parsed:
                times.append((i, *parsed))
        elif t.kind == "bedrag" and "bedrag" not in found:
            found["bedrag"] = (i, Fact("bedrag", t.text, amount=amount_label(t.text)))
    if times:
        i, h, mi = times[0]
        label = _time_label(h, mi)
        if len(times) > 1:
            j, h2, m2 = times[1]
            between = {x.lower for x in toks[i + 1:j]}
            if j - i <= 3 and between & {"tot", "-", "–", "en", "t/m"}:
                label += " - " + _time_label(h2, m2)
        found["tijd"] = (i, Fact("tijd", toks[i].text, time=label, hour=h, minute=mi))
    return found
