"""Headless Chromium (Debian's `chromium` package) driven by Playwright, on a local server."""

from __future__ import annotations

import contextlib
import http.server
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
INSTALL_HINT = "Chromium not found; install it with `apt-get install chromium` (Debian/Ubuntu)"


def chromium_path() -> str | None:
    """Debian's Chromium, if installed."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


class _Server(http.server.ThreadingHTTPServer):
    directory: Path | None = None


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def __init__(self, request: Any, client_address: Any, server: _Server) -> None:
        directory = server.directory
        assert directory is not None, "the server was asked for a page before it had a folder"
        super().__init__(request, client_address, server, directory=str(directory))

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the stdlib's name
        pass


@dataclass
class LocalServer:
    """A server on 127.0.0.1 whose folder can be set once its address is known."""

    url: str
    _server: _Server

    @property
    def directory(self) -> Path | None:
        return self._server.directory

    @directory.setter
    def directory(self, folder: Path) -> None:
        self._server.directory = folder


@contextlib.contextmanager
def local_server() -> Iterator[LocalServer]:
    """Serve on 127.0.0.1 on a free port: build a site for its `url` (a `site_url` that
    Material's instant navigation needs to match), then set its `directory`."""
    server = _Server(("127.0.0.1", 0), _QuietHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield LocalServer(f"http://127.0.0.1:{server.server_address[1]}/", server)
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def serve(site_dir: Path) -> Iterator[str]:
    """Serve `site_dir` on 127.0.0.1 on a free port; yield its base URL."""
    with local_server() as server:
        server.directory = site_dir
        yield server.url


SCHEME = """() => {
  const material = document.body.getAttribute("data-md-color-scheme");
  if (material) return material === "slate" ? "dark" : "light";
  return document.documentElement.getAttribute("data-bs-theme");
}"""
"""A script for `page.evaluate`: the colour scheme the page shows ("light" or "dark"), as
Material (`data-md-color-scheme`) or the `mkdocs` theme (`data-bs-theme`) says it; None on a
page that says none (a theme with one scheme, or Material without `palette:`)."""

MARK = "window.courseReviewsNotReloaded = true"
"""A script for `page.evaluate`: marks the loaded document, so that `MARKED` tells whether the
page was navigated in place (Material's instant navigation) rather than loaded again."""
MARKED = "window.courseReviewsNotReloaded === true"


def luminance(rgb: tuple[float, float, float]) -> float:
    """The relative luminance of an sRGB colour (0-255 channels), as WCAG 2 defines it."""

    def channel(value: float) -> float:
        value /= 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(
    foreground: tuple[float, float, float], background: tuple[float, float, float]
) -> float:
    """The WCAG 2 contrast ratio of two colours, from 1 to 21."""
    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


COLOURS = """
(selector) => [...document.querySelectorAll(selector)]
    .filter(e => e.offsetParent !== null).map(e => {
  // Any CSS colour (rgb(), color(srgb ...), ...) to [r, g, b, a] bytes, through a canvas.
  const canvas = document.createElement("canvas").getContext("2d", {willReadFrequently: true});
  const parse = c => {
    canvas.clearRect(0, 0, 1, 1);
    canvas.fillStyle = c;
    canvas.fillRect(0, 0, 1, 1);
    const d = canvas.getImageData(0, 0, 1, 1).data;
    return [d[0], d[1], d[2], d[3]];
  };
  const over = ([r, g, b, a], under) =>
    [r, g, b].map((v, i) => v * a / 255 + under[i] * (1 - a / 255));
  // The backgrounds behind the element, up to the first opaque one, blended as the screen
  // does: a translucent panel over a dark page is dark.
  const layers = [];
  for (let node = e; node && node.nodeType === 1; node = node.parentElement) {
    const c = parse(getComputedStyle(node).backgroundColor);
    if (c[3] > 0) layers.push(c);
    if (c[3] === 255) break;
  }
  const background = layers.reverse().reduce((under, layer) => over(layer, under), [255, 255, 255]);
  // Text drawn with a translucent colour: blend it over its background too.
  const fg = over(parse(getComputedStyle(e).color), background);
  return {text: e.textContent.trim().slice(0, 30), fg, bg: background};
})
"""
"""A script for `page.evaluate(COLOURS, selector)`: the text and background colour, as shown,
of every visible element that `selector` matches."""
