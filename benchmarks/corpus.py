"""Generate a benchmark corpus: N course reviews and the four sites that build them.

    python benchmarks/corpus.py N WORKDIR

Writes WORKDIR/N/{floor,samepages,ours,peer}/mkdocs.yml, the shared docs of floor and ours in
WORKDIR/N/docs, the published reviews and hand-written listing pages of the same-pages floor in
WORKDIR/N/samepages/docs, and the same reviews as Material blog posts in WORKDIR/N/peer/docs.
"""

from __future__ import annotations

import datetime
import random
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml
from listing_pages import FOLDERS, Listed, listed, write_listing_pages

from mkdocs_course_reviews.config import CourseReviewsConfig
from mkdocs_course_reviews.dates import MONTH_NAMES

SITES = ("floor", "samepages", "ours", "peer")
# Out of the nav, as the plugin keeps its pages: the reviews and each group's pages. The
# indexes and the page of all reviews stay in it.
SAMEPAGES_NOT_IN_NAV = "".join(
    f"/{folder}/*\n!/{folder}/index.md\n" for folder in ("reviews", *FOLDERS.values())
)


@dataclass(frozen=True)
class OverviewDefaults:
    """What overview pages the installed plugin makes by default, and how many reviews a page."""

    kinds: tuple[str, ...]
    per_page: int
    all_reviews: bool


def overview_defaults() -> OverviewDefaults:
    """The kinds of overview page the installed plugin makes by default, and its `per_page`.

    The ours site keeps the defaults; the same-pages floor has pages of the same kinds. Only the
    plugin's options are read here, never how it groups reviews.
    """
    config = CourseReviewsConfig()
    config.load_dict({})
    config.validate()
    kinds = tuple(kind for kind in FOLDERS if config.get(f"{kind}_pages"))
    return OverviewDefaults(kinds, int(config["per_page"]), bool(config["all_reviews_page"]))


CATEGORIES = [
    "Machine Learning",
    "Web Development",
    "Data Science",
    "Computer Science",
    "Cloud & DevOps",
    "Programming Languages",
    "Security",
    "Mathematics",
    "Statistics",
    "Design",
    "Product",
    "Databases",
    "Mobile",
    "Networking",
    "Operating Systems",
    "Game Development",
    "C++",
    "C#",
    "Données & IA",
    "Writing",
    "Leadership",
    "Finance",
    "Biology",
    "Physics",
    "Music Theory",
]
INSTITUTIONS = [f"University {i:02d}" for i in range(40)] + [
    "Udemy",
    "Coursera",
    "edX",
    "MIT OpenCourseWare",
    "Stanford Online",
    "Harvard",
    "Google",
    "DeepLearning.AI",
    "fast.ai",
    "freeCodeCamp",
    "Khan Academy",
    "Udacity",
    "Pluralsight",
    "LinkedIn Learning",
    "Codecademy",
    "DataCamp",
    "Brilliant",
    "MasterClass",
    "FutureLearn",
    "Open University",
]
WORDS = [
    "the",
    "course",
    "lecture",
    "instructor",
    "exercise",
    "project",
    "week",
    "module",
    "quiz",
    "assignment",
    "notebook",
    "model",
    "data",
    "function",
    "algorithm",
    "design",
    "pattern",
    "team",
    "practice",
    "theory",
    "example",
    "problem",
    "set",
    "explains",
    "clearly",
    "covers",
    "deeply",
    "builds",
    "slowly",
    "introduces",
    "carefully",
    "reviews",
    "skips",
    "rushes",
    "and",
    "but",
    "because",
    "although",
    "while",
    "so",
    "then",
    "later",
    "first",
    "finally",
    "overall",
    "honestly",
    "really",
    "good",
    "great",
    "useful",
    "hard",
    "easy",
    "long",
    "short",
    "dense",
    "practical",
    "abstract",
    "clear",
    "confusing",
    "I",
    "we",
    "you",
    "it",
    "they",
    "learned",
    "enjoyed",
    "struggled",
    "finished",
    "repeated",
    "recommend",
    "would",
    "could",
    "with",
    "without",
    "through",
    "about",
    "into",
    "over",
    "under",
    "between",
    "after",
    "before",
    "during",
    "across",
    "python",
    "javascript",
    "sql",
    "statistics",
    "calculus",
    "network",
    "graph",
    "tree",
    "cache",
    "server",
    "browser",
    "feedback",
    "forum",
    "community",
    "grading",
    "deadline",
    "certificate",
    "video",
    "reading",
    "transcript",
    "pace",
]
ISO_DAY = "{year}-{month:02d}-{day:02d}"
DATE_FORMS = (
    "{month_name} {year}",
    "{year}-{month:02d}",
    "{day} {month_name} {year}",
    "{month_name} {day}, {year}",
    ISO_DAY,
    "{month_abbr} {year}",
    "{year}",
)


