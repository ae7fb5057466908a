"""The site's language: the locale dates, numbers and plural forms follow, and the words shown.

Everything comes from Babel's data (CLDR) for a locale the site names, never from the
machine's locale: the same site builds the same pages on any machine.
"""

from __future__ import annotations

import decimal
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from babel.core import Locale, UnknownLocaleError
from babel.numbers import format_decimal

from mkdocs_course_reviews.dates import ReviewDate
from mkdocs_course_reviews.labels import COUNTED, DEFAULT_LABELS, PLURAL_CATEGORIES, fill
from mkdocs_course_reviews.translations import LABELS_BY_LANGUAGE

DEFAULT_LOCALE = "en"
_THOUSANDTH = decimal.Decimal("0.001")


class LocaleError(ValueError):
    """A locale that Babel does not know."""


def parse_locale(code: str) -> Locale:
    """The Babel locale of a code as sites write it: `de`, `pt_BR`, `pt-BR`, `zh-Hant`.

    Raises `LocaleError` for a code Babel does not know.
    """
    try:
        return Locale.parse(str(code).strip().replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError) as error:
        raise LocaleError(str(error)) from None


@dataclass(frozen=True)
class SiteLanguage:
    """The words, date formats and plural rules of one site."""

    locale: Locale
    labels: Mapping[str, str]
    """Every label, in the site's words."""
    plural_rules: Mapping[str, Locale]
    """For each counted label (`review_count`), the locale whose plural rules choose its form:
    the site's, unless its words are the English fallback, which follow English rules."""
    translated: bool
    """Whether the plugin ships words in the site's language (else they are English)."""
    _dates: dict[ReviewDate, str] = field(default_factory=dict, init=False, compare=False)
    """Each date as written once: a log has fewer dates than places that show them."""

    def date(self, value: ReviewDate) -> str:
        """A date at its own precision: "Juni 2025" in German."""
        text = self._dates.get(value)
        if text is None:
            # In English, `str` writes it as Babel does, without loading Babel's locale data.
            english = _is_plain_english(self.locale)
            text = self._dates[value] = str(value) if english else value.format(self.locale)
        return text

    def number(self, value: float) -> str:
        """A number as the language writes it: 1,234 and 4.5 in English, 1.234 and 4,5 in German.

        At most three decimals, as CLDR's pattern of every language has.
        """
        if _is_plain_english(self.locale):
            # Babel's rounding: of the decimal the number is written as, half to even.
            rounded = decimal.Decimal(str(value)).quantize(_THOUSANDTH, decimal.ROUND_HALF_EVEN)
            return f"{rounded:,f}".rstrip("0").rstrip(".") if rounded % 1 else f"{int(rounded):,}"
        return str(format_decimal(value, locale=self.locale))

    def count(self, value: int, name: str) -> str:
        """The counted label `name` filled with `value`, in the form its number takes.

        `count(3, "review_count")` is "3 Bewertungen" in German; in templates,
        `{{ 3 | count("review_count") }}`.
        """
        rules = self.plural_rules.get(name, self.locale)
        if _is_plain_english(rules):
            category = "one" if value == 1 else "other"  # CLDR's English rule for whole numbers
        else:
            category = rules.plural_form(value)
        label = self.labels.get(f"{name}_{category}", self.labels[f"{name}_other"])
        return fill(label, count=self.number(value))


def _is_plain_english(locale: Locale) -> bool:
    """Whether `locale` is English with no region: the default, written without Babel's data.

    Babel's locale data costs about 4 MiB once loaded; English dates, whole numbers and plural
    forms are simple enough to write here, and a test compares them with Babel's.
    """
    return locale.language == "en" and not (locale.territory or locale.script or locale.variant)


def site_language(locale: Locale, overrides: Mapping[str, str] | None = None) -> SiteLanguage:
    """The language of a site in `locale`, with the site's own words (`labels`) over the plugin's.

    Labels come from, in order of precedence: `overrides`, the plugin's words in the locale's
    language (`pt_BR`, else `pt`), English.
    """
    overrides = dict(overrides or {})
    shipped = LABELS_BY_LANGUAGE.get(str(locale)) or LABELS_BY_LANGUAGE.get(locale.language)
    english = Locale.parse(DEFAULT_LOCALE)
    plural_rules = {}
    for name in COUNTED:
        forms = {f"{name}_{category}" for category in PLURAL_CATEGORIES}
        in_language = forms & overrides.keys() or (shipped and f"{name}_other" in shipped)
        plural_rules[name] = locale if in_language else english
    return SiteLanguage(
        locale,
        {**DEFAULT_LABELS, **(shipped or {}), **overrides},
        plural_rules,
        translated=shipped is not None,
    )


ENGLISH = site_language(Locale.parse(DEFAULT_LOCALE))
"""The language of a site that names none."""


def requested_locale(option: str | None, theme: Mapping[str, Any]) -> tuple[str, str]:
    """The locale a site asks for, and where it says so.

    The plugin's `locale` option when set (the site's word to this plugin); else Material's
    `theme.language`; else MkDocs' `theme.locale` (which every theme has, `en` by default).
    """
    if option:
        return option, "the option 'locale'"
    if theme.get("language"):
        return str(theme["language"]), "theme.language"
    return str(theme.get("locale") or DEFAULT_LOCALE), "theme.locale"


@dataclass(frozen=True)
class LanguageChoice:
    """The language of a site, and what to tell its author about it."""

    language: SiteLanguage
    problem: str | None = None
    """A locale that cannot be used: a warning (its author can fix it)."""
    note: str | None = None
    """Words that are shown in English for want of a translation: for information."""


def choose_language(
    option: str | None, theme: Mapping[str, Any], labels: Mapping[str, str]
) -> LanguageChoice:
    """The language of a site from its options and theme, with its own `labels` over ours."""
    code, source = requested_locale(option, theme)
    try:
        locale = parse_locale(code)
    except LocaleError:
        # A theme may know a language Babel does not (Material's 'sh'): the option says which
        # of Babel's to use instead.
        fix = "write" if option else "set the plugin's option 'locale' to"
        return LanguageChoice(
            site_language(Locale.parse(DEFAULT_LOCALE), labels),
            problem=(
                f"locale {code!r} ({source}) is not a language Babel knows, so dates and words "
                f"are in English; {fix} a code such as 'de', 'fr' or 'pt_BR'"
            ),
        )
    language = site_language(locale, labels)
    note = None
    if not language.translated and not DEFAULT_LABELS.keys() <= labels.keys():
        note = (
            f"the plugin has no words in {locale.english_name} ({code}, {source}) yet, so they "
            "are in English but for the labels the site sets; dates are in its language"
        )
    return LanguageChoice(language, note=note)
