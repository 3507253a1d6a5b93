"""Render a template in every branch and map each character of a rendering back to the template.

Jinja2's own parser reads the template. Every piece of text (`TemplateData`) and every `{{ … }}` gets an
invisible marker, every `{% if %}` test is replaced by a call that chooses the branch, every loop and include
is counted (sandbox.Limits), and `{% include %}`, `{% extends %}`, imports and macros are followed inside the
linted tree. The markers give a map from the rendered letter back to offsets in the template.
"""

from __future__ import annotations

import bisect
import os
import re
from collections import defaultdict, deque
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

from jinja2 import BaseLoader, TemplateNotFound, TemplateSyntaxError, nodes
from jinja2.lexer import TokenStream

from eenvoudig.lint.data import LintOptions
from eenvoudig.lint.files import Selection
from eenvoudig.lint.sandbox import MAX_CHARS, LimitedSandbox, Permissive, SampleUndefined, TooHeavy, TreeLoader, always, passthrough

# Invisible markers in the rendered text (Unicode private use area): OPEN id MID … CLOSE.
MARK_OPEN, MARK_MID, MARK_CLOSE = "\ue000", "\ue001", "\ue002"
MARK_RE = re.compile("\ue000([\ue010-\ue01f]+)\ue001|\ue002")
CHOOSER = "_eenvoudig_tak"
LOOP, INCLUDE, JOIN = "_eenvoudig_lus", "_eenvoudig_insluiten", "_eenvoudig_plak"
BODY_FIELDS = ("body", "else_")  # the statements inside Template, For, Macro, Block, With, CallBlock…


def line_starts(source: str) -> list[int]:
    return [0, *(m.end() for m in re.finditer("\n", source))]


def position(starts: Sequence[int], offset: int) -> tuple[int, int]:
    """Return the 1-based (line, column) of an offset."""
    line = bisect.bisect_right(starts, offset)
    return line, offset - starts[line - 1] + 1


# ===================================================================================== offset map


@dataclass
class _Piece:
    file: int
    start: int
    end: int
    linear: bool  # text: character i maps to start + i; a {{ value }}: every character maps to the tag


class Registry:
    """Everything the instrumented templates of one lint share: files, pieces, branch choices."""

    def __init__(self) -> None:
        self.files: list[tuple[str, str]] = []     # (name, source)
        self.pieces: list[_Piece] = []
        self.branches = Branches()
        self.refs: dict[str, list[tuple[int, str]]] = defaultdict(list)  # main file: name → (line, tag)
        self.tags: list[list[tuple[int, int, int, str]]] = []  # per file: (start, end, line, tag)

    def piece(self, file: int, start: int, end: int, linear: bool) -> str:
        self.pieces.append(_Piece(file, start, end, linear))
        pid = len(self.pieces) - 1
        return MARK_OPEN + "".join(chr(0xE010 + int(d, 16)) for d in f"{pid:x}") + MARK_MID


