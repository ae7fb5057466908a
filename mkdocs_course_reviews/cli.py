"""The `mkdocs-course-reviews` command: `check` a site's reviews, or start a `new` one."""

from __future__ import annotations

import argparse
import datetime
import functools
import json
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

import yaml
from mkdocs.config import load_config
from mkdocs.exceptions import ConfigurationError
from mkdocs.structure.files import File, get_files

from mkdocs_course_reviews.collection import Collection, Visibility, is_review_path
from mkdocs_course_reviews.config import CourseReviewsConfig
from mkdocs_course_reviews.dates import DATE_EXAMPLES, DateError, ReviewDate, parse_review_date
from mkdocs_course_reviews.slugs import slugify
from mkdocs_course_reviews.urls import safe_url

PLUGIN_NAME = "course-reviews"


class _UsageError(Exception):
    """A mistake on the command line or in the site's configuration: a message, no traceback."""


def _load_site(config_file: str | None) -> tuple[Path, CourseReviewsConfig, object]:
    """The site's docs folder, the plugin's options and the MkDocs config."""
    # MkDocs and themes talk while loading a config; the command's output is ours.
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    try:
        config = load_config(config_file)
    except (ConfigurationError, OSError) as error:
        raise _UsageError(str(error)) from None
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
    return Path(config.docs_dir), options, config


def check(config_file: str | None, output_format: str) -> int:
    """Validate every review of the site; print one line per problem and a summary."""
    docs_dir, options, config = _load_site(config_file)
    collection = Collection(required=options.required_fields)
    for file in get_files(config):  # type: ignore[arg-type]
        if not file.inclusion.is_excluded() and is_review_path(file.src_uri, options.reviews_dir):
            collection.read(file.src_uri, functools.partial(_content, file))
    problems = collection.problems
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


def _content(file: File) -> str:
    return file.content_string


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
    config_file: str | None,
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
    if url is not None and safe_url(url) is None:
        raise _UsageError(f"--url {url!r} is not an absolute http(s) URL")
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
    path = docs_dir / options.reviews_dir / f"{slugify(title)}.md"
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
    try:
        if args.command == "check":
            return check(args.config_file, args.format)
        return new(
            args.config_file,
            title=args.title,
            categories=args.category,
            institution=args.institution,
            url=args.url,
            date=args.date,
            description=args.description,
        )
    except _UsageError as error:
        print(f"mkdocs-course-reviews: {error}", file=sys.stderr)  # noqa: T201
        return 2 if args.command == "check" else 1


if __name__ == "__main__":
    sys.exit(main())
