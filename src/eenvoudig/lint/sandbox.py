"""The sandbox templates are rendered in: sample values for unknown names, files only from the linted tree,
and limits on time, steps and size, so that no template can hang a CI run or use up its memory.

Why limits inside the sandbox and not only a separate process with a timer: they work the same on Linux,
Windows and macOS (POSIX `resource` limits do not exist on Windows, and macOS does not enforce an address-space
limit), they stop a runaway template *before* it allocates gigabytes (a timer cannot stop one
`'x' * 10**10`), they cost next to nothing, and they give the template a finding that says what went wrong
while the rest of the run goes on. Jinja2 calls every function, filter and operator of a sandboxed
template through the environment (`call`, `call_binop`, the filter table, `finalize`), and the instrumented
template counts every loop step and include (see render.py), so the limits see all repeated work.
With `--jobs`, each worker process also has a hard time limit per file (run.py): a worker that overruns it or
is killed is replaced, and its file gets a finding.
"""

from __future__ import annotations

import functools
import os
import re
import time
from pathlib import Path
from string import Formatter
from collections.abc import Collection, Iterable, Iterator, Sequence
from typing import Any, Callable

from jinja2 import BaseLoader, TemplateNotFound
from jinja2.loaders import split_template_path
from jinja2.runtime import Undefined
from jinja2.sandbox import SandboxedEnvironment
from jinja2.utils import Namespace, _PassArg, generate_lorem_ipsum, pass_eval_context

from eenvoudig.lint.data import sample_for
from eenvoudig.lint.files import Selection

MAX_STEPS = 200_000          # loop steps, calls, filters and operators per template (all renderings together)
MAX_SECONDS = 10.0           # time to render one template (all renderings together)
MAX_CHARS = 200_000          # the longest value a template may build (text, or a list as text), and a rendering
MAX_OUTPUT = 1_000_000       # all text one rendering writes, also into {% set %} blocks and macros
MAX_INT_BITS = 4_096         # the largest number (about 1,200 digits)
MAX_WIDTH = 10_000           # the widest field in a format string ('%10000s', '{:>10000}')
MAX_DEPTH = 64               # lists in lists
GROWING = {"append", "extend", "insert", "update", "setdefault", "add"}   # methods that make a list, dict or set bigger
PRIVATE_RE = re.compile("[\ue000-\ue01f\ud800-\udfff]")   # our markers and lone surrogates: never from a template


class TooHeavy(Exception):
    """A template went over a limit; the message says which, in Dutch."""


def _number(n: int) -> str:
    return f"{n:,}".replace(",", ".")


class Limits:
    """Count the work of rendering one template and stop it at the limits."""

    def __init__(self) -> None:
        self.steps = 0
        self.output = 0
        self.deadline = time.monotonic() + MAX_SECONDS
        self.statics: dict[str, int] = {}    # template name -> characters of text outside its loops
        self.sizes: dict[int, tuple[Any, int, int]] = {}   # id -> (list, its length, its size as text)

    def tick(self, n: int = 1) -> None:
        self.steps += n
        if self.steps > MAX_STEPS:
            raise TooHeavy(f"meer dan {_number(MAX_STEPS)} stappen (herhalingen, aanroepen en includes)")
        if self.steps & 63 < n and time.monotonic() > self.deadline:
            raise TooHeavy(f"het invullen duurt langer dan {MAX_SECONDS:g} seconden")

    def write(self, chars: int) -> None:
        """Count text a rendering writes (also text that a {% set %} block or a macro collects)."""
        self.output += chars
        if self.output > MAX_OUTPUT:
            raise TooHeavy(f"het maakt meer dan {_number(MAX_OUTPUT)} tekens tekst")

    def refuse(self, size: int, what: str = "een waarde") -> None:
        if size > MAX_CHARS:
            raise TooHeavy(f"{what} van meer dan {_number(MAX_CHARS)} tekens")

    def checked(self, value: Any) -> Any:
        """Return `value` if it is not too big (as text), else stop the template."""
        if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > MAX_INT_BITS:
            raise TooHeavy(f"een getal van meer dan {_number(MAX_INT_BITS // 3)} cijfers")
        if not isinstance(value, (int, float, bool, type(None), Undefined, range)):  # a range is lazy
            self.refuse(measure(value))
        return value

    def grown(self, owner: list | dict | set, method: str, args: tuple, kwargs: dict) -> Callable[[], None]:
        """Check a list, dict or set before a method changes it; return the check for after the change.

        Appending to a list is counted without measuring the whole list again (that would make a loop
        that builds a list quadratic).
        """
        known = self.sizes.get(id(owner))
        before = known[2] if known is not None and known[0] is owner and known[1] == len(owner) else measure(owner)
        added = measure(args) + measure(kwargs)
        self.refuse(before + added, "een lijst")

        def after() -> None:
            size = before + added if method in ("append", "extend", "insert") else measure(owner)
            self.refuse(size, "een lijst")
            self.sizes[id(owner)] = (owner, len(owner), size)

        return after

    # ------------------------------------------------------------------------------------- hooks

    def loop(self, iterable: Iterable[Any], static: int) -> Iterator[Any]:
        """Iterate a {% for %} loop: each step counts, and so does the fixed text of its body."""
        for item in iterable:
            self.tick()
            if static:
                self.write(static)
            yield item

    def include(self, name: Any) -> Any:
        """Count an {% include %} (or import, extends) and the fixed text of the included template."""
        self.tick(10)
        if isinstance(name, str):
            self.write(self.statics.get(name, 0))
        return name

    def items(self, iterable: Iterable[Any], extra: int = 0) -> Iterator[Any]:
        """Pass on the items of an iterator (a filter's input) while counting their size."""
        total = 0
        for item in iterable:
            self.tick()
            total += measure(item) + extra
            self.refuse(total, "een lijst")
            yield item