class Map:
    """Map offsets in a rendered (clean) text back to (file, offset) in the template sources."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.rows: list[tuple[int, int, int, bool]] = []  # (file, src_start, src_end, linear)

    def add(self, clean: int, file: int, start: int, end: int, linear: bool) -> None:
        if self.starts and self.starts[-1] == clean:
            self.starts.pop()
            self.rows.pop()
        self.starts.append(clean)
        self.rows.append((file, start, end, linear))

    def map(self, i: int, *, end: bool = False) -> tuple[int, int]:
        """Return (file, source offset) of clean character `i`; with end=True the offset just after it."""
        if not self.starts:
            return -1, 0
        k = max(0, bisect.bisect_right(self.starts, i) - 1)
        file, start, stop, linear = self.rows[k]
        if linear:
            return file, min(start + (i - self.starts[k]) + (1 if end else 0), max(stop, start))
        return file, (stop if end else start)


def unmark(rendered: str, registry: Registry) -> tuple[str, Map]:
    """Remove the markers from a rendering; return the clean text and its map to the sources."""
    out: list[str] = []
    n = 0
    m = Map()
    stack: list[list[int]] = []   # [piece id, characters of the piece consumed]
    last = (0, 0)
    pos = 0

    def emit(chunk: str) -> None:
        nonlocal n, last
        if not chunk:
            return
        if stack:
            pid, used = stack[-1]
            p = registry.pieces[pid]
            if p.linear:
                m.add(n, p.file, p.start + used, p.end, True)
                stack[-1][1] += len(chunk)
                last = (p.file, min(p.start + used + len(chunk), p.end))
            else:
                m.add(n, p.file, p.start, p.end, False)
                last = (p.file, p.end)
        else:
            source = registry.files[last[0]][1] if last[0] < len(registry.files) else ""
            at = source.find(chunk, last[1], last[1] + 4000) if len(chunk.strip()) >= 3 else -1
            if at >= 0:  # literal text Jinja2 passed on without a marker, e.g. inside {% trans %}
                m.add(n, last[0], at, at + len(chunk), True)
                last = (last[0], at + len(chunk))
            else:
                m.add(n, last[0], last[1], last[1], False)
        out.append(chunk)
        n += len(chunk)

    for mark in MARK_RE.finditer(rendered):
        emit(rendered[pos:mark.start()])
        pos = mark.end()
        if mark.group(1) is not None:
            pid = int("".join(f"{ord(c) - 0xE010:x}" for c in mark.group(1)), 16)
            if pid < len(registry.pieces):
                stack.append([pid, 0])
        elif stack:
            stack.pop()
    emit(rendered[pos:])
    return "".join(out), m


class Branches:
    """Choose a branch for every `{% if %}` so that, over the renderings, each branch is shown once."""

    def __init__(self) -> None:
        self.sizes: list[int] = []
        self.nested: dict[tuple[int, int], set[int]] = {}
        self.covered: set[tuple[int, int]] = set()
        self.chosen: dict[int, int] = {}
        self.seen: set[int] = set()
        self.new = False

    def add(self, size: int) -> int:
        self.sizes.append(size)
        return len(self.sizes) - 1

    def start(self) -> None:
        self.chosen = {}
        self.new = False

    def _open(self, k: int) -> bool:
        return any((k, b) not in self.covered for b in range(self.sizes[k])) or any(
            self._open(c) for b in range(self.sizes[k]) for c in self.nested.get((k, b), ()))

    def __call__(self, k: int, j: int) -> bool:
        if k not in self.chosen:
            n = self.sizes[k]
            c = next((b for b in range(n) if (k, b) not in self.covered), None)
            if c is None:
                c = next((b for b in range(n) if any(self._open(x) for x in self.nested.get((k, b), ()))), 0)
            self.chosen[k] = c
            self.seen.add(k)
            if (k, c) not in self.covered:
                self.covered.add((k, c))
                self.new = True
        return self.chosen[k] == j

    def done(self) -> bool:
        return not self.new or not any(self._open(k) for k in self.seen)


# ==================================================================================== environment


class LintEnvironment(LimitedSandbox):
    """A sandboxed, limited Jinja2 environment that instruments every template it parses."""

    def __init__(self, loader: BaseLoader, options: LintOptions, kind: str) -> None:
        super().__init__(
            loader=loader, undefined=SampleUndefined, autoescape=(kind == "html"),
            trim_blocks=options.trim_blocks, lstrip_blocks=options.lstrip_blocks, keep_trailing_newline=True,
            extensions=["jinja2.ext.i18n", "jinja2.ext.loopcontrols", "jinja2.ext.do"],
        )
        self.install_null_translations(newstyle=False)  # type: ignore[attr-defined]
        self.filters = Permissive(self.filters, passthrough, self.guard_filter)
        self.tests = Permissive(self.tests, always)
        self.registry = Registry()
        self.globals.update({CHOOSER: self.registry.branches, LOOP: self.limits.loop,
                             INCLUDE: self.limits.include, JOIN: self.checked_join})

    def unsafe_undefined(self, obj: Any, attribute: str) -> Any:
        """Refuse unsafe attributes loudly (the template then gets `sjabloon.invullen`), not as a sample."""
        from jinja2 import StrictUndefined
        from jinja2.exceptions import SecurityError

        return StrictUndefined(f"access to attribute {attribute!r} of {type(obj).__name__!r} object is unsafe.",
                               name=attribute, obj=obj, exc=SecurityError)

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        reg = self.registry
        file_id = len(reg.files)
        reg.files.append((name or "", source))
        try:
            raw = list(self.lexer.tokeniter(source, name, filename))
            self._raw = (source, raw)  # the parser reuses these tokens (see _tokenize): lexed once
            tree = super()._parse(source, name, filename)
        except TemplateSyntaxError:
            if file_id == 0:
                raise
            reg.tags.append([])  # a broken included file adds no text; it reports its own error
            return nodes.Template([], lineno=1)
        finally:
            self._raw = None
        _instrument(self, tree, source, file_id, _scan(source, raw))
        if file_id:  # an included file: its fixed text counts at every include
            self.limits.statics[name or ""] = _static(tree.body)
        _guard(tree)
        return tree

    def _tokenize(self, source: str, name: str | None, filename: str | None = None,
                  state: str | None = None) -> TokenStream:
        raw = getattr(self, "_raw", None)
        if raw is None or state is not None or raw[0] != source:
            return super()._tokenize(source, name, filename, state)
        stream = TokenStream(self.lexer.wrap(iter(raw[1]), name, filename), name, filename)
        for ext in self.iter_extensions():
            stream = ext.filter_stream(stream)  # type: ignore[assignment]
            if not isinstance(stream, TokenStream):
                stream = TokenStream(stream, name, filename)  # type: ignore[arg-type]
        return stream


# ================================================================================ instrumentation


@dataclass
class _Tokens:
    data: dict[tuple[int, str], deque[int]]
    exprs: dict[int, deque[tuple[int, int]]]
    tags: list[tuple[int, int, int, str]]  # (start, end, line, tag name)


def _scan(source: str, raw: Sequence[tuple[int, str, str]]) -> _Tokens:
    """Find the offsets of text, `{{ … }}` and `{% … %}` in the source, from Jinja2's own lexer."""
    data: dict[tuple[int, str], deque[int]] = defaultdict(deque)
    exprs: dict[int, deque[tuple[int, int]]] = defaultdict(deque)
    tags: list[tuple[int, int, int, str]] = []
    cursor = 0
    open_at: tuple[str, int, int] | None = None  # kind, start, line
    tag_name = ""
    first_line = 0
    for lineno, kind, value in raw:
        if source.startswith(value, cursor):
            at = cursor
        else:
            at = source.find(value, cursor)
            if at < 0 or source[cursor:at].strip():
                break  # the lexer changed the text; what we mapped so far stays valid
        cursor = at + len(value)
        if kind == "data":
            data[(lineno, value)].append(at)
        elif kind in ("variable_begin", "block_begin"):
            open_at, tag_name, first_line = (kind, at, lineno), "", 0
        elif kind == "raw_begin":
            tags.append((at, cursor, lineno, "raw"))
        elif kind in ("variable_end", "block_end") and open_at is not None:
            end = at + value.rfind("}") + 1   # just after "}}" or "%}" (the token may hold "-" or a newline)
            if kind == "variable_end":
                exprs[first_line or open_at[2]].append((open_at[1], end))
            else:
                tags.append((open_at[1], end, open_at[2], tag_name))
            open_at = None
        elif open_at is not None and kind != "whitespace":
            if not first_line:
                first_line = lineno
            if kind == "name" and not tag_name:
                tag_name = value
    return _Tokens(data, exprs, tags)


