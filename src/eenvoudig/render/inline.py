"""Text inside a line of the sheet, the PDF and the HTML page: facts kept on one line, and links.

"€ 2.347,86", an IBAN and a phone number must not break over two lines (a reader who sees "€" at the end
of one line and "2.347,86" on the next may miss the amount), so their spaces become no-break spaces.
On the HTML page a phone number becomes a `tel:` link, an e-mail address a `mailto:` link and a web
address a link, so a reader on a phone can tap them.
"""

from __future__ import annotations

import re

NBSP = "\u00a0"
TOGETHER = ("bedrag", "iban", "telefoon", "postcode", "bsn", "datum", "tijd")


def _facts(text: str, kinds: tuple[str, ...]) -> list[tuple[int, int, str]]:
    """Return (start, end, kind) of amounts, IBANs, phone numbers … in text, without overlaps (the longest wins)."""
    from eenvoudig.analysis.spans import Span, find_spans
    from eenvoudig.speech.text import merge_spans, phone_numbers

    phones = [Span(a, b, "telefoon", text[a:b]) for a, b in phone_numbers(text)] if "telefoon" in kinds else []
    spans = merge_spans(phones, find_spans(text, kinds=tuple(k for k in kinds if k != "telefoon") + ("iban",)))
    return [(s.start, s.end, s.kind) for s in spans if s.kind in kinds]


def keep_together(text: str) -> str:
    """Return text with no-break spaces inside amounts, IBANs, phone numbers, postcodes, dates and times."""
    if not re.search(r"\d", text):
        return text
    out, pos = [], 0
    for a, b, _ in _facts(text, TOGETHER):
        out.append(text[pos:a])
        out.append(re.sub(r" ", NBSP, text[a:b]))
        pos = b
    out.append(text[pos:])
    return "".join(out)


def tel_href(number: str) -> str:
    """Return the `tel:` link of a Dutch phone number: "030 - 286 11 11" → "tel:+31302861111", "14 020" → "tel:14020"."""
    t = number.replace("(0)", "")
    digits = re.sub(r"\D", "", t)
    if t.lstrip().startswith("+"):
        return f"tel:+{digits}"
    if t.lstrip().startswith("00"):
        return f"tel:+{digits[2:]}"
    if len(digits) == 10 and digits.startswith("0") and not digits.startswith(("0800", "0900", "0909", "0906")):
        return f"tel:+31{digits[1:]}"
    return f"tel:{digits}"


def link_parts(text: str) -> list[tuple[str, str | None]]:
    """Split a line into (text, link or None): phone numbers, e-mail and web addresses become links."""
    parts: list[tuple[str, str | None]] = []
    pos = 0
    for a, b, kind in _facts(text, ("telefoon", "email", "url")):
        value = text[a:b]
        if kind == "telefoon":
            href = tel_href(value)
        elif kind == "email":
            href = f"mailto:{value}"
        else:
            href = value if re.match(r"https?://", value, re.I) else f"https://{value}"
        parts.append((text[pos:a], None))
        parts.append((keep_together(value) if kind == "telefoon" else value, href))
        pos = b
    parts.append((text[pos:], None))
    merged: list[tuple[str, str | None]] = []
    for value, href in parts:
        if href is None:
            value = keep_together(value)
        if value:
            merged.append((value, href))
    return merged
