"""Dates, numbers and words in the site's language: Babel's data, our words, a site's own."""

from __future__ import annotations

import datetime
import re

import pytest
from babel.core import Locale
from babel.dates import format_date, format_skeleton
from babel.numbers import format_decimal
from mkdocs.exceptions import Abort

from mkdocs_course_reviews.config import CourseReviewsConfig
from mkdocs_course_reviews.dates import ReviewDate
from mkdocs_course_reviews.labels import COUNTED, DEFAULT_LABELS, KNOWN_LABELS
from mkdocs_course_reviews.language import (
    LocaleError,
    choose_language,
    parse_locale,
    requested_locale,
    site_language,
)
from mkdocs_course_reviews.overviews import KINDS
from mkdocs_course_reviews.translations import LABELS_BY_LANGUAGE
from tests.conftest import BuildSite, review
from tests.project import docs_page


@pytest.mark.parametrize(
    ("locale", "year", "month", "day"),
    [
        ("en", "2025", "June 2025", "June 14, 2025"),
        ("en_GB", "2025", "June 2025", "14 June 2025"),
        ("de", "2025", "Juni 2025", "14. Juni 2025"),
        ("fr", "2025", "juin 2025", "14 juin 2025"),
        ("es", "2025", "junio de 2025", "14 de junio de 2025"),
    ],
)
def test_dates_at_each_precision(locale: str, year: str, month: str, day: str) -> None:
    assert ReviewDate(2025).format(locale) == year
    assert ReviewDate(2025, 6).format(locale) == month
    assert ReviewDate(2025, 6, 14).format(Locale.parse(locale)) == day
    # What the date is as text (themes, `course_reviews`) stays English.
    assert str(ReviewDate(2025, 6, 14)) == "June 14, 2025"


@pytest.mark.parametrize(
    ("locale", "count", "shown"),
    [
        ("en", 1, "1 review"),
        ("en", 0, "0 reviews"),
        ("en", 1234, "1,234 reviews"),
        ("de", 1, "1 Bewertung"),
        ("de", 3, "3 Bewertungen"),
        ("de", 1234, "1.234 Bewertungen"),
        ("fr", 0, "0 avis"),
        ("fr", 2, "2 avis"),
        # French and Spanish say "de" before millions: CLDR's `many` form.
        ("fr", 1_000_000, "1\u202f000\u202f000 d\u2019avis"),
        ("es", 1, "1 reseña"),
        ("es", 2, "2 reseñas"),
        ("es", 1_000_000, "1.000.000 de reseñas"),
        ("de_AT", 2, "2 Bewertungen"),
    ],
)
def test_counted_words_take_the_form_of_their_number(locale: str, count: int, shown: str) -> None:
    assert site_language(Locale.parse(locale)).count(count, "review_count") == shown


def test_english_words_follow_english_plural_rules() -> None:
    # Japanese has one plural form; the plugin has no Japanese words, so they are English,
    # and "1 reviews" would be wrong.
    japanese = site_language(Locale.parse("ja"))
    assert not japanese.translated
    assert japanese.count(1, "review_count") == "1 review"
    assert japanese.count(2, "review_count") == "2 reviews"
    # A site that writes the words itself gets its language's rules.
    own = site_language(Locale.parse("ja"), {"review_count_other": "{count} 件"})
    assert own.count(1, "review_count") == "1 件"


def test_a_form_the_site_does_not_write_falls_back_to_other() -> None:
    polish = site_language(
        Locale.parse("pl"),
        {"review_count_one": "{count} recenzja", "review_count_other": "{count} recenzji"},
    )
    assert polish.count(1, "review_count") == "1 recenzja"
    assert polish.count(5, "review_count") == "5 recenzji"  # `many`, not written: `other`
    with_few = site_language(
        Locale.parse("pl"),
        {"review_count_few": "{count} recenzje", "review_count_other": "{count} recenzji"},
    )
    assert with_few.count(3, "review_count") == "3 recenzje"


def test_the_sites_labels_win_over_the_plugins_words() -> None:
    german = site_language(Locale.parse("de"), {"go_to_course": "Los geht's"})
    assert german.labels["go_to_course"] == "Los geht's"
    assert german.labels["institution"] == "Einrichtung"
    brazilian = site_language(Locale.parse("pt_BR"), {"institution": "Instituição"})
    assert brazilian.labels["institution"] == "Instituição"
    assert brazilian.labels["category"] == "Category"