def _pop_expr(exprs: dict[int, deque[tuple[int, int]]], line: int) -> tuple[int, int] | None:
    if exprs.get(line):
        return exprs[line].popleft()
    for other in sorted(k for k, q in exprs.items() if q and k <= line)[::-1]:
        return exprs[other].popleft()
    return None


def _instrument(env: LintEnvironment, tree: nodes.Template, source: str, file_id: int, toks: _Tokens) -> None:
    """Add markers to text and values, branch choosers to ifs, and calls to macros nobody calls."""
    reg = env.registry
    reg.tags.append(toks.tags)
    outputs: list[nodes.Output] = []
    ifs: list[tuple[nodes.If, tuple[tuple[int, int], ...]]] = []  # each if with its (if, branch) ancestors
    refs: list[nodes.Node] = []

    def visit(node: nodes.Node, chain: tuple[tuple[int, int], ...]) -> None:
        # statements only: text and {{ values }} sit in Output statements, never inside expressions
        if isinstance(node, nodes.If):
            ifs.append((node, chain))
            for j, body in enumerate([node.body, *[e.body for e in node.elif_], node.else_]):
                for child in body:
                    visit(child, (*chain, (id(node), j)))
            return
        if isinstance(node, nodes.Output):
            outputs.append(node)
            return
        if isinstance(node, (nodes.Include, nodes.Extends, nodes.Import, nodes.FromImport)):
            refs.append(node)
        for name in BODY_FIELDS:
            for child in getattr(node, name, None) or ():
                if isinstance(child, nodes.Node):
                    visit(child, chain)

    visit(tree, ())
    for out in outputs:
        new: list[nodes.Expr] = []
        pending = ""  # a close marker waiting for the next piece of text (fewer nodes: faster to compile)
        for child in out.nodes:
            if isinstance(child, nodes.TemplateData):
                q = toks.data.get((child.lineno, child.data))
                if q:
                    start = q.popleft()
                    child.data = reg.piece(file_id, start, start + len(child.data), True) + child.data + MARK_CLOSE
                child.data = pending + child.data
                pending = ""
                new.append(child)
                continue
            span = _pop_expr(toks.exprs, child.lineno)
            if span is None:
                new.append(child)
                continue
            mark = reg.piece(file_id, span[0], span[1], False)
            if new and isinstance(new[-1], nodes.TemplateData) and not pending:
                new[-1].data += mark
            else:
                new.append(nodes.TemplateData(pending + mark))
            pending = ""
            new.append(child)
            pending = MARK_CLOSE
        if pending:
            new.append(nodes.TemplateData(pending))
        out.nodes = new
    # branches: every if/elif/else gets a number; the chooser decides at render time
    ids: dict[int, int] = {}
    for node, chain in ifs:
        k = ids[id(node)] = reg.branches.add(2 + len(node.elif_))
        node.test = _call(CHOOSER, [nodes.Const(k), nodes.Const(0)], node.lineno)
        for j, e in enumerate(node.elif_, 1):
            e.test = _call(CHOOSER, [nodes.Const(k), nodes.Const(j)], e.lineno)
        for parent, j in chain:
            reg.branches.nested.setdefault((ids[parent], j), set()).add(k)
    # includes never abort the rendering; remember what the main file refers to
    for node in refs:
        if isinstance(node, nodes.Include):
            node.ignore_missing = True
        if file_id == 0 and isinstance(node.template, nodes.Const) and isinstance(node.template.value, str):
            tag = {nodes.Include: "include", nodes.Extends: "extends", nodes.Import: "import",
                   nodes.FromImport: "from"}[type(node)]
            reg.refs[node.template.value].append((node.lineno, tag))
    # macros that this file defines but never calls: call them with sample arguments
    calls: dict[str, int] = defaultdict(int)
    for m in re.finditer(r"\b(\w+)\s*\(", source):
        calls[m.group(1)] += 1
    for macro in [n for n in tree.body if isinstance(n, nodes.Macro)]:
        if calls[macro.name] > 1:
            continue  # the definition and at least one call
        call = nodes.Call(nodes.Name(macro.name, "load"), [nodes.Name(a.name, "load") for a in macro.args],
                          [], None, None)
        tree.body.append(nodes.Output([nodes.TemplateData("\n\n"), call, nodes.TemplateData("\n\n")]))


