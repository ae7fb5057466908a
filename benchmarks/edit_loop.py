"""Edit reviews under a real `mkdocs serve` and time how long until the server shows the change.

Each session starts `mkdocs serve` (with `--dirty`, or plain) on 127.0.0.1 at a free port,
waits for its first build, then makes one edit of each kind asked for, one after another:

- `edit`:   change a review's title and date (the date becomes the newest of all);
- `add`:    write a new review;
- `delete`: delete a review;
- `draft`:  set `draft: true` on a review.

Two measures of each edit: over HTTP, from the write to the moment the page a writer looks at
shows the change (polled every `POLL` seconds); and from the server's log, timed as each line
arrives: write to "Reloading browsers", and "Building documentation..." to "Reloading
browsers" (the rebuild itself). On the plugin's site, the first page of the review's category
is then fetched to see whether its listing shows the change (`listing_fresh`). The session ends
with Ctrl-C, as a writer ends it, and every file is put back as it was.
"""

from __future__ import annotations

import datetime
import os
import posixpath
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import yaml
from bs4 import BeautifulSoup
from corpus import LAST_DATE

KINDS = ("edit", "add", "delete", "draft")
POLL = 0.05
# After the rebuild, MkDocs' file watcher polls every 0.5 s: a change it saw late shows by then.
SETTLE = 0.8
ENV = {
    **{k: v for k, v in os.environ.items() if k not in {"COLUMNS", "LINES"}},  # no log wrapping
    "NO_MKDOCS_2_WARNING": "1",
    "PYTHONUNBUFFERED": "1",
}


class ServeError(RuntimeError):
    """The server did not start, or did not show an edit, in time."""


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str, timeout: float) -> tuple[int, str]:
    """The status and text of `url`; the server holds a request while it rebuilds."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 - 127.0.0.1
            return int(response.status), response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return int(error.code), error.read().decode("utf-8", "replace")


class Server:
    """A `mkdocs serve` subprocess and its log, each line stamped when it arrives."""

    def __init__(self, config: Path, *, dirty: bool, timeout: float) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}/"
        command = [sys.executable, "-m", "mkdocs", "serve", "-f", str(config)]
        command += ["-a", f"127.0.0.1:{self.port}"] + (["--dirty"] if dirty else [])
        self.lines: list[tuple[float, str]] = []
        self._lock = threading.Lock()
        started = time.perf_counter()
        self.process = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            text=True,
            env=ENV,
        )
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        try:
            self._wait_until_up(timeout)
        except BaseException:
            self.stop()
            raise
        self.startup = time.perf_counter() - started

    def _read(self) -> None:
        for line in self.process.stdout or ():
            with self._lock:
                self.lines.append((time.perf_counter(), line.rstrip("\n")))

    def _wait_until_up(self, timeout: float) -> None:
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if self.process.poll() is not None:
                raise ServeError(f"mkdocs serve exited: {self.tail()}")
            if self.first("Serving on", 0.0) is not None:
                try:
                    if fetch(self.base, deadline - time.perf_counter())[0] == 200:  # noqa: PLR2004
                        return
                except OSError:
                    pass
            time.sleep(0.2)
        raise ServeError(f"mkdocs serve did not start in {timeout:.0f} s: {self.tail()}")

    def since(self, start: float) -> list[tuple[float, str]]:
        """The log lines that arrived after `start` (a `time.perf_counter()`)."""
        with self._lock:
            return [(stamp, text) for stamp, text in self.lines if stamp > start]

    def first(self, text: str, start: float) -> float | None:
        """When the first line holding `text` arrived after `start`, if one has."""
        return next((stamp for stamp, line in self.since(start) if text in line), None)

    def cpu(self) -> float | None:
        """CPU seconds (user + system) the server has used so far, where /proc tells."""
        try:
            fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return None
        # utime and stime, the 14th and 15th fields of stat(5), in clock ticks.
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def tail(self, count: int = 15) -> str:
        """The last lines of the log, for an error message."""
        with self._lock:
            return "\n".join(text for _, text in self.lines[-count:])

    def stop(self) -> None:
        """Ctrl-C, as a writer stops it (MkDocs then removes its temporary site folder)."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.terminate()
                try:
                    self.process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    self.process.kill()
                    self.process.wait(timeout=10)
        self._reader.join(timeout=10)


