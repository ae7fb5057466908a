"""Every bad input the Troubleshooting table of the docs lists, with its message and fate."""

from __future__ import annotations

from dataclasses import dataclass

from tests.conftest import Content, Link, review

PWNED = "PWNED-by-yaml"
# Nine lines of aliases that would expand to a billion values if anything expanded them.
ALIAS_BOMB = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{name}: &{name} [{', '.join([f'*{previous}'] * 10)}]\n"
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True)
)


@dataclass(frozen=True)
class Case:
    """One bad input: the file, what the build says about it, and what becomes of the page."""

    what: str
    path: str
    content: Content
    messages: tuple[str, ...]
    fate: str  # published, draft (left out of builds) or withheld (never built)


def _without(field: str) -> str:
    return "\n".join(line for line in review().splitlines() if not line.startswith(field + ":"))


CASES = (
    Case(
        "Malformed YAML",
        "reviews/bad-yaml.md",
        '---\ntitle: "Unclosed\ncategory: Web\n---\n\nText.\n',
        (
            (
                "has invalid YAML front matter at line 4: found unexpected end of stream "
                "(while scanning a quoted scalar from line 2); "
                "check the quotes, colons and indentation on that line"
            ),
        ),
        "withheld",
    ),
    Case(
        "An unquoted value with `: ` in it",
        "reviews/colon-title.md",
        review("LLMs Mastery: Complete Guide"),
        (
            (
                "has invalid YAML front matter at line 2: mapping values are not allowed in this "
                "context; the value has ': ' in it, so put the value in quotes: "
                'title: "LLMs Mastery: Complete Guide"'
            ),
        ),
        "withheld",
    ),
    Case(
        "Front matter that is not a mapping",
        "reviews/list.md",
        "---\n- title\n- category\n---\n",
        (
            (
                "has front matter that is a list, not a set of fields; "
                "write one 'field: value' per line"
            ),
        ),
        "withheld",
    ),
    Case(
        "An empty file",
        "reviews/empty.md",
        "",
        ("is empty; start it with front matter (title, category, institution, date)",),
        "withheld",
    ),
    Case(
        "No front matter",
        "reviews/no-front-matter.md",
        "Just my notes.\n",
        (
            (
                "has no front matter; start the file with a line '---', the fields "
                "(title, category, institution, date), then another line '---'"
            ),
        ),
        "withheld",
    ),
    Case(
        "Front matter that is never closed",
        "reviews/unclosed.md",
        "---\ntitle: Open\n",
        ("has front matter that is never closed; add a line '---' after the fields",),
        "withheld",
    ),
    Case(
        "Front matter only, saved without a final line break",
        "reviews/no-final-newline.md",
        review(body="").rstrip("\n"),
        (
            (
                "ends on line 6 with the '---' that closes its front matter, with no line break "
                "after it, so MkDocs would print the fields as text; add a line break after it "
                "(or the review's text)"
            ),
        ),
        "withheld",
    ),
    Case(
        "Front matter fenced with `----`",
        "reviews/four-dashes.md",
        review().replace("---\n", "----\n"),
        (
            (
                "starts with the line '----', which MkDocs does not read as the start of front "
                "matter, so it would print the fields as text; make the first line exactly '---'"
            ),
        ),
        "withheld",
    ),
    Case(
        "A closing fence with other white space after it",
        "reviews/nbsp-fence.md",
        review().replace("\n---\n", "\n---\u00a0\n"),
        (
            (
                "closes its front matter on line 6 with '---\\xa0', which MkDocs does not read "
                "as the end of front matter, so it would print the fields as text; make that "
                "line exactly '---'"
            ),
        ),
        "withheld",
    ),
    Case(
        "Front matter after a blank line",
        "reviews/blank-first.md",
        "\n" + review(),
        (
            (
                "has white space before its first '---', so MkDocs does not read the front "
                "matter and would print the fields as text; delete what comes before the '---'"
            ),
        ),
        "withheld",
    ),
    Case(
        "Front matter with no fields",
        "reviews/no-fields.md",
        "---\n# to do\n---\n\nText.\n",
        (
            (
                "has front matter with no fields, which MkDocs would print as text; write the "
                "fields (title, category, institution, date) between the '---' lines"
            ),
        ),
        "withheld",
    ),
    Case(
        "A review named `index.MD`",
        "reviews/index.MD",
        review("Shouting index"),
        (
            (
                "is named as the folder's index page, but MkDocs reads '.MD' only as '.md' and "
                "would copy this file to the site as it is; rename it to index.md for the "
                "folder's own page, or give the review a name of its own, like "
                "reviews/index-review.md"
            ),
        ),
        "withheld",
    ),
    Case(
        "Front matter only, no review text", "reviews/only-fm.md", review(body=""), (), "published"
    ),
    Case("A UTF-8 byte-order mark", "reviews/bom.md", "\ufeff" + review("BOM"), (), "published"),
    Case(
        "CRLF line endings",
        "reviews/crlf.md",
        review("CRLF").replace("\n", "\r\n"),
        (),
        "published",
    ),
    Case(
        "A file that cannot be read (a link to nothing)",
        "reviews/dangling.md",
        Link("no-such-file.md"),
        (
            (
                "cannot be read: it does not exist, or is a link to a file that does not; "
                "point the link at an existing file, or delete it"
            ),
        ),
        "withheld",
    ),
    Case(
        "A file that is not UTF-8",
        "reviews/latin1.md",
        review("Café").encode("latin-1"),
        ("is not UTF-8 text (byte 0xe9 at offset 14); re-save the file with UTF-8 encoding",),
        "withheld",
    ),
    *(
        Case(
            f"`{field}` missing",
            f"reviews/no-{field}.md",
            _without(field),
            (f"{field} is missing; add a line '{field}: ...' to the front matter",),
            "withheld",
        )
        for field in ("title", "category", "institution", "date")
    ),
    Case(
        "A number as title",
        "reviews/number-title.md",
        review("1984"),
        ('title is 1984 (a number), not text; put it in quotes: title: "1984"',),
        "withheld",
    ),
    Case(
        "A mapping as category",
        "reviews/mapping-category.md",
        review(category="{name: Web}"),
        (
            (
                "category has a set of fields where a name belongs; "
                "write category: Name, or a list of names like [First, Second]"
            ),
        ),
        "withheld",
    ),
    Case(
        "A list as institution",
        "reviews/list-institution.md",
        review(institution="[MIT, Harvard]"),
        ("institution is a list, not text; write it as institution: some text",),
        "withheld",
    ),
    Case(
        "A rating out of range",
        "reviews/rating.md",
        review(extra="rating: 7\n"),
        ("rating 7 is out of range; write a number from 0 to 5",),
        "withheld",
    ),
    Case(
        "Tags that are not a list",
        "reviews/tags.md",
        review(extra="tags: python\n"),
        ('tags is the text "python", not a list; write tags: [python]',),
        "withheld",
    ),
    Case(
        "A date that is not a date",
        "reviews/bad-date.md",
        review(date="sometime last summer"),
        ('date "sometime last summer" is not a date; write it like "June 2025" or 2025-06-14',),
        "withheld",
    ),
    Case(
        "An impossible date",
        "reviews/impossible-date.md",
        review(date="2025-02-30"),
        (
            (
                "date has 2025-02-30, which is not a date: day is out of range for month; "
                "write a real date, like 2025-06-14, or put it in quotes to keep it as text"
            ),
        ),
        "withheld",
    ),
    Case(
        "A date in the future",
        "reviews/future.md",
        review("Future", date='"June 2099"'),
        ('date "June 2099" is in the future; check the year',),
        "published",
    ),
    Case(
        "A date before any course (a year typo)",
        "reviews/ancient.md",
        review("Ancient", date='"June 0025"'),
        ('date "June 0025" is before 1900; check the year',),
        "published",
    ),
    Case(
        "Several categories written as one",
        "reviews/comma-category.md",
        review("Comma", category="Web, Machine Learning"),
        (
            (
                'category "Web, Machine Learning" is one name, with a comma in it; for several, '
                "write a list: category: [Web, Machine Learning] (for one name with a comma, a "
                'list of one: category: ["Web, Machine Learning"])'
            ),
        ),
        "published",
    ),
    Case(
        "`draft` with an odd value",
        "reviews/odd-draft.md",
        review(extra="draft: maybe\n"),
        (
            (
                'draft "maybe" is not true or false; the page is kept as a draft until you write '
                "draft: true or draft: false"
            ),
        ),
        "draft",
    ),
    Case(
        "A field written twice",
        "reviews/twice.md",
        review(extra="draft: true\ndraft: false\n"),
        (("draft is written twice, on lines 6 and 7; keep the one you mean and delete the other"),),
        "withheld",
    ),
    Case(
        "`draft` written in capitals",
        "reviews/draft-capitals.md",
        review(extra="Draft: true\n"),
        (
            (
                "Draft is not a field, but the page is kept as a draft in case it was meant as "
                "one; write it in lower case: draft: true or draft: false"
            ),
        ),
        "draft",
    ),
    Case(
        "An empty `draft:`",
        "reviews/draft-empty.md",
        review(extra="draft:\n"),
        (
            (
                "draft empty is not true or false; the page is kept as a draft until you write "
                "draft: true or draft: false"
            ),
        ),
        "draft",
    ),
    Case(
        "Another field in capitals",
        "reviews/title-capitals.md",
        review("Capitals", extra="Level: Beginner\n"),
        ("Level is not a field; write it in lower case: level",),
        "published",
    ),
    Case(
        "A `template:` the theme does not have",
        "reviews/template.md",
        review("Templated", extra="template: nowhere.html\n"),
        (
            (
                "template 'nowhere.html' is not a template of the theme; the page uses the "
                "theme's own (remove the field, or add the template to your custom_dir)"
            ),
        ),
        "published",
    ),
    Case(
        "`draft: yes`, `No`, `ON`, `off`",
        "reviews/draft-yes.md",
        review(extra="draft: yes\n"),
        (),
        "draft",
    ),
    Case(
        "A YAML tag that builds a Python object",
        "reviews/python-tag.md",
        review(extra=f"evil: !!python/object/apply:os.system ['touch {PWNED}']\n"),
        (
            (
                "evil has the YAML tag !!python/object/apply:os.system, which is not allowed; "
                "remove the tag: front matter holds text, numbers, dates, true/false, "
                "lists and fields"
            ),
        ),
        "withheld",
    ),
    Case(
        "An alias bomb (YAML aliases repeating each other)",
        "reviews/alias-bomb.md",
        review(extra=ALIAS_BOMB),
        (
            (
                "e grows to more than 100,000 values through aliases (*name) repeating "
                "anchors (&name); write the values out instead of repeating aliases"
            ),
        ),
        "withheld",
    ),
    Case(
        "Front matter over 1 MB",
        "reviews/huge.md",
        review(extra=f"description: {'x' * 1_200_000}\n"),
        (
            (
                "has front matter of 1.2 MB; keep it under 1 MB, "
                "and move long text into the review body"
            ),
        ),
        "withheld",
    ),
    Case(
        "A dangerous URL",
        "reviews/js-url.md",
        review("JS URL", extra='url: "javascript:alert(1)"\n'),
        (
            (
                'url "javascript:alert(1)" uses the javascript: scheme, so it is not linked; '
                "write it like https://example.com/course"
            ),
        ),
        "published",
    ),
    Case(
        "A URL with a typo",
        "reviews/url-typo.md",
        review("URL typo", extra='url: "https:/example.com/course"\n'),
        (
            (
                'url "https:/example.com/course" has no "//" after "https:", so it is not linked; '
                "write it like https://example.com/course"
            ),
        ),
        "published",
    ),
    Case(
        "A URL with no host",
        "reviews/url-no-host.md",
        review("URL no host", extra='url: "https:///course"\n'),
        (
            (
                'url "https:///course" has no host, so it is not linked; '
                "write it like https://example.com/course"
            ),
        ),
        "published",
    ),
    Case(
        "A relative URL",
        "reviews/url-relative.md",
        review("URL relative", extra="certificate: /certificates/1.pdf\n"),
        (
            (
                'certificate "/certificates/1.pdf" is not an absolute URL, so it is not linked; '
                "write it like https://example.com/course"
            ),
        ),
        "published",
    ),
    Case(
        "HTML and script in text fields",
        "reviews/html.md",
        review(
            '"<script>alert(1)</script>"',
            institution='"<img src=x onerror=alert(1)>"',
            extra='description: "\\"><b>bold</b>"\nlevel: "<i>x</i>"\n',
        ),
        (),
        "published",
    ),
    Case(
        "A name that looks like a path",
        "reviews/path-name.md",
        review("Path name", category='"../../etc"'),
        (),
        "published",
    ),
    Case(
        "Two reviews with the same title",
        "reviews/same-title.md",
        review("BOM"),
        (
            (
                'title "BOM" is also the title of reviews/bom.md; '
                "probably a duplicate: remove one, or tell them apart"
            ),
        ),
        "published",
    ),
    Case(
        "Two reviews with the same course URL",
        "reviews/same-url-b.md",
        review("Same URL B", extra="url: https://example.com/course/\n"),
        (
            (
                'url "https://example.com/course/" is also the url of reviews/same-url-a.md; '
                "probably a duplicate: remove one, or tell them apart"
            ),
        ),
        "published",
    ),
    Case(
        "Very long values",
        "reviews/long.md",
        review("Long " * 1000, category="Category " * 100, extra=f"description: {'x' * 20000}\n"),
        (),
        "published",
    ),
    Case(
        "A review in a nested folder",
        "reviews/2024/spring/nested.md",
        review("Nested"),
        (),
        "published",
    ),
    Case(
        "A file name with spaces and non-ASCII letters",
        "reviews/Mon cours préféré.md",
        review("Mon cours préféré"),
        (),
        "published",
    ),
)
# The first review with the URL that "Two reviews with the same course URL" repeats.
SUPPORT = {"reviews/same-url-a.md": review("Same URL A", extra="url: https://example.com/course\n")}
