"""What a review page hands to the theme as `page.meta`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from markupsafe import escape

from mkdocs_course_reviews.schema import Review

# Themes print these into <title>, headers and <meta> tags without escaping them.
_PRINTED_RAW_BY_THEMES = ("title", "description")


def theme_meta(metadata: Mapping[str, Any], review: Review) -> dict[str, Any]:
    """The front matter as other plugins expect it, with the text themes print made safe.

    Title and description are HTML-escaped `Markup`, so a theme printing them raw shows the
    text and an autoescaping template does not escape them twice.
    """
    meta = dict(metadata)
    for key in _PRINTED_RAW_BY_THEMES:
        value = getattr(review, key)
        if value is None:
            meta.pop(key, None)
        else:
            meta[key] = escape(value)
    return meta
