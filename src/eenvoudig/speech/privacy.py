"""The privacy guard: find personal data before any text goes to an online voice, and replace it.

What it finds, however it is written:

* BSN: 8 or 9 digits that pass the 11-test (python-stdnum), also with spaces, dots or dashes between them
  ("111 222 333", "1112.22.333", "11122233 3"); a date or an amount with the same digits is not a BSN;
* IBAN: in any case, with spaces, dots or dashes ("nl91 abna 0417 1643 00"), checked with python-stdnum;
* phone numbers: everything phonenumbers finds for the Netherlands ("+31 (0)30 123 4567", "030-1234567",
  "0031 6 12345678"), except service numbers of governments and companies (14 + area code, 0800, 0900);
* e-mail addresses, also "naam [at] gemeente.nl", "naam(at)…", "naam at gemeente dot nl", a full-width ＠;
* addresses: postcodes ("1234 AB", "1234ab"; "1234 en" is a number and a word) and street + house number;
* dates of birth: a date with "geboren", "geboortedatum" or "geb." in the same sentence, before or after it
  ("Uw geboortedatum is 03-03-1980", "U bent op 3 maart 1980 geboren");
* the names from the salutation, wherever they occur, also each part of a double name.

The text is searched twice: as written (after Unicode NFKC, so full-width letters and digits count), and
with Dutch number words turned back into digits, because the voice receives the normalised text
("één één één, twee twee twee …"): what was missed as digits is still found as words.

What it cannot find: a name that is not in the salutation (only in the body or the address), and a date
of birth without one of the words above. The README says so.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Sequence

from eenvoudig.analysis.spans import NAME_PARTICLES, find_spans
from eenvoudig.errors import PrivacyError

KIND_NAMES = {"bsn": "een burgerservicenummer (BSN)", "iban": "een rekeningnummer (IBAN)",
              "telefoon": "een telefoonnummer", "email": "een e-mailadres", "adres": "een adres (postcode of straat "
              "en huisnummer)", "geboortedatum": "een geboortedatum", "naam": "de naam uit de aanhef"}
NEUTRAL_WORDS = {"bsn": "uw burgerservicenummer", "iban": "uw rekeningnummer", "telefoon": "het telefoonnummer",
                 "email": "het e-mailadres", "adres": "uw adres", "postcode": "uw postcode",
                 "geboortedatum": "uw geboortedatum", "naam": "de ontvanger"}

_STREET_END = (r"(?:straat|laan|weg|plein|gracht|kade|singel|dijk|pad|hof|steeg|dreef|park|markt|baan|boulevard|"
               r"allee|erf|veld|wal|haven|kanaal|ring|plantsoen|zijde|burg|tuin|hoven|akker|donk|hoek)")
_HOUSE = r"\s+\d{1,5}(?:\s?[a-z]\b|\s?-\s?\d+\b|\s+(?:bis|hs|huis|I{1,3}|boven|beneden)\b)?"
STREET = re.compile(
    rf"(?<![\w-])[^\W\d_][\w'-]{{0,40}}{_STREET_END}{_HOUSE}"
    # 'Laan van Meerdervoort 12': a street word with a capital, particles, then a name with a capital
    rf"|(?-i:\b(?:Laan|Weg|Plein|Kade|Dijk|Singel|Straat|Gracht|Park|Hof|Pad|Markt|Ring|Baan|Dreef|Steeg|Wal))"
    rf"(?:\s+(?:van|de|der|den|het|ter|ten|op|aan|in|'t)){{0,3}}(?:\s+(?-i:[A-ZÀ-Þ])[\w'-]{{1,40}}){{1,3}}{_HOUSE}",
    re.I)
# A date of birth: one of these words in the same sentence, before or after the date.
BIRTH = re.compile(r"\b(?:geboren|geboortedatum|geboortedag|geb\.(?:\s*datum)?|geb\.?\s*datum)", re.I)
# Service numbers of governments and companies (14 + area code, 0800, 0900) never belong to a person.
SERVICE_PHONE = re.compile(r"140\d{2,3}|0[89]0[069]\d{4}(?:\d{3})?")


def _is_service(number: str) -> bool:
    return SERVICE_PHONE.fullmatch(re.sub(r"\D", "", number)) is not None
TITLE = re.compile(r"(?:\b(?:mevrouw|meneer|heer|familie|mevr\.|mw\.|dhr\.|fam\.)(?:\s*/\s*(?:mevrouw|heer))?\s+)"
                   r"((?:(?:dr|mr|ir|ing|drs|prof)\.\s*)*(?:[^\W\d_]\.\s*)*)$", re.I)
# Postcodes: 4 digits and 2 letters; lower-case letters after a space may be a Dutch word ('in 2027 en').
POSTCODE = re.compile(r"(?<![\w.,-])([1-9]\d{3})(\s?)([a-z]{2})(?!\w)", re.I)
_TWO_LETTER_WORDS = {"af", "al", "as", "da", "de", "di", "do", "en", "er", "ex", "ga", "ge", "ik", "in", "is", "ja",
                     "je", "la", "ma", "me", "na", "nu", "of", "oh", "om", "op", "pa", "te", "to", "uw", "we", "wo",
                     "za", "ze", "zo"}
_E_MAIL_AT = re.compile(r"@|[\[({<]\s*(?:at|apenstaartje)\s*[\])}>]|(?<=\s)(?:at|apenstaartje)(?=\s)", re.I)
_E_MAIL_LOCAL = re.compile(r"[\w.+-]{1,64}$")
_E_MAIL_LOCAL_SPELLED = re.compile(r"[\w.+-]{1,64}\s*$")
_E_MAIL_DOT = r"(?:\.|\s*[\[({<]\s*(?:dot|punt)\s*[\])}>]\s*|\s+(?:dot|punt)\s+)"
_E_MAIL_HOST = re.compile(rf"\s*[\w-]{{1,63}}(?:{_E_MAIL_DOT}[\w-]{{1,63}}){{0,6}}", re.I)
_IBAN_START = re.compile(r"(?<![^\W_])(?=[a-z]{2}[ .-]?\d{2}[ .-]?[a-z0-9])", re.I)
_IBAN_CHAR = re.compile(r"[a-z0-9]", re.I)
_SEP = r"[ .-]"
_SPOKEN_SEP = r"(?:[ .-]|, |,? tot |,? streepje )"


# ------------------------------------------------------------------------------------- normalising


def _fold(text: str) -> tuple[str, list[int], list[int]]:
    """Return `text` in NFKC (full-width ＠ and digits become @ and 0-9; dashes become '-') and, for each
    character of the result, where in `text` it starts and ends."""
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for i, c in enumerate(text):
        d = c if c.isascii() else (
            "-" if c in "\u2010\u2011\u2012\u2013\u2014\u2212\ufe63\uff0d" else unicodedata.normalize("NFKC", c))
        out.append(d)
        starts.extend([i] * len(d))
        ends.extend([i + 1] * len(d))
    return "".join(out), starts, ends


@lru_cache(maxsize=1)
def _number_words() -> dict[str, tuple[str, int]]:
    """Return Dutch number words as the normaliser writes them (num2words): word → (kind, value).

    Kinds: 'unit' 0-999, 'thousands' 1000-999000 ('driehonderdvijfenveertigduizend'), 'year' 1100-9999
    said in hundreds ('negentienhonderdtachtig', 'twaalfhonderdvierendertig'), 'mult' miljoen/miljard.
    """
    from num2words import num2words

    words = [num2words(n, lang="nl") for n in range(1000)]
    table: dict[str, tuple[str, int]] = {}
    for n, word in enumerate(words):
        table[word] = ("unit", n)
        if word.endswith("één") and n > 1:
            table[word[:-3] + "een"] = ("unit", n)
    table.pop("een", None)          # the article
    table["duizend"] = ("thousands", 1000)
    for n in range(2, 1000):
        table[words[n] + "duizend"] = ("thousands", n * 1000)
    for n in range(11, 100):
        for rest in range(100):
            table.setdefault(words[n] + "honderd" + (words[rest] if rest else ""), ("year", n * 100 + rest))
    table["miljoen"] = ("mult", 10 ** 6)
    table["miljard"] = ("mult", 10 ** 9)
    return table


def _number_atom(word: str) -> list[tuple[str, int]] | None:
    """Return the number parts of one word ('tweeduizendzeshonderd' → thousands 2000, unit 600), or None."""
    table = _number_words()
    low = word.lower()
    if low in table:
        return [table[low]]
    k = low.rfind("duizend")
    if 0 <= k < len(low) - 7 and low[:k + 7] in table and low[k + 7:] in table:
        return [table[low[:k + 7]], table[low[k + 7:]]]
    return None


def _digitise(text: str) -> tuple[str, list[int], list[int]]:
    """Return `text` with Dutch number words written as digits ("drie maart negentienhonderdtachtig" → "3 maart
    1980"; "één één één" → "1 1 1") and, for each character of the result, where in `text` it starts and ends."""
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    tokens = list(re.finditer(r"[^\W\d_]+", text))
    i = 0
    while i < len(tokens):
        atoms = _number_atom(tokens[i].group())
        if atoms is None:
            i += 1
            continue
        # a run of number words separated by spaces only
        run = [(tokens[i], atoms)]
        j = i + 1
        while j < len(tokens) and not text[tokens[j - 1].end():tokens[j].start()].strip() \
                and (more := _number_atom(tokens[j].group())) is not None:
            run.append((tokens[j], more))
            j += 1
        numbers: list[tuple[int, int, int]] = []   # value, start, end
        total, pending, start, end = 0, None, -1, -1
        open_number = False

        def close() -> None:
            nonlocal total, pending, open_number
            if open_number:
                numbers.append((total + (pending or 0), start, end))
            total, pending, open_number = 0, None, False

        for token, parts in run:
            for kind, value in parts:
                if kind == "mult":
                    if pending is not None and pending > 0 and (total == 0 or total % (value * 1000) == 0):
                        total, pending, end = total + pending * value, None, token.end()
                        continue
                    close()
                    continue
                if kind == "year" or (kind == "unit" and value == 0):
                    close()
                    start, end, open_number = token.start(), token.end(), True
                    total = value
                    close()
                    continue
                if kind == "thousands":
                    if open_number and pending is None and total and total % 10 ** 6 == 0:
                        total, end = total + value, token.end()
                        continue
                    close()
                    start, end, open_number, total = token.start(), token.end(), True, value
                    continue
                # a unit below 1000: the end of a number after thousands or millions, else a new number
                if open_number and pending is None and total and total % 1000 == 0:
                    pending, end = value, token.end()
                    continue
                close()
                start, end, open_number, pending = token.start(), token.end(), True, value
        close()
        for value, a, b in numbers:
            out.append(text[pos:a])
            starts.extend(range(pos, a))
            ends.extend(range(pos + 1, a + 1))
            digits = str(value)
            out.append(digits)
            starts.extend([a] * len(digits))
            ends.extend([b] * len(digits))
            pos = b
        i = j
    out.append(text[pos:])
    starts.extend(range(pos, len(text)))
    ends.extend(range(pos + 1, len(text) + 1))
    return "".join(out), starts, ends


# ------------------------------------------------------------------------------------------ finding


def name_variants(names: Sequence[str]) -> tuple[str, ...]:
    """Return every form of the salutation names to look for: the whole name, the halves of a double name
    and each part that is not a particle ('Fatima el Amrani' → also 'Fatima', 'el Amrani', 'Amrani')."""
    out: set[str] = set()
    for name in names:
        name = " ".join(name.split())
        if len(name) < 2:
            continue
        out.add(name)
        for half in re.split(r"\s*-\s*", name):
            if len(half) >= 2 and any(c.isupper() for c in half):
                out.add(half)
        words = re.split(r"[\s-]+", name)
        for k, word in enumerate(words):
            if len(word) >= 2 and word.lower() not in NAME_PARTICLES:
                out.add(word)
                # 'el Amrani', 'de Vries': the particles before a part belong to it
                first = k
                while first > 0 and words[first - 1].lower() in NAME_PARTICLES:
                    first -= 1
                if first < k:
                    out.add(" ".join(words[first:k + 1]))
    return tuple(sorted(out, key=len, reverse=True))


@lru_cache(maxsize=64)
def _names_pattern(variants: tuple[str, ...]) -> re.Pattern[str] | None:
    if not variants:
        return None
    alternatives = "|".join(r"\s+".join(map(re.escape, v.split())) for v in variants)
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w])", re.I)


