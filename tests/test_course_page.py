"""`new --from-url`: what a course page says of itself, served from 127.0.0.1."""

from __future__ import annotations

import http.server
import json
import re
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from mkdocs_course_reviews import course_page
from mkdocs_course_reviews.cli import main
from mkdocs_course_reviews.course_page import PageUnavailable, course_fields, fetch_course_page

# Shapes course platforms use: a @graph with the Course beside the organisation (an edX-like
# page), a list of objects with hasCourseInstance (a Coursera-like one), a Course nested in a
# WebPage's mainEntity with a provider as text, Open Graph only, and a bare title.
GRAPH = {
    "@context": "https://schema.org",
    "@graph": [
        {"@type": "Organization", "@id": "#org", "name": "HarvardX"},
        {
            "@type": "Course",
            "name": "CS50&#39;s Introduction to Computer Science",
            "description": "<p>An introduction to <b>computer science</b>.</p>",
            "provider": {"@type": "Organization", "name": "HarvardX", "sameAs": "https://x"},
            "inLanguage": "en",
            "timeRequired": "P12W",
            "hasCourseInstance": [
                {
                    "@type": "CourseInstance",
                    "courseMode": "online",
                    "courseWorkload": "PT10H",
                    "instructor": [
                        {"@type": "Person", "name": "David J. Malan"},
                        {"@type": "Person", "name": "Doug Lloyd"},
                    ],
                }
            ],
        },
    ],
}
LIST = [
    {"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": []},
    {
        "@context": "https://schema.org",
        "@type": ["Course", "Product"],
        "name": "Machine Learning",
        "description": "Build ML models.",
        "provider": [{"@type": "Organization", "name": "Stanford University"}],
        "inLanguage": {"@type": "Language", "name": "English"},
        "hasCourseInstance": {
            "@type": "CourseInstance",
            "courseWorkload": "PT33H30M",
            "instructor": {"@type": "Person", "name": "Andrew Ng"},
        },
    },
]
NESTED = {
    "@context": "https://schema.org",
    "@type": "WebPage",
    "mainEntity": {"@type": "Course", "name": "Rust for All", "provider": "Rustacean School"},
}


def page(*, scripts: list[object] = (), head: str = "", title: str = "") -> str:  # type: ignore[assignment]
    blocks = "".join(
        f'<script type="application/ld+json">{json.dumps(s)}</script>' for s in scripts
    )
    return (
        "<!doctype html><html><head><meta charset='utf-8'>"
        f"<title>{title}</title>{head}{blocks}</head><body><h1>x</h1></body></html>"
    )


OPEN_GRAPH = page(
    head=(
        '<meta property="og:title" content="Data Science &amp; You">'
        '<meta property="og:description" content="Learn data.">'
        '<meta property="og:site_name" content="Udemy">'
        '<meta property="og:locale" content="fr_FR">'
    ),
    title="Data Science | Udemy",
)
PAGES: dict[str, tuple[int, str, bytes]] = {
    "/graph": (200, "text/html; charset=utf-8", page(scripts=[GRAPH], title="CS50 | edX").encode()),
    "/list": (200, "text/html", page(scripts=[LIST, "not json {"]).encode()),
    "/nested": (200, "text/html", page(scripts=[NESTED], head=OPEN_GRAPH).encode()),
    "/og": (200, "text/html", OPEN_GRAPH.encode()),
    "/title": (200, "text/html", page(title="Intro to Go — GoSchool").encode()),
    "/latin1": (200, "text/html; charset=iso-8859-1", page(title="Caf\xe9").encode("latin-1")),
    "/pdf": (200, "application/pdf", b"%PDF-1.4"),
    "/huge": (200, "text/html", b"<html>" + b"x" * 6_000_000),
    "/redirect-file": (302, "text/html", b""),
}


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/slow":
            time.sleep(3)
        found = PAGES.get(self.path)
        if found is None:
            self.send_error(404, "Not Found")
            return
        status, content_type, body = found
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        if status == 302:
            self.send_header("Location", "file:///etc/passwd")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (
            "/graph",
            {
                "title": "CS50's Introduction to Computer Science",
                "description": "An introduction to computer science .",
                "institution": "HarvardX",
                "instructor": ["David J. Malan", "Doug Lloyd"],
                "language": "English",
                "duration": "12 weeks",
            },
        ),
        (
            "/list",
            {
                "title": "Machine Learning",
                "description": "Build ML models.",
                "institution": "Stanford University",
                "instructor": "Andrew Ng",
                "language": "English",
                "duration": "33 hours 30 minutes",
            },
        ),
        (
            "/nested",
            {
                "title": "Rust for All",
                "institution": "Rustacean School",
                "description": "Learn data.",
                "language": "French",
            },
        ),
        (
            "/og",
            {
                "title": "Data Science & You",
                "description": "Learn data.",
                "institution": "Udemy",
                "language": "French",
            },
        ),
        ("/title", {"title": "Intro to Go — GoSchool"}),
        ("/latin1", {"title": "Café"}),
    ],
)
def test_what_pages_say_of_themselves(server: str, path: str, expected: dict[str, object]) -> None:
    assert fetch_course_page(server + path) == expected