def measure(value: Any, limit: int = MAX_CHARS) -> int:
    """Return about how many characters `value` becomes as text; a part that occurs twice counts twice."""
    memo: dict[int, int] = {}

    def size(v: Any, depth: int) -> int:
        if isinstance(v, str):
            return len(v)
        if v is None or isinstance(v, (bool, float)):
            return 5
        if isinstance(v, int):
            return v.bit_length() // 3 + 1
        if isinstance(v, range):
            return len(v) * (max(len(str(v.start)), len(str(v.stop))) + 2)
        if isinstance(v, (Collection, Namespace)) and not isinstance(v, (bytes, bytearray, Undefined)):
            key = id(v)
            if key in memo:
                return memo[key]
            if depth > MAX_DEPTH:
                raise TooHeavy(f"lijsten in lijsten, meer dan {MAX_DEPTH} diep")
            memo[key] = 5  # a list that contains itself prints as [...]
            parts = object.__getattribute__(v, "_Namespace__attrs") if isinstance(v, Namespace) else v
            items = parts.items() if isinstance(parts, dict) else ((x,) for x in parts)
            total = 2
            for item in items:
                for x in item:
                    total += size(x, depth + 1) + 2
                if total > limit:
                    break
            memo[key] = total
            return total
        if isinstance(v, (bytes, bytearray)):
            return 4 * len(v)
        if isinstance(v, Undefined):
            return len(str(v))
        return 64

    return size(value, 0)


# ================================================================================ size estimates


def _percent_widths(fmt: str, args: Any) -> None:
    """Refuse '%' formats with a huge field width or precision ('%0999999999d', '%*d' % (10**9, 1))."""
    for m in re.finditer(r"%(?:\([^)]*\))?[#0\- +]*(\*|\d+)?(?:\.(\*|\d+))?", fmt):
        for width in m.groups():
            if width and width != "*" and int(width) > MAX_WIDTH:
                raise TooHeavy(f"een veld breder dan {_number(MAX_WIDTH)} tekens")
    if "*" in fmt:
        values = args if isinstance(args, tuple) else (args,)
        if any(isinstance(v, int) and v > MAX_WIDTH for v in values):
            raise TooHeavy(f"een veld breder dan {_number(MAX_WIDTH)} tekens")


def _brace_widths(fmt: str, args: Sequence[Any], kwargs: dict[str, Any]) -> int:
    """Refuse '{:>999999999}'-style fields; return the number of fields."""
    fields = 0
    try:
        parsed = list(Formatter().parse(fmt))
    except ValueError:
        return 0  # str.format raises the same error itself
    for _text, name, spec, _conv in parsed:
        if name is None:
            continue
        fields += 1
        if any(int(d) > MAX_WIDTH for d in re.findall(r"\d+", spec or "")):
            raise TooHeavy(f"een veld breder dan {_number(MAX_WIDTH)} tekens")
        if spec and "{" in spec and any(isinstance(v, int) and v > MAX_WIDTH for v in (*args, *kwargs.values())):
            raise TooHeavy(f"een veld breder dan {_number(MAX_WIDTH)} tekens")
    return fields