def _call(name: str, args: list[nodes.Expr], lineno: int | None) -> nodes.Call:
    call = nodes.Call(nodes.Name(name, "load"), args, [], None, None)
    return call.set_lineno(lineno or 1)


def _static(body: Sequence[nodes.Node]) -> int:
    """Return the characters of fixed text in statements, outside loops and macros (they count their own)."""
    total = 0
    stack = list(body)
    while stack:
        node = stack.pop()
        if isinstance(node, (nodes.For, nodes.Macro, nodes.CallBlock)):
            continue
        if isinstance(node, nodes.TemplateData):
            total += len(node.data)
        else:
            stack.extend(node.iter_child_nodes())
    return total


def ref_name(node: nodes.Node) -> Any:
    """Return the constant template name of an include, extends or import (through our counting call)."""
    template = node.template  # type: ignore[attr-defined]
    if isinstance(template, nodes.Call) and isinstance(template.node, nodes.Name) and template.node.name == INCLUDE:
        template = template.args[0]
    return template.value if isinstance(template, nodes.Const) else None


def _guard(tree: nodes.Template) -> None:
    """Count every loop step and include, and check the size of every `a ~ b` (see sandbox.Limits)."""
    stack: list[nodes.Node] = [tree]
    while stack:
        node = stack.pop()
        for name, value in node.iter_fields():
            if isinstance(value, nodes.Concat):
                value = _call(JOIN, list(value.nodes), value.lineno)
                setattr(node, name, value)
            if isinstance(value, nodes.Node):
                stack.append(value)
            elif isinstance(value, list):
                for i, item in enumerate(value):
                    if isinstance(item, nodes.Concat):
                        item = value[i] = _call(JOIN, list(item.nodes), item.lineno)
                    if isinstance(item, nodes.Node):
                        stack.append(item)
        if isinstance(node, nodes.For):
            node.iter = _call(LOOP, [node.iter, nodes.Const(_static(node.body))], node.lineno)
        elif isinstance(node, (nodes.Include, nodes.Extends, nodes.Import, nodes.FromImport)):
            node.template = _call(INCLUDE, [node.template], node.lineno)


