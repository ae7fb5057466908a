"""The `mkdocs-course-reviews` command: `check` a site's reviews, or start a `new` one."""

from __future__ import annotations

import argparse
import contextlib
import datetime
import json
import logging
import os
import re
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

import yaml
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, ConfigurationError, PluginError
from mkdocs.structure.files import get_files

from mkdocs_course_reviews.collection import (
    Collection,
    Visibility,
    is_review_file,
    is_review_path,
    reviews_dir_problem,
)
from mkdocs_course_reviews.config import CourseReviewsConfig
from mkdocs_course_reviews.dates import DATE_EXAMPLES, DateError, ReviewDate, parse_review_date
from mkdocs_course_reviews.folder_defaults import defaults_for, read_meta_files
from mkdocs_course_reviews.slugs import slugify
from mkdocs_course_reviews.urls import UrlError, link_url

PLUGIN_NAME = "course-reviews"
# What a user's site or command line can get wrong: each becomes one line, never a traceback.
USER_ERRORS = (OSError, UnicodeError, yaml.YAMLError, ConfigurationError, PluginError)
# The arguments of `new` that become front matter, as the help names them.
_TEXT_ARGUMENTS = {
    "title": "the title",
    "category": "--category",
    "institution": "--institution",
    "url": "--url",
    "date": "--date",
    "description": "--description",
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
    collection = Collection(required=options.required_fields)
    site_files = list(get_files(config))
    meta_files = read_meta_files(
        config.plugins, site_files, lambda file: is_review_file(file, options.reviews_dir)
    )
    for file in site_files:
        if not file.inclusion.is_excluded() and is_review_file(file, options.reviews_dir):
            collection.read_file(file, defaults_for(meta_files, file.src_path)[0])
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
                    "path": _shown_path(docs_dir / p.path),
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
        print(_shown_path(docs_dir / problem.path) + problem.for_editors()[len(problem.path) :])  # noqa: T201
    drafts = sum(1 for entry in collection if entry.visibility is Visibility.DRAFT)
    withheld = sum(1 for entry in collection if entry.visibility is Visibility.WITHHELD)
    files = len({p.path for p in problems})
    print(  # noqa: T201
        f"{len(collection)} reviews: {len(collection.published)} published, {drafts} drafts, "
        f"{withheld} withheld; {len(problems)} problems in {files} files"
    )
    return 1 if problems else 0


def _shown_path(path: Path) -> str:
    """A path editors can open: relative to the current folder when it is below it.

    The path of a link is the link's, not its target's: a link to nothing must be named.
    """
    absolute = Path(os.path.abspath(path))  # noqa: PTH100 - resolve() would follow links
    for folder in (Path.cwd(), Path.cwd().resolve()):
        if absolute.is_relative_to(folder):
            return str(absolute.relative_to(folder))
    return str(path)


def new(  # noqa: PLR0913 - one argument per front-matter field
    config_file: str,
    *,
    title: str,
    categories: Sequence[str],
    institution: str,
    url: str | None,
    date: str | None,
    description: str | None,
) -> int:
    """Write a new draft review with complete front matter; never overwrite a file."""
    docs_dir, options, _config = _load_site(config_file)
    if not title.strip() or not institution.strip() or not [c for c in categories if c.strip()]:
        raise _UsageError("title, --category and --institution must not be empty")
    if url is not None:
        try:
            link_url(url)
        except UrlError as refused:
            raise _UsageError(
                f"--url {url!r} {refused}; write it like https://example.com/course"
            ) from None
    if date is None:
        today = datetime.date.today()  # noqa: DTZ011 - the author's calendar
        date = str(ReviewDate(today.year, today.month))
    else:
        try:
            date = str(parse_review_date(date))
        except DateError:
            raise _UsageError(
                f"--date {date!r} is not a date; write it like {DATE_EXAMPLES}"
            ) from None
    front_matter: dict[str, object] = {
        "title": title.strip(),
        "category": categories[0] if len(categories) == 1 else list(categories),
        "institution": institution.strip(),
        "date": date,
    }
    if description:
        front_matter["description"] = description
    if url:
        front_matter["url"] = url
    front_matter["draft"] = True
    path = docs_dir / _new_review_path(slugify(title), options.reviews_dir)
    text = (
        "---\n"
        + yaml.safe_dump(front_matter, sort_keys=False, allow_unicode=True, width=1000)
        + "---\n\nWhat I thought of it.\n"
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8") as file:
            file.write(text)
    except FileExistsError:
        raise _UsageError(
            f"{_shown_path(path)} already exists; edit it, or pick another title"
        ) from None
    print(f"{_shown_path(path)}: new draft; set draft: false to publish it")  # noqa: T201
    return 0


def _new_review_path(slug: str, reviews_dir: str) -> str:
    """Where `new` writes the review whose slug is `slug`: a file the build takes for a review.

    "index" would make a folder's index page, no review: that one gets `index-review.md`.
    """
    src_uri = f"{reviews_dir}/{slug}.md"
    if is_review_path(src_uri, reviews_dir):
        return src_uri
    return f"{reviews_dir}/{slug}-review.md"


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
    new_parser.add_argument("title", help='the course\'s title, e.g. "CS50x"')
    new_parser.add_argument(
        "--category", action="append", required=True, help="a category; repeat for more"
    )
    new_parser.add_argument("--institution", required=True, help="who offers the course")
    new_parser.add_argument("--url", help="the course's page")
    new_parser.add_argument(
        "--date", help='when you took it (default: this month), e.g. "June 2025"'
    )
    new_parser.add_argument("--description", help="a one-line summary")
    new_parser.add_argument("-f", "--config-file", metavar="FILE", help=config_help)
    return parser


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
            return new(
                config_file,
                title=args.title,
                categories=args.category,
                institution=args.institution,
                url=args.url,
                date=args.date,
                description=args.description,
            )
    except _UsageError as error:
        message = str(error)
    except USER_ERRORS as error:
        message = _explain(error, config_file)
    print(f"mkdocs-course-reviews: {message}", file=sys.stderr)  # noqa: T201
    return 2 if args.command == "check" else 1


if __name__ == "__main__":
    sys.exit(main())
