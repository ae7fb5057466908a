"""Importing a list of courses: CSV, TSV or JSON rows into review files.

`read_table` reads the file (any encoding spreadsheets save in), `match_columns` says which
column holds which field, `row_review` turns one row into front matter and text, and
`import_rows` writes each row through the one writer of `new`, row by row: a row that cannot
become a review the build takes is reported with its number and the reason, the others are
written.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import json
import re
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs_course_reviews.fields import FIELDS, FIELDS_BY_KEY
from mkdocs_course_reviews.spreadsheet_values import (
    DateOrder,
    FieldValueError,
    field_value,
    is_empty,
    plain_text,
)
from mkdocs_course_reviews.writing import ReviewWriter, WriteRefused

TEXT = "text"
"""The name `--map` gives the review's text (the Markdown below the front matter)."""
KEPT = "imported"
"""The front-matter field that holds the columns `--keep` keeps, by column name."""
MAX_CELL = 16 * 1024 * 1024
"""The longest cell read, in characters; the csv module's own limit is 128 KiB."""

# Column names that mean a field, beyond the field's own key and aliases; the fields every
# review needs first, so that "Platform" alone names the institution, and "Tags" alone the
# category (see `match_columns`).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "title": ("course", "name", "course title", "course name"),
    "institution": ("provider", "school", "university", "platform", "organization"),
    "category": ("topic", "subject", "tags"),
    "date": (
        "finished",
        "completed",
        "completed on",
        "end date",
        "date completed",
        "completion date",
        "finished on",
    ),
    "description": ("summary",),
    "rating": ("stars", "score"),
    "url": ("link", "course url", "course link"),
    "instructor": ("instructors", "teacher", "teachers", "lecturer"),
    "certificate": ("certificate url", "certificate link"),
    TEXT: ("notes", "note", "review", "comments", "comment", "body"),
}
_FIELD_NAMES = (*(f.key for f in FIELDS if f.key != "draft"), TEXT)


@dataclass(frozen=True)
class ExportFormat:
    """A service's own export, recognised by its column names."""

    name: str
    columns: Mapping[str, str]
    """Its columns (as `column_key` writes them) and the fields they hold."""
    started: str
    """The column whose date stands when the completed date is empty: then `in-progress`."""
    defaults: Mapping[str, str]
    """Fields every row of it gets, unless `--set` says otherwise."""


LINKEDIN_LEARNING = ExportFormat(
    name="LinkedIn Learning (Learning.csv of a LinkedIn data export)",
    columns={
        "content title": "title",
        "content description": "description",
        "content completed at (if completed)": "date",
        "notes taken on videos (if taken)": TEXT,
    },
    started="content last watched date (if viewed)",
    defaults={"institution": "LinkedIn Learning"},
)
EXPORT_FORMATS = (LINKEDIN_LEARNING,)


class ImportFileError(Exception):
    """The file as a whole cannot be imported; the message says why and what to do."""


@dataclass(frozen=True)
class Row:
    """One row of the file: its number as the user sees it, and its cells by column."""

    number: int
    cells: Sequence[object]


@dataclass
class Table:
    """A file's columns and rows; `kind` names what was read ("CSV, UTF-8, ','")."""

    columns: list[str]
    rows: list[Row]
    kind: str
    row_word: str = "row"


def column_key(name: str) -> str:
    """A column name as it is matched: "Course_URL " and "course url" are one."""
    return " ".join(name.replace("_", " ").replace("-", " ").casefold().split())


def decode(data: bytes) -> tuple[str, str]:
    """The text of a file, and the encoding it was read in.

    UTF-8 with or without a byte order mark, UTF-16 with one (Excel's "Unicode Text"), else
    Windows-1252, which is Latin-1 where both define a byte (Excel's "CSV" on Windows).
    """
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16")):
        if data.startswith(bom):
            return data.decode(encoding), "UTF-8" if encoding == "utf-8-sig" else "UTF-16"
    if data.startswith(codecs.BOM_UTF16_BE):
        return data.decode("utf-16"), "UTF-16"
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "Latin-1"


def read_table(path: Path) -> Table:
    """Read a CSV or TSV file (delimiter sniffed), or JSON (a list of objects)."""
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise ImportFileError(f"{path} is a folder; name a CSV, TSV or JSON file") from None
    text, encoding = decode(data)
    if path.suffix.lower() == ".json" or (
        path.suffix.lower() not in {".csv", ".tsv", ".txt"} and text.lstrip().startswith("[")
    ):
        return _json_table(text, path)
    return _csv_table(text, encoding, path)