@dataclass(frozen=True)
class Listed:
    """A published review, as an edit needs it."""

    path: str
    """Docs-relative source, e.g. `reviews/course-00001.md`."""
    title: str
    categories: frozenset[str]


@dataclass(frozen=True)
class Category:
    """A category as the plugin's built site lists it."""

    name: str
    url: str
    """The served path of its first page, e.g. `categories/web-development/`."""
    pages: tuple[tuple[Listed, ...], ...]
    """The reviews on each of its pages, in the order listed (newest first)."""


def _listed_on(page: Path, url: str, reviews: dict[str, Listed]) -> tuple[Listed, ...]:
    """The reviews a built page's article links to, in order, each once."""
    article = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one(
        "article.md-content__inner"
    )
    found: dict[str, Listed] = {}
    for link in article.select("a[href]") if article else ():
        target = posixpath.normpath(posixpath.join(url, str(link["href"])))
        if f"{target}.md" in reviews:
            found.setdefault(target, reviews[f"{target}.md"])
    return tuple(found.values())


def read_categories(site: Path, docs: Path) -> list[Category]:
    """The categories of the plugin's site built at `site` from `docs`, with what each lists.

    Which reviews a category lists, on which page, is read from the built pages
    (`categories/<slug>/` and `categories/<slug>/page/<n>/`); a review's title and categories
    from its front matter; a category's name is the one category every review it lists has.
    """
    reviews = {}
    for path in sorted((docs / "reviews").glob("*.md")):
        front = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n", 2)[1])
        names = front["category"] if isinstance(front["category"], list) else [front["category"]]
        src = f"reviews/{path.name}"
        reviews[src] = Listed(src, str(front["title"]), frozenset(names))
    categories = []
    for first in sorted((site / "categories").glob("*/index.html")):
        url = f"categories/{first.parent.name}/"
        later = sorted(first.parent.glob("page/*/index.html"), key=lambda p: int(p.parent.name))
        pages = tuple(
            _listed_on(page, url if page == first else f"{url}page/{page.parent.name}/", reviews)
            for page in (first, *later)
        )
        shared = frozenset.intersection(*(r.categories for page in pages for r in page))
        if len(shared) == 1 and pages[0]:
            categories.append(Category(next(iter(shared)), url, pages))
    return categories


@dataclass
class Targets:
    """Which reviews one session edits, each with the category whose listing shows it.

    Chosen from what the plugin's built site lists, different categories in each session.
    """

    edit: tuple[Listed, Category]
    delete: tuple[Listed, Category]
    draft: tuple[Listed, Category]
    added_category: Category
    newest: datetime.date
    """A date after every review's: an edited or added review becomes the newest."""


def choose_targets(categories: Sequence[Category], session: int) -> Targets:
    """The reviews this session edits, three different ones.

    The edited review is the oldest of its category, so its new date moves it to the first
    page of the listing; the deleted and drafted ones are on that first page already.
    """
    if len(categories) < len(KINDS):
        raise ServeError("too few categories to choose reviews from")

    def chosen(offset: int) -> Category:
        return categories[(session * len(KINDS) + offset) % len(categories)]

    edited = chosen(0).pages[-1][-1]
    taken = {edited}

    def newest_of(category: Category) -> Listed:
        review = next((r for r in category.pages[0] if r not in taken), None)
        if review is None:
            raise ServeError(f"{category.url}: no review on its first page left to edit")
        taken.add(review)
        return review

    return Targets(
        edit=(edited, chosen(0)),
        delete=(newest_of(chosen(1)), chosen(1)),
        draft=(newest_of(chosen(2)), chosen(2)),
        added_category=chosen(3),
        newest=LAST_DATE + datetime.timedelta(days=1 + session),
    )


def page_url(src_uri: str) -> str:
    """The served path of a page, with `use_directory_urls`."""
    return src_uri.removesuffix(".md") + "/"


