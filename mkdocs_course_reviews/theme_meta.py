"""What a review page hands to the theme as `page.meta`."""

from __future__ import annotations

from typing import Any

from markupsafe import escape

from mkdocs_course_reviews.schema import Review

# Themes print these into <title>, headers and <meta> tags without escaping them.
_PRINTED_RAW_BY_THEMES = ("title", "description")


def theme_meta(meta: dict[str, Any], review: Review) -> dict[str, Any]:
    """Make the front matter safe for themes to print, in place, and return it.

    Title and description become HTML-escaped `Markup` (from the validated `review`), so a theme
    printing them raw shows the text and an autoescaping template does not escape them twice.
    Other fields stay as they are, for other plugins.
    """
    for key in _PRINTED_RAW_BY_THEMES:
        value = getattr(review, key)
        if value is None:
            meta.pop(key, None)
        else:
            meta[key] = escape(value)
    return meta