def _json_table(text: str, path: Path) -> Table:
    try:
        items = json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportFileError(
            f"{path}:{error.lineno}: is not JSON ({error.msg}); write a list of objects, "
            'like [{"title": "CS50x", "date": "2024-02"}]'
        ) from None
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise ImportFileError(
            f"{path} is not a list of objects; write it like "
            '[{"title": "CS50x", "date": "2024-02"}]'
        )
    columns: dict[str, None] = {}
    for item in items:
        columns.update(dict.fromkeys(str(key) for key in item))
    names = list(columns)
    rows = [
        Row(number, [item.get(name) for name in names])
        for number, item in enumerate(items, start=1)
    ]
    return Table(names, rows, "JSON", row_word="item")


@contextlib.contextmanager
def _cells_up_to(limit: int) -> Iterator[None]:
    before = csv.field_size_limit(limit)
    try:
        yield
    finally:
        csv.field_size_limit(before)


def _csv_table(text: str, encoding: str, path: Path) -> Table:
    first_line = text.split("\n", 1)[0]
    delimiter = _delimiter(text, first_line, path)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    with _cells_up_to(MAX_CELL):
        try:
            records = list(reader)
        except csv.Error as error:
            raise ImportFileError(
                f"{path}:{reader.line_num}: cannot be read as CSV ({error}); check the quotes "
                "on that line"
            ) from None
    if not records:
        raise ImportFileError(f"{path} is empty; its first line names the columns")
    header, *body = records
    shown = "tab" if delimiter == "\t" else repr(delimiter)
    rows = [Row(number, cells) for number, cells in enumerate(body, start=2)]
    return Table([name.strip() for name in header], rows, f"CSV, {encoding}, {shown}-separated")


def _delimiter(text: str, first_line: str, path: Path) -> str:
    """The delimiter, as the `csv` module sniffs it among `,`, `;`, tab and `|`."""
    candidates = ",;\t|"
    try:
        sniffed = csv.Sniffer().sniff(text[:65536], delimiters=candidates).delimiter
    except csv.Error:
        sniffed = ""
    if sniffed and sniffed in first_line:
        return sniffed
    # One column, or a sample the sniffer cannot make out: the most frequent in the header.
    counts = {candidate: first_line.count(candidate) for candidate in candidates}
    best = max(counts, key=lambda candidate: counts[candidate])
    if counts[best]:
        return best
    return "\t" if path.suffix.lower() == ".tsv" else ","


@dataclass
class ColumnMap:
    """Which column holds which field, and what is left over."""

    fields: dict[str, int]
    """Each field (or `TEXT`) and the index of its column."""
    unused: list[int]
    """Columns no field takes, that hold something."""
    export_format: ExportFormat | None = None
    started: int | None = None
    """The in-progress date column of an export format, if it has one."""


def match_columns(
    columns: Sequence[str], rows: Sequence[Row], mapping: Mapping[str, str]
) -> ColumnMap:
    """Which column holds which field.

    `mapping` (from `--map`) first, then an export format it recognises, then names: a
    field's own name, then its synonyms, fields every review needs before the others. Case,
    spaces, `_` and `-` do not matter. Raises `ImportFileError` for a mapping that names no
    column or no field.
    """
    keys = [column_key(name) for name in columns]
    first_index: dict[str, int] = {}
    for index, key in enumerate(keys):
        first_index.setdefault(key, index)
    fields, taken = _mapped(columns, first_index, mapping)
    found = next(
        (f for f in EXPORT_FORMATS if set(f.columns) | {f.started} <= set(first_index)), None
    )
    started = None
    if found is not None:
        for key, field_name in found.columns.items():
            if field_name not in fields and first_index[key] not in taken:
                fields[field_name] = first_index[key]
                taken.add(first_index[key])
        started = first_index[found.started]
        taken.add(started)
    required = [f.key for f in FIELDS if f.required]
    others = [name for name in _FIELD_NAMES if name not in required]
    for names in (required, others):
        for synonyms in (False, True):
            for field_name in names:
                wanted = _names_of(field_name, synonyms=synonyms)
                match = next(
                    (first_index[k] for k in wanted if first_index.get(k, -1) not in {-1, *taken}),
                    None,
                )
                if match is not None and field_name not in fields:
                    fields[field_name] = match
                    taken.add(match)
    unused = [
        index
        for index in range(len(columns))
        if index not in taken and any(_cell(row, index) is not None for row in rows)
    ]
    return ColumnMap(fields, unused, found, started)


