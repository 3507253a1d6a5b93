"""The page beside the results: `resultaten.html`, one self-contained file, plain Dutch, accessible.

For all letters and then per folder (a team or template): how many letters have each level, the 20
hardest letters and the rules that fire most. Each as a plot (matplotlib, Agg, embedded as PNG) with alt
text, and a table with the same numbers beside it, so nobody needs to read the plot. Folders are
compared in one table, hardest first. No text from the letters is shown: only paths and numbers.
"""

from __future__ import annotations

import base64
import html
import io
from typing import TYPE_CHECKING, Any

from eenvoudig.archive import rule_column

if TYPE_CHECKING:  # pragma: no cover
    import pandas

HARDEST = 20
TOP_RULES = 15
LEVEL_NAMES = {1: "eenvoudig", 2: "redelijk eenvoudig", 3: "moeilijk", 4: "erg moeilijk"}
LEVEL_COLOURS = {1: "#009E73", 2: "#56B4E9", 3: "#E69F00", 4: "#D55E00"}   # Okabe-Ito: safe for colour blindness
BAR_COLOUR = "#0072B2"

CSS = """
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5;
       color: #1a1a1a; background: #fff; }
h1, h2, h3, h4 { line-height: 1.25; }
h2 { border-top: 2px solid #ccc; padding-top: 1rem; margin-top: 2.5rem; }
.figuur { display: flex; flex-wrap: wrap; gap: 1.5rem; align-items: flex-start; margin: 1rem 0 2rem; }
.figuur img { max-width: 100%; height: auto; border: 1px solid #ddd; }
table { border-collapse: collapse; margin: 0.5rem 0; }
caption { text-align: left; font-weight: bold; padding-bottom: 0.3rem; }
th, td { border: 1px solid #bbb; padding: 0.2rem 0.5rem; text-align: left; vertical-align: top; }
td.getal, th.getal { text-align: right; font-variant-numeric: tabular-nums; }
td.pad { word-break: break-all; }
a { color: #0047ab; }
"""


def write_report(frame: pandas.DataFrame, path: Any) -> None:
    """Write the page for a result to `path` (whole or not at all)."""
    from eenvoudig.files import write_atomic

    write_atomic(path, report_html(frame))


def report_html(frame: pandas.DataFrame) -> str:
    """Return the page for a result (the rows of `eenvoudig archief`) as one HTML document."""
    from eenvoudig import __version__

    ok = frame[frame["error"].isna()]
    bad = frame[frame["error"].notna()]
    target = ok["target"].mode().iloc[0] if len(ok) else "B1"
    folders = sorted(frame["folder"].dropna().unique())
    parts = [
        "<!DOCTYPE html>", '<html lang="nl">', "<head>", '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>Resultaten van eenvoudig archief</title>", f"<style>{CSS}</style>", "</head>", "<body>",
        "<main>", "<h1>Resultaten van eenvoudig archief</h1>",
        f"<p>{_summary(frame, ok, bad, target)}</p>",
        "<nav aria-label=\"Inhoud\"><ul>",
        '<li><a href="#alle">Alle brieven</a></li>',
        '<li><a href="#mappen">Per map</a></li>' if len(folders) > 1 else "",
        '<li><a href="#niet-gelezen">Bestanden die niet te lezen waren</a></li>' if len(bad) else "",
        "</ul></nav>",
        '<section aria-labelledby="alle"><h2 id="alle">Alle brieven</h2>',
        _figures(ok, "alle", 3, target),
        "</section>",
    ]
    if len(folders) > 1:
        parts += ['<section aria-labelledby="mappen"><h2 id="mappen">Per map</h2>',
                  "<p>Een map is meestal een team of een sjabloon. De moeilijkste map staat bovenaan.</p>",
                  _folder_table(frame, folders, target)]
        for i, folder in enumerate(_by_difficulty(frame, folders), 1):
            rows = ok[ok["folder"] == folder]
            parts += [f'<section aria-labelledby="map-{i}"><h3 id="map-{i}">Map {html.escape(folder)}</h3>',
                      _figures(rows, f"map-{i}", 4, target), "</section>"]
        parts.append("</section>")
    elif folders:
        parts.append(f"<p>Alle brieven staan in één map: {html.escape(folders[0])}.</p>")
    if len(bad):
        parts += ['<section aria-labelledby="niet-gelezen">',
                  '<h2 id="niet-gelezen">Bestanden die niet te lezen waren</h2>',
                  _table(f"{len(bad)} {'bestand' if len(bad) == 1 else 'bestanden'} zonder score",
                         ["Bestand", "Waarom niet"],
                         [[(p, "pad"), (e, "")] for p, e in zip(bad["path"], bad["error"])]),
                  "</section>"]
    parts += ["</main>",
              f"<footer><p>Gemaakt met eenvoudig {html.escape(__version__)}. Op deze pagina staan alleen "
              "bestandsnamen en getallen, geen tekst uit de brieven.</p></footer>", "</body>", "</html>"]
    return "\n".join(p for p in parts if p) + "\n"