# ======================================================================================= renderer


def search_dirs(path: Path, root: Path, options: LintOptions) -> list[Path]:
    """Return where includes are looked up: the template's folder, its parents up to the root, template-dirs."""
    here = Path(os.path.abspath(path)).parent
    dirs = [here]
    top = Path(os.path.abspath(root))
    while here != top and here.is_relative_to(top) and here.parent != here:
        here = here.parent
        dirs.append(here)
    return [*dirs, *options.template_dirs]


class Renderer:
    """Render a template with every branch choice and collect its renderings as (clean text, map)."""

    def __init__(self, source: str, name: str, path: Path, root: Path, options: LintOptions, max_bytes: int,
                 kind: str, samples: dict[str, Any], selection: Selection) -> None:
        allowed = [root, *options.template_dirs]
        self.loader = TreeLoader(search_dirs(path, root, options), allowed, selection, max_bytes)
        self.env = LintEnvironment(self.loader, options, kind)
        self.source, self.name, self.options, self.samples = source, name, options, samples
        self.missing: list[tuple[str, int, int]] = []   # (name, start, end): includes not found
        self.failed: Exception | None = None  # a later branch could not be rendered

    def tag_offset(self, line: int, tag: str | None = None) -> tuple[int, int]:
        """Return the (start, end) offsets of the tag on a line of the main template (or of the line)."""
        tags = self.env.registry.tags[0] if self.env.registry.tags else []
        for start, end, tline, tname in tags:
            if tline == line and (tag is None or tname == tag):
                return start, end
        starts = line_starts(self.source)
        a = starts[max(1, min(line, len(starts))) - 1]
        b = self.source.find("\n", a)
        b = len(self.source) if b < 0 else b
        row = self.source[a:b]
        found = re.search(r"\{[{%#]", row)
        if found:
            closer = {"{": "}}", "%": "%}", "#": "#}"}[found.group()[1]]
            end = self.source.find(closer, a + found.start() + 2)
            return a + found.start(), (end + 2) if 0 <= end < b else b
        lead = len(row) - len(row.lstrip())
        return a + lead, max(a + lead + 1, b)

    def line_of(self, exc: BaseException) -> int | None:
        """Return the line of the main template where an error happened (Jinja2 rewrites the traceback)."""
        tb, line = exc.__traceback__, None
        while tb is not None:
            if tb.tb_frame.f_code.co_filename == self.name:
                line = tb.tb_lineno
            tb = tb.tb_next
        return line

    def _render(self, template: Any) -> str:
        parts: list[str] = []
        size = 0
        for part in template.generate(self.samples):
            size += len(part)
            if size > MAX_CHARS:
                raise TooHeavy(f"de brief wordt langer dan {MAX_CHARS:,} tekens".replace(",", "."))
            parts.append(part)
        return "".join(parts)

    def renderings(self) -> list[tuple[str, Map]]:
        """Return the renderings (raises TemplateSyntaxError for the main file, another error on failure)."""
        reg = self.env.registry
        tree = self.env._parse(self.source, self.name, self.name)
        out: list[tuple[str, Map]] = []
        removed: set[str] = set()
        for _attempt in range(4):
            template = self.env.template_class.from_code(self.env, self.env.compile(tree, self.name, self.name),
                                                         self.env.make_globals(None), None)
            reg.branches.covered.clear()
            out = []
            try:
                for _ in range(self.options.max_renders):
                    reg.branches.start()
                    self.env.limits.output = 0
                    try:
                        text = self._render(template)
                    except TemplateNotFound:
                        raise
                    except Exception as exc:  # noqa: BLE001 - keep the branches that did render
                        if not out:
                            raise
                        self.failed = exc
                        break
                    out.append(unmark(text, reg))
                    if reg.branches.done():
                        break
            except TemplateNotFound as exc:
                name = exc.name if isinstance(exc.name, str) else str(exc.name)
                if name in removed or name not in reg.refs:
                    raise RuntimeError(f"sjabloon '{name}' niet gevonden") from None
                removed.add(name)
                tree.body = [n for n in tree.body if not (
                    isinstance(n, (nodes.Extends, nodes.Import, nodes.FromImport)) and ref_name(n) == name)]
                continue
            break
        for name in dict.fromkeys([*self.loader.missing, *removed]):
            for line, tag in reg.refs.get(name, ()):
                a, b = self.tag_offset(line, tag)
                self.missing.append((name, a, b))
        return out


