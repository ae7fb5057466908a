"""The plugin reads exactly the front matter MkDocs strips, and refuses what MkDocs would print.

MkDocs (`mkdocs.utils.meta.get_data`) is the oracle: a file is published only when MkDocs would
take its front matter off the page; any other file that starts like front matter would show
its fields as text, so it is withheld with one message saying what to fix.
"""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from mkdocs.exceptions import Abort
from mkdocs.utils.meta import YAML_RE, get_data

from mkdocs_course_reviews.cli import main
from mkdocs_course_reviews.source import FRONT_MATTER, read_source
from tests.conftest import BuildSite, Site

XSS = "<img src=x onerror=alert(1)>"
FIELDS = f'title: "{XSS}"\ncategory: Web\ninstitution: MIT\ndate: "June 2025"\n'

# Every way of fencing front matter a writer (or an editor's setting) produces, and whether
# MkDocs strips it: (name, text, MkDocs strips it).
FORMS = [
    ("plain", f"---\n{FIELDS}---\nBody\n", True),
    ("no text after it", f"---\n{FIELDS}---\n", True),
    ("no final line break (VS Code)", f"---\n{FIELDS}---", False),
    ("four dashes", f"----\n{FIELDS}----\nBody\n", False),
    ("four dashes closing", f"---\n{FIELDS}----\nBody\n", False),
    ("no-break space after the opening", f"---\u00a0\n{FIELDS}---\nBody\n", False),
    ("no-break space after the closing", f"---\n{FIELDS}---\u00a0\nBody\n", False),
    ("spaces and tabs after the fences", f"--- \t\n{FIELDS}---  \nBody\n", True),
    ("a comment after the opening", f"--- # review\n{FIELDS}---\nBody\n", False),
    ("dots closing", f"---\n{FIELDS}...\nBody\n", True),
    ("dots closing, no final line break", f"---\n{FIELDS}...", False),
    ("a blank line first", f"\n---\n{FIELDS}---\nBody\n", False),
    ("a space first", f" ---\n{FIELDS}---\nBody\n", False),
    ("CRLF kept (a generated page)", f"---\n{FIELDS}---\nBody\n".replace("\n", "\r\n"), False),
    ("never closed", f"---\n{FIELDS}", False),
    ("empty", "---\n---\nBody\n", False),
    ("only a comment", "---\n# nothing\n---\nBody\n", False),
    ("a list", "---\n- a\n- b\n---\nBody\n", False),
    ("a string", '---\n"just text"\n---\nBody\n', False),
    ("a YAML document start inside", f"---\n---\n{FIELDS}---\nBody\n", True),
]


def mkdocs_strips(text: str) -> bool:
    markdown, meta = get_data(text)
    return markdown != text and bool(meta)


def test_the_pattern_is_mkdocs_own() -> None:
    assert FRONT_MATTER.pattern == YAML_RE.pattern
    assert FRONT_MATTER.flags == YAML_RE.flags


@pytest.mark.parametrize(("text", "strips"), [f[1:] for f in FORMS], ids=[f[0] for f in FORMS])
def test_the_plugin_reads_front_matter_exactly_when_mkdocs_strips_it(
    text: str, strips: bool
) -> None:
    assert mkdocs_strips(text) is strips, "the oracle disagrees with the table"
    source = read_source("reviews/x.md", text)
    assert (source.metadata is not None) is strips
    if not strips:
        (problem,) = source.problems
        assert problem.line is not None
        assert "MkDocs" in problem.message or "front matter" in problem.message


def test_the_message_says_what_to_fix() -> None:
    cases = {
        f"---\n{FIELDS}---": (6, "with no line break after it", "add a line break after it"),
        f"----\n{FIELDS}---\n": (1, "starts with the line '----'", "exactly '---'"),
        f"---\n{FIELDS}---\u00a0\n": (6, "closes its front matter on line 6", "exactly '---'"),
        f"---\n{FIELDS}...": (6, "with the '...' that closes", "add a line break"),
    }
    for text, (line, *words) in cases.items():
        (problem,) = read_source("reviews/x.md", text).problems
        assert problem.line == line, text
        for word in words:
            assert word in problem.message, (text, problem.message)


def test_the_fields_are_those_mkdocs_strips() -> None:
    for name, text, strips in FORMS:
        if strips:
            assert read_source("reviews/x.md", text).metadata == get_data(text)[1], name


def _unsafe_forms() -> dict[str, str]:
    return {
        f"reviews/form-{n}.md": text.replace(XSS, f"{XSS} SECRET{n}")
        for n, (_, text, strips) in enumerate(FORMS)
        if not strips and "\r" not in text  # MkDocs reads a file's CRLF as LF
    }


def _assert_nothing_of_them_published(site: Site, forms: dict[str, str]) -> None:
    for path, text in site.text_of_every_file():
        assert "onerror" not in text, path
        for number in range(len(FORMS)):
            assert f"SECRET{number} " not in text, (path, number)
        if path.suffix == ".html":
            soup = BeautifulSoup(text, "html.parser")
            assert not soup.select("[onerror]"), path
    for src in forms:
        stem = src.removesuffix(".md")
        assert not site.exists(f"{stem}/index.html"), src
        assert not site.exists(src), src


def test_a_site_of_every_unsafe_form_publishes_none_of_them(build_site: BuildSite) -> None:
    forms = _unsafe_forms()
    files = {
        "index.md": "# Home\n\n<!-- course-reviews -->\n",
        "reviews/good.md": f"---\n{FIELDS.replace(XSS, 'Good course')}...\nText.\n",
        **forms,
    }
    site = build_site(files)
    _assert_nothing_of_them_published(site, forms)
    # The `...` closer MkDocs accepts is a review like any other, with its card.
    assert site.html("reviews/good/index.html").select_one(".course-review-card")
    for src in forms:
        assert sum(f" {src}: " in w for w in site.warnings) == 1, src
    served = build_site(files, serve=True)
    _assert_nothing_of_them_published(served, forms)
    with pytest.raises(Abort):
        build_site(files, strict=True)


def test_check_counts_every_unsafe_form(
    build_site: BuildSite, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    forms = _unsafe_forms()
    site = build_site({"reviews/good.md": f"---\n{FIELDS.replace(XSS, 'Good')}---\n", **forms})
    monkeypatch.chdir(site.docs_dir.parent)
    assert main(["check"]) == 1
    out = capsys.readouterr().out
    for src in forms:
        assert f"docs/{src}:" in out, src
    assert f"{len(forms) + 1} reviews: 1 published, 0 drafts, {len(forms)} withheld" in out


@pytest.mark.parametrize("name", ["index.MD", "sub/README.Markdown", "sub/index.MKD"])
def test_an_index_name_mkdocs_would_copy_as_it_is_is_judged(
    build_site: BuildSite, name: str
) -> None:
    text = f"---\n{FIELDS.replace(XSS, 'SECRET-INDEX')}draft: true\n---\nSECRET-INDEX\n"
    site = build_site(
        {"reviews/ok.md": f"---\n{FIELDS.replace(XSS, 'Ok')}---\n", f"reviews/{name}": text}
    )
    assert site.leaks("SECRET-INDEX") == []
    assert not site.exists(f"reviews/{name}")
    (warning,) = [w for w in site.warnings if f"reviews/{name}" in w]
    assert "rename it to" in warning