def _int_arg(args: Sequence[Any], kwargs: dict[str, Any], i: int, name: str, default: Any) -> Any:
    return args[i] if len(args) > i else kwargs.get(name, default)


def _str_estimate(method: str, s: str, args: Sequence[Any], kwargs: dict[str, Any]) -> int:
    """Return about how long the result of a str method (or the filter of that name) is."""
    if method in ("center", "ljust", "rjust", "zfill"):
        width = _int_arg(args, kwargs, 0, "width", 80)
        return max(len(s), width if isinstance(width, int) else 0)
    if method == "expandtabs":
        size = _int_arg(args, kwargs, 0, "tabsize", 8)
        return len(s) + s.count("\t") * (size if isinstance(size, int) else 8)
    if method == "replace":
        old, new = _int_arg(args, kwargs, 0, "old", ""), _int_arg(args, kwargs, 1, "new", "")
        if not isinstance(old, str) or not isinstance(new, str):
            return len(s)
        hits = len(s) + 1 if not old else s.count(old)
        return len(s) + hits * max(0, len(new) - len(old))
    if method == "indent":
        width = _int_arg(args, kwargs, 0, "width", 4)
        width = len(width) if isinstance(width, str) else width if isinstance(width, int) else 4
        return len(s) + (s.count("\n") + 1) * max(0, width)
    if method == "wordwrap":
        width = _int_arg(args, kwargs, 0, "width", 79)
        wrap = _int_arg(args, kwargs, 2, "wrapstring", None) or "\n"
        breaks = len(s) // max(1, width if isinstance(width, int) else 79) + s.count("\n") + 1
        return len(s) + breaks * (len(wrap) if isinstance(wrap, str) else 1)
    if method == "translate":
        table = args[0] if args else None
        longest = max((measure(v) for v in table.values()), default=1) if isinstance(table, dict) else 1
        return len(s) * max(1, longest)
    return 0


