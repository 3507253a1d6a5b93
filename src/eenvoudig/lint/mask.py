"""Read a template without Jinja2: find broken structure, mask the tags to get the prose, find the
`{# eenvoudig: … #}` directives. Every scan here is linear in the size of the template, also for
100 kB of unclosed `{#`, `{%` or `{{`.
"""

from __future__ import annotations

import bisect
import html
import re
from dataclasses import dataclass, field
from typing import Any, Iterator

from eenvoudig.lint.data import sample_for
from eenvoudig.lint.render import Map, line_starts, position

TAG_NAME = re.compile(r"\{%[-+]?\s*(\w+)(.*?)[-+]?%\}", re.S)
DJANGO_HINTS = re.compile(
    r"\{%-?\s*(?:load|url|csrf_token|blocktrans|blocktranslate|translate|now|cycle|firstof|ifequal|ifnotequal|"
    r"ifchanged|templatetag|widthratio|spaceless|verbatim|comment|empty)\b|\{%-?\s*trans\s+[\"']|\|\s*\w+:")
MIDDLE_TAGS = {"else", "elif", "empty", "plural", "pluralize"}
BLOCK_TAGS = {"if", "for", "block", "macro", "call", "filter", "with", "autoescape", "raw", "trans", "set",
              "blocktrans", "blocktranslate", "comment", "spaceless", "verbatim", "ifchanged", "ifequal",
              "ifnotequal"}
CLOSERS = {"#": "#}", "%": "%}", "{": "}}"}
OPENERS = {kinds: re.compile(r"\{[" + re.escape(kinds) + "]") for kinds in ("#%{", "#%", "#")}


def constructs(source: str, kinds: str = "#%{", start: int = 0) -> Iterator[tuple[int, int]]:
    """Yield (start, end) of every `{# … #}`, `{% … %}` and `{{ … }}` (as a lazy regex would, but linear)."""
    for a, b, closed in _pieces(source, kinds, start):
        if closed:
            yield a, b


def _pieces(source: str, kinds: str = "#%{", start: int = 0) -> Iterator[tuple[int, int, bool]]:
    """Yield (start, end, closed) of template constructs; an opener that is never closed runs to the end of its line."""
    opener = OPENERS[kinds]
    dead: set[str] = set()  # kinds whose closer does not occur any more
    pos = start
    while (m := opener.search(source, pos)) is not None:
        kind = source[m.start() + 1]
        end = -1 if kind in dead else source.find(CLOSERS[kind], m.start() + 2)
        if end >= 0:
            yield m.start(), end + 2, True
            pos = end + 2
            continue
        dead.add(kind)
        line_end = source.find("\n", m.start())
        pos = len(source) if line_end < 0 else line_end
        yield m.start(), pos, False


def structure_error(source: str) -> tuple[int, str] | None:
    """Return (offset, Dutch message) of the first unclosed tag or block, or None if the structure is fine."""
    parts: list[str] = []
    pos = 0
    while (a := source.find("{#", pos)) >= 0:
        b = source.find("#}", a + 2)
        if b < 0:
            return a, "'{#' wordt niet afgesloten met '#}'."
        parts += [source[pos:a], " " * (b + 2 - a)]
        pos = b + 2
    masked = "".join(parts) + source[pos:]
    opener = re.compile(r"\{\{|\{%")
    for m in opener.finditer(masked):
        closer = "}}" if m.group() == "{{" else "%}"
        end = masked.find(closer, m.end())
        nxt = opener.search(masked, m.end())
        if end < 0 or (nxt is not None and nxt.start() < end):
            return m.start(), f"'{m.group()}' wordt niet afgesloten met '{closer}'."
    tags = [(t.start(), t.group(1), t.group(2)) for t in TAG_NAME.finditer(masked)]
    names = {name for _, name, _ in tags}
    blocks = {name[3:] for name in names if name.startswith("end")} | (BLOCK_TAGS - {"set", "trans"})
    blocks |= {name for name in ("set", "trans") if "end" + name in names}
    stack: list[tuple[int, str]] = []
    for at, name, rest in tags:
        if name.startswith("end") and name[3:] in blocks:
            if not stack or stack[-1][1] != name[3:]:
                want = f"'{{% end{stack[-1][1]} %}}'" if stack else "niets"
                return at, f"'{{% {name} %}}' staat hier niet goed: eenvoudig verwacht {want}."
            stack.pop()
        elif name in blocks and not (name == "set" and "=" in rest):
            stack.append((at, name))
        elif name in MIDDLE_TAGS and not stack:
            return at, f"'{{% {name} %}}' staat buiten een '{{% if %}}' of '{{% for %}}'."
    if stack:
        at, name = stack[-1]
        return at, f"'{{% {name} %}}' wordt niet afgesloten met '{{% end{name} %}}'."
    return None