def _num(value: float, digits: int = 1) -> str:
    """Return a number the Dutch way: 48,9."""
    return f"{value:.{digits}f}".replace(".", ",")


def _summary(frame: pandas.DataFrame, ok: pandas.DataFrame, bad: pandas.DataFrame, target: str) -> str:
    n = len(frame)
    text = f"{n} {'brief' if n == 1 else 'brieven'} bekeken"
    if len(ok):
        passed = int(ok["passed"].sum())
        text += (f". Gemiddelde moeilijkheid: {_num(float(ok['difficulty'].mean()))} van 100 (hoger is moeilijker). "
                 f"Goed voor taalniveau {html.escape(str(target))}: {passed} van de {len(ok)} "
                 f"({_num(100 * passed / len(ok), 0)}%)")
    if len(bad):
        text += f". Niet te lezen: {len(bad)} {'bestand' if len(bad) == 1 else 'bestanden'}"
    return text + "."


def _by_difficulty(frame: pandas.DataFrame, folders: list[str]) -> list[str]:
    ok = frame[frame["error"].isna()]
    means = ok.groupby("folder")["difficulty"].mean()
    return sorted(folders, key=lambda f: (-(float(means[f]) if f in means.index else -1.0), f))


def _folder_table(frame: pandas.DataFrame, folders: list[str], target: str) -> str:
    rows = []
    for i, folder in enumerate(_by_difficulty(frame, folders), 1):
        part = frame[frame["folder"] == folder]
        ok = part[part["error"].isna()]
        mean = _num(float(ok["difficulty"].mean())) if len(ok) else "-"
        passed = f"{_num(100 * int(ok['passed'].sum()) / len(ok), 0)}%" if len(ok) else "-"
        rows.append([(f'<a href="#map-{i}">{html.escape(folder)}</a>', "pad", True), (str(len(part)), "getal"),
                     (mean, "getal"), (passed, "getal"), (str(len(part) - len(ok)), "getal")])
    return _table("De mappen vergeleken", ["Map", "Brieven", "Gemiddelde moeilijkheid",
                                           f"Goed voor {target}", "Niet te lezen"], rows, numeric=(1, 2, 3, 4))


def _figures(ok: pandas.DataFrame, key: str, depth: int, target: str) -> str:
    """Return the three figures with their tables for a group of scored letters."""
    h = f"h{depth}"
    if not len(ok):
        return "<p>Hier zijn geen brieven met een score.</p>"
    return "\n".join([
        f'<{h} id="{key}-niveaus">Hoe moeilijk zijn de brieven?</{h}>', _levels(ok, key, target),
        f'<{h} id="{key}-moeilijkste">De {min(HARDEST, len(ok))} moeilijkste brieven</{h}>', _hardest(ok),
        f'<{h} id="{key}-regels">Welke punten komen het meest voor?</{h}>', _rules(ok),
    ])


def _levels(ok: pandas.DataFrame, key: str, target: str) -> str:
    counts = {lvl: int((ok["level"] == lvl).sum()) for lvl in LEVEL_NAMES}
    total = sum(counts.values())
    fig, ax = _figure(7, 3.2, left=0.1)
    names = [f"{lvl}: {name}" for lvl, name in LEVEL_NAMES.items()]
    bars = ax.bar(names, list(counts.values()), color=[LEVEL_COLOURS[lvl] for lvl in LEVEL_NAMES])
    ax.bar_label(bars, labels=[str(c) for c in counts.values()], padding=2)
    ax.set_ylabel("aantal brieven")
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.set_title("Aantal brieven per niveau")
    ax.margins(y=0.15)
    alt = ("Staafdiagram: aantal brieven per niveau. "
           + "; ".join(f"niveau {lvl} ({LEVEL_NAMES[lvl]}): {c}" for lvl, c in counts.items())
           + ". De tabel ernaast heeft dezelfde getallen.")
    rows = [[(str(lvl), "getal"), (LEVEL_NAMES[lvl], ""), (str(c), "getal"),
             (f"{_num(100 * c / total, 0)}%" if total else "-", "getal")] for lvl, c in counts.items()]
    table = _table(f"Brieven per niveau (doel: {target})",
                   ["Niveau", "Betekenis", "Brieven", "Deel"], rows, numeric=(0, 2, 3))
    return _figure_block(fig, alt, table)


