"""`eenvoudig lint`: check the prose in template repositories and point at the template's own line.

How one template is linted:

1. Jinja2's own parser reads the template. Every piece of text (`TemplateData`) and every `{{ … }}`
   gets an invisible marker, every `{% if %}` test is replaced by a call that chooses the branch, and
   `{% include %}`, `{% extends %}`, imports and macros are followed inside the linted tree (render.py).
2. The template is rendered in a limited Jinja2 `SandboxedEnvironment` (sandbox.py) with sample values:
   from a `{# eenvoudig: voorbeeld naam="…" #}` comment, a `<naam>.voorbeeld.toml` file next to the
   template, the fixtures in the config, or else inferred from the variable name (lexicon/sjablonen.toml).
   It is rendered again until every branch of every `{% if %}` was shown once (bounded). A template that
   goes over the limits of time, steps or size gets a finding `sjabloon.zwaar`; the run goes on.
3. The markers give a map from every character of the rendered letter back to the template's offset;
   `eenvoudig.check` runs on each rendering and its findings are mapped back to line and column (run.py).
4. A template Jinja2 cannot read (Django syntax, unknown tags) is masked instead: tags are dropped,
   `{{ … }}` becomes a sample value, and the prose is still checked (mask.py).
5. Suppression comments (`{# eenvoudig: negeer zin.lang #}`, `<!-- eenvoudig: negeer … -->`),
   a baseline and `--changed-since` filter the findings (findings.py).

Only template files inside the linted tree are ever read (files.py): never hidden files (.git/config, .env),
never excluded files, never anything outside, whatever the repository's own configuration says.
"""

from eenvoudig.lint.data import (
    DEFAULT_EXCLUDE,
    DEFAULT_INCLUDE,
    JINJA_SUFFIXES,
    LINT_KEYS,
    SCHEMA_VERSION,
    SEVERITIES,
    TEMPLATE_SUFFIXES,
    LintOptions,
    lint_rule,
    lint_rule_ids,
    sample_for,
    template_data,
    validate_template_data,
)
from eenvoudig.lint.files import Found, Selection, Target, discover, display_path, printable
from eenvoudig.lint.findings import (
    FileResult,
    LintFinding,
    LintRun,
    apply_baseline,
    changed_lines,
    read_baseline,
    write_baseline,
)
from eenvoudig.lint.mask import structure_error
from eenvoudig.lint.run import lint_file, lint_paths, lint_source, template_kind
from eenvoudig.lint.sandbox import MAX_CHARS, SampleUndefined, TooHeavy

__all__ = [
    "DEFAULT_EXCLUDE", "DEFAULT_INCLUDE", "JINJA_SUFFIXES", "LINT_KEYS", "MAX_CHARS", "SCHEMA_VERSION", "SEVERITIES",
    "TEMPLATE_SUFFIXES", "FileResult", "Found", "LintFinding", "LintOptions", "LintRun", "SampleUndefined",
    "Selection", "Target", "TooHeavy", "apply_baseline", "changed_lines", "discover", "display_path", "lint_file",
    "lint_paths", "lint_rule", "lint_rule_ids", "lint_source", "printable", "read_baseline", "sample_for",
    "structure_error", "template_data", "template_kind", "validate_template_data", "write_baseline",
]
