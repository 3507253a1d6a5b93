"""Output formats of `eenvoudig lint`: text, json, sarif (2.1.0), github (workflow commands), junit (XML).

Each formatter takes a `LintRun` and returns one string. Rule ids are the stable dotted ids of
lexicon/regels.toml and lexicon/sjablonen.toml; SARIF results carry our own partial fingerprint (a hash of
the rule, the template sentence and the marked text, so it survives lines moving up or down).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable
from urllib.parse import quote
from xml.etree import ElementTree as ET

from eenvoudig import __version__
from eenvoudig.lint import SCHEMA_VERSION, SEVERITIES, LintFinding, LintRun, lint_rule, lint_rule_ids, printable

FORMATS = ("text", "json", "sarif", "github", "junit")
SEVERITY_NL = {"info": "tip", "warning": "waarschuwing", "error": "fout"}
SARIF_LEVEL = {"info": "note", "warning": "warning", "error": "error"}
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "eenvoudig/v1"


def render(run: LintRun, fmt: str, *, fail_on: str = "error", color: bool = False) -> str:
    """Return the run in one of FORMATS."""
    table: dict[str, Callable[..., str]] = {"text": to_text, "json": to_json, "sarif": to_sarif,
                                           "github": to_github, "junit": to_junit}
    if fmt not in table:
        raise ValueError(f"unknown format {fmt!r}")
    return table[fmt](run, fail_on=fail_on, color=color)


# -------------------------------------------------------------------------------------------- text


def _plural(n: int, severity: str) -> str:
    word = SEVERITY_NL[severity]
    if n == 1:
        return f"1 {word}"
    return f"{n} {word}s" if severity == "info" else f"{n} {word}en"


def summary(run: LintRun) -> str:
    """Return the one-line Dutch summary of a run."""
    counts = run.counts()
    checked = sum(1 for r in run.files if r.mode != "overgeslagen")
    files = "1 bestand" if checked == 1 else f"{checked} bestanden"
    line = f"{files} gecontroleerd: " + ", ".join(_plural(counts[s], s) for s in reversed(SEVERITIES)) + "."
    if run.baseline_known:
        line += f" {run.baseline_known} bekende melding{'en' if run.baseline_known != 1 else ''} uit de baseline niet getoond."
    return line


def to_text(run: LintRun, *, fail_on: str = "error", color: bool = False) -> str:  # noqa: ARG001
    """Return the run for people: one line per finding (path:line:column), the sentence, a summary.

    Nothing from a template reaches the terminal raw: control characters (escape sequences) become '\ufffd'
    (see `printable`).
    """
    import click

    colors = {"info": "cyan", "warning": "yellow", "error": "red"}
    lines = []
    for r in run.files:
        for f in r.findings:
            label = SEVERITY_NL[f.severity]
            if color:
                label = click.style(label, fg=colors[f.severity], bold=True)
            lines.append(printable(f"{f.path}:{f.line}:{f.column}: ") + f"{label} [{f.rule}] {printable(f.message)}")
            if f.sentence:
                lines.append(f"    > {printable(f.sentence)}")
    lines.append(summary(run))
    return "\n".join(lines)


# -------------------------------------------------------------------------------------------- json


def to_json(run: LintRun, *, fail_on: str = "error", color: bool = False) -> str:  # noqa: ARG001
    """Return the run as JSON (schema_version 1)."""
    data = {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "eenvoudig", "version": __version__},
        "summary": {"files": len(run.files), **run.counts(), "baseline_known": run.baseline_known,
                    "fails": run.fails(fail_on), "fail_on": fail_on},
        "files": [r.to_dict() for r in run.files],
        "notes": list(run.notes),
        "errors": list(run.errors) + [r.error for r in run.files if r.error],
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


# ------------------------------------------------------------------------------------------- sarif


def rule_descriptions() -> dict[str, dict[str, str]]:
    """Return {rule id: {titel, waarom}} for every rule `lint` can report."""
    from eenvoudig.checks import rule_data, rule_ids

    data = rule_data()
    out: dict[str, dict[str, str]] = {}
    for rid in rule_ids():
        family, name = rid.split(".", 1)
        if family == "lexicon":
            out[rid] = {"titel": f"Woord: {data['lexicon']['namen'].get(name, name)}",
                        "waarom": data["lexicon"]["waarom"].get(name, "")}
        else:
            table = data[family][name]
            out[rid] = {"titel": table.get("titel", rid), "waarom": table.get("waarom", "")}
    for rid in lint_rule_ids():
        rule = lint_rule(rid)
        out[rid] = {"titel": rule["titel"], "waarom": rule["waarom"]}
    return out


def _uri(path: str) -> tuple[str, bool]:
    """Return (uri, relative): a relative URI for paths under the current folder, else a file URI."""
    p = Path(path)
    if p.is_absolute():
        return p.as_uri(), False
    return quote(p.as_posix()), True


def to_sarif(run: LintRun, *, fail_on: str = "error", color: bool = False) -> str:  # noqa: ARG001
    """Return the run as a SARIF 2.1.0 log (one run, rules with stable ids, partial fingerprints)."""
    described = rule_descriptions()
    used = sorted({f.rule for f in run.findings} | set(described))
    index = {rid: i for i, rid in enumerate(used)}
    rules = []
    for rid in used:
        d = described.get(rid, {"titel": rid, "waarom": ""})
        rule: dict[str, Any] = {"id": rid, "name": _camel(rid), "shortDescription": {"text": d["titel"]}}
        if d["waarom"]:
            rule["fullDescription"] = {"text": d["waarom"]}
            rule["help"] = {"text": d["waarom"]}
        rules.append(rule)
    results = []
    for f in run.findings:
        uri, relative = _uri(f.path)
        location: dict[str, Any] = {"uri": uri}
        if relative:
            location["uriBaseId"] = "%SRCROOT%"
        region: dict[str, int] = {"startLine": f.line, "startColumn": f.column}
        if (f.end_line, f.end_column) > (f.line, f.column):
            region.update(endLine=f.end_line, endColumn=f.end_column)
        result: dict[str, Any] = {
            "ruleId": f.rule, "ruleIndex": index[f.rule], "level": SARIF_LEVEL[f.severity],
            "message": {"text": f.message},
            "locations": [{"physicalLocation": {"artifactLocation": location, "region": region}}],
            "partialFingerprints": {FINGERPRINT_KEY: f.fingerprint},
        }
        if f.suggestions:
            result["properties"] = {"suggestions": list(f.suggestions)}
        results.append(result)
    notifications = [{"level": "note", "message": {"text": n}} for n in run.notes]
    notifications += [{"level": "error", "message": {"text": e}}
                      for e in [*run.errors, *(r.error for r in run.files if r.error)]]
    invocation: dict[str, Any] = {"executionSuccessful": not run.has_errors}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "eenvoudig", "version": __version__, "semanticVersion": __version__,
                                "rules": rules}},
            "originalUriBaseIds": {"%SRCROOT%": {"uri": Path.cwd().as_uri() + "/"}},
            "invocations": [invocation],
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }
    return json.dumps(log, ensure_ascii=False, indent=2)


def _camel(rule_id: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in rule_id.replace("-", ".").split("."))


# ------------------------------------------------------------------------------------------ github


def _escape_data(text: str) -> str:
    return printable(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def to_github(run: LintRun, *, fail_on: str = "error", color: bool = False) -> str:  # noqa: ARG001
    """Return GitHub Actions workflow commands: one ::error/::warning/::notice line per finding."""
    command = {"error": "error", "warning": "warning", "info": "notice"}
    lines = []
    for f in run.findings:
        props = [f"file={_escape_property(f.path)}", f"line={f.line}", f"endLine={f.end_line}", f"col={f.column}",
                 f"endColumn={f.end_column}", f"title={_escape_property(f'eenvoudig ({f.rule})')}"]
        lines.append(f"::{command[f.severity]} {','.join(props)}::{_escape_data(f.message)}")
    for note in run.notes:
        lines.append(f"::notice title=eenvoudig::{_escape_data(note)}")
    for error in [*run.errors, *(r.error for r in run.files if r.error)]:
        lines.append(f"::error title=eenvoudig::{_escape_data(error)}")
    lines.append(summary(run))
    return "\n".join(lines)


# ------------------------------------------------------------------------------------------- junit


def _finding_line(f: LintFinding) -> str:
    return printable(f"{f.path}:{f.line}:{f.column}: {SEVERITY_NL[f.severity]} [{f.rule}] {f.message}")


def to_junit(run: LintRun, *, fail_on: str = "error", color: bool = False) -> str:  # noqa: ARG001
    """Return JUnit XML: one test case per file; it fails when it has findings at or above `fail_on`."""
    floor = SEVERITIES.index(fail_on) if fail_on in SEVERITIES else len(SEVERITIES)
    suite = ET.Element("testsuite", name="eenvoudig lint")
    failures = errors = skipped = 0
    for r in run.files:
        name = printable(r.path)  # XML 1.0 cannot hold control characters at all
        case = ET.SubElement(suite, "testcase", name=name, classname="eenvoudig.lint", file=name)
        if r.error:
            errors += 1
            ET.SubElement(case, "error", message=printable(r.error), type="invoer")
            continue
        if r.note:
            skipped += 1
            ET.SubElement(case, "skipped", message=printable(r.note))
            continue
        failing = [f for f in r.findings if SEVERITIES.index(f.severity) >= floor]
        if failing:
            failures += 1
            count = f"{len(failing)} melding{'en' if len(failing) != 1 else ''}"
            fail = ET.SubElement(case, "failure", type="eenvoudig",
                                 message=f"{count} op niveau {SEVERITY_NL[fail_on]} of hoger")
            fail.text = "\n".join(_finding_line(f) for f in failing)
        rest = [f for f in r.findings if f not in failing]
        if rest:
            ET.SubElement(case, "system-out").text = "\n".join(_finding_line(f) for f in rest)
    for key, value in (("tests", len(run.files)), ("failures", failures), ("errors", errors), ("skipped", skipped)):
        suite.set(key, str(value))
    root = ET.Element("testsuites", name="eenvoudig", tests=str(len(run.files)), failures=str(failures),
                      errors=str(errors))
    root.append(suite)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode")