@pytest.mark.parametrize("language", sorted(LABELS_BY_LANGUAGE))
def test_every_shipped_language_has_every_word_and_every_plural_form(language: str) -> None:
    words = LABELS_BY_LANGUAGE[language]
    assert set(words) <= KNOWN_LABELS
    assert set(DEFAULT_LABELS) - set(words) == set()
    # A form for each plural category the language uses, besides `other`: Babel's rules.
    categories = Locale.parse(language).plural_form.tags
    for name in COUNTED:
        assert {f"{name}_{category}" for category in categories} <= set(words), name
    for key, label in words.items():
        placeholders = {part.split("}")[0] for part in DEFAULT_LABELS.get(key, "").split("{")[1:]}
        for placeholder in placeholders:
            assert f"{{{placeholder}}}" in label, (language, key)


def test_every_kind_has_a_chart_label() -> None:
    assert all(f"chart_{kind}" in DEFAULT_LABELS for kind in KINDS)


@pytest.mark.parametrize(
    ("option", "theme", "expected"),
    [
        (None, {"name": "mkdocs", "locale": "en"}, ("en", "theme.locale")),
        (None, {"name": "mkdocs", "locale": Locale.parse("fr")}, ("fr", "theme.locale")),
        (None, {"name": "material", "language": "de", "locale": "en"}, ("de", "theme.language")),
        ("es", {"name": "material", "language": "de"}, ("es", "the option 'locale'")),
        (None, {"name": None}, ("en", "theme.locale")),
    ],
)
def test_which_locale_a_site_asks_for(
    option: str | None, theme: dict[str, object], expected: tuple[str, str]
) -> None:
    assert requested_locale(option, theme) == expected


@pytest.mark.parametrize("code", ["de", "de-DE", "pt_BR", "zh-Hant", " fr "])
def test_locale_codes_as_sites_write_them(code: str) -> None:
    assert parse_locale(code).language == code.strip()[:2]


@pytest.mark.parametrize("code", ["xx", "", "english", "de_XX_YY_ZZ"])
def test_unknown_locales(code: str) -> None:
    with pytest.raises(LocaleError):
        parse_locale(code)


def test_choosing_a_language_says_what_went_wrong() -> None:
    unknown = choose_language("klingon", {}, {})
    assert unknown.problem == (
        "locale 'klingon' (the option 'locale') is not a language Babel knows, so dates and "
        "words are in English; write a code such as 'de', 'fr' or 'pt_BR'"
    )
    assert str(unknown.language.locale) == "en"
    untranslated = choose_language(None, {"language": "it"}, {})
    assert untranslated.problem is None
    assert untranslated.note == (
        "the plugin has no words in Italian (it, theme.language) yet, so they are in English "
        "but for the labels the site sets; dates are in its language"
    )
    every_word = dict.fromkeys(DEFAULT_LABELS, "x")
    assert choose_language(None, {"language": "it"}, every_word).note is None
    assert choose_language(None, {"language": "de"}, {}).note is None


GERMAN_SITE = {
    "index.md": "# Start\n\n<!-- course-reviews limit=5 -->\n",
    "reviews/a.md": review("Alpha", category="Web", date='"June 2025"', extra="rating: 4.5\n"),
    "reviews/b.md": review("Beta", category="Web", date="2024-03-09"),
    "reviews/c.md": review("Gamma", category="Web", date="2023"),
    "reviews/d.md": review("Delta", category="Kunst", date="2023"),
    "reviews/e.md": review("Entwurf", category="Web", extra="draft: true\n"),
}
MATERIAL_DE = {"name": "material", "language": "de", "font": False}


def text(soup: object) -> str:
    assert soup is not None
    return " ".join(soup.get_text(" ", strip=True).split())  # type: ignore[attr-defined]


def test_a_german_site(build_site: BuildSite) -> None:
    site = build_site(GERMAN_SITE, theme=MATERIAL_DE, strict=True)
    card = site.html("reviews/a/index.html").select_one(".course-review-card")
    assert card is not None
    assert text(card.select_one(".course-review-date dd")) == "Juni 2025"
    assert text(card.select_one(".course-review-date dt")) == "Belegt"
    stars = card.select_one(".course-review-stars")
    assert stars is not None
    assert stars["aria-label"] == "4,5 von 5"
    home = site.html("index.html")
    dates = [text(t) for t in home.select(".course-review-item-date")]
    assert dates == ["Juni 2025", "9. März 2024", "2023", "2023"]
    index = site.html("categories/index.html")
    counts = [text(li) for li in index.select(".course-review-overview-entry")]
    assert counts == ["Kunst 1 Bewertung", "Web 3 Bewertungen"]
    chart = index.select_one(".course-review-chart svg")
    assert chart is not None
    assert chart["aria-label"] == "Bewertungen je Kategorie: Web 3, Kunst 1"
    # The draft is in none of them.
    assert "Entwurf" not in site.html("categories/web/index.html").get_text()


