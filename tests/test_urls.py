"""Which URLs become links, written as a browser writes them; why the others do not."""

from __future__ import annotations

import pytest

from mkdocs_course_reviews.urls import UrlError, link_url, url_host

# What a browser's `new URL(value).href` gives, worked out by hand from the WHATWG URL standard.
LINKED = [
    # Already as a browser writes it.
    ("https://www.udemy.com/course/llms/", "https://www.udemy.com/course/llms/"),
    ("http://example.com", "http://example.com/"),
    ("https://example.com/a?b=c#d", "https://example.com/a?b=c#d"),
    # "'" is left alone in a path, percent-encoded in a query, left alone in a fragment.
    (
        "https://en.wikipedia.org/wiki/Hilbert's_problems",
        "https://en.wikipedia.org/wiki/Hilbert's_problems",
    ),
    ("https://example.com/?q=it's", "https://example.com/?q=it%27s"),
    ("https://example.com/#it's", "https://example.com/#it's"),
    # Spaces, quotes, angle brackets, backticks and braces.
    ("https://example.com/?a=1&b=<2>", "https://example.com/?a=1&b=%3C2%3E"),
    ("https://example.com/a b/", "https://example.com/a%20b/"),
    ('https://example.com/"quoted"', "https://example.com/%22quoted%22"),
    ("https://example.com/{id}/`x`", "https://example.com/%7Bid%7D/%60x%60"),
    ('https://example.com/?q=a b&r="c"', "https://example.com/?q=a%20b&r=%22c%22"),
    ("https://example.com/#a b`c`", "https://example.com/#a%20b%60c%60"),
    # Non-ASCII as UTF-8 percent-encoding; international host names in punycode.
    ("https://example.com/café?é=ü#ß", "https://example.com/caf%C3%A9?%C3%A9=%C3%BC#%C3%9F"),
    ("https://bücher.de/straße", "https://xn--bcher-kva.de/stra%C3%9Fe"),
    ("https://例子.测试/", "https://xn--fsqu00a.xn--0zwm56d/"),
    # Existing escapes are kept, even ones that decode to nothing.
    ("https://example.com/caf%C3%A9?x=%zz", "https://example.com/caf%C3%A9?x=%zz"),
    # Case of scheme and host, default ports, dot segments, surrounding space.
    ("HTTPS://Example.COM/Path", "https://example.com/Path"),
    ("https://example.com:443/x", "https://example.com/x"),
    ("http://example.com:80/x", "http://example.com/x"),
    ("https://example.com:8443/x", "https://example.com:8443/x"),
    ("https://example.com/a/../b/./c", "https://example.com/b/c"),
    ("  https://example.com/x \n", "https://example.com/x"),
    ("https://exa\nmple.com/", "https://example.com/"),
    # Addresses and credentials.
    ("http://192.168.0.1/x", "http://192.168.0.1/x"),
    ("https://[::1]:8080/x", "https://[::1]:8080/x"),
    ("https://user:pw@example.com/", "https://user:pw@example.com/"),
]

REFUSED = [
    ("javascript:alert(1)", "uses the javascript: scheme"),
    ("JavaScript:alert(1)", "uses the javascript: scheme"),
    (" java\tscript:alert(1)", "uses the javascript: scheme"),
    ("data:text/html,<b>x</b>", "uses the data: scheme"),
    ("vbscript:msgbox", "uses the vbscript: scheme"),
    ("ftp://example.com/", "uses the ftp: scheme"),
    ("mailto:me@example.com", "uses the mailto: scheme"),
    ("https:example.com", 'has no "//" after "https:"'),
    ("https:/example.com", 'has no "//" after "https:"'),
    ("http:\\\\example.com", 'has no "//" after "http:"'),
    ("http://", "has no host"),
    ("https:///x", "has no host"),
    ("https://?q=1", "has no host"),
    ("https://user@/x", "has no host"),
    ("https://:8080/", "has no host"),
    ("/relative/path", "is not an absolute URL"),
    ("course.html", "is not an absolute URL"),
    ("//example.com/x", "is not an absolute URL"),
    ("www.example.com", "is not an absolute URL"),
    ("C:\\courses\\x.html", "is not an absolute URL"),
    ("", "is not an absolute URL"),
    ("https://exa mple.com/", "has a space in its host"),
    ("https://exa<mple.com/", "has the character '<' in its host"),
    ("https://a|b.com/", "has the character '|' in its host"),
    ("https://example.com:99999/", "has the port '99999', not a number from 0 to 65535"),
    ("https://example.com:8o/", "has the port '8o', not a number from 0 to 65535"),
    ("https://[::1/", "has an invalid host"),
    ("https://%zz/", "has an invalid host"),
]


@pytest.mark.parametrize(("value", "href"), LINKED)
def test_linked_as_a_browser_writes_it(value: str, href: str) -> None:
    assert link_url(value) == href
    assert link_url(href) == href  # written out once and for all


@pytest.mark.parametrize(("value", "reason"), REFUSED)
def test_refused_with_the_reason(value: str, reason: str) -> None:
    with pytest.raises(UrlError) as refused:
        link_url(value)
    assert str(refused.value) == reason


def test_lone_surrogates_are_written_as_a_browser_writes_them() -> None:
    # YAML's "\udce9" gives a lone surrogate; a browser's strings hold U+FFFD in its place.
    assert link_url("https://example.com/\udce9") == "https://example.com/%EF%BF%BD"


@pytest.mark.parametrize(
    ("href", "host"),
    [
        ("https://www.udemy.com/course/", "udemy.com"),
        ("https://cs50.harvard.edu/web/", "cs50.harvard.edu"),
        ("https://xn--bcher-kva.de/", "xn--bcher-kva.de"),
        ("https://[::1]:8080/x", "::1"),
    ],
)
def test_url_host(href: str, host: str) -> None:
    assert url_host(href) == host