def _runs(text: str, sep: str) -> list[list[tuple[int, int]]]:
    """Return the groups of digits (start, end) of each run 'digits, separator, digits, …' in `text`."""
    runs = []
    for m in re.finditer(rf"(?<!\w)\d+(?:{sep}\d+)*(?!\w)", text):
        runs.append([(g.start() + m.start(), g.end() + m.start()) for g in re.finditer(r"\d+", m.group())])
    return runs


def _is_date(text: str) -> bool:
    m = re.fullmatch(r"(\d{1,2})([-/. ])(\d{1,2})\2(\d{2}|\d{4})|(\d{4})-(\d{2})-(\d{2})", text)
    if not m:
        return False
    d, mo = (int(m.group(1)), int(m.group(3))) if m.group(1) else (int(m.group(7)), int(m.group(6)))
    return 1 <= d <= 31 and 1 <= mo <= 12


@lru_cache(maxsize=1)
def _after_spelled_code() -> re.Pattern[str]:
    """A spoken reference number starts with its letters: 'wee ie, twee nul twee zeven, …' (WI/2027/…)."""
    from eenvoudig.speech.text import LETTERS

    return re.compile(rf"\b(?:{'|'.join(LETTERS.values())}),? $", re.I)


def _bsns(text: str, spoken: bool) -> list[tuple[int, int, str]]:
    """Return the BSNs in `text`: 8 or 9 digits in one run of digit groups that pass the 11-test.

    In spoken text ('één één één, twee twee twee, …') the groups may be joined by commas; a run right
    after spelled letters is a reference number ('wee ie, twee nul twee zeven, …'), not a BSN.
    """
    from stdnum.nl import bsn

    found = []
    for groups in _runs(text, _SPOKEN_SEP if spoken else _SEP):
        if spoken and _after_spelled_code().search(text[max(0, groups[0][0] - 12):groups[0][0]]):
            continue
        for i in range(len(groups)):
            n = 0
            for j in range(i, len(groups)):
                n += groups[j][1] - groups[j][0]
                if n > 9:
                    break
                if n < 8:
                    continue
                a, b = groups[i][0], groups[j][1]
                value = text[a:b]
                digits = re.sub(r"\D", "", value)
                if _is_date(value) or re.search(r"(?:€|eur|euro)\s*$", text[max(0, a - 6):a], re.I) \
                        or re.match(r"\s*(?:euro|eurocent|cent)\b", text[b:b + 10], re.I):
                    continue
                if bsn.is_valid(digits):
                    found.append((a, b, "bsn"))
    return found


