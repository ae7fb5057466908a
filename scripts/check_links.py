"""Check every internal link of a built site: each `href` and `src` must lead to a file of it.

python scripts/check_links.py FOLDER [--base /path/]

FOLDER is served at `--base` (the path of its `site_url`, `/` by default). Links are resolved
as a browser resolves them, from each page's own address; one that leads outside FOLDER, to no
file in it, or to a `#fragment` that the page it leads to has no element for, is broken. Links
with a scheme (`https:`, `mailto:`) or a host are not followed. Prints each broken link and
exits with 1 if there is any.
"""

from __future__ import annotations

import argparse
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

# The attributes that make a browser fetch or go to an address.
LINKING = {"href", "src", "poster", "action"}


class _Page(HTMLParser):
    """The links and the ids (fragment targets) of one HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in LINKING:
                self.links.append(value)
            elif name == "srcset":
                self.links.extend(part.split()[0] for part in value.split(",") if part.strip())
            elif name == "id" or (tag == "a" and name == "name"):
                self.ids.add(value)


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8", errors="replace"))
    page.close()
    return page


def _target(folder: Path, base: str, path: str) -> Path | None:
    """The file that the URL path `path` is served from, or None when nothing is."""
    if not path.startswith(base):
        return None
    relative = unquote(path[len(base) :])
    candidate = (folder / relative).resolve()
    if not candidate.is_relative_to(folder):
        return None
    if candidate.is_dir():
        candidate /= "index.html"
    return candidate if candidate.is_file() else None


def broken_links(folder: Path, base: str = "/") -> list[str]:
    """Every internal link of the HTML pages under `folder` that leads nowhere, as text."""
    folder = folder.resolve()
    base = "/" + base.strip("/") + "/" if base.strip("/") else "/"
    pages = {path: _parse(path) for path in sorted(folder.rglob("*.html"))}
    broken = []
    for path, page in pages.items():
        address = base + path.relative_to(folder).as_posix()
        for link in page.links:
            split = urlsplit(urljoin(address, link.strip()))
            if split.scheme or split.netloc:
                continue  # another site (or a scheme like mailto:): not ours to check
            target = _target(folder, base, split.path)
            if target is None:
                broken.append(f"{address}: {link} leads to no file")
            elif split.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else _parse(target).ids
                if unquote(split.fragment) not in ids:
                    broken.append(f"{address}: {link} names no element of {target.name}")
    return broken


def main() -> int:
    """Check the folder named on the command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--base", default="/", help="the URL path the folder is served at")
    arguments = parser.parse_args()
    broken = broken_links(arguments.folder, arguments.base)
    for line in broken:
        print(line)
    pages = sum(1 for _ in arguments.folder.rglob("*.html"))
    print(f"{len(broken)} broken internal links in {pages} pages of {arguments.folder}")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
