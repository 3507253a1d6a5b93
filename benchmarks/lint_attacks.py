"""Attack `eenvoudig lint` as a hostile template repository would, and count what survives.

    python benchmarks/lint_attacks.py                      # every attack: 60 s and 4 GB each
    python benchmarks/lint_attacks.py --timeout 20 --only zwaar lezen

Each attack is a small template folder in a temporary directory. A fresh Python process runs the real CLI
(`eenvoudig.cli.main`) on it once per output format (text, json, sarif, github, junit), with a time limit
and, on Linux and macOS, a 4 GB address-space cap so that nothing can take the machine down. The secret
markers live only outside the templates (in .git/config, .env, a file outside the folder, an environment
variable, /etc/passwd); none may appear in any output.

An attack is survived when every run ended in time with exit 0, 1 or 3, without a traceback,
"interne fout" or MemoryError, with a peak memory below 1.5 GB, no secret in any output and no control
character in the output; a runaway template must also get a finding of its own (`sjabloon.*`).
The classes are those of research/attack-2026-12.md (D10 and D16): zwaar (time and memory), lezen (file
reads), scherm (terminal escapes), proces (a worker killed with SIGKILL during a --jobs 2 run; Linux only,
the workers are found in /proc).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

SECRET = "GEHEIMxq"                     # every secret below starts with this
ENV_SECRET = SECRET + "omgeving"
FORMATS = ("text", "json", "sarif", "github", "junit")
SENTENCE = "Wij verstrekken u de beschikking over {} en meer.\n"
LETTER = ("Wij hebben uw aanvraag {0}-{1} voor bijzondere bijstand ontvangen op {{{{ datum }}}}. Wij hebben die "
          "aanvraag bekeken. U krijgt een vergoeding voor de kosten van {1} wasmachines. Het bedrag is {0} euro.\n\n")


def chain(n: int) -> dict[str, str]:
    files = {f"a{i}.j2": f"Wij sturen u een brief.\n{{% include 'a{i + 1}.j2' %}}{{% include 'a{i + 1}.j2' %}}\n"
             for i in range(n)}
    files[f"a{n}.j2"] = "Dat is alles.\n"
    return files


@dataclass
class Attack:
    name: str
    kind: str                            # zwaar, lezen, scherm, proces
    files: dict[str, str | bytes]
    args: list[str] = field(default_factory=lambda: ["."])
    outside: dict[str, str] = field(default_factory=dict)   # files next to the repository (not linted)
    flagged: str | None = None           # this file must get a sjabloon.* finding
    kill_worker: bool = False
    secret: str = SECRET                 # must not appear in any output


def attacks() -> list[Attack]:
    big = 100_000
    out: list[Attack] = [
        # ------------------------------------------------------------------ time and memory (D10)
        Attack("geneste lussen 100k x 100k", "zwaar", {"a.j2": "{% for i in range(100000) %}{% for j in range(100000) %}"
                                                       "{% endfor %}{% endfor %}Klaar.\n"}, flagged="a.j2"),
        Attack("macro-waaier f(12)", "zwaar", {"a.j2": "{% macro f(n) %}{% for i in range(n) %}{{ f(n - 1) }}{% endfor %}"
                                               "{% endmacro %}{{ f(12) }}\n"}, flagged="a.j2"),
        Attack("include-keten 26 x 2", "zwaar", chain(26), args=["a0.j2"], flagged="a0.j2"),
        Attack("'x' * 10**10", "zwaar", {"a.j2": "Wij sturen u {{ 'x' * 10**10 }}.\n"}, flagged="a.j2"),
        Attack("set n = 10**10; 'x' * n", "zwaar", {"a.j2": "{% set n = 10**10 %}Wij sturen u {{ 'x' * n }}.\n"},
               flagged="a.j2"),
        Attack("lijst verdubbelt zichzelf (extend)", "zwaar", {"a.j2": "{% set a = [1] %}{% for i in range(64) %}"
                                                               "{% do a.extend(a) %}{% endfor %}{{ a|length }}\n"},
               flagged="a.j2"),
        Attack("lus over een groeiende lijst", "zwaar", {"a.j2": "{% set a = [1] %}{% for x in a %}{% do a.append(x) %}"
                                                         "{% endfor %}Klaar.\n"}, flagged="a.j2"),
        Attack("tekst verdubbelt met ~", "zwaar", {"a.j2": "{% set ns = namespace(s='x') %}{% for i in range(64) %}"
                                                   "{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s|length }}\n"},
               flagged="a.j2"),
        Attack("2 ** (10 ** 9)", "zwaar", {"a.j2": "Uitkomst: {{ 2 ** (10 ** 9) }}.\n"}, flagged="a.j2"),
        Attack("getal kwadrateert zichzelf", "zwaar", {"a.j2": "{% set ns = namespace(n=3) %}{% for i in range(40) %}"
                                                       "{% set ns.n = ns.n * ns.n %}{% endfor %}Klaar.\n"}, flagged="a.j2"),
        Attack("'x'|center(10**9)", "zwaar", {"a.j2": "Wij sturen u {{ 'x'|center(999999999) }}.\n"}, flagged="a.j2"),
        Attack("'%0999999999d' % 1", "zwaar", {"a.j2": "Wij sturen u {{ '%0999999999d' % 1 }}.\n"}, flagged="a.j2"),
        Attack("'{:>999999999}'.format(1)", "zwaar", {"a.j2": "Wij sturen u {{ '{:>999999999}'.format(1) }}.\n"},
               flagged="a.j2"),
        Attack("join met een lange tussenvoeger", "zwaar", {"a.j2": "{{ range(100000)|join('x' * 100000) }}\n"},
               flagged="a.j2"),
        Attack("replace met een lange vervanging", "zwaar",
               {"a.j2": "{{ ('x' * 100000)|replace('x', 'y' * 100000) }}\n"}, flagged="a.j2"),
        Attack("indent van 100k regels", "zwaar", {"a.j2": "{{ ('x\\n' * 100000)|indent(100000) }}\n"}, flagged="a.j2"),
        Attack("lipsum(10**8)", "zwaar", {"a.j2": "{{ lipsum(100000000) }}\n"}, flagged="a.j2"),
        Attack("uitvoer van 100 MB", "zwaar", {"a.j2": "{% set x = 'Wij sturen u een brief. ' * 4000 %}"
                                               "{% for i in range(1000) %}{{ x }}{% endfor %}\n"}, flagged="a.j2"),
        Attack("diep geneste haakjes", "zwaar", {"a.j2": "{{ " + "(" * 20000 + "1" + ")" * 20000 + " }}\n"}),
        Attack("4.000 geneste ifs", "zwaar", {"a.j2": "{% if a %}x" * 4000 + "{% endif %}" * 4000 + "\n"}),
        Attack("100 kB open {#", "zwaar", {"a.j2": "{#" * (big // 2)}, flagged="a.j2"),
        Attack("100 kB open {%", "zwaar", {"a.j2": "{%" * (big // 2)}, flagged="a.j2"),
        Attack("100 kB open {{", "zwaar", {"a.j2": "{{" * (big // 2)}, flagged="a.j2"),
        Attack("100 kB open {# eenvoudig: voorbeeld", "zwaar",
               {"a.j2": "{# eenvoudig: voorbeeld " * (big // 24)}, flagged="a.j2"),
        Attack("100 kB open <!-- eenvoudig:", "zwaar", {"a.html": "<!-- eenvoudig: negeer " * (big // 22)}),
        Attack("100 kB {% x %} op een regel", "zwaar", {"a.tpl": "{% load x %} " * (big // 12)}),
        Attack("100 kB {% comment %} zonder einde", "zwaar", {"a.html": "{% load i18n %}" + "{% comment %}" * (big // 13)}),
        # ------------------------------------------------------------------------- file reads (D10)
        Attack("include .git/config", "lezen", {"brief.j2": SENTENCE.format("{% include '.git/config' %}"),
                                                ".git/config": f"[http]\n\textraheader = AUTHORIZATION: basic {SECRET}git\n"}),
        Attack("include .env", "lezen", {"brief.j2": SENTENCE.format("{% include '.env' %}"),
                                         ".env": f"TOKEN={SECRET}env\n"}),
        Attack("import/extends van .env", "lezen", {"a.j2": "{% extends '.env' %}", "b.j2": "{% import '.env' as e %}"
                                                    + SENTENCE.format("{{ e }}"), ".env": f"TOKEN={SECRET}env\n"}),
        Attack("template-dirs = ['/'] + proc/self/environ", "lezen",
               {"brief.txt.j2": SENTENCE.format("{% include 'proc/self/environ' %}"),
                "pyproject.toml": "[tool.eenvoudig.lint]\ntemplate-dirs = [\"/\"]\n"}),
        Attack("template-dirs = ['/'] + etc/passwd", "lezen",
               {"brief.txt.j2": SENTENCE.format("{% include 'etc/passwd' %}"),
                "pyproject.toml": "[tool.eenvoudig.lint]\ntemplate-dirs = [\"/\"]\n"}, secret="root:x:0:0"),
        Attack("template-dirs buiten de repository", "lezen",
               {"brief.txt.j2": SENTENCE.format("{% include 'geheim.txt' %}"),
                "pyproject.toml": "[tool.eenvoudig.lint]\ntemplate-dirs = [\"../buiten\"]\n"},
               outside={"buiten/geheim.txt": f"{SECRET}buiten\n"}),
        Attack("fixtures buiten de repository", "lezen",
               {"brief.txt.j2": "Wij sturen {{ naam }} een inkomensverklaringsformulier.\n",
                "pyproject.toml": "[tool.eenvoudig.lint]\nfixtures = \"../buiten/geheim.toml\"\n"},
               outside={"buiten/geheim.toml": f'naam = "{SECRET}fixture"\n'}),
        Attack("voorbeeld.toml als link naar buiten", "lezen",
               {"brief.txt.j2": "Wij sturen {{ naam }} een inkomensverklaringsformulier.\n",
                "brief.voorbeeld.toml": "@link:../buiten/geheim.toml"},
               outside={"buiten/geheim.toml": f'naam = "{SECRET}link"\n'}),
        Attack("bestand bij naam is een link naar buiten", "lezen", {"brief.txt": "@link:../buiten/geheim.txt"},
               args=["brief.txt"], outside={"buiten/geheim.txt": f"Wij sturen u {SECRET}naam een brief.\n"}),
        Attack("include van een niet-sjabloon (.json)", "lezen",
               {"brief.j2": SENTENCE.format("{% include 'gha-creds-1.json' %}"),
                "gha-creds-1.json": f'{{"private_key": "{SECRET}json"}}\n'}),
        Attack("include van een uitgesloten bestand", "lezen",
               {"brief.j2": SENTENCE.format("{% include 'lokaal/notitie.txt' %}"), ".gitignore": "lokaal/\n",
                "lokaal/notitie.txt": f"{SECRET}gitignore\n"}),
        Attack("include = ['*'] leest .env zelf", "lezen",
               {"brief.j2": "Wij sturen u een brief.\n", ".env": f"Wij sturen u {SECRET}stern een brief.\n",
                "pyproject.toml": "[tool.eenvoudig.lint]\ninclude = [\"*\"]\n"}),
        # --------------------------------------------------------------------- terminal escapes (D16)
        Attack("ESC-reeksen in een sjabloon", "scherm",
               {"a.txt.j2": "Wij sturen u \x1b]0;titel\x07een \x1b[2Jbrief met een inkomensverklaringsformulier "
                            "\x1b]8;;https://example.org\x1b\\\\hier\x1b]8;;\x1b\\\\.\n"}),
        Attack("C1-besturingsteken (CSI)", "scherm", {"a.txt.j2": "Wij sturen u een \x9b2J inkomensverklaringsformulier.\n"}),
        # ------------------------------------------------------------------------ a killed worker (D10)
        Attack("werkproces gestopt (kill -9)", "proces",
               {f"b{i}.txt.j2": "".join(LETTER.format(i, j) for j in range(12)) for i in range(80)},
               args=[".", "--jobs", "2"], kill_worker=True),
    ]
    return out


DRIVER = r"""
import json, sys, io, contextlib, os
from eenvoudig.cli import main
args, out = json.loads(sys.argv[1]), sys.argv[2]
results = {}
for fmt in %(formats)r:
    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        try:
            main(["lint", *args, "--format", fmt])   # the real entry point: our errors become exit codes
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 4
        except BaseException as exc:
            import traceback
            traceback.print_exc(file=stderr)
            code = 4
    results[fmt] = {"code": code, "stdout": stdout.getvalue(), "stderr": stderr.getvalue()}
    with open(out, "w", encoding="utf-8") as f:
        json.dump(results, f)