def _mapped(
    columns: Sequence[str], first_index: Mapping[str, int], mapping: Mapping[str, str]
) -> tuple[dict[str, int], set[int]]:
    """The fields `--map` gives columns, and every column it names."""
    fields: dict[str, int] = {}
    taken: set[int] = set()
    for column, field_name in mapping.items():
        index = first_index.get(column_key(column))
        if index is None:
            raise ImportFileError(
                f"--map {column}={field_name}: there is no column {column!r}; the columns are "
                + ", ".join(repr(name) for name in columns)
            )
        taken.add(index)
        if not field_name:
            continue  # `--map Column=`: leave it out
        if field_name not in _FIELD_NAMES:
            raise ImportFileError(
                f"--map {column}={field_name}: there is no field {field_name!r}; the fields "
                f"are {', '.join(_FIELD_NAMES)}"
            )
        if field_name in fields:
            raise ImportFileError(
                f"--map: two columns are mapped to {field_name}; map one column to each field"
            )
        fields[field_name] = index
    return fields, taken


def _names_of(field_name: str, *, synonyms: bool) -> tuple[str, ...]:
    if synonyms:
        return SYNONYMS.get(field_name, ())
    if field_name == TEXT:
        return (TEXT,)
    return (field_name, *FIELDS_BY_KEY[field_name].aliases)


def _cell(row: Row, index: int) -> object | None:
    """The cell of `row` in column `index`; None when it says nothing."""
    value = row.cells[index] if index < len(row.cells) else None
    return None if is_empty(value) else value


def column_label(columns: Sequence[str], index: int) -> str:
    """A column as messages name it: "Content Type", or "column 8" when it has no name."""
    name = columns[index]
    return repr(name) if name else f"column {index + 1} (no name)"


@dataclass(frozen=True)
class ImportSettings:
    """What the command line says of every row."""

    publish: bool = False
    order: DateOrder = DateOrder.UNKNOWN
    keep: bool = False
    dry_run: bool = False
    """Say what would be written, and write nothing."""
    defaults: Mapping[str, object] = field(default_factory=dict)
    """Front-matter values (`--set`) for the rows that leave the field empty."""


def row_review(
    table: Table, columns: ColumnMap, row: Row, settings: ImportSettings
) -> tuple[dict[str, Any], str]:
    """The front matter and text of one row. Raises `WriteRefused` with every problem."""
    front_matter, reasons = _row_fields(columns, row, settings.order)
    if columns.started is not None and "date" not in front_matter:
        started, trouble = _started(table, columns.started, row, settings.order)
        if trouble:
            reasons.append(trouble)
        elif started is not None:
            front_matter["date"] = started
            front_matter.setdefault("status", "in-progress")
    if columns.export_format is not None:
        for name, value in columns.export_format.defaults.items():
            front_matter.setdefault(name, value)
    for name, default in settings.defaults.items():
        front_matter.setdefault(name, default)
    if any(not is_empty(cell) for cell in row.cells[len(table.columns) :]):
        reasons.append(
            f"has {len(row.cells)} cells where the first line names {len(table.columns)} "
            "columns; check the quotes in that row"
        )
    if reasons:
        raise WriteRefused(reasons)
    kept = {
        table.columns[index] or f"column {index + 1}": plain_text(str(kept_value))
        for index in (columns.unused if settings.keep else [])
        if (kept_value := _cell(row, index)) is not None
    }
    if kept:
        front_matter[KEPT] = kept
    front_matter["draft"] = not settings.publish
    text_index = columns.fields.get(TEXT)
    text = _cell(row, text_index) if text_index is not None else None
    return front_matter, markdown_text(str(text)) if text is not None else ""


def _row_fields(columns: ColumnMap, row: Row, order: DateOrder) -> tuple[dict[str, Any], list[str]]:
    """The front matter a row's own cells give, and the problems of those that give none."""
    front_matter: dict[str, Any] = {}
    reasons = []
    for name, index in columns.fields.items():
        value = _cell(row, index)
        if name == TEXT or value is None:
            continue
        try:
            converted = field_value(FIELDS_BY_KEY[name], value, order=order)
        except FieldValueError as problem:
            reasons.append(f"{name} {_shown(value)} {problem}")
            continue
        if converted is not None:
            front_matter[name] = converted
    return front_matter, reasons


def _started(
    table: Table, index: int, row: Row, order: DateOrder
) -> tuple[object | None, str | None]:
    """An export's date of a course not completed (it is in progress since), or a problem."""
    value = _cell(row, index)
    if value is None:
        return None, None
    try:
        return field_value(FIELDS_BY_KEY["date"], value, order=order), None
    except FieldValueError as problem:
        column = column_label(table.columns, index)
        return None, f"date {_shown(value)} (column {column}) {problem}"


