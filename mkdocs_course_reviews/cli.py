"""The `mkdocs-course-reviews` command: `check` a site's reviews, or start a `new` one."""

from __future__ import annotations

import argparse
import contextlib
import datetime
import functools
import json
import logging
import os
import re
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, ConfigurationError, PluginError
from mkdocs.structure.files import File, get_files

from mkdocs_course_reviews.collection import (
    Collection,
    Visibility,
    is_review_file,
    reviews_dir_problem,
)
from mkdocs_course_reviews.config import CourseReviewsConfig
from mkdocs_course_reviews.course_page import PageUnavailable, fetch_course_page
from mkdocs_course_reviews.dates import ReviewDate
from mkdocs_course_reviews.fields import FIELDS, FIELDS_BY_KEY, Shape
from mkdocs_course_reviews.folder_defaults import defaults_for, read_meta_files
from mkdocs_course_reviews.importing import (
    KEPT,
    TEXT,
    ImportFileError,
    ImportSettings,
    column_label,
    import_rows,
    match_columns,
    read_table,
)
from mkdocs_course_reviews.problems import Problem
from mkdocs_course_reviews.spreadsheet_values import (
    DateOrder,
    FieldValueError,
    field_value,
    plain_text,
)
from mkdocs_course_reviews.urls import UrlError, link_url
from mkdocs_course_reviews.writing import ReviewWriter, WriteRefused

PLUGIN_NAME = "course-reviews"
# What a user's site or command line can get wrong: each becomes one line, never a traceback.
USER_ERRORS = (OSError, UnicodeError, yaml.YAMLError, ConfigurationError, PluginError)
# The arguments of `new` that become front matter, as the help names them.
# The options of `new`, one per front-matter field (title is its argument, --publish sets
# draft), with their help.
_FIELD_OPTIONS = {
    "description": "a one-line summary",
    "institution": "who offers the course",
    "category": "a category",
    "date": 'when you took it (default: this month), e.g. "June 2025", 02/2024, 2024-06-14',
    "status": "completed (the default), in-progress or dropped",
    "rating": "from 0 to 5: 4.5, 4/5, 8/10 or 90%%",
    "instructor": "who teaches it",
    "platform": "where you took it, if not the institution",
    "duration": 'how long it takes, e.g. "6 weeks"',
    "level": "e.g. beginner",
    "language": "e.g. English",
    "tags": "tags, separated by commas",
    "certificate": "a link to your certificate",
    "url": "the course's page",
}
_TEXT_ARGUMENTS = {
    "title": "the title",
    **{key: f"--{key}" for key in _FIELD_OPTIONS},
    "body": "--body",
    "from_url": "--from-url",
    "map": "--map",
    "set": "--set",
}
# What to do about a problem MkDocs finds with a config value, by its key.
_CONFIG_ADVICE = {
    "docs_dir": "create that folder, or set docs_dir to the folder of your pages",
    "plugins": "install the plugin, or correct its options",
    "theme": "install the theme, or correct its name",
}
_CONFIG_MESSAGE = re.compile(r"Config value '(?P<key>[^']*)': (?P<problem>.*)", re.DOTALL)


class _UsageError(Exception):
    """A mistake on the command line or in the site's configuration: a message, no traceback."""


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextlib.contextmanager
def _mkdocs_messages() -> Iterator[list[logging.LogRecord]]:
    """Keep what MkDocs logs (warnings and errors) instead of printing it: the output is ours."""
    logger = logging.getLogger("mkdocs")
    handler = _Collect()
    level, propagate = logger.level, logger.propagate
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    try:
        yield handler.records
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
        logger.propagate = propagate


def _config_path(config_file: str | None) -> str:
    """The config file the command reads, as MkDocs finds it: `-f`, else mkdocs.yml here."""
    if config_file is not None:
        if not Path(config_file).exists():
            raise _UsageError(f"{config_file} does not exist; check the path given to -f")
        return config_file
    for name in ("mkdocs.yml", "mkdocs.yaml"):
        if Path(name).exists():
            return name
    raise _UsageError(
        "there is no mkdocs.yml here; run the command in your site's folder, "
        "or name its config file with -f"
    )


