"""For letter generators: check what a template renders, in code, in Jinja2 and in pytest.

    from eenvoudig.integrations import check_rendered, checked_environment, assert_leesbaar

    report = check_rendered(text, target="B1")            # a Report: score + findings

    env = checked_environment(jinja2.Environment(loader=...), target="B1")
    letter = env.get_template("besluit.txt.j2").render(**data)   # raises LetterNotReadable if it fails
    text, report = env.get_template("besluit.txt.j2").render_checked(**data)   # never raises

    def test_besluit_is_b1():
        assert_leesbaar(letter, target="B1")               # fails with the findings, in plain Dutch
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable

import jinja2

from eenvoudig.config import FAIL_ON, TARGETS, Config
from eenvoudig.errors import EenvoudigError

if TYPE_CHECKING:  # pragma: no cover - the checks package loads spaCy's helpers; import it only when used
    from eenvoudig.checks import Report

SEVERITY_NL = {"info": "tip", "warning": "waarschuwing", "error": "fout"}
KINDS = ("txt", "md", "html")


def _target(target: str) -> str:
    """Return the target level in capitals; ValueError for a level that does not exist."""
    if not isinstance(target, str) or target.upper() not in TARGETS:
        raise ValueError(f"onbekend taalniveau {target!r}; kies uit {', '.join(TARGETS)}.")
    return target.upper()


def _fail_on(fail_on: str) -> str:
    if fail_on not in FAIL_ON:
        raise ValueError(f"onbekende fail_on {fail_on!r}; kies uit {', '.join(FAIL_ON)}.")
    return fail_on


def check_rendered(text: str, *, target: str = "B1", kind: str = "txt", config: Config | None = None,
                   path: str = "<brief>") -> Report:
    """Check a rendered letter (plain text, Markdown or HTML) for a target level; return its Report.

    An empty letter gets the finding `tekst.leeg` (a fout). ValueError for an unknown target or kind.
    """
    from eenvoudig.analysis import analyze
    from eenvoudig.checks import check
    from eenvoudig.document import read_text

    if kind not in KINDS:
        raise ValueError(f"kind moet een van {', '.join(KINDS)} zijn, niet {kind!r}.")
    config = (config or Config()).with_options(target=_target(target))
    return check(analyze(read_text(text, kind=kind, path=path), config.backend), config)  # type: ignore[arg-type]


def format_findings(report: Report, *, fail_on: str = "error") -> str:
    """Return the findings of a report at or above `fail_on` as readable Dutch lines."""
    from eenvoudig.checks import SEVERITIES

    floor = SEVERITIES.index(fail_on) if fail_on in SEVERITIES else len(SEVERITIES)
    sc = report.score
    if not sc.metrics.get("words"):   # nothing to measure: no level (an empty letter is not "eenvoudig")
        lines = [f"{report.path}: geen tekst om te meten ({'goed' if sc.passed else 'niet goed'} voor {sc.target})."]
    else:
        lines = [f"{report.path}: {sc.label}, moeilijkheid {sc.difficulty:.0f} van 100 "
                 f"({'goed' if sc.passed else 'nog niet goed'} voor {sc.target})."]
    from eenvoudig.checks.advice import place_of

    for f in report.findings:
        if SEVERITIES.index(f.severity) < floor:
            continue
        place = place_of(report.analysis, f.block, f.start) if f.block >= 0 else "hele tekst"
        lines.append(f"  {place}: {SEVERITY_NL[f.severity]} [{f.rule}] {f.message}")
        if f.sentence:
            lines.append(f"    > {f.sentence}")
    return "\n".join(lines)


class LetterNotReadable(EenvoudigError):
    """A rendered letter has findings at or above the level that fails."""

    exit_code = 1

    def __init__(self, name: str, report: Report, fail_on: str) -> None:
        self.report = report
        super().__init__(f"De brief uit sjabloon '{name}' is niet goed genoeg:\n" + format_findings(report, fail_on=fail_on))


@dataclass(frozen=True)
class CheckSettings:
    """How a checked environment judges the letters it renders."""

    target: str = "B1"
    fail_on: str = "error"
    config: Config | None = None
    kind: str | None = None
    on_report: Callable[[str, Report], None] | None = None


class CheckedTemplate(jinja2.Template):
    """A Jinja2 template that checks the letter it renders."""

    def render_checked(self, *args: Any, **kwargs: Any) -> tuple[str, Report]:
        """Render the template; return (text, Report) without raising on findings."""
        from eenvoudig.lint import template_kind

        text = super().render(*args, **kwargs)
        settings: CheckSettings = getattr(self.environment, "eenvoudig_settings", None) or CheckSettings()
        name = self.name or "<sjabloon>"
        report = check_rendered(text, target=settings.target, kind=settings.kind or template_kind(name),
                                config=settings.config, path=name)
        if settings.on_report is not None:
            settings.on_report(name, report)
        return text, report

    def render(self, *args: Any, **kwargs: Any) -> str:
        """Render and check; raise LetterNotReadable when findings reach the environment's fail level."""
        text, report = self.render_checked(*args, **kwargs)
        settings: CheckSettings = getattr(self.environment, "eenvoudig_settings", None) or CheckSettings()
        if report.fails(settings.fail_on):
            raise LetterNotReadable(self.name or "<sjabloon>", report, settings.fail_on)
        return text


def checked_environment(env: jinja2.Environment | None = None, *, target: str = "B1", fail_on: str = "error",
                        config: Config | None = None, kind: str | None = None,
                        on_report: Callable[[str, Report], None] | None = None) -> jinja2.Environment:
    """Make a Jinja2 environment check every letter its templates render (returns the same environment).

    ValueError for an unknown target, fail_on or kind.
    """
    if kind is not None and kind not in KINDS:
        raise ValueError(f"kind moet een van {', '.join(KINDS)} zijn, niet {kind!r}.")
    env = env if env is not None else jinja2.Environment(autoescape=False)
    env.template_class = CheckedTemplate
    env.eenvoudig_settings = CheckSettings(_target(target), _fail_on(fail_on), config, kind, on_report)  # type: ignore[attr-defined]
    if env.cache is not None:
        env.cache.clear()  # templates loaded before were plain templates
    return env


def assert_leesbaar(text: str, target: str = "B1", *, fail_on: str = "error", kind: str = "txt",
                    config: Config | None = None) -> Report:
    """Fail a test when a letter has findings at or above `fail_on` for `target`; return the Report.

    An empty letter fails (finding `tekst.leeg`). ValueError for an unknown target, fail_on or kind.
    """
    __tracebackhide__ = True
    report = check_rendered(text, target=target, kind=kind, config=config)
    _fail_on(fail_on)
    if report.fails(fail_on):
        raise AssertionError(f"De brief is niet goed genoeg voor {target.upper()}:\n"
                             + format_findings(report, fail_on=fail_on))
    return report