def _shown(value: object, limit: int = 40) -> str:
    if not isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)[:limit]
    text = plain_text(value)
    return '"' + (text if len(text) <= limit else text[: limit - 1] + "…") + '"'


# What makes Markdown (and the extensions and plugins sites use with it) out of plain text:
# HTML and entities, links, images and footnotes, attribute lists, Jinja (mkdocs-macros),
# snippets (`--8<--`), code and emphasis, and the backslash that would undo an escape...
_MARKUP = re.compile(r"[\\`\[\]{}<>*_]|&(?=#?\w+;)")
# ... and at the start of a line: headings, lists, admonitions, rules and setext underlines.
_LINE_START = re.compile(r"^(?:[#+!-]|=|\d+(?=[.)]))")
_ESCAPES = {"<": "&lt;", ">": "&gt;", "&": "&amp;", "=": "&#61;"}


def _escaped(line: str) -> str:
    line = _MARKUP.sub(lambda m: _ESCAPES.get(m.group(), "\\" + m.group()), line)
    start = _LINE_START.match(line)
    if start is None:
        return line
    if start.group().isdigit():  # "1." or "1)" starts a numbered list: escape what follows
        return start.group() + "\\" + line[start.end() :]
    mark = start.group()
    return _ESCAPES.get(mark, "\\" + mark) + line[start.end() :]


def markdown_text(text: str) -> str:
    """A cell's text as a review's Markdown that shows it as it is, markup and all.

    What would make HTML, links, attributes, templates, included files, code, emphasis,
    headings or lists is escaped; each line of the cell is a paragraph.
    """
    lines = (_escaped(line.strip()) for line in plain_text(text, lines=True).split("\n"))
    return "\n\n".join(line for line in lines if line) + "\n"


@dataclass
class ImportOutcome:
    """What an import did: a line per row that was not written as asked, and the counts."""

    lines: list[str] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    existing: int = 0
    refused: int = 0
    incomplete: int = 0
    """Rows refused only for required fields they leave empty."""
    missing: Counter[str] = field(default_factory=Counter)
    """Rows refused for a required field they leave empty, by field."""

    @property
    def skipped(self) -> int:
        """Rows not written, for whatever reason."""
        return self.existing + self.refused + self.incomplete

    def summary(self, *, dry_run: bool = False) -> str:
        """The last line: "12 written, 3 skipped: 2 already exist, 1 with problems ..."."""
        verb = "to write" if dry_run else "written"
        text = f"{len(self.written):,} {verb}, {self.skipped:,} skipped"
        reasons = []
        if self.existing:
            reasons.append(f"{self.existing:,} already exist{'s' if self.existing == 1 else ''}")
        if self.refused:
            reasons.append(f"{self.refused:,} with problems (listed above)")
        for name, count in self.missing.most_common():
            reasons.append(
                f"{count:,} without {name} (--set {name}=VALUE gives every row one, "
                f"--map COLUMN={name} names its column)"
            )
        return text + (": " + "; ".join(reasons) if reasons else "")


def import_rows(
    table: Table,
    columns: ColumnMap,
    settings: ImportSettings,
    writer: ReviewWriter,
    *,
    shown: Callable[[str], str],
) -> ImportOutcome:
    """Write a review for each row (or only plan it, with `settings.dry_run`).

    `shown` writes a docs-relative path as the user reads it.
    """
    outcome = ImportOutcome()
    word = table.row_word
    row_of: dict[str, int] = {}
    """The row each file of this run was planned for."""
    for row in table.rows:
        if all(is_empty(cell) for cell in row.cells):
            continue
        try:
            front_matter, text = row_review(table, columns, row, settings)
            planned = writer.plan(front_matter, text)
        except FileExistsError as exists:
            earlier = row_of.get(str(exists))
            if earlier is not None:
                outcome.refused += 1
                outcome.lines.append(
                    f"{word} {row.number}: would be {shown(str(exists))}, as {word} {earlier} "
                    "is (the same title); give one of them another title"
                )
                continue
            outcome.existing += 1
            outcome.lines.append(f"{word} {row.number}: {shown(str(exists))} exists; left as it is")
            continue
        except WriteRefused as refused:
            if refused.missing and len(refused.missing) == len(refused.reasons):
                outcome.missing.update(refused.missing)
                outcome.incomplete += 1
            else:
                outcome.refused += 1
            outcome.lines.append(f"{word} {row.number}: " + "; ".join(refused.reasons))
            continue
        if not settings.dry_run:
            writer.write(planned)
        row_of[planned.src_uri] = row.number
        outcome.written.append(planned.src_uri)
    return outcome