def _hardest(ok: pandas.DataFrame) -> str:
    top = ok.sort_values(["difficulty", "path"], ascending=[False, True], kind="stable").head(HARDEST)
    paths = [str(p) for p in top["path"]]
    values = [float(v) for v in top["difficulty"]]
    fig, ax = _figure(7, 1.1 + 0.3 * len(top), left=0.4)
    ax.barh([_short(p) for p in paths][::-1], values[::-1], color=BAR_COLOUR)
    ax.tick_params(axis="y", labelsize=8)
    ax.set_xlim(0, 100)
    ax.set_xlabel("moeilijkheid (0 tot 100, hoger is moeilijker)")
    ax.set_title(f"De {len(top)} moeilijkste brieven")
    alt = (f"Liggend staafdiagram: de moeilijkheid van de {len(top)} moeilijkste brieven, van "
           f"{_num(values[0])} tot {_num(values[-1])} van 100. De tabel ernaast noemt ze.")
    rows = [[(str(i), "getal"), (p, "pad"), (str(int(lvl)), "getal"), (_num(v), "getal"),
             (", ".join(str(r) for r in rules if isinstance(r, str)) or "-", "")]
            for i, (p, lvl, v, *rules) in enumerate(zip(paths, top["level"], values, top["top_rule_1"],
                                                        top["top_rule_2"], top["top_rule_3"]), 1)]
    table = _table("Moeilijkste brieven", ["Nr.", "Brief", "Niveau", "Moeilijkheid", "Meeste punten"], rows,
                   numeric=(0, 2, 3))
    return _figure_block(fig, alt, table)


def _rules(ok: pandas.DataFrame) -> str:
    from eenvoudig.checks import rule_ids

    totals = []
    for rule in rule_ids():
        col = rule_column(rule)
        if col in ok.columns:
            n = int(ok[col].sum())
            if n:
                totals.append((rule, n, int((ok[col] > 0).sum())))
    totals.sort(key=lambda t: (-t[1], t[0]))
    totals = totals[:TOP_RULES]
    if not totals:
        return "<p>In deze brieven vond eenvoudig geen punten.</p>"
    titles = rule_titles()
    fig, ax = _figure(7, 1.1 + 0.32 * len(totals), left=0.45)
    ax.barh([f"{titles.get(r, r)} ({r})" for r, _, _ in totals][::-1], [n for _, n, _ in totals][::-1],
            color=BAR_COLOUR)
    ax.set_xlabel("aantal keer gevonden")
    ax.set_title("Punten die het meest voorkomen")
    alt = ("Liggend staafdiagram: hoe vaak elk punt voorkomt. Het meest: "
           + "; ".join(f"{titles.get(r, r)}: {n} keer" for r, n, _ in totals[:3])
           + ". De tabel ernaast heeft alle getallen.")
    rows = [[(titles.get(r, r), ""), (r, ""), (str(n), "getal"), (str(letters), "getal")] for r, n, letters in totals]
    table = _table("Meest gevonden punten", ["Punt", "Regel", "Aantal keer", "In brieven"], rows, numeric=(2, 3))
    return _figure_block(fig, alt, table)


def rule_titles() -> dict[str, str]:
    """Return the Dutch title of every rule id (the lexicon categories by their name)."""
    from eenvoudig.checks import rule_data, rule_ids

    data = rule_data()
    out = {}
    for rule in rule_ids():
        family, name = rule.split(".", 1)
        if family == "lexicon":
            word = str(data["lexicon"]["namen"].get(name, name)).removeprefix("een ")
            out[rule] = word[:1].upper() + word[1:]
        else:
            out[rule] = str(data.get(family, {}).get(name, {}).get("titel", rule))
    return out


def _short(path: str, width: int = 40) -> str:
    return path if len(path) <= width else "…" + path[-(width - 1):]


def _figure(width: float, height: float, left: float = 0.1) -> tuple[Any, Any]:
    """Return a new figure and its axes (Agg); fixed margins in inches (a layout engine doubles the time)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=96)
    FigureCanvasAgg(fig)
    fig.subplots_adjust(left=left, right=0.97, bottom=0.6 / height, top=1 - 0.35 / height)
    ax = fig.add_subplot()
    ax.spines[["top", "right"]].set_visible(False)
    return fig, ax


def _figure_block(fig: Any, alt: str, table: str) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", metadata={"Software": None})
    data = base64.b64encode(buf.getvalue()).decode("ascii")
    return (f'<div class="figuur"><img src="data:image/png;base64,{data}" alt="{html.escape(alt)}">'
            f"{table}</div>")


def _table(caption: str, header: list[str], rows: list[list[tuple]], numeric: tuple[int, ...] = ()) -> str:
    """Return an HTML table; each cell is (text, css class[, True when the text is HTML already])."""
    number = ' class="getal"'
    head = "".join(f'<th scope="col"{number if i in numeric else ""}>{html.escape(h)}</th>'
                   for i, h in enumerate(header))
    body = []
    for row in rows:
        cells = []
        for cell in row:
            text, cls = str(cell[0]), cell[1]
            content = text if len(cell) > 2 and cell[2] else html.escape(text)
            cells.append(f'<td class="{cls}">{content}</td>' if cls else f"<td>{content}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return (f"<table><caption>{html.escape(caption)}</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(body)}</tbody></table>")