""" % {"formats": FORMATS}


def write_tree(root: Path, files: dict[str, str | bytes]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, str) and text.startswith("@link:"):
            path.symlink_to(text[len("@link:"):])
        elif isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, "utf-8")


def _limit() -> None:
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))
    except (ImportError, ValueError, OSError):
        pass


def _children(pid: int) -> list[int]:
    try:
        return [int(x) for x in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def run_attack(attack: Attack, timeout: float) -> tuple[bool, str]:
    """Run one attack; return (survived, what went wrong)."""
    with tempfile.TemporaryDirectory(prefix="eenvoudig-aanval-") as tmp:
        repo = Path(tmp) / "repo"
        repo.mkdir()
        write_tree(Path(tmp), attack.outside)
        write_tree(repo, attack.files)
        out = Path(tmp) / "uit.json"
        env = {**os.environ, "CI_SECRET_TOKEN": ENV_SECRET, "PYTHONFAULTHANDLER": ""}
        formats = ["text"] if attack.kind in ("zwaar", "proces") else list(FORMATS)
        driver = DRIVER.replace(repr(FORMATS), repr(tuple(formats + (["json"] if "json" not in formats else []))))
        start = time.monotonic()
        proc = subprocess.Popen([sys.executable, "-c", driver, json.dumps(attack.args), str(out)], cwd=repo, env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, preexec_fn=_limit if os.name == "posix" else None,
                                start_new_session=True)
        killed = False
        peak = 0
        while True:
            try:
                _, status, usage = os.wait4(proc.pid, os.WNOHANG)
            except ChildProcessError:
                break
            if _ and _ == proc.pid:
                peak = usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024)
                break
            if attack.kill_worker and not killed and _children(proc.pid):
                time.sleep(0.5)   # let the workers start on the files
                workers = _children(proc.pid)
                if workers:
                    os.kill(workers[0], signal.SIGKILL)
                    killed = True
            if time.monotonic() - start > timeout:
                os.killpg(proc.pid, signal.SIGKILL)   # the CLI and its workers
                proc.wait()
                return False, f"hangt (> {timeout:.0f} s)"
            time.sleep(0.05)
        seconds = time.monotonic() - start
        if not out.exists():
            return False, "geen uitvoer (proces gestopt)"
        results = json.loads(out.read_text("utf-8"))
        problems = []
        for fmt, r in results.items():
            text = r["stdout"] + r["stderr"]
            if r["code"] not in (0, 1, 3):
                problems.append(f"{fmt}: exit {r['code']}")
            if "Traceback" in text or "interne fout" in text:
                problems.append(f"{fmt}: interne fout")
            if "MemoryError" in text:
                problems.append(f"{fmt}: MemoryError")
            if attack.secret in text:
                problems.append(f"{fmt}: geheim in de uitvoer")
            if fmt not in ("json", "sarif") and re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", text):
                problems.append(f"{fmt}: besturingsteken in de uitvoer")
        if attack.flagged:
            try:
                data = json.loads(results["json"]["stdout"])
                rules = [f["rule"] for r in data["files"] if r["path"] == attack.flagged for f in r["findings"]]
            except (KeyError, ValueError):
                rules = []
            if not any(rule.startswith("sjabloon.") for rule in rules):
                problems.append("geen melding voor het sjabloon")
        if attack.kill_worker:
            if not killed:
                problems.append("geen werkproces gevonden om te stoppen")
            elif (results.get("text", {}).get("code") not in (1, 3)
                  or "het proces dat dit bestand controleerde is gestopt" not in results["text"]["stdout"]):
                problems.append("gestopt werkproces geeft geen melding")
        if peak > 1.5 * (1 << 30):
            problems.append(f"geheugen {peak / (1 << 30):.1f} GB")
        detail = "; ".join(dict.fromkeys(problems))
        return not problems, detail or f"{seconds:.1f} s, {peak / (1 << 20):.0f} MB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--timeout", type=float, default=60)
    parser.add_argument("--only", nargs="*", help="alleen deze klassen: zwaar, lezen, scherm, proces")
    args = parser.parse_args()
    totals: dict[str, list[int]] = {}
    for attack in attacks():
        if args.only and attack.kind not in args.only:
            continue
        ok, detail = run_attack(attack, args.timeout)
        totals.setdefault(attack.kind, [0, 0])
        totals[attack.kind][0] += 1
        totals[attack.kind][1] += ok
        print(f"{'overleefd' if ok else 'MISLUKT  '}  [{attack.kind}] {attack.name}: {detail}", flush=True)
    print()
    for kind, (tried, survived) in totals.items():
        print(f"{kind}: {survived} of {tried} attacks survived")
    print(f"all: {sum(s for _, s in totals.values())} of {sum(t for t, _ in totals.values())} attacks survived")


if __name__ == "__main__":
    main()
