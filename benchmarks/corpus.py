"""Generate a benchmark corpus: N course reviews and the four sites that build them.

    python benchmarks/corpus.py N WORKDIR

Writes WORKDIR/N/{floor,samepages,ours,peer}/mkdocs.yml, the shared docs of floor and ours in
WORKDIR/N/docs, and the same reviews as Material blog posts in WORKDIR/N/peer/docs. Then builds
ours once (into WORKDIR/N/ours/site) and derives the same-pages floor's docs,
WORKDIR/N/samepages/docs, from what it built (see samepages.py).
"""

from __future__ import annotations

import datetime
import random
import shutil
import subprocess
import sys
from pathlib import Path

import yaml
from samepages import Floor, write_floor

from mkdocs_course_reviews.dates import MONTH_NAMES

HERE = Path(__file__).resolve().parent
SITES = ("floor", "samepages", "ours", "peer")
FIRST_DATE = datetime.date(2015, 1, 1)
DAYS = 3800
LAST_DATE = FIRST_DATE + datetime.timedelta(days=DAYS)
"""No review of the corpus is dated after it."""


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
    date = FIRST_DATE + datetime.timedelta(days=rng.randint(0, DAYS))
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


def site_config(name: str, options: dict[str, object]) -> dict[str, object]:
    """The `mkdocs.yml` of one of the sites: Material, no web fonts, and `options`."""
    return {
        "site_name": f"Benchmark {name}",
        "site_url": "https://example.com/",
        "theme": {"name": "material", "font": False},
        **options,
    }


def write_config(root: Path, name: str, options: dict[str, object]) -> None:
    """Write the `mkdocs.yml` of the site `name` under the corpus folder `root`."""
    (root / name).mkdir(exist_ok=True)
    config = site_config(name, options)
    (root / name / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False))


def build_ours(root: Path) -> Path:
    """Build the plugin's site in a fresh process, as the runner does; return its site folder."""
    site = root / "ours" / "site"
    subprocess.run(
        [sys.executable, str(HERE / "build_one.py"), str(root / "ours/mkdocs.yml"), str(site)],
        capture_output=True,
        check=True,
    )
    return site


def write_samepages(root: Path) -> Floor:
    """Derive the same-pages floor from the plugin's site, built again here; write its config."""
    docs = root / "samepages" / "docs"
    if docs.exists():
        shutil.rmtree(docs)  # its pages are derived afresh, so none is left from another build
    floor = write_floor(build_ours(root), root / "docs", site_config("ours", {})["site_name"], docs)
    options = {"plugins": ["search"], "nav": floor.nav, "not_in_nav": floor.not_in_nav}
    write_config(root, "samepages", {**options, "docs_dir": "docs"})
    return floor


def write(n: int, workdir: Path) -> Path:
    """Write the corpus of `n` reviews and the four sites; return the corpus folder."""
    rng = random.Random(n)  # the same corpus for the same N, every time
    root = workdir / str(n)
    docs = root / "docs"
    posts = root / "peer" / "docs" / "blog" / "posts"
    for folder in (docs / "reviews", posts):
        folder.mkdir(parents=True, exist_ok=True)
    home = "# Learning log\n\nEvery course I took.\n"
    for folder in (docs, root / "peer/docs"):
        (folder / "index.md").write_text(home)
    (root / "peer/docs/blog/index.md").write_text("# Blog\n")
    for number in range(n):
        front, date, text = review(rng, number)
        (docs / "reviews" / f"course-{number:05d}.md").write_text(review_page(front, text))
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
    sites: dict[str, dict[str, object]] = {
        "floor": {"plugins": ["search"], "not_in_nav": "reviews/**\n", "docs_dir": "../docs"},
        "ours": {"plugins": ["search", "course-reviews"], "docs_dir": "../docs"},
        "peer": {"plugins": ["search", {"blog": {"categories": True}}], "docs_dir": "docs"},
    }
    for name, options in sites.items():
        write_config(root, name, options)
    write_samepages(root)
    return root


if __name__ == "__main__":
    print(write(int(sys.argv[1]), Path(sys.argv[2])))