def _load_site(config_file: str) -> tuple[Path, CourseReviewsConfig, MkDocsConfig]:
    """The site's docs folder, the plugin's options and the MkDocs config."""
    with _mkdocs_messages() as records:
        try:
            config = load_config(config_file)
        except Abort:
            # MkDocs logged why; the first error is the one to fix first.
            errors = [r.getMessage() for r in records if r.levelno >= logging.ERROR]
            problems = _config_problems(config_file, errors)
            raise _UsageError(problems[0] if problems else f"{config_file} is not valid") from None
    # Unknown options of this plugin are typos that change what the command does; MkDocs only
    # warns of them.
    ours = [r.getMessage() for r in records if f"Plugin '{PLUGIN_NAME}'" in r.getMessage()]
    problems = _config_problems(config_file, ours)
    if problems:
        raise _UsageError(problems[0])
    plugin = config.plugins.get(PLUGIN_NAME)
    options = getattr(plugin, "config", None)
    if not isinstance(options, CourseReviewsConfig):
        print(  # noqa: T201 - a command's output
            f"note: '{PLUGIN_NAME}' is not among the plugins in {config.config_file_path}; "
            "using its default options",
            file=sys.stderr,
        )
        options = CourseReviewsConfig()
        options.load_dict({})
        options.validate()
    docs_dir = folder = Path(config.docs_dir)
    for part in Path(options.reviews_dir).parts:
        folder /= part
        if folder.exists() and not folder.is_dir():
            raise _UsageError(
                f"{_shown_path(folder)} is a file, not a folder; move it away, or set "
                f"reviews_dir in {config_file} to the folder of your reviews"
            )
    return docs_dir, options, config


def _config_problems(config_file: str, messages: Sequence[str]) -> list[str]:
    """One line for each problem MkDocs found in the config, and what to do."""
    problems = []
    for message in messages:
        match = _CONFIG_MESSAGE.match(message)
        if match is None:
            continue
        key, problem = match["key"], " ".join(match["problem"].split()).rstrip(".")
        advice = _CONFIG_ADVICE.get(key, "correct it")
        problems.append(f"{config_file}: {key}: {problem}; {advice} in {config_file}")
    return problems


def check(config_file: str, output_format: str) -> int:
    """Validate every review of the site; print one line per problem and a summary."""
    docs_dir, options, config = _load_site(config_file)
    site_files = list(get_files(config))
    collection, _defaults = _site_reviews(config, options, site_files)
    problems = collection.problems
    missing = reviews_dir_problem((file.src_uri for file in site_files), options.reviews_dir)
    if missing is not None:
        problems.append(missing)
    if output_format == "json":
        report = {
            "reviews": len(collection),
            "published": len(collection.published),
            "problems": [
                {
                    "path": _shown_problem_path(docs_dir, p),
                    "line": p.line or 1,
                    "field": p.field,
                    "message": p.message,
                    "severity": "error" if p.blocks_publication else "warning",
                }
                for p in problems
            ],
        }
        print(json.dumps(report, indent=2, ensure_ascii=False))  # noqa: T201
        return 1 if problems else 0
    for problem in problems:
        print(_problem_line(docs_dir, problem))  # noqa: T201
    drafts = sum(1 for entry in collection if entry.visibility is Visibility.DRAFT)
    withheld = sum(1 for entry in collection if entry.visibility is Visibility.WITHHELD)
    files = len({p.path for p in problems})
    print(  # noqa: T201
        f"{counted(len(collection), 'review')}: {len(collection.published)} published, "
        f"{counted(drafts, 'draft')}, {withheld} withheld; "
        f"{counted(len(problems), 'problem')} in {counted(files, 'file')}"
    )
    return 1 if problems else 0


def counted(number: int, noun: str) -> str:
    """An English count, for the command's own lines: "1 review", "2 reviews"."""
    return f"{number:,} {noun}" if number == 1 else f"{number:,} {noun}s"


def _problem_line(docs_dir: Path, problem: Problem) -> str:
    """A problem as editors and CI read it: `path:line: field: message`.

    A problem with a folder (no review in `reviews_dir`) has no line and no field: it is
    `docs/reviews/: holds no file ...`.
    """
    shown = _shown_problem_path(docs_dir, problem)
    if problem.path.endswith("/"):
        return f"{shown}: {problem.message}"
    return shown + problem.for_editors()[len(problem.path) :]


def _shown_problem_path(docs_dir: Path, problem: Problem) -> str:
    """The file (or folder, with its final "/") a problem is about, as the user reads it."""
    shown = _shown_path(docs_dir / problem.path)
    return shown + "/" if problem.path.endswith("/") else shown


def _site_reviews(
    config: MkDocsConfig, options: CourseReviewsConfig, site_files: Sequence[File]
) -> tuple[Collection, Callable[[str], Mapping[str, Any] | Problem]]:
    """The site's reviews, read as the build reads them, and the folder defaults of a path."""
    collection = Collection(required=options.required_fields)
    meta_files = read_meta_files(
        config.plugins, site_files, lambda file: is_review_file(file, options.reviews_dir)
    )
    for file in site_files:
        if not file.inclusion.is_excluded() and is_review_file(file, options.reviews_dir):
            collection.read_file(file, defaults_for(meta_files, file.src_path)[0])
    return collection, lambda src_uri: defaults_for(meta_files, src_uri)[0]


