"""The front-matter fields of a review, declared once.

Everything else is derived from this table or checked against it by a test: validation
(`schema.py`), which fields can be required, the labels, the order of the card's facts, the
schema.org data, and the README's table of fields. What a listing shows of a review is its
template's to say (`listing.html`, which a site may override), and what the filter of the page
of all reviews searches is `all_reviews.filter_keys`'s.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Shape(enum.Enum):
    """What a field's value must look like; each shape has one reader in `schema.py`."""

    TEXT = "text"
    NAMES = "text or list of text"
    DATE = "date"
    URL = "absolute `http`/`https` URL"
    RATING = "number from 0 to 5"
    FLAG = "`true`/`false`"
    LIST = "list of text"
    CHOICE = "one of"


class Show(enum.Enum):
    """How the card shows a field."""

    NOT = "not"
    """Not on the card (the title is the page's heading; `draft` is not shown)."""
    LEAD = "lead"
    """The card's lead paragraph."""
    LINKS = "links"
    """Names linking to their overview pages."""
    TEXT = "text"
    DATE = "date"
    STARS = "stars"
    BADGE = "badge"
    TAGS = "tags"
    LINK_OUT = "link-out"
    """A link that opens the URL in a new tab."""
    BUTTON = "button"
    """The card's prominent link to the course."""


@dataclass(frozen=True)
class Field:
    """One front-matter field: how it is written, validated, shown and described."""

    key: str
    shape: Shape
    show: Show
    attribute: str = ""
    """The `Review` attribute that holds its validated value; the key by default."""
    aliases: tuple[str, ...] = ()
    required: bool = False
    """Required by default (`required_fields`)."""
    requirable: bool = True
    label: str | None = None
    """The label of its fact on the card (a key of `labels`)."""
    plural_label: str | None = None
    """The label when the value holds more than one name."""
    schema_org: str | None = None
    """Where it goes in the schema.org `Review` (a dotted path), if anywhere."""
    choices: tuple[str, ...] = ()
    default: str | None = None
    notes: str = ""
    """The README's note on it."""

    @property
    def name(self) -> str:
        """The `Review` attribute of the field."""
        return self.attribute or self.key


FIELDS: tuple[Field, ...] = (
    Field(
        "title",
        Shape.TEXT,
        Show.NOT,
        required=True,
        schema_org="itemReviewed.name",
        notes="the page's heading, unless the review starts with a `# Heading` of its own",
    ),
    Field(
        "description",
        Shape.TEXT,
        Show.LEAD,
        schema_org="itemReviewed.description",
        notes="one-line summary, the card's lead",
    ),
    Field(
        "institution",
        Shape.TEXT,
        Show.LINKS,
        required=True,
        label="institution",
        schema_org="itemReviewed.provider.name",
        notes="who offers the course: university, company, platform",
    ),
    Field(
        "category",
        Shape.NAMES,
        Show.LINKS,
        attribute="categories",
        aliases=("categories",),
        required=True,
        label="category",
        plural_label="categories",
        notes="`categories` is accepted too",
    ),
    Field(
        "date",
        Shape.DATE,
        Show.DATE,
        required=True,
        label="date",
        schema_org="datePublished",
        notes="when you took the course (for `in-progress`: when you started); see below",
    ),
    Field(
        "status",
        Shape.CHOICE,
        Show.BADGE,
        label="status",
        choices=("completed", "in-progress", "dropped"),
        default="completed",
        notes="a badge on the card and in listings (none for `completed`); a filter of listings",
    ),
    Field(
        "rating",
        Shape.RATING,
        Show.STARS,
        label="rating",
        schema_org="reviewRating.ratingValue",
        notes="stars and the number",
    ),
    Field(
        "instructor",
        Shape.NAMES,
        Show.TEXT,
        attribute="instructors",
        label="instructor",
        plural_label="instructors",
    ),
    Field("platform", Shape.TEXT, Show.TEXT, label="platform"),
    Field("duration", Shape.TEXT, Show.TEXT, label="duration"),
    Field(
        "level", Shape.TEXT, Show.TEXT, label="level", schema_org="itemReviewed.educationalLevel"
    ),
    Field(
        "language", Shape.TEXT, Show.TEXT, label="language", schema_org="itemReviewed.inLanguage"
    ),
    Field(
        "tags",
        Shape.LIST,
        Show.TAGS,
        label="tags",
        notes='chips on the card; also read by Material\'s tags plugin (see "Tags")',
    ),
    Field(
        "certificate",
        Shape.URL,
        Show.LINK_OUT,
        label="certificate",
        notes="a link to your certificate, like `url`",
    ),
    Field(
        "url",
        Shape.URL,
        Show.BUTTON,
        schema_org="itemReviewed.url",
        notes="the course page; anything else gets a warning and no link",
    ),
    Field(
        "draft",
        Shape.FLAG,
        Show.NOT,
        requirable=False,
        default="false",
        notes="also `yes`/`no`/`on`/`off`, any case; any other value keeps the page a draft",
    ),
)


def choice_word(text: str) -> str:
    """A choice as it is compared: "In progress", "in_progress" and "IN-PROGRESS" are one."""
    return "-".join(text.lower().replace("_", " ").split())


FIELDS_BY_KEY = {key: field for field in FIELDS for key in (field.key, *field.aliases)}
KNOWN_FIELDS = tuple(FIELDS_BY_KEY)
REQUIRABLE_FIELDS = tuple(field.key for field in FIELDS if field.requirable)
DEFAULT_REQUIRED_FIELDS = tuple(field.key for field in FIELDS if field.required)
FACTS = tuple(field for field in FIELDS if field.label is not None)
"""The card's facts, in the order the card shows them."""
STATUSES = FIELDS_BY_KEY["status"].choices