@dataclass
class EditResult:
    """What one edit measured."""

    kind: str
    review: str
    http: float | None
    """Write to the page showing the change over HTTP, if the change is visible there."""
    log_total: float | None
    """Write to "Reloading browsers"."""
    log_build: float | None
    """"Building documentation..." to "Reloading browsers": the rebuild."""
    built_in: float | None
    """What MkDocs says: "Documentation built in X seconds"."""
    listing_fresh: bool | None = None
    """On the plugin's site: whether the category's first page shows the change."""
    stale_page: bool | None = None
    """For a deletion: whether the deleted review's page is still served."""
    cpu: float | None = None
    """CPU seconds the server used from the write to the reload: the rebuild, load aside."""
    log: list[tuple[float, str]] = field(default_factory=list)
    """The server's log from the write to the reload, seconds after the write."""


@dataclass
class Edit:
    """One change to the corpus, and how to see it over HTTP and in the listing."""

    kind: str
    path: Path
    new_text: str | None
    """None deletes the file."""
    url: str
    shown: Callable[[int, str], bool] | None
    """Whether a (status, text) of `url` shows the change; None if nothing there does."""
    listing: str
    listing_has: str
    listing_should_have: bool


def _rewrite(path: Path, change: Callable[[dict[str, object]], None]) -> str:
    _, front_text, body = path.read_text(encoding="utf-8").split("---\n", 2)
    front = yaml.safe_load(front_text)
    change(front)
    return "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n" + body


def make_edit(  # noqa: PLR0913 - what the edit depends on
    kind: str, docs: Path, targets: Targets, session: int, site: str, *, dirty: bool
) -> Edit:
    """The edit of `kind` for this session."""
    token = f"bench{session:02d}{kind}{site}"
    newest = targets.newest
    if kind == "edit":
        review, category = targets.edit
        title = f"Edited {token}: {review.title}"

        def retitle(front: dict[str, object]) -> None:
            front["title"], front["date"] = title, newest

        return Edit(
            kind,
            docs / review.path,
            _rewrite(docs / review.path, retitle),
            page_url(review.path),
            lambda status, text: status == 200 and token in text,  # noqa: PLR2004
            category.url,
            token,
            listing_should_have=True,
        )
    if kind == "add":
        src_uri = f"reviews/added-{token}.md"
        front = {
            "title": f"Added {token}",
            "category": targets.added_category.name,
            "institution": "Coursera",
            "date": newest,
            "description": "A review added while the server runs",
            "url": f"https://courses.example.com/added/{token}",
            "rating": 4,
            "draft": False,
        }
        body = "A new review.\n\n" + "Some words about the course. " * 60 + "\n"
        text = "---\n" + yaml.safe_dump(front, sort_keys=False) + "---\n\n" + body
        return Edit(
            kind,
            docs / src_uri,
            text,
            page_url(src_uri),
            lambda status, text: status == 200 and token in text,  # noqa: PLR2004
            targets.added_category.url,
            token,
            listing_should_have=True,
        )
    if kind == "delete":
        review, category = targets.delete
        return Edit(
            kind,
            docs / review.path,
            None,
            page_url(review.path),
            # A dirty build never removes a page it built before: the deleted one stays served.
            None if dirty else lambda status, _: status == 404,  # noqa: PLR2004
            category.url,
            review.title,
            listing_should_have=False,
        )
    if kind == "draft":
        review, category = targets.draft

        def draft(front: dict[str, object]) -> None:
            front["draft"] = True

        return Edit(
            kind,
            docs / review.path,
            _rewrite(docs / review.path, draft),
            page_url(review.path),
            # MkDocs marks a draft it serves; a site without the plugin has no drafts.
            (lambda _, text: "mkdocs-draft-marker" in text) if site == "ours" else None,
            category.url,
            review.title,
            listing_should_have=False,
        )
    raise ValueError(f"unknown kind of edit {kind!r}; the kinds are {', '.join(KINDS)}")