def _writer(config_file: str) -> ReviewWriter:
    """The writer of new reviews into the site of `config_file`."""
    docs_dir, options, config = _load_site(config_file)
    collection, defaults = _site_reviews(config, options, list(get_files(config)))
    return ReviewWriter(docs_dir, options.reviews_dir, collection, defaults)


def _shown_path(path: Path) -> str:
    """A path editors can open: relative to the current folder when it is below it.

    The path of a link is the link's, not its target's: a link to nothing must be named.
    """
    absolute = Path(os.path.abspath(path))  # noqa: PTH100 - resolve() would follow links
    for folder in (Path.cwd(), Path.cwd().resolve()):
        if absolute.is_relative_to(folder):
            return str(absolute.relative_to(folder))
    return str(path)


def new(config_file: str, args: argparse.Namespace) -> int:
    """Write a new review with complete front matter, a draft unless `--publish`.

    Every field's option takes what its front matter takes (and the dates spreadsheets
    write); with `--from-url`, what the course page says fills the fields left out. The
    review is written only as the build will take it, and never over a file.
    """
    writer = _writer(config_file)
    front_matter = _given_fields(args)
    if args.from_url is not None:
        _fill_from_page(front_matter, args.from_url)
    if "date" not in front_matter:
        today = datetime.date.today()  # noqa: DTZ011 - the author's calendar
        front_matter["date"] = str(ReviewDate(today.year, today.month))
    front_matter["draft"] = not args.publish
    body = sys.stdin.read() if args.body == "-" else args.body
    try:
        planned = writer.plan(front_matter, body or "What I thought of it.\n")
    except FileExistsError as exists:
        raise _UsageError(
            f"{_shown_path(writer.docs_dir / str(exists))} already exists; edit it, or pick "
            "another title"
        ) from None
    except WriteRefused as refused:
        if refused.missing:
            wanted = ", ".join("the title" if k == "title" else f"--{k}" for k in refused.missing)
            raise _UsageError(f"give {wanted}: every review of this site needs it") from None
        raise _UsageError("the review would not be valid: " + "; ".join(refused.reasons)) from None
    path = writer.write(planned)
    if args.publish:
        print(f"{_shown_path(path)}: new review, published")  # noqa: T201
    else:
        print(f"{_shown_path(path)}: new draft; set draft: false to publish it")  # noqa: T201
    return 0


def _given_fields(args: argparse.Namespace) -> dict[str, Any]:
    """The front matter the arguments of `new` give, each value as front matter takes it."""
    order = _date_order(args)
    front_matter: dict[str, Any] = {}
    if args.title is not None and plain_text(args.title):
        front_matter["title"] = plain_text(args.title)
    for field in FIELDS:
        given = getattr(args, field.key, None) if field.key in _FIELD_OPTIONS else None
        if given is None:
            continue
        try:
            value = field_value(field, given, order=order, split=field.shape is Shape.LIST)
        except FieldValueError as problem:
            raise _UsageError(f"--{field.key} {_as_typed(given)} {problem}") from None
        if value is not None:
            front_matter[field.key] = value
    return front_matter


def _fill_from_page(front_matter: dict[str, Any], url: str) -> None:
    """Fill the fields the command line leaves out from what the course page says."""
    try:
        link_url(url)
    except UrlError as refused:
        raise _UsageError(
            f"--from-url {url!r} {refused}; write it like https://example.com/course"
        ) from None
    try:
        page = fetch_course_page(url)
    except PageUnavailable as unavailable:
        print(  # noqa: T201 - a note, and `new` goes on with the arguments
            f"mkdocs-course-reviews: note: {url} {unavailable}; the review is written from "
            "the arguments alone",
            file=sys.stderr,
        )
        page = {}
    for key, value in {**page, "url": url}.items():
        front_matter.setdefault(key, value)


def _as_typed(value: object) -> str:
    if isinstance(value, list):
        return ", ".join(repr(item) for item in value)
    return repr(value)


def _date_order(args: argparse.Namespace) -> DateOrder:
    if args.day_first:
        return DateOrder.DAY_FIRST
    if args.month_first:
        return DateOrder.MONTH_FIRST
    return DateOrder.UNKNOWN