def body(rng: random.Random) -> str:
    """300 to 600 words of review, in paragraphs, with a heading, a list and a link."""
    target = rng.randint(300, 600)
    words = 0
    paragraphs = []
    while words < target:
        sentences = []
        for _ in range(rng.randint(3, 6)):
            length = rng.randint(8, 20)
            sentence = " ".join(rng.choice(WORDS) for _ in range(length))
            sentences.append(sentence.capitalize() + ".")
            words += length
        paragraphs.append(" ".join(sentences))
    paragraphs.insert(1, "## What I liked")
    paragraphs.insert(3, "- the projects\n- the [forum](https://example.com/forum)\n- the pace")
    return "\n\n".join(paragraphs) + "\n"


def review(rng: random.Random, number: int) -> tuple[dict[str, object], datetime.date, str]:
    """Front matter, the date as a date (for the blog), and the body of review `number`."""
    date = datetime.date(2015, 1, 1) + datetime.timedelta(days=rng.randint(0, 3800))
    form = DATE_FORMS[number % len(DATE_FORMS)]
    month_name = MONTH_NAMES[date.month - 1]
    written: object = form.format(
        year=date.year,
        month=date.month,
        day=date.day,
        month_name=month_name,
        month_abbr=month_name[:3],
    )
    if form == ISO_DAY:
        written = date  # written unquoted, so YAML reads a date

    categories = rng.sample(CATEGORIES, rng.choice((1, 1, 2)))
    front = {
        "title": f"Course {number}: " + " ".join(rng.choice(WORDS) for _ in range(4)).title(),
        "category": categories[0] if len(categories) == 1 else categories,
        "institution": rng.choice(INSTITUTIONS),
        "date": written,
        "description": " ".join(rng.choice(WORDS) for _ in range(12)).capitalize(),
        "url": f"https://courses.example.com/c/{number}",
        "rating": rng.choice((3, 3.5, 4, 4.5, 5)),
        "draft": rng.random() < 0.02,  # noqa: PLR2004 - 2% drafts
    }
    return front, date, body(rng)


def review_page(front: dict[str, object], text: str) -> str:
    """A review file: YAML front matter, then the body."""
    return "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n\n" + text


def write(n: int, workdir: Path) -> Path:
    """Write the corpus of `n` reviews and the four sites; return the corpus folder."""
    rng = random.Random(n)  # the same corpus for the same N, every time
    root = workdir / str(n)
    docs = root / "docs"
    samepages = root / "samepages" / "docs"
    posts = root / "peer" / "docs" / "blog" / "posts"
    for folder in (docs / "reviews", samepages / "reviews", posts):
        folder.mkdir(parents=True, exist_ok=True)
    home = "# Learning log\n\nEvery course I took.\n"
    for folder in (docs, samepages, root / "peer/docs"):
        (folder / "index.md").write_text(home)
    (root / "peer/docs/blog/index.md").write_text("# Blog\n")
    published: list[Listed] = []
    for number in range(n):
        front, date, text = review(rng, number)
        page = review_page(front, text)
        name = f"course-{number:05d}.md"
        (docs / "reviews" / name).write_text(page)
        if not front["draft"]:  # the plugin never builds a draft; neither does this floor
            (samepages / "reviews" / name).write_text(page)
            published.append(listed(f"reviews/{name}", front))
        categories = (
            front["category"] if isinstance(front["category"], list) else [front["category"]]
        )
        post = {
            "title": front["title"],
            "date": date,
            "categories": categories,
            "description": front["description"],
            "draft": front["draft"],
        }
        (posts / f"course-{number:05d}.md").write_text(
            "---\n" + yaml.safe_dump(post, allow_unicode=True, sort_keys=False) + "---\n\n" + text
        )
    defaults = overview_defaults()
    write_listing_pages(
        published,
        samepages,
        defaults.per_page,
        defaults.kinds,
        all_reviews=defaults.all_reviews,
    )
    theme = {"name": "material", "font": False}
    sites: dict[str, dict[str, object]] = {
        "floor": {"plugins": ["search"], "not_in_nav": "reviews/**\n", "docs_dir": "../docs"},
        "samepages": {
            "plugins": ["search"],
            "not_in_nav": SAMEPAGES_NOT_IN_NAV,
            "docs_dir": "docs",
        },
        "ours": {"plugins": ["search", "course-reviews"], "docs_dir": "../docs"},
        "peer": {"plugins": ["search", {"blog": {"categories": True}}], "docs_dir": "docs"},
    }
    for name, options in sites.items():
        (root / name).mkdir(exist_ok=True)
        config = {
            "site_name": f"Benchmark {name}",
            "site_url": "https://example.com/",
            "theme": theme,
            **options,
        }
        (root / name / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False))
    return root


if __name__ == "__main__":
    print(write(int(sys.argv[1]), Path(sys.argv[2])))