class LimitedSandbox(SandboxedEnvironment):
    """Jinja2's SandboxedEnvironment with limits on steps, time and the size of every value it builds."""

    intercepted_binops = frozenset({"+", "-", "*", "/", "//", "%", "**"})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, finalize=self._finalize, **kwargs)
        self.limits = Limits()
        lipsum = self.globals.get("lipsum")
        if lipsum is generate_lorem_ipsum:
            self.globals["lipsum"] = self._lipsum

    def _lipsum(self, n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> str:  # noqa: A002
        if not all(isinstance(x, int) for x in (n, min, max)) or n * max > 2_000:
            raise TooHeavy("lipsum met te veel tekst")
        return generate_lorem_ipsum(n, html, min, max)

    def _finalize(self, value: Any) -> Any:
        """Every {{ value }} passes here before it becomes text."""
        size = measure(value, MAX_OUTPUT)
        self.limits.refuse(size)
        self.limits.write(size)
        return value

    @pass_eval_context
    def checked_join(self, eval_ctx: Any, *parts: Any) -> str:
        """Do what `a ~ b` does, after checking the size of the result."""
        from jinja2.runtime import markup_join, str_join

        self.limits.tick()
        self.limits.refuse(sum(measure(p) for p in parts))
        return (markup_join if eval_ctx.autoescape else str_join)(parts)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        limits = self.limits
        limits.tick()
        ints = isinstance(left, int) and isinstance(right, int)
        if operator == "*":
            if ints:
                if left.bit_length() + right.bit_length() > MAX_INT_BITS:
                    raise TooHeavy(f"een getal van meer dan {_number(MAX_INT_BITS // 3)} cijfers")
            elif isinstance(right, int) and isinstance(left, (str, list, tuple)):
                limits.refuse(measure(left) * max(0, right))
            elif isinstance(left, int) and isinstance(right, (str, list, tuple)):
                limits.refuse(measure(right) * max(0, left))
        elif operator == "**" and ints and right > 0 and abs(left) > 1:
            if right * left.bit_length() > MAX_INT_BITS:
                raise TooHeavy(f"een getal van meer dan {_number(MAX_INT_BITS // 3)} cijfers")
        elif operator == "%" and isinstance(left, str):
            _percent_widths(left, right)
            limits.refuse(len(left) + measure(right) * max(1, left.count("%")))
        elif operator == "+" and isinstance(left, (str, list, tuple)):
            limits.refuse(measure(left) + measure(right))
        return limits.checked(self.binop_table[operator](left, right))

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        limits = __self.limits
        limits.tick()
        target = getattr(__obj, "__wrapped__", __obj)          # the sandbox wraps str.format
        owner = getattr(target, "__self__", None)
        name = getattr(target, "__name__", "")
        if isinstance(owner, str):
            if name in ("format", "format_map"):
                values = args[0] if name == "format_map" and args else kwargs
                fields = _brace_widths(owner, args, values if isinstance(values, dict) else {})
                limits.refuse(len(owner) + fields * max([measure(a) for a in (*args, *kwargs.values())] or [0]))
            elif name == "join" and args:
                seq = args[0]
                if isinstance(seq, Collection):
                    limits.refuse(measure(seq) + len(owner) * len(seq))
                else:
                    args = (limits.items(seq, len(owner)), *args[1:])
            else:
                limits.refuse(_str_estimate(name, owner, args, kwargs))
        growing = isinstance(owner, (list, dict, set)) and name in GROWING
        after = limits.grown(owner, name, args, kwargs) if growing else None
        result = __context.call(__obj, *args, **kwargs)
        if after is not None:
            after()
        return limits.checked(result)

    def guard_filter(self, name: str, func: Callable[..., Any]) -> Callable[..., Any]:
        """Wrap a filter so that it counts as a step and cannot build a value that is too big."""
        limits = self.limits
        skip = 1 if _PassArg.from_obj(func) is not None else 0   # the context, eval context or environment

        @functools.wraps(func)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            limits.tick()
            if len(args) > skip:
                value, rest = args[skip], args[skip + 1:]
                if isinstance(value, Iterator):
                    extra = len(rest[0]) if name == "join" and rest and isinstance(rest[0], str) else 0
                    args = (*args[:skip], limits.items(value, extra), *rest)
                elif name == "join" and isinstance(value, Collection):
                    sep = _int_arg(rest, kwargs, 0, "d", "")
                    limits.refuse(measure(value) + len(value) * (len(sep) if isinstance(sep, str) else 0))
                elif name == "format" and isinstance(value, str):
                    _percent_widths(value, rest)
                    limits.refuse(len(value) + measure(rest) + measure(kwargs))
                elif name == "tojson":
                    indent = _int_arg(rest, kwargs, 0, "indent", None)
                    limits.refuse(measure(value) * (1 + (indent if isinstance(indent, int) else 0)))
                elif name == "slice":
                    slices = _int_arg(rest, kwargs, 0, "slices", 1)
                    limits.refuse(measure(value) + (slices if isinstance(slices, int) else 0) * 4, "een lijst")
                elif name == "sum" and isinstance(value, (list, tuple)) and len(value) * measure(value) > 100 * MAX_CHARS:
                    raise TooHeavy("een optelling van te veel lijsten of teksten")
                elif isinstance(value, str):
                    limits.refuse(_str_estimate(name, value, rest, kwargs))
            return limits.checked(func(*args, **kwargs))

        return guarded


# ================================================================================ sample undefined


JINJA_PROBES = {"unsafe_callable", "alters_data", "jinja_pass_arg", "jinja_async_variant"}


class SampleUndefined(Undefined):
    """An undefined variable that renders as a realistic sample value for its name."""

    __slots__ = ()

    def __str__(self) -> str:
        return sample_for(self._undefined_name or "")

    def __html__(self) -> str:
        from markupsafe import escape

        return str(escape(str(self)))

    def __iter__(self) -> Iterator[SampleUndefined]:
        for _ in range(2):
            yield SampleUndefined(name=self._undefined_name)

    def __len__(self) -> int:
        return 2

    def __bool__(self) -> bool:
        return True

    def __getattr__(self, name: str) -> Any:
        if name[:1] == "_" or name in JINJA_PROBES:
            raise AttributeError(name)  # Jinja2 and its sandbox ask these; a sample has none of them
        if hasattr(str, name):
            return getattr(str(self), name)  # naam.upper() works on the sample value
        return SampleUndefined(name=name)

    def __getitem__(self, key: Any) -> SampleUndefined:
        return SampleUndefined(name=str(key) if isinstance(key, str) else self._undefined_name)

    def __call__(self, *args: Any, **kwargs: Any) -> SampleUndefined:
        return self

    def __int__(self) -> int:
        return 2

    __index__ = __int__

    def __float__(self) -> float:
        return 2.0

    def __format__(self, spec: str) -> str:
        return str(self) if not spec else format(2.0, spec)

    def _same(self, *args: Any, **kwargs: Any) -> SampleUndefined:
        return self

    __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = __truediv__ = __rtruediv__ = _same
    __floordiv__ = __rfloordiv__ = __mod__ = __rmod__ = __pos__ = __neg__ = __pow__ = __rpow__ = _same

    def _false(self, other: Any) -> bool:
        return False

    __lt__ = __le__ = __gt__ = __ge__ = _false

    def __eq__(self, other: Any) -> bool:
        return isinstance(other, SampleUndefined) and other._undefined_name == self._undefined_name

    def __ne__(self, other: Any) -> bool:
        return not self.__eq__(other)

    def __hash__(self) -> int:
        return hash(self._undefined_name)


def passthrough(value: Any = "", *args: Any, **kwargs: Any) -> Any:
    return value


def always(*args: Any, **kwargs: Any) -> bool:
    return True


class Permissive(dict):
    """Filters or tests: the real ones, and a harmless stand-in for custom ones we do not know."""

    def __init__(self, base: dict, fallback: Callable, guard: Callable[[str, Callable], Callable] | None = None) -> None:
        super().__init__(base)
        self.fallback = fallback
        self.guard = guard
        self.guarded: dict[str, Callable] = {}

    def __getitem__(self, key: str) -> Callable:
        func = super().get(key, self.fallback)
        if self.guard is None:
            return func
        if key not in self.guarded:
            self.guarded[key] = self.guard(key, func)
        return self.guarded[key]

    def __missing__(self, key: str) -> Callable:
        return self[key]

    def get(self, key: str, default: Any = None) -> Any:
        return self[key]

    def __contains__(self, key: object) -> bool:
        return True


# ========================================================================================= loader


class TreeLoader(BaseLoader):
    """Load included templates only from template files inside the allowed folders (see files.Selection)."""

    def __init__(self, search: Sequence[Path], allowed: Sequence[Path], selection: Selection, max_bytes: int) -> None:
        self.search = [Path(os.path.abspath(p)) for p in search]
        self.allowed = [(Path(os.path.abspath(p)), Path(os.path.realpath(p))) for p in allowed]
        self.selection = selection
        self.max_bytes = max_bytes
        self.missing: list[str] = []

    def _template_file(self, candidate: Path, real: Path) -> bool:
        """Return whether a file is a template file inside the allowed folders, as named and as it really is."""
        named = next((a for a, _ in self.allowed if candidate.is_relative_to(a)), None)
        actual = next((r for _, r in self.allowed if real.is_relative_to(r)), None)
        return (named is not None and actual is not None and real.is_file()
                and self.selection.why_not(candidate, named) is None and self.selection.why_not(real, actual) is None)

    def get_source(self, environment: Any, template: Any) -> tuple[str, str, Callable[[], bool]]:
        if not isinstance(template, str):
            self.missing.append(str(template))
            raise TemplateNotFound(str(template))
        try:
            pieces = split_template_path(template)  # refuses '..'
        except TemplateNotFound:
            self.missing.append(template)
            raise
        for folder in self.search:
            candidate = folder.joinpath(*pieces)
            try:
                real = Path(os.path.realpath(candidate, strict=True))
                if not self._template_file(candidate, real) or real.stat().st_size > self.max_bytes:
                    continue
                text = real.read_bytes().decode("utf-8-sig")
            except (OSError, RuntimeError, UnicodeDecodeError, ValueError):
                continue
            text = PRIVATE_RE.sub("\ufffd", text.replace("\r\n", "\n").replace("\r", "\n"))
            return text, str(candidate), lambda: True
        self.missing.append(template)
        raise TemplateNotFound(template)