def _import_defaults(settings: Sequence[str], order: DateOrder) -> dict[str, object]:
    """The values of `--set FIELD=VALUE`, as front matter holds them."""
    defaults: dict[str, object] = {}
    for setting in settings:
        key, equals, value = setting.partition("=")
        field = FIELDS_BY_KEY.get(key.strip())
        if not equals or field is None or field.key == "draft":
            raise _UsageError(
                f"--set {setting!r}: write it as FIELD=VALUE, with FIELD one of "
                + ", ".join(f.key for f in FIELDS if f.key != "draft")
            )
        try:
            converted = field_value(field, value, order=order, split=field.shape is Shape.LIST)
        except FieldValueError as problem:
            raise _UsageError(f"--set {setting!r}: {field.key} {problem}") from None
        if converted is not None:
            defaults[field.key] = converted
    return defaults


def import_file(config_file: str, args: argparse.Namespace) -> int:
    """Write a review for each row of a CSV, TSV or JSON file; report the rows not written."""
    path = Path(args.file)
    order = _date_order(args)
    defaults = _import_defaults(args.set or [], order)
    mapping = {}
    for pair in args.map or []:
        column, equals, target = pair.rpartition("=")
        if not equals or not column:
            raise _UsageError(f"--map {pair!r}: write it as COLUMN=FIELD")
        mapping[column] = target.strip()
    writer = _writer(config_file)
    try:
        table = read_table(path)
        columns = match_columns(table.columns, table.rows, mapping)
    except ImportFileError as problem:
        raise _UsageError(str(problem)) from None
    settings = ImportSettings(
        publish=args.publish, order=order, keep=args.keep, dry_run=args.dry_run, defaults=defaults
    )
    say = functools.partial(print, file=sys.stderr)
    found = f"; recognised as {columns.export_format.name}" if columns.export_format else ""
    say(f"{_shown_path(path)}: {table.kind}, {counted(len(table.rows), table.row_word)}{found}")
    for name, index in columns.fields.items():
        say(f"  {column_label(table.columns, index)} -> {name}")
    if columns.unused:
        unused = ", ".join(column_label(table.columns, index) for index in columns.unused)
        fate = (
            f"kept in each review's {KEPT} field"
            if args.keep
            else "--keep keeps them in each review's front matter, --map COLUMN=FIELD maps one"
        )
        say(f"  not used: {unused} ({fate})")
    outcome = import_rows(
        table,
        columns,
        settings,
        writer,
        shown=lambda src_uri: _shown_path(writer.docs_dir / src_uri),
    )
    for line in outcome.lines:
        say(line)
    verb = "would write" if args.dry_run else "new " + ("review" if args.publish else "draft")
    for src_uri in outcome.written:
        print(f"{_shown_path(writer.docs_dir / src_uri)}: {verb}")  # noqa: T201
    say(outcome.summary(dry_run=args.dry_run))
    return 1 if outcome.refused or outcome.incomplete else 0


def _explain(error: Exception, config_file: str) -> str:
    """One line for a user's mistake that surfaced as an exception, and what to do."""
    context = error.__context__ if isinstance(error, ConfigurationError) else None
    if isinstance(context, yaml.YAMLError):
        error = context  # MkDocs wraps the YAML parser's error in several lines of its own
    if isinstance(error, OSError):
        where = f"{_shown_path(Path(str(error.filename)))}: " if error.filename else ""
        return f"{where}{error.strerror or error}; {_OS_ADVICE.get(type(error), 'check it')}"
    if isinstance(error, yaml.reader.ReaderError):
        shown = _shown_path(Path(error.name))
        if error.encoding == "unicode":
            return (
                f"{shown}: has the control character #x{error.character:04x} at offset "
                f"{error.position}; remove it"
            )
        return (
            f"{shown}: is not UTF-8 text (byte 0x{error.character:02x} at offset "
            f"{error.position}); re-save the file with UTF-8 encoding"
        )
    if isinstance(error, yaml.MarkedYAMLError) and error.problem_mark is not None:
        mark = error.problem_mark
        return (
            f"{_shown_path(Path(mark.name))}:{mark.line + 1}: invalid YAML: {error.problem}; "
            "check the quotes, colons and indentation on that line"
        )
    if isinstance(error, UnicodeError):
        return f"{error}; write files and arguments as UTF-8 text"
    message = " ".join(str(error).split()).rstrip(".")
    if isinstance(error, ConfigurationError):
        return f"{config_file}: {message}; correct it in {config_file}"
    return message


_OS_ADVICE: dict[type[OSError], str] = {
    PermissionError: "check its permissions",
    IsADirectoryError: "name a file, not a folder",
    NotADirectoryError: "part of that path is a file, not a folder",
    FileNotFoundError: "check the path",
    FileExistsError: "move it away",
}