def test_a_german_site_writes_every_number_in_german(build_site: BuildSite) -> None:
    # Ratings with decimals and more pages than fit on one, so that every number is written.
    files = {
        **GERMAN_SITE,
        "reviews/f.md": review("Zeta", category="Web", date="2022", extra="rating: 3.25\n"),
    }
    site = build_site(files, theme=MATERIAL_DE, strict=True, plugin={"per_page": 2})
    card = site.html("reviews/a/index.html").select_one(".course-review-card")
    assert text(card.select_one(".course-review-rating-value")) == "4,5"
    assert card.select_one(".course-review-stars")["title"] == "4,5 von 5"
    for page, title, value in (
        ("index.html", "Alpha", "4,5"),
        ("categories/web/page/2/index.html", "Zeta", "3,25"),
    ):
        (item,) = (
            item
            for item in site.html(page).select(".course-review-item")
            if text(item.select_one(".course-review-item-title")) == title
        )
        assert text(item.select_one(".course-review-rating-value")) == value, page
        assert item.select_one(".course-review-stars")["aria-label"] == f"{value} von 5", page
    all_reviews = site.html("reviews/index.html")
    filter_form = all_reviews.select_one("form.course-review-filter")
    options = [text(o) for o in filter_form.select("#course-review-filter-rating option")]
    assert options == [
        "Alle",
        "4,5 oder mehr",
        "4 oder mehr",
        "3,5 oder mehr",
        "3 oder mehr",
        "2 oder mehr",
        "1 oder mehr",
    ]
    ratings = {
        text(item.select_one(".course-review-item-title")): item
        for item in all_reviews.select(".course-review-list-all > .course-review-item")
    }
    assert text(ratings["Zeta"].select_one(".course-review-rating-value")) == "3,25"
    # What the filter's script reads stays as machines write numbers.
    values = [o["value"] for o in filter_form.select("#course-review-filter-rating option")]
    assert values == ["", "4.5", "4", "3.5", "3", "2", "1"]
    assert ratings["Alpha"]["data-rating"] == "4.5"
    assert ratings["Zeta"]["data-rating"] == "3.25"
    assert ratings["Beta"]["data-rating"] == ""
    # The structured data keeps a JSON number.
    (script,) = site.html("reviews/a/index.html").select('script[type="application/ld+json"]')
    assert '"ratingValue": 4.5' in script.get_text()


def test_the_locale_option_and_a_sites_own_words(build_site: BuildSite) -> None:
    site = build_site(
        GERMAN_SITE,
        plugin={"locale": "fr", "labels": {"review_count_other": "{count} critiques"}},
        strict=True,
    )
    index = site.html("categories/index.html")
    counts = [text(li) for li in index.select(".course-review-overview-entry")]
    assert counts == ["Kunst 1 avis", "Web 3 critiques"]
    card = site.html("reviews/b/index.html").select_one(".course-review-date dd")
    assert text(card) == "9 mars 2024"


def test_an_unknown_locale_warns_and_falls_back_to_english(build_site: BuildSite) -> None:
    # Material knows Serbo-Croatian; Babel (CLDR) calls it Serbian in Latin script, sr_Latn.
    theme = {"name": "material", "language": "sh", "font": False}
    site = build_site(GERMAN_SITE, theme=theme)
    assert site.warnings == [
        (
            "mkdocs_course_reviews: locale 'sh' (theme.language) is not a language Babel knows, "
            "so dates and words are in English; set the plugin's option 'locale' to a code such "
            "as 'de', 'fr' or 'pt_BR'"
        )
    ]
    assert text(site.html("reviews/a/index.html").select_one(".course-review-date dd")) == (
        "June 2025"
    )
    index = site.html("categories/index.html")
    assert [text(li) for li in index.select(".course-review-overview-entry")] == [
        "Kunst 1 review",
        "Web 3 reviews",
    ]


def test_an_unknown_locale_fails_a_strict_build(build_site: BuildSite) -> None:
    with pytest.raises(Abort, match="strict mode"):
        build_site(GERMAN_SITE, plugin={"locale": "xx"}, strict=True)


def test_a_plural_form_is_a_label_a_site_may_set_and_a_typo_is_not(build_site: BuildSite) -> None:
    site = build_site(GERMAN_SITE, plugin={"labels": {"review_count_few": "{count} x"}})
    assert site.warnings == []
    with pytest.raises(Abort):
        build_site(GERMAN_SITE, plugin={"labels": {"review_count_several": "{count} x"}})