def _wait_for_reload(server: Server, start: float, deadline: float) -> float | None:
    """When the rebuilds after `start` ended.

    That is the last "Reloading browsers", once no change was detected for `SETTLE` seconds.
    """
    while time.perf_counter() < deadline:
        lines = server.since(start)
        detected = [stamp for stamp, text in lines if "Detected file changes" in text]
        reloads = [stamp for stamp, text in lines if "Reloading browsers" in text]
        if (
            detected
            and reloads
            and reloads[-1] > detected[-1]
            and time.perf_counter() - reloads[-1] >= SETTLE
        ):
            return reloads[-1]
        if server.process.poll() is not None:
            raise ServeError(f"mkdocs serve exited: {server.tail()}")
        time.sleep(POLL)
    return None


def measure_edit(server: Server, edit: Edit, *, timeout: float, check_listing: bool) -> EditResult:
    """Make the edit, and time it over HTTP and in the server's log."""
    url = server.base + edit.url
    cpu_before = server.cpu()
    start = time.perf_counter()
    if edit.new_text is None:
        edit.path.unlink()
    else:
        edit.path.write_text(edit.new_text, encoding="utf-8")
    deadline = start + timeout
    http = None
    if edit.shown is not None:
        while http is None:
            if time.perf_counter() > deadline:
                raise ServeError(f"{edit.kind}: {url} did not show the change in {timeout:.0f} s")
            try:
                status, text = fetch(url, max(1.0, deadline - time.perf_counter()))
            except OSError:
                status, text = 0, ""
            if edit.shown(status, text):
                http = time.perf_counter() - start
            else:
                time.sleep(POLL)
    reload = _wait_for_reload(server, start, deadline)
    if reload is None:
        raise ServeError(f"{edit.kind}: no rebuild in {timeout:.0f} s: {server.tail()}")
    cpu_after = server.cpu()  # SETTLE seconds after the reload: the watcher's polls only
    lines = [(stamp, text) for stamp, text in server.since(start) if stamp <= reload]
    detected = next((s for s, t in lines if "Detected file changes" in t), None)
    building = next(
        (s for s, t in lines if "Building documentation" in t and detected and s >= detected),
        None,
    )
    built = [re.search(r"Documentation built in ([0-9.]+) seconds", t) for _, t in lines]
    built_in = [float(m[1]) for m in built if m]
    result = EditResult(
        edit.kind,
        edit.path.name,
        http,
        reload - start,
        reload - building if building else None,
        sum(built_in) if built_in else None,
        cpu=None if cpu_before is None or cpu_after is None else cpu_after - cpu_before,
        log=[(round(stamp - start, 3), text) for stamp, text in lines],
    )
    if check_listing:
        status, text = fetch(server.base + edit.listing, timeout)
        result.listing_fresh = status == 200 and (edit.listing_has in text) == (  # noqa: PLR2004
            edit.listing_should_have
        )
    if edit.kind == "delete":
        result.stale_page = fetch(url, timeout)[0] == 200  # noqa: PLR2004
    return result


@dataclass
class Session:
    """One `mkdocs serve` process and the edits made under it."""

    site: str
    mode: str
    session: int
    startup: float
    edits: list[EditResult]


def run_session(  # noqa: PLR0913 - one knob per part of a session
    root: Path,
    site: str,
    *,
    dirty: bool,
    session: int,
    kinds: Sequence[str],
    categories: Sequence[Category],
    timeout: float,
) -> Session:
    """Serve `site` of the corpus at `root`, make each kind of edit once, and put all back."""
    docs = root / "docs"
    targets = choose_targets(categories, session)
    originals: dict[Path, str | None] = {}
    results = []
    server = Server(root / site / "mkdocs.yml", dirty=dirty, timeout=timeout)
    try:
        for kind in kinds:
            edit = make_edit(kind, docs, targets, session, site, dirty=dirty)
            originals.setdefault(
                edit.path, edit.path.read_text(encoding="utf-8") if edit.path.exists() else None
            )
            results.append(
                measure_edit(server, edit, timeout=timeout, check_listing=site == "ours")
            )
    finally:
        server.stop()
        for path, text in originals.items():
            if text is None:
                path.unlink(missing_ok=True)
            else:
                path.write_text(text, encoding="utf-8")
    return Session(site, "dirty" if dirty else "serve", session, server.startup, results)


def as_json(session: Session) -> dict[str, object]:
    """A session as plain data."""
    return asdict(session)