def bsn_spans(text: str) -> list[tuple[int, int]]:
    """Return (start, end) of every BSN written in `text`, with or without spaces, dots or dashes."""
    return [(a, b) for a, b, _ in _bsns(text, spoken=False)]


def _ibans(text: str) -> list[tuple[int, int, str]]:
    """Return the IBANs in `text`, in any case and with spaces, dots or dashes (python-stdnum checks them)."""
    from stdnum import iban

    found = []
    last_end = -1
    for m in _IBAN_START.finditer(text):
        if m.start() < last_end:
            continue
        chars = []   # (index, character) of the next 34 letters and digits, with single separators between
        k = m.start()
        while k < len(text) and len(chars) < 34:
            if _IBAN_CHAR.match(text[k]):
                chars.append((k, text[k]))
                k += 1
            elif text[k] in " .-" and k + 1 < len(text) and _IBAN_CHAR.match(text[k + 1]) and chars:
                k += 1
            else:
                break
        for n in range(len(chars), 14, -1):
            compact = "".join(c for _, c in chars[:n]).upper()
            end = chars[n - 1][0] + 1
            if (end == len(text) or not text[end].isalnum()) and iban.is_valid(compact):
                found.append((m.start(), end, "iban"))
                last_end = end
                break
    return found


def _spelled_ibans(text: str) -> list[tuple[int, int, str]]:
    """Return IBANs spelled out by the normaliser: 'en el negen één, aa bee en aa, …' (letters by name)."""
    from stdnum import iban

    from eenvoudig.speech.text import LETTERS

    names = {v: k for k, v in LETTERS.items()}
    found = []
    symbols: list[tuple[int, int, str]] = []
    for m in re.finditer(r"[^\W\d_]+|\d+|[^\s,]", text):
        word = m.group().lower()
        if word in names or m.group().isdigit():
            symbols.append((m.start(), m.end(), names.get(word, word)))
            continue
        symbols.append((m.start(), m.end(), ""))
    i = 0
    while i < len(symbols):
        if not symbols[i][2]:
            i += 1
            continue
        j = i
        while j < len(symbols) and symbols[j][2]:
            j += 1
        run = symbols[i:j]
        compact = "".join(s for _, _, s in run).upper()
        if len(compact) >= 15:
            offsets = []
            for k, (_, _, s) in enumerate(run):
                offsets += [k] * len(s)
            for a in range(len(compact) - 14):
                if not re.match(r"[A-Z]{2}\d{2}", compact[a:a + 4]):
                    continue
                for b in range(min(len(compact), a + 34), a + 14, -1):
                    if iban.is_valid(compact[a:b]):
                        found.append((run[offsets[a]][0], run[offsets[b - 1]][1], "iban"))
                        break
        i = j
    return found


