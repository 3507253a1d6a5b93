"""The Dutch speech normaliser: text → the text a voice reads correctly.

"€ 25,-" → "vijfentwintig euro", "14 020" → "veertien nul twintig", "ma 3 mrt" → "maandag drie maart",
"i.v.m." → "in verband met". A chain of small str → str steps: `spans.find_spans` cuts the text into
protected spans (amounts, dates, times, phone numbers, postcodes, BSN, IBAN, e-mail, URLs, legal
references, reference numbers, numbers), each spoken by its own `say_*` function, and plain text in
between, which goes through `PLAIN_STEPS`. Some facts are found here first (`own_spans`), because the
shared spans read them wrongly: phone numbers in every notation ("030 - 286 11 11" is no range), decimals
with their unit ("2,5 uur" → "tweeënhalf uur"), time ranges ("9.00-12.00 uur" → "van negen tot twaalf
uur"), initials ("P.J." → "pee jee", never the lexicon's "per jaar") and titles ("drs." → "doctorandus").
The plain text goes through `PLAIN_STEPS`: the abbreviations of the lexicon (`soort` = afk; column
`uitspraak`, else the first plain alternative), ordinals and house-number letters, acronyms, symbols.
Numbers are written out with num2words (spacing fixed to the Taalunie rule: "duizend tweehonderd"),
month and day names come from babel. No spaCy needed.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable, Sequence

from eenvoudig.analysis.spans import Span, find_spans

# ============================================================================================ numbers

DIGITS = ("nul", "één", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen")
# Dutch names of the letters, as a voice should say them when a word is spelled.
LETTERS = {"a": "aa", "b": "bee", "c": "cee", "d": "dee", "e": "ee", "f": "ef", "g": "gee", "h": "haa",
           "i": "ie", "j": "jee", "k": "kaa", "l": "el", "m": "em", "n": "en", "o": "oo", "p": "pee",
           "q": "kuu", "r": "er", "s": "es", "t": "tee", "u": "uu", "v": "vee", "w": "wee", "x": "iks",
           "y": "ij", "z": "zet"}
# How separators inside e-mail addresses, web addresses and reference numbers are said.
SEPARATORS = {".": "punt", "@": "apenstaartje", "-": "streepje", "_": "liggend streepje", "/": "schuine streep",
              "+": "plus", ":": "dubbele punt", "?": "vraagteken", "=": "is", "&": "en", "#": "hekje",
              "%": "procent", "~": "tilde"}


def cardinal(n: int) -> str:
    """Return a whole number in Dutch words, spelled as the Taalunie writes it ("duizend tweehonderdvijftig")."""
    from num2words import num2words

    if n == 1:
        return "één"  # "een" would be read as the article
    words = num2words(n, lang="nl")
    words = re.sub(r"(duizend|miljoen|miljard)(?=[a-zé])", r"\1 ", words)  # a space after duizend
    return re.sub(r"(^|\s)een (miljoen|miljard)", r"\1één \2", words)


def year(n: int) -> str:
    """Return a year as it is said: 1985 → negentienhonderdvijfentachtig, 2027 → tweeduizend zevenentwintig."""
    from num2words import num2words

    if 1100 <= n <= 1999:
        rest = n % 100
        return num2words(n // 100, lang="nl") + "honderd" + (num2words(rest, lang="nl") if rest else "")
    return cardinal(n)


def ordinal(n: int) -> str:
    """Return an ordinal in Dutch words (3 → derde)."""
    from num2words import num2words

    return num2words(n, lang="nl", to="ordinal")


def digits(text: str) -> str:
    """Say every digit on its own: "0999" → "nul negen negen negen"."""
    return " ".join(DIGITS[int(c)] for c in text if c.isdigit())


def spell(text: str) -> str:
    """Say every letter and digit on its own: "AB12" → "aa bee één twee"."""
    return " ".join(LETTERS.get(c.lower(), DIGITS[int(c)] if c.isdigit() else "") for c in text if c.isalnum())


def _pair(two: str) -> str:
    """Say a pair of digits the way postcodes are said: "34" → vierendertig, "05" → nul vijf."""
    return digits(two) if two.startswith("0") else cardinal(int(two))


# ============================================================================================ spans


@lru_cache(maxsize=1)
def _calendar() -> tuple[dict[str, int], dict[str, str]]:
    """Return month (name or abbreviation → number) and weekday (abbreviation → name) tables from babel."""
    from babel.dates import get_day_names, get_month_names

    wide = dict(get_month_names("wide", locale="nl"))
    months: dict[str, int] = {}
    for number, name in wide.items():
        months[name] = number
        for k in range(3, len(name)):
            months.setdefault(name[:k], number)        # jan, febr, sept, okt …
    for number, name in dict(get_month_names("abbreviated", locale="nl")).items():
        months[name.rstrip(".")] = number               # mrt
    days = dict(get_day_names("wide", locale="nl"))
    weekdays = {name: name for name in days.values()}
    for index, name in dict(get_day_names("abbreviated", locale="nl")).items():
        weekdays[name.rstrip(".")] = days[index]
    return months, weekdays


def _full_year(y: str) -> int:
    """Return a four-digit year; a two-digit year is this century unless that is more than 20 years ahead."""
    if len(y) == 4:
        return int(y)
    import datetime

    now = datetime.date.today().year
    n = 2000 + int(y)
    return n if n <= now + 20 else n - 100


def say_date(text: str) -> str:
    """Say a date: "3-3-2027" and "3 maart 2027" → "drie maart tweeduizend zevenentwintig"; "ma 3 mrt" → "maandag drie maart"."""
    months, weekdays = _calendar()
    t = " ".join(text.split())
    weekday = ""
    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", t):
        y, mo, d = m.group(1), int(m.group(2)), int(m.group(3))
    elif m := re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})", t):
        d, mo, y = int(m.group(1)), int(m.group(2)), m.group(3)
    elif m := re.fullmatch(r"(?:([a-z]+)\.?\s+)?(\d{1,2})\s+([a-z]+)\.?(?:\s+(\d{4}))?", t, re.I):
        weekday = weekdays.get(m.group(1).lower(), m.group(1)) if m.group(1) else ""
        d, y = int(m.group(2)), m.group(4)
        mo = months.get(m.group(3).lower(), 0)
    else:
        return say_numbers(t)
    if not 1 <= mo <= 12:
        return say_numbers(t)
    from babel.dates import get_month_names

    words = [weekday, cardinal(d), get_month_names("wide", locale="nl")[mo]]
    if y:
        words.append(year(_full_year(y)))
    return " ".join(w for w in words if w)


def say_time(text: str) -> str:
    """Say a time: "7.30 uur" → "zeven uur dertig", "9.00" → "negen uur"."""
    m = re.fullmatch(r"(\d{1,2})(?:[.:](\d{2}))?\s?(?:uur)?", text.strip())
    if not m:
        return say_numbers(text)
    hours, minutes = int(m.group(1)), int(m.group(2) or 0)
    return f"{cardinal(hours)} uur" + (f" {cardinal(minutes)}" if minutes else "")


def say_amount(text: str) -> str:
    """Say an amount of money: "€ 1.250,50" → "duizend tweehonderdvijftig euro en vijftig cent", "€ 25,-" → "vijfentwintig euro"."""
    m = re.search(r"(-)?\s?(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,2}|-{1,2}))?", text)
    if not m:
        return say_numbers(text)
    euros = int(m.group(2).replace(".", ""))
    cents_text = m.group(3) or ""
    cents = int(cents_text.ljust(2, "0")) if cents_text.isdigit() else 0
    minus = "min " if m.group(1) else ""
    if text.rstrip().lower().endswith("eurocent"):
        return f"{minus}{cardinal(euros)} cent"
    parts = []
    if euros or not cents:
        parts.append(f"{cardinal(euros)} euro")
    if cents:
        parts.append(f"{cardinal(cents)} cent")
    return minus + " en ".join(parts)


def say_phone(text: str) -> str:
    """Say a phone number in groups, digit by digit: "06-12345678" → "nul zes, één twee, drie vier, …".

    Every Dutch notation: dashes with or without spaces ("030 - 286 11 11"), brackets ("(030) 286 11 11"),
    +31 or 0031 with or without "(0)", 14 + area code, 0800/0900 numbers.
    """
    t = re.sub(r"[()]", " ", text.replace("(0)", " ")).strip()
    if m := re.fullmatch(r"14[\s-]?(0\d{2,3})", t):
        rest = m.group(1)
        # 14 020 → veertien nul twintig; 14 0999 → veertien nul negen negen negen
        return "veertien nul " + (cardinal(int(rest[1:])) if len(rest) == 3 and rest[1] != "0" else digits(rest[1:]))
    words: list[str] = []
    if m := re.match(r"(?:\+|00)(\d{2})[\s-]*", t):
        words.append("plus " + cardinal(int(m.group(1))))
        t = t[m.end():]
    if m := re.match(r"0([89])0(\d)[\s-]*", t):
        words.append("nul " + ("acht" if m.group(1) == "8" else "negen") + "honderd" + (
            "" if m.group(2) == "0" else " " + digits(m.group(2))))
        t = t[m.end():]
    groups = [g for g in re.split(r"[\s-]+", t) if g]
    if len(groups) == 1 and len(groups[0]) == 10 and groups[0].startswith("0"):
        g = groups[0]   # 0612345678 → 06 12 34 56 78; 0201234567 → 020 123 45 67
        groups = [g[:2], g[2:4], g[4:6], g[6:8], g[8:]] if g.startswith("06") else [g[:3], g[3:6], g[6:8], g[8:]]
    for g in groups:
        if len(g) > 4:
            head = 3 if len(g) % 2 else 2
            chunks = [g[:head]] + [g[i:i + 2] for i in range(head, len(g), 2)]
        else:
            chunks = [g]
        words.extend(digits(c) for c in chunks)
    return ", ".join(words)


# A phone number in any Dutch notation. The spans of `find_spans` miss "030 - 286 11 11" (read as a
# range: "nul drie nul tot …") and "(030) 286 11 11"; these are checked on their digit count below.
PHONE = re.compile(
    r"(?<![\w+€.,/-])(?:"
    r"(?:\+|00)31[\s-]*(?:\(0\)[\s-]*)?\d(?:[\s-]*\d){8}"                 # +31 (0)30 286 11 11, 0031 30 …
    r"|\(0\d{1,3}\)[\s-]*\d(?:[\s-]?\d){4,8}"                             # (030) 286 11 11
    r"|0[1-9]\d{1,2}(?:\s*[-–]\s*|\s+)\d(?:[\s-]?\d){4,7}"                  # 030 - 286 11 11, 0348 - 12 34 56
    r"|06(?:\s*[-–]\s*|\s+)?\d(?:[\s-]?\d){7}"                             # 06 - 123 456 78
    r"|0[1-9]\d{8}"                                                         # 0302861111
    r"|14[\s-]?0\d{2,3}"                                                    # 14 020
    r"|0[89]0\d(?:\s*[-–]\s*|\s+)?\d{4}(?:\d{3})?"                          # 0800-1234
    r")(?![\w]|[.,]\d)")


def phone_numbers(text: str) -> list[tuple[int, int]]:
    """Return (start, end) of every phone number in text, in any Dutch notation (checked on its digit count)."""
    out = []
    for m in PHONE.finditer(text):
        value = m.group()
        national = re.sub(r"\D", "", re.sub(r"^(?:\+|00)31", "0", value.replace("(0)", "")))
        if (re.match(r"14[\s-]?0", value) and len(national) in (5, 6)) or \
                (re.match(r"0[89]0", national) and len(national) in (8, 11)) or len(national) == 10:
            out.append((m.start(), m.end()))
    return out


HALF_HET = {"uur": "uur", "jaar": "jaar", "procent": "procent", "%": "procent", "kwartier": "kwartier",
            "keer": "keer", "x": "keer"}                           # het-words and counts: "tweeënhalf uur"
HALF_DE = {"dag": "dag", "week": "week", "maand": "maand", "kilometer": "kilometer", "km": "kilometer",
           "meter": "meter", "minuut": "minuut", "liter": "liter", "kilo": "kilo", "kg": "kilo"}  # "anderhalve week"


def say_decimal(text: str) -> str:
    """Say a decimal number with the unit after it: "2,5 uur" → "tweeënhalf uur", "1,5 week" → "anderhalve week",
    "3,75 uur" → "drie komma vijfenzeventig uur". Other halves ("2,5 dagen") are said as "twee komma vijf"."""
    m = re.match(r"(\d+),(\d+)\s?(.*)", text)
    if not m:
        return say_numbers(text)
    whole, unit = int(m.group(1)), m.group(3).strip()
    half = m.group(2) == "5" and whole <= 12
    if half and (not unit or unit.lower() in HALF_HET or unit.lower() in HALF_DE):
        half_word = "halve" if unit.lower() in HALF_DE else "half"
        if whole == 0:
            words = f"een {half_word}"
        elif whole == 1:
            words = "ander" + half_word
        else:
            base = cardinal(whole)
            words = base + ("ën" if base.endswith("e") else "en") + half_word   # tweeënhalf, vierenhalf
        spoken_unit = HALF_DE.get(unit.lower()) or HALF_HET.get(unit.lower()) or unit
    else:
        words, spoken_unit = say_numbers(f"{m.group(1)},{m.group(2)}"), unit
    return f"{words} {_plain(spoken_unit)}".strip()


TIME_RANGE = re.compile(r"(?<![\d.,])((?:[01]?\d|2[0-3])[.:][0-5]\d)\s*(?:-|–|t/m|tot)\s*((?:[01]?\d|2[0-3])[.:][0-5]\d)"
                        r"(\s?uur)?(?![\d])")


def say_time_range(text: str) -> str:
    """Say a time range: "9.00-12.00 uur" → "negen tot twaalf uur", "8.30-17.00" → "acht uur dertig tot zeventien uur"."""
    m = TIME_RANGE.fullmatch(text.strip())
    if not m:
        return say_numbers(text)
    (h1, m1), (h2, m2) = ((int(x) for x in re.split(r"[.:]", g)) for g in m.group(1, 2))
    if m1 == 0 and m2 == 0:
        return f"{cardinal(h1)} tot {cardinal(h2)} uur"
    return f"{say_time(m.group(1))} tot {say_time(m.group(2))}"


TITLES = {"drs": "doctorandus", "mr": "meester", "dr": "doctor", "ir": "ingenieur", "ing": "ingenieur",
          "prof": "professor", "bc": "baccalaureus", "ds": "dominee", "mgr": "monseigneur"}
_name_after = r"(?=\s*(?:(?:van|de|der|den|ter|ten|te|het|'t|op|in|la|le|du|da|von|el|al|bin)\s+)*[A-Z][a-zà-ÿ])"
# initials: two or more capitals with dots before a name ("P.J. van den Berg"), or one after a title,
# a form of address or at the start of a line ("mr. A. de Vries", "J. Jansen" under the closing)
INITIALS = re.compile(
    r"(?<![\w.])(?P<i>(?:[A-Z]\.\s?){2,4})" + _name_after
    + r"|(?:\b(?i:drs|mr|dr|ir|ing|prof|bc|ds|mgr|dhr|mevr|mw|fam)\.\s|\b(?:heer|mevrouw|meneer|familie)\s|^|\n)"
    r"(?P<j>[A-Z]\.\s?)" + _name_after, re.M)
TITLE = re.compile(r"(?<![\w.])(?:drs|mr|dr|ir|ing|prof|bc|ds|mgr)\.(?=\s+(?:[A-Z]|(?:drs|mr|dr|ir|ing|prof)\.))", re.I)


def say_initials(text: str) -> str:
    """Say initials as letters: "P.J." → "pee jee" (never the lexicon's "p.j." = per jaar)."""
    return spell(text)


def say_title(text: str) -> str:
    """Say a title before a name as a word: "drs." → "doctorandus", "mr." → "meester"."""
    return TITLES.get(text.rstrip(".").lower(), text)


# a decimal with the word after it; never part of an amount ("€ 450,00", "2,50 euro")
DECIMAL = re.compile(r"(?<![\w.,€])(?<!€ )(?<!EUR )\d+,\d+(?!\d)(?:\s?(?!euro)[a-z]+\b|\s?%)?(?![.,]\d)")


def own_spans(text: str) -> list[Span]:
    """Return the spans this module finds itself: phone numbers in every notation, BSNs with spaces or dashes,
    decimals, time ranges, initials and titles. They go before `find_spans` when they are at least as long."""
    from eenvoudig.speech.privacy import bsn_spans

    out = [Span(a, b, "telefoon", text[a:b]) for a, b in phone_numbers(text)]
    out += [Span(a, b, "bsn", text[a:b]) for a, b in bsn_spans(text)]   # "123 456 782": one BSN, not three numbers
    for kind, pattern in (("tijdvak", TIME_RANGE), ("decimaal", DECIMAL), ("initialen", INITIALS), ("titel", TITLE)):
        for m in pattern.finditer(text):
            group = next((g for g in ("i", "j") if pattern.groupindex.get(g) and m.group(g)), 0)
            value = m.group(group).rstrip()
            if value:
                out.append(Span(m.start(group), m.start(group) + len(value), kind, value))  # type: ignore[arg-type]
    return out


def merge_spans(own: list[Span], found: list[Span]) -> list[Span]:
    """Return spans without overlaps: the longer wins; on equal length our own (phone, decimal, …) wins."""
    ranked = sorted([(s, 0) for s in own] + [(s, 1) for s in found], key=lambda x: (-(x[0].end - x[0].start), x[1]))
    taken: list[Span] = []
    for span, _ in ranked:
        if all(span.end <= t.start or span.start >= t.end for t in taken):
            taken.append(span)
    return sorted(taken, key=lambda x: x.start)


def say_postcode(text: str) -> str:
    """Say a postcode: "1234 AB" → "twaalf vierendertig, aa bee"."""
    m = re.fullmatch(r"(\d{2})(\d{2})\s?([A-Za-z]{2})", text.strip())
    if not m:
        return spell(text)
    return f"{_pair(m.group(1))} {_pair(m.group(2))}, {spell(m.group(3))}"


def say_bsn(text: str) -> str:
    """Say a citizen service number digit by digit, in the groups it was written in (or 3-3-3)."""
    groups = re.split(r"[\s.-]+", text) if re.search(r"[\s.-]", text) else [text[:3], text[3:6], text[6:]]
    return ", ".join(digits(g) for g in groups if g)


def say_iban(text: str) -> str:
    """Say an IBAN per letter and digit, in groups of four: "NL91 ABNA …" → "en el negen één, aa bee en aa, …"."""
    raw = re.sub(r"\s", "", text)
    return ", ".join(spell(raw[i:i + 4]) for i in range(0, len(raw), 4))


def _address_words(text: str) -> str:
    """Say the parts of an e-mail or web address: words as words, short or vowel-less parts spelled."""
    out = []
    for tok in re.findall(r"[^\W\d_]+|\d+|[^\w\s]|_", text):
        if tok in SEPARATORS:
            out.append(SEPARATORS[tok])
        elif tok.isdigit():
            out.append(digits(tok))
        elif len(tok) <= 2 or not re.search(r"[aeiouyáéíóúäëïöü]", tok, re.I):
            out.append(spell(tok))
        else:
            out.append(tok.lower())
    return " ".join(out)


def say_email(text: str) -> str:
    """Say an e-mail address: "info@voorbeeldstad.nl" → "info apenstaartje voorbeeldstad punt en el"."""
    return _address_words(text)


def say_url(text: str) -> str:
    """Say a web address without its "https://": "www.gemeente.nl/afval" → "wee wee wee punt gemeente punt en el schuine streep afval"."""
    return _address_words(re.sub(r"^https?://", "", text, flags=re.I).rstrip("/"))


def say_reference(text: str) -> str:
    """Say a reference number ("WI/2027/01234") in parts: letters spelled, digits one by one, pauses between parts."""
    if m := re.fullmatch(r"(\d{1,5})-([A-Za-z])", text):   # a house number: 3-B → drie bee
        return f"{say_numbers(m.group(1))} {spell(m.group(2))}"
    parts = re.findall(r"[^\W\d_]+|\d+|[/-]", text)
    out: list[str] = []
    for i, p in enumerate(parts):
        if p in "/-":
            nxt = parts[i + 1] if i + 1 < len(parts) else ""
            out.append(" " if nxt.islower() and len(nxt) >= 3 else ", ")
        elif p.isdigit():
            out.append(digits(p))
        elif p.islower() and len(p) >= 3:
            out.append(p)
        else:
            out.append(spell(p))
        if i + 1 < len(parts) and p not in "/-" and parts[i + 1] not in "/-":
            out.append(" ")
    return "".join(out)


def say_law(text: str) -> str:
    """Say a legal reference: "artikel 4:8 van de Awb" → "artikel vier acht van de aa wee bee"."""
    def number(m: re.Match[str]) -> str:
        words = []
        for part in re.split(r"([:.])", m.group()):
            if part in (":", "."):
                words.append("punt" if part == "." else "")   # 2.3.5 → twee punt drie punt vijf; 4:8 → vier acht
            elif pm := re.fullmatch(r"(\d+)([a-z]?)", part):
                words.append(cardinal(int(pm.group(1))) + (" " + spell(pm.group(2)) if pm.group(2) else ""))
        return " ".join(w for w in words if w)

    t = re.sub(r"\b\d+[a-z]?(?:[:.]\d+[a-z]?)*\b", number, text)
    t = re.sub(r"\b(sub|onder|onderdeel)\s+([a-z])\b", lambda m: f"{m.group(1)} {spell(m.group(2))}", t)
    return _plain(t)


def say_numbers(text: str) -> str:
    """Say a number: "12" → twaalf, "1.250" → duizend tweehonderdvijftig, "2,5" → twee komma vijf, "0123" → nul één twee drie."""
    t = text.strip()
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", t):
        return cardinal(int(t.replace(".", "")))
    if m := re.fullmatch(r"(\d+),(\d+)", t):
        decimals = m.group(2)
        tail = cardinal(int(decimals)) if len(decimals) <= 2 and not decimals.startswith("0") else digits(decimals)
        return f"{cardinal(int(m.group(1)))} komma {tail}"
    if re.fullmatch(r"\d+(?:[.,]\d+)+", t):
        return " punt ".join(say_numbers(p) for p in re.split(r"[.,]", t))
    if t.isdigit():
        if len(t) > 1 and t.startswith("0") or len(t) > 9:
            return digits(t)
        n = int(t)
        return year(n) if len(t) == 4 and 1100 <= n <= 1999 else cardinal(n)
    return re.sub(r"\d+", lambda m: say_numbers(m.group()), t)


def say_template(text: str) -> str:
    """Say a template placeholder by the words in its name: "{{ aanvrager.naam }}" → "aanvrager naam"."""
    inner = re.sub(r"^\{[{%#]-?|-?[}%#]\}$", "", text).split("|")[0]
    return " ".join(re.findall(r"[^\W\d_]+", inner))


SPEAKERS: dict[str, Callable[[str], str]] = {
    "bedrag": say_amount, "datum": say_date, "tijd": say_time, "telefoon": say_phone, "postcode": say_postcode,
    "bsn": say_bsn, "iban": say_iban, "email": say_email, "url": say_url, "wetsartikel": say_law,
    "sjabloon": say_template, "kenmerk": say_reference, "getal": say_numbers, "naam": lambda t: t,
    "decimaal": say_decimal, "tijdvak": say_time_range, "initialen": say_initials, "titel": say_title,
}
NUMERIC = {"getal", "tijd", "bedrag", "datum", "decimaal"}

# ====================================================================================== plain text


@lru_cache(maxsize=1)
def _abbreviations() -> tuple[re.Pattern[str] | None, dict[str, tuple[str, str]]]:
    """Return a pattern for every abbreviation in the lexicon and a table: lower form → (as written, spoken)."""
    from eenvoudig.lexicon import load_lexicon

    table: dict[str, tuple[str, str]] = {}
    for entry in load_lexicon().entries.values():
        if entry.soort != "afk":
            continue
        spoken = entry.uitspraak or (entry.eenvoudig[0] if entry.eenvoudig else "")
        if spoken:
            table[entry.moeilijk.lower()] = (entry.moeilijk, spoken)
    if not table:
        return None, table
    forms = sorted((written for written, _ in table.values()), key=len, reverse=True)
    pattern = re.compile(r"(?<![\w./])(?:" + "|".join(re.escape(f) for f in forms) + r")(?![\w/])", re.I)
    return pattern, table


def expand_abbreviations(text: str) -> str:
    """Replace the lexicon's abbreviations by how they are said ("i.v.m." → "in verband met", "Wmo" → "wee em oo")."""
    pattern, table = _abbreviations()
    if pattern is None:
        return text

    def repl(m: re.Match[str]) -> str:
        written, spoken = table[m.group().lower()]
        found = m.group()
        # "i.v.m." also at the start of a sentence; "Awb" only as Awb or AWB, never the word "awb"
        if written == written.lower() or found == written or found == written.upper():
            return spoken
        return found

    return pattern.sub(repl, text)


WEEKDAY_RANGE = re.compile(r"\b(ma|di|wo|do|vr|za|zo)\.?(\s*(?:t/m|tot en met|tot|-|–)\s*)(ma|di|wo|do|vr|za|zo)\b\.?")


def say_weekdays(text: str) -> str:
    """Say short weekday names in a range: "ma t/m vr" → "maandag tot en met vrijdag"."""
    _, weekdays = _calendar()

    def repl(m: re.Match[str]) -> str:
        link = " tot en met " if "t" in m.group(2) and "/" in m.group(2) or "met" in m.group(2) else " tot "
        return weekdays.get(m.group(1), m.group(1)) + link + weekdays.get(m.group(3), m.group(3))

    return WEEKDAY_RANGE.sub(repl, text)


def say_ordinals(text: str) -> str:
    """Say ordinals, counts and house-number letters: "3e" → derde, "2x" → twee keer, "12a" → twaalf aa, "A4" → aa vier."""
    text = re.sub(r"\b(\d+)\s?x\b(?!\s*\d)", lambda m: f"{say_numbers(m.group(1))} keer", text)
    text = re.sub(r"\b(\d+)(?:e|de|ste)\b", lambda m: ordinal(int(m.group(1))), text)
    text = re.sub(r"\b(\d+)-?([A-Za-z])\b", lambda m: f"{say_numbers(m.group(1))} {spell(m.group(2))}", text)
    return re.sub(r"\b([A-Z])(\d+)\b", lambda m: f"{spell(m.group(1))} {say_numbers(m.group(2))}", text)


DOTTED = re.compile(r"(?<![\w.])((?:[A-Z]\.){2,5})(?![\w])")


def say_acronyms(text: str) -> str:
    """Spell unknown acronyms ("GGZ" → "gee gee zet", "B.V." → "bee vee"); words in capitals that are ordinary
    words ("LET OP") are read."""
    # the last dot of "B.V." at the end of a sentence is the full stop too
    text = DOTTED.sub(lambda m: spell(m.group(1).replace(".", "")) + ("." if not text[m.end():].strip() else ""), text)
    words = set(re.findall(r"\b[A-Z]{2,}\b", text))
    if not words:
        return text
    from eenvoudig.analysis.wordinfo import tables

    zipf = tables().zipf({w.lower() for w in words})

    def repl(m: re.Match[str]) -> str:
        w = m.group()
        if zipf.get(w.lower(), 0.0) >= 3.0 or len(w) > 5:
            return w.lower()
        return spell(w)

    return re.sub(r"\b[A-Z]{2,}\b", repl, text)


SYMBOLS = (
    (re.compile(r"\s*%"), " procent"), (re.compile(r"\s*‰"), " promille"), (re.compile(r"\s*°"), " graden"),
    (re.compile(r"€"), " euro "), (re.compile(r"&"), " en "), (re.compile(r"(?<=\s)\+(?=\s)"), " plus "),
    (re.compile(r"(?<=\s)=(?=\s)"), " is "), (re.compile(r"±"), " ongeveer "), (re.compile(r"§"), " paragraaf "),
    (re.compile(r"\b(en|of)/(of|en)\b"), r" \1 \2 "),
    (re.compile(r"\b([A-Z][\w-]*)/(?=[A-Z])"), r"\1 "),     # Belastingdienst/Toeslagen: one name, not "of"
    (re.compile(r"(?<=\w)/(?=\w)"), " of "),
    (re.compile(r"[()\[\]{}]"), ", "), (re.compile(r"…|\.{3}"), "."),
    (re.compile(r"(?:^|(?<=\s))[-–—•*·▪](?=\s)"), ", "), (re.compile(r"[\"“”„«»_#*•|<>/\\^`~]"), " "),
    (re.compile(r"(?:^|(?<=\s))['‘’]|['‘’](?=\s|$|[.,;:!?])"), ""),
)


def say_symbols(text: str) -> str:
    """Say or drop symbols: "%" → procent, "&" → en, "en/of" → "en of", brackets become pauses."""
    for pattern, spoken in SYMBOLS:
        text = pattern.sub(spoken, text)
    return text


def say_leftover_digits(text: str) -> str:
    """Say any digits the other steps left (digits inside a word: "A4-formaat" → "aa vier-formaat")."""
    return re.sub(r"\d+", lambda m: say_numbers(m.group()), text)


PLAIN_STEPS: tuple[Callable[[str], str], ...] = (
    say_weekdays, expand_abbreviations, say_ordinals, say_acronyms, say_symbols, say_leftover_digits)


def _plain(text: str) -> str:
    for step in PLAIN_STEPS:
        text = step(text)
    return text


def tidy(text: str) -> str:
    """Collapse spaces and line breaks, and clean up the commas the other steps made."""
    t = re.sub(r"\s*\n\s*", ", ", text.strip())
    t = re.sub(r"[ \t\u00a0]+", " ", t)
    t = re.sub(r"\s+([,.;:!?])", r"\1", t)
    t = re.sub(r",(?:\s*,)+", ",", t)
    t = re.sub(r",\s*([.;:!?])", r"\1", t)
    t = re.sub(r"([:;])\s*,", r"\1", t)
    t = re.sub(r"([,;:])(?=\w)", r"\1 ", t)
    return t.strip(" ,")


def normalize(text: str, *, names: Sequence[str] = ()) -> str:
    """Return `text` as a Dutch voice should read it: numbers, dates, amounts, phone numbers and abbreviations written out."""
    text = text.replace("\u00a0", " ").replace("\u202f", " ")
    spans = merge_spans(own_spans(text), find_spans(text, names=tuple(names)))
    parts: list[str] = []
    pos = 0
    previous: Span | None = None
    for span in spans:
        between = _counted(text[pos:span.start], previous)
        if (previous is not None and previous.kind in NUMERIC and span.kind in NUMERIC
                and re.fullmatch(r"\s*[-–]\s*", between)):
            parts.append(" tot ")        # 9.00-12.00 uur, 1-2 weken
        else:
            parts.append(_plain(between))
        said = SPEAKERS.get(span.kind, _plain)(span.text)
        if span.kind == "tijdvak" and not re.search(r"\b(?:van|vanaf|tussen)\s*$", between, re.I):
            said = "van " + said          # "open 9.00-12.00 uur" → "open van negen tot twaalf uur"
        parts.append(" " + said + " ")
        pos = span.end
        previous = span
    parts.append(_plain(_counted(text[pos:], previous)))
    return tidy("".join(parts))


def _counted(between: str, previous: Span | None) -> str:
    """Say "x" after a number as "keer": "3 x per week" → "3 keer per week"."""
    if previous is not None and previous.kind in ("getal", "decimaal"):
        return re.sub(r"^\s?[x×](?=\s|$)", " keer", between)
    return between