def _check_text_arguments(args: argparse.Namespace) -> None:
    """Refuse arguments that are not UTF-8 text: they cannot go into a UTF-8 file."""
    for option, shown in _TEXT_ARGUMENTS.items():
        values = getattr(args, option, None)
        for value in values if isinstance(values, list) else [values]:
            if not isinstance(value, str):
                continue
            try:
                value.encode("utf-8")
            except UnicodeEncodeError as error:
                # Python hands over bytes it cannot decode as surrogates, U+DC80 to U+DCFF.
                code = ord(value[error.start])
                byte = f" (byte 0x{code - 0xDC00:02x})" if 0xDC80 <= code <= 0xDCFF else ""  # noqa: PLR2004
                readable = "".join("\ufffd" if "\ud800" <= c <= "\udfff" else c for c in value)
                raise _UsageError(
                    f"{shown} {readable!r} is not UTF-8 text{byte}; set your terminal to UTF-8 "
                    "and type it again"
                ) from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mkdocs-course-reviews", description="Tools for a learning log built with MkDocs."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    config_help = "the site's config file (default: mkdocs.yml)"

    check_parser = commands.add_parser(
        "check", help="validate every review without building the site"
    )
    check_parser.add_argument("-f", "--config-file", metavar="FILE", help=config_help)
    check_parser.add_argument("--format", choices=("text", "json"), default="text")

    new_parser = commands.add_parser("new", help="start a new review, as a draft")
    new_parser.add_argument(
        "title", nargs="?", help='the course\'s title, e.g. "CS50x" (or from --from-url)'
    )
    for field in FIELDS:
        if field.key in _FIELD_OPTIONS:
            repeated = field.shape in {Shape.NAMES, Shape.LIST}
            new_parser.add_argument(
                f"--{field.key}",
                action="append" if repeated else "store",
                metavar=field.key.upper(),
                help=_FIELD_OPTIONS[field.key] + ("; repeat for more" if repeated else ""),
            )
    new_parser.add_argument(
        "--from-url",
        metavar="URL",
        help="fill what the course page says of itself (title, description, ...)",
    )
    new_parser.add_argument(
        "--body", metavar="TEXT", help="the review's text, in Markdown; - reads standard input"
    )
    new_parser.add_argument("--publish", action="store_true", help="publish it, not a draft")
    _date_order_arguments(new_parser)
    new_parser.add_argument("-f", "--config-file", metavar="FILE", help=config_help)

    import_parser = commands.add_parser(
        "import", help="start a review for each row of a CSV, TSV or JSON file"
    )
    import_parser.add_argument("file", metavar="FILE", help="a CSV, TSV or JSON file")
    import_parser.add_argument(
        "--map",
        action="append",
        metavar="COLUMN=FIELD",
        help=f"the field a column holds ({TEXT} for the review's text; empty to leave it out)",
    )
    import_parser.add_argument(
        "--set",
        action="append",
        metavar="FIELD=VALUE",
        help="a value for every row that leaves FIELD empty, e.g. category=Programming",
    )
    import_parser.add_argument(
        "--keep", action="store_true", help=f"keep unused columns, in the field {KEPT}"
    )
    import_parser.add_argument("--publish", action="store_true", help="publish them, not drafts")
    import_parser.add_argument(
        "--dry-run", action="store_true", help="say what would be written; write nothing"
    )
    _date_order_arguments(import_parser)
    import_parser.add_argument("-f", "--config-file", metavar="FILE", help=config_help)
    return parser


def _date_order_arguments(parser: argparse.ArgumentParser) -> None:
    order = parser.add_mutually_exclusive_group()
    order.add_argument(
        "--day-first", action="store_true", help="read 3/4/2024 as 3 April (15/02/2024)"
    )
    order.add_argument(
        "--month-first", action="store_true", help="read 3/4/2024 as March 4 (2/15/2024)"
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return its exit status."""
    args = _parser().parse_args(argv)
    config_file = args.config_file or "mkdocs.yml"
    try:
        _check_text_arguments(args)
        config_file = _config_path(args.config_file)
        with _mkdocs_messages():
            if args.command == "check":
                return check(config_file, args.format)
            if args.command == "import":
                return import_file(config_file, args)
            return new(config_file, args)
    except _UsageError as error:
        message = str(error)
    except USER_ERRORS as error:
        message = _explain(error, config_file)
    print(f"mkdocs-course-reviews: {message}", file=sys.stderr)  # noqa: T201
    return 2 if args.command == "check" else 1


if __name__ == "__main__":
    sys.exit(main())