def mask(source: str, samples: dict[str, Any], kind: str) -> tuple[str, Map]:
    """Return the prose of a template without Jinja2: tags dropped, {{ values }} as samples, with a map.

    A tag that is never closed (`{{ bedrag geld.`) is left out up to the end of its line.
    """
    out: list[str] = []
    m = Map()
    n = 0
    pos = 0
    skip_until = -1
    no_end_after = len(source) + 1   # no {% endcomment %} after this offset
    starts = line_starts(source)
    only_tags: dict[tuple[int, int], bool] = {}  # (start, end) of lines -> nothing but tags and comments

    def keep(a: int, b: int) -> None:
        nonlocal n
        if b > a:
            m.add(n, 0, a, b, True)
            out.append(source[a:b])
            n += b - a

    def alone(line_start: int, line_end: int) -> bool:
        if (line_start, line_end) not in only_tags:
            row, rest, at = source[line_start:line_end], [], 0
            for a, b in constructs(row, "#%"):
                rest.append(row[at:a])
                at = b
            only_tags[line_start, line_end] = not ("".join(rest) + row[at:]).strip()
        return only_tags[line_start, line_end]

    for a, b, closed in _pieces(source):
        if a < max(skip_until, pos):
            continue
        if not closed:  # a broken tag is not prose (it has its own finding): leave it out up to the line end
            keep(pos, a)
            pos = b
            continue
        text = source[a:b]
        if text.startswith("{%"):
            tag = TAG_NAME.match(text)
            if tag and tag.group(1) == "comment" and b < no_end_after:
                close = re.compile(r"\{%-?\s*endcomment\s*-?%\}").search(source, b)
                if close:
                    b = skip_until = close.end()
                else:
                    no_end_after = b
        line_start = starts[bisect.bisect_right(starts, a) - 1]
        line_end = source.find("\n", b)
        line_end = len(source) if line_end < 0 else line_end
        if not text.startswith("{{") and alone(line_start, line_end):
            keep(pos, line_start)
            pos = max(pos, min(len(source), line_end + 1))
            continue
        keep(pos, a)
        pos = b
        if text.startswith("{{"):
            name = re.search(r"[A-Za-z_][\w.]*", text[2:])
            key = name.group().split(".")[0] if name else ""
            value = samples.get(key) if key in samples and isinstance(samples.get(key), (str, int, float)) else None
            value = str(value) if value is not None else sample_for(name.group() if name else "")
            if kind == "html":
                value = html.escape(value)
            m.add(n, 0, a, b, False)
            out.append(value)
            n += len(value)
        elif out and out[-1][-1:].strip() and source[b:b + 1].strip():
            m.add(n, 0, a, b, False)
            out.append(" ")
            n += 1
    keep(pos, len(source))
    return "".join(out), m


# ==================================================================================== directives

DIRECTIVE_JINJA = (re.compile(r"\{#-?\s*eenvoudig\s*:"), "#}")
DIRECTIVE_HTML = (re.compile(r"<!--\s*eenvoudig\s*:"), "-->")
LINE_WORDS = {"negeer", "ignore"}
FILE_WORDS = {"negeer-bestand", "ignore-file"}
SAMPLE_WORDS = {"voorbeeld", "voorbeelden", "example", "sample"}
SAMPLE_PAIR = re.compile(r"([A-Za-z_][\w.]*)\s*=\s*(\"([^\"]*)\"|'([^']*)'|(\S+))")


@dataclass
class Directive:
    """A suppression comment: `{# eenvoudig: negeer zin.lang #}` (line) or `negeer-bestand` (file)."""

    start: int
    end: int
    scope: str                 # line or file
    rules: tuple[str, ...]     # empty: every rule
    target: int = 0            # the line a line directive applies to
    used: set[str] = field(default_factory=set)

    def matches(self, rule: str) -> str | None:
        if not self.rules:
            return "*" if rule != "sjabloon.onnodig" else None
        return next((p for p in self.rules if rule == p or rule.startswith(p + ".")), None)


def _comments(source: str, opener: re.Pattern[str], closer: str) -> Iterator[tuple[int, int, str]]:
    """Yield (start, end, body) of directive comments; linear, also when a comment is never closed."""
    pos = 0
    while (m := opener.search(source, pos)) is not None:
        end = source.find(closer, m.end())
        if end < 0:
            return
        body = source[m.end():end]
        yield m.start(), end + len(closer), body[:-1] if closer == "#}" and body.endswith("-") else body
        pos = end + len(closer)


def directives(source: str, kind: str) -> tuple[list[Directive], dict[str, str], list[tuple[int, int, str]]]:
    """Return (suppressions, sample values, unknown directives as (start, end, word)) in a source."""
    found = list(_comments(source, *DIRECTIVE_JINJA))
    if kind in ("html", "md"):
        found += _comments(source, *DIRECTIVE_HTML)
    starts = line_starts(source)
    text_after: list[int] = []   # per line (0-based): the first line from here on with text (1-based)
    result: list[Directive] = []
    samples: dict[str, str] = {}
    unknown: list[tuple[int, int, str]] = []
    for a, b, body in sorted(found):
        body = re.split(r"\s--\s|\s—\s", body.strip(), maxsplit=1)[0].strip()
        word, rest = (re.split(r"\s+", body, maxsplit=1) + [""])[:2]
        word = word.lower()
        if word in SAMPLE_WORDS:
            for pair in SAMPLE_PAIR.finditer(rest):
                samples[pair.group(1)] = next(g for g in pair.groups()[2:] if g is not None)
            continue
        if word not in LINE_WORDS | FILE_WORDS:
            unknown.append((a, b, word or body))
            continue
        d = Directive(a, b, "file" if word in FILE_WORDS else "line", tuple(r for r in re.split(r"[\s,]+", rest.strip()) if r))
        line, _ = position(starts, a)
        end_line, _ = position(starts, max(a, b - 1))
        after_end = source.find("\n", b)
        if not source[starts[line - 1]:a].strip() and not source[b:len(source) if after_end < 0 else after_end].strip():
            if not text_after:
                text_after = [0] * (len(starts) + 1)
                text_after[len(starts)] = len(starts) + 1
                for i in range(len(starts) - 1, -1, -1):
                    row = source[starts[i]:starts[i + 1] if i + 1 < len(starts) else len(source)]
                    text_after[i] = i + 1 if row.strip() else text_after[i + 1]
            d.target = text_after[end_line]   # the next line with text after the directive
        else:
            d.target = line
        result.append(d)
    return result, samples, unknown
