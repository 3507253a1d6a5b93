"""Tables in the outputs: the cells of one table (each its own block) put back together as rows.

Every reader (.docx, HTML, Markdown) keeps a table cell as its own block with `Block.cell` (table, row,
column, header). Here they become one `Table` again, so the sheet, the PDF, the HTML page and the text
show a table as a table and never as a heading. A "table" that only lays out the letterhead (address,
date, reference) is no table for the reader: its meta cells stay meta lines, and a table with one column
is just text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from eenvoudig.document import Document

TABLE_SCOPES = ("paragraph", "heading", "list_item")     # cells in other scopes are meta, salutation, closing
MAX_COLUMNS = 4                                          # wider tables become "label: value" rows on paper


@dataclass(frozen=True)
class Table:
    """A table as the reader sees it: rows of cell texts (empty string for an empty cell)."""

    number: int
    rows: tuple[tuple[str, ...], ...]
    header: int                         # how many leading rows are header rows (0 or 1)
    blocks: frozenset[int]              # the document blocks the cells came from
    first_block: int

    @property
    def columns(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    def label_rows(self) -> list[str]:
        """Return one line per body row, "label: value; label: value" (or the cells joined when there is no header)."""
        head = self.rows[0] if self.header else ()
        out = []
        for row in self.rows[self.header:]:
            cells = [(head[i] if i < len(head) else "", c) for i, c in enumerate(row) if c]
            out.append("; ".join(f"{h}: {c}" if h else c for h, c in cells))
        return [line for line in out if line]


def _text(block_text: str) -> str:
    from eenvoudig.render.pictograms import strip_overrides

    return " ".join(strip_overrides(block_text).split())


def tables_of(document: Document) -> list[Table]:
    """Return the tables of a document in reading order (tables of one column and layout tables left out)."""
    cells: dict[int, list[tuple[int, int, int, bool, str]]] = {}
    for i, block in enumerate(document.blocks):
        if block.cell is not None and block.scope in TABLE_SCOPES:
            c = block.cell
            cells.setdefault(c.table, []).append((i, c.row, c.col, c.header, _text(block.text)))
    out = []
    for number, found in cells.items():
        rows_seen = sorted({r for _, r, _, _, _ in found})
        cols = max(c for _, _, c, _, _ in found)
        if cols < 2 or len(found) < 2:
            continue
        grid = {r: [""] * cols for r in rows_seen}
        for _, r, c, _, text in found:
            grid[r][c - 1] = f"{grid[r][c - 1]} {text}".strip()   # a cell with several paragraphs
        # drop columns that are empty everywhere (a merged cell read once leaves a hole)
        keep = [k for k in range(cols) if any(grid[r][k] for r in rows_seen)]
        rows = tuple(tuple(grid[r][k] for k in keep) for r in rows_seen)
        if len(keep) < 2:
            continue
        marked = any(h for _, r, _, h, _ in found if r == rows_seen[0])
        header = 1 if marked or _looks_like_header(rows) else 0
        out.append(Table(number, rows, header, frozenset(i for i, *_ in found), min(i for i, *_ in found)))
    return sorted(out, key=lambda t: t.first_block)


def _looks_like_header(rows: tuple[tuple[str, ...], ...]) -> bool:
    """A first row of labels without numbers above rows with numbers is a header (Maand | Bedrag)."""
    if len(rows) < 2 or any(re.search(r"\d", c) for c in rows[0]) or not all(rows[0]):
        return False
    return any(re.search(r"\d", c) for row in rows[1:] for c in row)


def table_text(table: Table) -> str:
    """Return a table as plain text: columns aligned with spaces (read in a fixed-width font), a rule under the header."""
    widths = [max(len(r[k]) if k < len(r) else 0 for r in table.rows) for k in range(table.columns)]
    lines = []
    for n, row in enumerate(table.rows):
        lines.append("   ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip())
        if n + 1 == table.header:
            lines.append("   ".join("-" * w for w in widths))
    return "\n".join(lines)