def test_the_machines_locale_changes_nothing(
    build_site: BuildSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Babel falls back to these variables when it is not given a locale; the plugin always
    # gives one, so an English site stays English on a German machine.
    for name in ("LANGUAGE", "LC_ALL", "LC_TIME", "LC_MESSAGES", "LC_NUMERIC", "LANG"):
        monkeypatch.setenv(name, "de_DE.UTF-8")
    site = build_site(GERMAN_SITE, strict=True)
    assert text(site.html("reviews/a/index.html").select_one(".course-review-date dd")) == (
        "June 2025"
    )
    index = site.html("categories/index.html")
    assert [text(li) for li in index.select(".course-review-overview-entry")] == [
        "Kunst 1 review",
        "Web 3 reviews",
    ]


def test_the_docs_list_every_label_with_its_english_words() -> None:
    section = " ".join(docs_page("languages.md").split())
    missing = [key for key, words in DEFAULT_LABELS.items() if f"`{key}` ({words})" not in section]
    assert missing == []


def test_the_docs_options_table_has_a_row_for_every_option() -> None:
    section = docs_page("options.md")
    rows = re.findall(r"^\| `(\w+)` \|", section, flags=re.MULTILINE)
    assert sorted(rows) == sorted(CourseReviewsConfig().keys())


@pytest.mark.slow  # two builds, one per language
def test_each_language_of_an_i18n_site_has_its_own_dates_and_words(
    build_site: BuildSite,
) -> None:
    # mkdocs-static-i18n sets Material's `theme.language` for each language it builds, late in
    # `on_config`: the plugin takes the language after it.
    languages = [
        {"locale": "en", "default": True, "name": "English"},
        {"locale": "de", "name": "Deutsch"},
    ]
    files = {
        "index.en.md": "# Home\n\n<!-- course-reviews stats -->\n",
        "index.de.md": "# Start\n\n<!-- course-reviews stats -->\n",
        "reviews/a.en.md": review("Alpha", date='"June 2025"'),
        "reviews/a.de.md": review("Alpha DE", date='"June 2025"'),
    }
    site = build_site(
        files,
        theme={"name": "material", "font": False},
        plugins=["search", {"i18n": {"languages": languages}}, "course-reviews"],
    )
    for prefix, date, count, stats in (
        ("", "June 2025", "1 review", "1 course from 1 institution in 1 category since 2025"),
        ("de/", "Juni 2025", "1 Bewertung", "1 Kurs von 1 Einrichtung in 1 Kategorie seit 2025"),
    ):
        card = site.html(f"{prefix}reviews/a/index.html")
        assert text(card.select_one(".course-review-date dd")) == date, prefix
        index = site.html(f"{prefix}categories/index.html")
        assert text(index.select_one(".course-review-count")) == count, prefix
        assert text(site.html(f"{prefix}index.html").select_one(".course-review-stats")) == stats


def test_plain_english_is_written_as_babel_writes_it() -> None:
    """English skips Babel's locale data (4 MiB): its dates, numbers and plurals match Babel's."""
    english = site_language(Locale.parse("en"))
    babel_english = Locale.parse("en")
    for year in (1, 999, 1970, 2025, 9999):
        assert english.date(ReviewDate(year)) == format_skeleton(
            "y", datetime.date(year, 1, 1), locale=babel_english
        )
        for month in range(1, 13):
            first = datetime.date(year, month, 1)
            assert english.date(ReviewDate(year, month)) == format_skeleton(
                "yMMMM", first, locale=babel_english
            )
            for day in (1, 2, 9, 10, 28):
                day_date = datetime.date(year, month, day)
                assert english.date(ReviewDate(year, month, day)) == format_date(
                    day_date, "long", locale=babel_english
                )
    for number in [*range(1100), 9999, 10000, 123456, 1234567]:
        assert english.number(number) == format_decimal(number, locale=babel_english)
        category = babel_english.plural_form(number)
        expected = english.labels[f"review_count_{category}"].replace(
            "{count}", format_decimal(number, locale=babel_english)
        )
        assert english.count(number, "review_count") == expected
    for rating in (0, 0.0, 0.5, 0.0005, 1.0005, 1.25, 2.125, 3.3335, 4.5, 4.75, 5.0, 1234.5):
        assert english.number(rating) == format_decimal(rating, locale=babel_english), rating
    # A region, or another language, is Babel's.
    assert site_language(Locale.parse("en_IN")).number(1234567) == "12,34,567"
    assert site_language(Locale.parse("en_GB")).date(ReviewDate(2025, 6, 14)) == "14 June 2025"
