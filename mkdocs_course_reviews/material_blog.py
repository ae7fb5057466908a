"""Material's blog plugin, as the listings see it: the excerpts of posts on its views.

Material (9.8.2) renders each post's excerpt afresh for every view that lists the post (the blog
index, the archive, the category pages), from the post's Markdown, in its `on_page_context` at
priority -100 (`Excerpt.render`): no plugin's `on_page_content` sees that HTML, so a listing
marker in an excerpt would stay an empty comment there. The excerpts it hands the view's
template are `context["posts"]`, each with its `content` and, after the separator, `more`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from mkdocs_course_reviews.listings import MARKER_START

_VIEWS = "material.plugins.blog"


def fill_excerpts(
    page: object, context: Mapping[str, Any], fill: Callable[[str, str], str]
) -> None:
    """Fill the listing markers of each excerpt a blog view shows, by `fill(post_src, html)`.

    Call it after Material's blog `on_page_context` (-100); `page` is the view being rendered.
    """
    if not type(page).__module__.startswith(_VIEWS):
        return
    for excerpt in context.get("posts") or []:
        post = getattr(excerpt, "post", None)
        source = post.file.src_uri if post is not None else ""
        for part in ("content", "more"):
            html = getattr(excerpt, part, None)
            if isinstance(html, str) and MARKER_START in html:
                setattr(excerpt, part, fill(source, html))
