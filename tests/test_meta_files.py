"""Material's `.meta.yml` defaults are YAML the plugin reads: the front matter's limits hold.

Real builds with Material's theme and its `meta` plugin, in its documented default config.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from mkdocs_course_reviews.cli import main
from mkdocs_course_reviews.collection import Collection, Visibility
from mkdocs_course_reviews.folder_defaults import defaults_for, read_meta_files
from mkdocs_course_reviews.problems import Problem
from mkdocs_course_reviews.source import read_source
from tests.bad_inputs import ALIAS_BOMB
from tests.conftest import BuildSite, Content, review

SECRET = "QX-META-WITHHELD-5521"  # noqa: S105 - a marker, not a password
MATERIAL = {"name": "material", "font": False}
PLUGINS = ["search", "meta", "course-reviews"]
PREFIX = "mkdocs_course_reviews: "
WITHHELD = "; the reviews below {}/ are withheld, and its fields reach no page, until it is fixed"
BAD_META: dict[str, tuple[str | bytes, str]] = {
    "an alias bomb": (
        ALIAS_BOMB,
        "e grows to more than 100,000 values through aliases (*name) repeating anchors (&name)",
    ),
    "a list that contains itself": (
        "tags: &loop [*loop]\n",
        "tags contains itself: the alias *loop is inside the value of its own anchor, on line 1",
    ),
    "lists nested 100,000 deep": (
        "tags: " + "[" * 100_000 + "]" * 100_000 + "\n",
        "nests lists or fields more than 50 levels deep",
    ),
    "broken YAML": (
        "draft: true\ntags: [course\n",
        "has invalid YAML front matter at line 3",
    ),
    "a list, not fields": ("- draft: true\n", "has front matter that is a list"),
    "not UTF-8": (b"draft: caf\xe9\n", "cannot be read"),
}


@contextmanager
def no_hang(seconds: int = 120) -> Iterator[None]:
    """Fail, rather than wait forever, if what runs inside never ends (an expanded alias bomb)."""

    def stop(_signum: int, _frame: object) -> None:
        raise TimeoutError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _site(meta: str | bytes, folder: str = "reviews") -> dict[str, Content]:
    files: dict[str, Content] = {
        "index.md": "# Home\n\n<!-- course-reviews -->\n",
        "notes.md": "# Notes\n",
        f"{folder}/.meta.yml": meta,
        f"{folder}/secret.md": review(f"Secret {SECRET}", body=SECRET),
        f"{folder}/other.md": review(f"Other {SECRET}", category="Data", body=SECRET),
    }
    if folder != "reviews":
        files["reviews/elsewhere/kept.md"] = review("Kept Review")
    return files


@pytest.mark.parametrize("what", list(BAD_META))
def test_a_refused_meta_file_withholds_the_reviews_below_it(
    build_site: BuildSite, what: str
) -> None:
    meta, says = BAD_META[what]
    with no_hang():
        site = build_site(_site(meta), theme=MATERIAL, plugins=PLUGINS)
    ours = [w.removeprefix(PREFIX) for w in site.warnings if w.startswith(PREFIX)]
    assert len(ours) == 1, ours
    (warning,) = ours
    assert warning.startswith("reviews/.meta.yml: ")
    assert says in warning
    assert warning.endswith(WITHHELD.format("reviews"))
    assert [w for w in site.warnings if not w.startswith(PREFIX)] == []
    for path, text in site.text_of_every_file():
        assert SECRET not in text, path
    assert not site.exists("reviews/secret/index.html")
    assert not site.exists("reviews/.meta.yml")
    assert site.exists("notes/index.html")


def test_only_the_reviews_below_it_are_withheld(build_site: BuildSite) -> None:
    with no_hang():
        site = build_site(_site(ALIAS_BOMB, "reviews/sub"), theme=MATERIAL, plugins=PLUGINS)
    ours = [w.removeprefix(PREFIX) for w in site.warnings if w.startswith(PREFIX)]
    assert len(ours) == 1, ours
    assert ours[0].startswith("reviews/sub/.meta.yml: e grows to more than 100,000 values")
    assert ours[0].endswith(WITHHELD.format("reviews/sub"))
    assert site.exists("reviews/elsewhere/kept/index.html")
    assert "Kept Review" in site.html("index.html").get_text()
    for path, text in site.text_of_every_file():
        assert SECRET not in text, path


def test_a_good_meta_file_still_makes_drafts(build_site: BuildSite) -> None:
    meta = "draft: true\ntags: &t [a, b]\nalso: *t\n"
    site = build_site(_site(meta, "reviews/sub"), theme=MATERIAL, plugins=PLUGINS)
    assert [w for w in site.warnings if w.startswith(PREFIX)] == []
    assert site.exists("reviews/elsewhere/kept/index.html")
    for path, text in site.text_of_every_file():
        assert SECRET not in text, path


def test_a_meta_file_no_review_is_below_is_left_to_material(build_site: BuildSite) -> None:
    # Not the plugin's YAML: Material reads it (and stops the build on it, as it always did).
    files = {
        **_site("tags: [x]\n"),
        "blog/.meta.yml": "tags: &loop [*loop]\n",
        "blog/p.md": "# P\n",
    }
    site = build_site(files, theme=MATERIAL, plugins=PLUGINS)
    assert [w for w in site.warnings if w.startswith(PREFIX)] == []
    assert site.exists("blog/p/index.html")
    assert site.exists("reviews/secret/index.html")


def test_check_says_it_once(
    build_site: BuildSite, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    site = build_site(_site(ALIAS_BOMB), theme=MATERIAL, plugins=PLUGINS)
    monkeypatch.chdir(site.docs_dir.parent)
    capsys.readouterr()
    with no_hang():
        assert main(["check"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 2, out
    assert out[0].startswith("docs/reviews/.meta.yml:5: e: grows to more than 100,000 values")
    assert out[1] == "2 reviews: 0 published, 0 drafts, 2 withheld; 1 problem in 1 file"


class _File:
    def __init__(self, src_uri: str, text: str) -> None:
        self.src_uri = self.src_path = src_uri
        self.content_string = text


def test_the_core_reads_meta_files_with_the_limits() -> None:
    meta = _File("reviews/.meta.yml", "tags: &loop [*loop]\n")
    files = [meta, _File("reviews/a.md", review()), _File("reviews/b.md", review())]
    hidden: list[_File] = []
    plugins = {"material/meta": object()}
    loaded = read_meta_files(
        plugins, files, lambda f: f.src_uri.endswith(".md"), hide=hidden.append
    )
    assert hidden == [meta]
    problem = loaded["reviews/.meta.yml"]
    assert isinstance(problem, Problem)
    collection = Collection()
    for file in files[1:]:
        entry = collection.read_file(file, defaults_for(loaded, file.src_path)[0])
        assert entry.visibility is Visibility.WITHHELD
    assert collection.problems == [problem]
    assert read_meta_files({}, files, lambda _: True) == {}


def test_a_hundred_thousand_brackets_in_a_review() -> None:
    text = "---\ntitle: x\ndeep: " + "[" * 100_000 + "]" * 100_000 + "\n---\n"
    (problem,) = read_source("reviews/x.md", text).problems
    assert "nests lists or fields more than 50 levels deep" in problem.message


def test_new_refuses_a_review_below_a_refused_meta_file(
    build_site: BuildSite, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    site = build_site(_site(ALIAS_BOMB), theme=MATERIAL, plugins=PLUGINS)
    monkeypatch.chdir(site.docs_dir.parent)
    capsys.readouterr()
    with no_hang():
        assert main(["new", "Fresh", "--category", "Web", "--institution", "MIT"]) == 1
    assert "reviews/.meta.yml: e grows to more than 100,000 values" in capsys.readouterr().err
    assert not (site.docs_dir / "reviews/fresh.md").exists()


def test_folder_defaults_for_reviews_stay_off_the_generated_pages(build_site: BuildSite) -> None:
    """`reviews/.meta.yml` tags the reviews, not the page of all reviews (at `reviews/`), nor
    any other page the plugin makes: Material's tags index lists only reviews under the tag,
    and the tag's markup is printed nowhere."""
    files: dict[str, Content] = {
        "index.md": "# Home\n",
        "tags.md": "# Tags\n\n<!-- material/tags -->\n",
        "reviews/.meta.yml": "tags: [course, '<u>x</u>']\n",
        "reviews/a.md": review("Review A"),
        "reviews/b.md": review("Review B", category="Data"),
    }
    plugins = ["search", "meta", "tags", "course-reviews"]
    site = build_site(files, theme=MATERIAL, plugins=plugins)
    generated = ["reviews/index.html", "categories/index.html", "categories/web/index.html"]
    for page in generated:
        assert site.exists(page), page
        assert not site.html(page).select("a.md-tag, .md-tag"), page
    reviews = ["reviews/a/index.html", "reviews/b/index.html"]
    for page in reviews:
        assert "course" in [t.get_text(strip=True) for t in site.html(page).select(".md-tag")]
    index = site.html("tags/index.html").select_one("article")
    assert index is not None
    listed = sorted(a.get_text(strip=True) for a in index.select("ul a"))
    assert listed == ["Review A", "Review A", "Review B", "Review B"], listed
    for path, text in site.text_of_every_file():
        assert "<u>x</u>" not in text, path