def render_reason(exc: BaseException) -> str:
    """Say in Dutch why a template could not be filled in."""
    from jinja2.exceptions import SecurityError

    detail = str(exc).split("\n")[0][:200] or exc.__class__.__name__
    if isinstance(exc, SecurityError):
        return f"de sandbox weigert een onveilige opdracht: {detail}"
    if isinstance(exc, RecursionError):
        return "het sjabloon is te diep genest, of roept zichzelf steeds opnieuw aan"
    return f"{exc.__class__.__name__}: {detail}"


def jinja_message(exc: TemplateSyntaxError) -> str:
    """Say a Jinja2 syntax error in plain Dutch where we know it; otherwise quote Jinja2."""
    msg = exc.message or ""
    if m := re.search(r"innermost block that needs to be closed is '(\w+)'", msg):
        return f"het sjabloon houdt op, maar '{{% {m.group(1)} %}}' is niet afgesloten met '{{% end{m.group(1)} %}}'."
    if m := re.search(r"Encountered unknown tag '(\w+)'", msg):
        return f"de opdracht '{{% {m.group(1)} %}}' is onbekend"
    if "expected token 'end of print statement'" in msg:
        return "de opdracht tussen '{{' en '}}' is niet goed."
    if "unexpected end of template" in msg:
        return "het sjabloon houdt op midden in een opdracht."
    return f"melding van Jinja2: {msg}"