def _emails(text: str) -> list[tuple[int, int, str]]:
    """Return e-mail addresses: found from the @ (or '[at]', '(at)', ' at ', 'apenstaartje') outwards."""
    found = []
    for at in _E_MAIL_AT.finditer(text):
        spelled = at.group() != "@"
        local = (_E_MAIL_LOCAL_SPELLED if spelled else _E_MAIL_LOCAL).search(text[max(0, at.start() - 70):at.start()])
        host = _E_MAIL_HOST.match(text, at.end(), min(len(text), at.end() + 300))
        if host and not spelled and host.group()[:1].isspace():
            continue
        if not local or not host or not local.group().strip(" .") or not host.group().strip():
            continue
        if spelled and not re.search(_E_MAIL_DOT, host.group(), re.I):
            continue   # 'kijk at home': a spelled-out address needs a dot too
        start = at.start() - len(local.group())
        end = host.end()
        while end > at.end() and text[end - 1] in " .":
            end -= 1
        found.append((start, end, "email"))
    return found


def _postcodes(text: str) -> list[tuple[int, int, str]]:
    found = []
    for m in POSTCODE.finditer(text):
        letters = m.group(3)
        if letters.upper() in ("SA", "SD", "SS"):
            continue
        if m.group(2) and letters.lower() in _TWO_LETTER_WORDS and not letters.isupper():
            continue
        found.append((m.start(), m.end(), "postcode"))
    return found