def test_the_title_loses_the_site_name() -> None:
    assert course_fields(OPEN_GRAPH.replace('content="Data Science &amp; You"', ""))["title"] == (
        "Data Science"
    )


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/missing", "answered 404 Not Found"),
        ("/pdf", "is not a web page (it is application/pdf)"),
        ("/huge", "is larger than 5 MB, too large to read"),
        ("/redirect-file", "redirects to 'file:///etc/passwd', not an http(s) page"),
    ],
)
def test_pages_that_cannot_be_read(server: str, path: str, message: str) -> None:
    with pytest.raises(PageUnavailable, match=re.escape(message)):
        fetch_course_page(server + path)


def test_a_page_that_does_not_answer_in_time(server: str) -> None:
    started = time.monotonic()
    with pytest.raises(PageUnavailable, match=r"did not answer within 0\.5 seconds"):
        fetch_course_page(server + "/slow", timeout=0.5)
    assert time.monotonic() - started < 2.5


def test_no_network() -> None:
    # A port nothing listens on: the connection is refused at once.
    with pytest.raises(PageUnavailable, match="could not be reached"):
        fetch_course_page("http://127.0.0.1:9/")


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: Log\nplugins:\n  - course-reviews\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def front_matter(path: Path) -> dict[str, object]:
    loaded = yaml.safe_load(path.read_text().split("\n---\n", 1)[0].removeprefix("---\n"))
    assert isinstance(loaded, dict)
    return loaded


def test_new_from_url_and_the_command_line_wins(
    site: Path, server: str, capsys: pytest.CaptureFixture[str]
) -> None:
    url = server + "/list"
    arguments = ["new", "--from-url", url, "--category", "AI", "--date", "2024-02"]
    assert main([*arguments, "--language", "German"]) == 0
    assert front_matter(site / "docs/reviews/machine-learning.md") == {
        "title": "Machine Learning",
        "description": "Build ML models.",
        "institution": "Stanford University",
        "category": "AI",
        "date": "February 2024",
        "instructor": "Andrew Ng",
        "duration": "33 hours 30 minutes",
        "language": "German",
        "url": url,
        "draft": True,
    }
    capsys.readouterr()
    assert main(["check"]) == 0


@pytest.mark.parametrize("path", ["/missing", "/pdf", "/slow"])
def test_new_still_works_when_the_page_cannot_be_read(
    site: Path,
    server: str,
    capsys: pytest.CaptureFixture[str],
    path: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(course_page, "FETCH_TIMEOUT", 0.5)
    arguments = ["new", "Go", "--from-url", server + path, "--category", "Go"]
    assert main([*arguments, "--institution", "GoSchool"]) == 0
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith(f"mkdocs-course-reviews: note: {server}{path} ")
    assert front_matter(site / "docs/reviews/go.md")["url"] == server + path
    assert main(["new", "Rust", "--from-url", server + "/missing", "--category", "Go"]) == 1
    assert "give --institution: every review of this site needs it" in capsys.readouterr().err