def _phones(text: str, mask: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Return phone numbers (phonenumbers, region NL), not service numbers; spans in `mask` are blanked
    first, so a BSN right before a phone number does not hide it."""
    import phonenumbers

    masked = list(text)
    for a, b, _ in mask:
        masked[a:b] = "x" * (b - a)
    masked_text = "".join(masked)
    found = []
    for m in phonenumbers.PhoneNumberMatcher(masked_text, "NL", leniency=phonenumbers.Leniency.VALID):
        if not _is_service(m.raw_string):
            found.append((m.start, m.end, "telefoon"))
    for s in find_spans(masked_text, kinds=("telefoon",)):
        if not _is_service(s.text):
            found.append((s.start, s.end, "telefoon"))
    return found


def _spoken_phones(text: str) -> list[tuple[int, int, str]]:
    """Return phone numbers the normaliser spoke in groups ('nul zes, één twee, …' → '0 6, 1 2, …')."""
    import phonenumbers

    found = []
    for groups in _runs(text, _SPOKEN_SEP):
        for i in range(len(groups)):
            plus = "+" if re.search(r"(?:\+|\bplus)\s*$", text[max(0, groups[i][0] - 6):groups[i][0]], re.I) else ""
            n = 0
            for j in range(i, len(groups)):
                n += groups[j][1] - groups[j][0]
                if n > 13:
                    break
                if n < 9:
                    continue
                digits = "".join(text[a:b] for a, b in groups[i:j + 1])
                if not plus and not digits.startswith("0"):
                    break     # a Dutch number starts with 0, +31 or 0031
                try:
                    number = phonenumbers.parse(plus + digits, "NL")
                except phonenumbers.NumberParseException:
                    continue
                if phonenumbers.is_valid_number(number) and not _is_service(digits):
                    found.append((groups[i][0], groups[j][1], "telefoon"))
    return found


def _birth_dates(text: str) -> list[tuple[int, int, str]]:
    """Return dates with a birth word in the same sentence (before or after, within 80 characters)."""
    found = []
    for s in find_spans(text, kinds=("datum",)):
        before = re.split(r"(?<!geb)[.!?]\s", text[max(0, s.start - 80):s.start], flags=re.I)[-1]
        after = re.split(r"(?<!geb)[.!?](?:\s|$)", text[s.end:s.end + 80], flags=re.I)[0]
        if BIRTH.search(before) or BIRTH.search(after):
            found.append((s.start, s.end, "geboortedatum"))
    return found


def _find(text: str, variants: tuple[str, ...], spoken: bool) -> list[tuple[int, int, str]]:
    """Return (start, end, kind) of personal data in text that was folded (and, if `spoken`, digitised)."""
    found = _bsns(text, spoken) + _ibans(text)
    if spoken:
        found += _spelled_ibans(text) + _spoken_phones(text)
    found += _phones(text, found) + _emails(text) + _postcodes(text) + _birth_dates(text)
    found += [(m.start(), m.end(), "adres") for m in STREET.finditer(text)]
    pattern = _names_pattern(variants)
    if pattern is not None:
        found += [(m.start(), m.end(), "naam") for m in pattern.finditer(text)
                  if any(w[:1].isupper() for w in re.split(r"[\s-]+", m.group()) if w.lower() not in NAME_PARTICLES)]
    return found


def personal_spans(text: str, names: Sequence[str] = ()) -> list[tuple[int, int, str]]:
    """Return (start, end, kind) of personal data in `text`, sorted, without overlaps.

    `text` may be written ("111 222 333") or spoken ("honderdelf tweehonderdtweeëntwintig …"): both are searched.
    """
    if not text:
        return []
    variants = name_variants(names)
    folded, fold_start, fold_end = _fold(text)
    found = [(fold_start[a], fold_end[b - 1], kind) for a, b, kind in _find(folded, variants, spoken=False)]
    digitised, digit_start, digit_end = _digitise(folded)
    if digitised != folded:
        for a, b, kind in _find(digitised, variants, spoken=True):
            a, b = digit_start[a], digit_end[b - 1]
            found.append((fold_start[a], fold_end[b - 1], kind))
    found.sort(key=lambda x: (x[0], -(x[1] - x[0])))
    out: list[tuple[int, int, str]] = []
    for start, end, kind in found:
        if out and start < out[-1][1]:
            if end > out[-1][1]:
                out[-1] = (out[-1][0], end, out[-1][2])
            continue
        out.append((start, end, kind))
    return out


def find_personal_data(text: str, names: Sequence[str] = ()) -> list[str]:
    """Return the kinds of personal data in `text` (never the values), in a fixed order."""
    kinds = {"adres" if k == "postcode" else k for _, _, k in personal_spans(text, names)}
    return [k for k in KIND_NAMES if k in kinds]


def redact(text: str, names: Sequence[str] = ()) -> str:
    """Replace personal data by neutral words ("uw burgerservicenummer"); a name after "mevrouw" is left out."""
    out = []
    pos = 0
    for start, end, kind in personal_spans(text, names):
        before = text[pos:start]
        if kind == "naam" and (m := TITLE.search(before)):
            out.append(before[:m.start(1)].rstrip() + " ")   # "Geachte mevrouw A. De Vries," → "Geachte mevrouw,"
        else:
            out.append(before + NEUTRAL_WORDS[kind])
        pos = end
    out.append(text[pos:])
    return re.sub(r" +([,.;:!?])", r"\1", re.sub(r"  +", " ", "".join(out)))


def privacy_message(kinds: Sequence[str]) -> str:
    """Return the Dutch refusal that names what was found."""
    names = [KIND_NAMES[k] for k in kinds]
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " en " + names[-1]
    return (f"de brief gaat niet naar de online stem, want er staan persoonsgegevens in: {listed}. "
            "Gebruik --redact om die te vervangen door neutrale woorden, of maak de audio zonder --online.")


def guarded_text(text: str, names: Sequence[str] = (), redact_personal: bool = False) -> str:
    """Return `text` as it may go online: unchanged when it holds no personal data, redacted with
    `redact_personal`, else refused with a PrivacyError. Text that is still personal after redaction is
    refused too."""
    kinds = find_personal_data(text, names)
    if not kinds:
        return text
    if not redact_personal:
        raise PrivacyError(privacy_message(kinds))
    out = redact(text, names)
    if left := find_personal_data(out, names):
        raise PrivacyError(privacy_message(left).replace("Gebruik --redact om die te vervangen door neutrale "
                                                         "woorden, of maak", "Ze zijn niet te vervangen. Maak"))
    return out
