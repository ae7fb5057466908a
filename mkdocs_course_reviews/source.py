"""Reading a review's source: its YAML front matter, once.

Front matter is untrusted. It is loaded in one place, `load_front_matter`, which never raises:
whatever goes wrong becomes the review's one problem (file, line, what to do), and the page is
withheld. Its cost is linear in the size of the text, whatever the text holds.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from itertools import chain
from typing import TYPE_CHECKING, Any, cast

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.error import Mark
from yaml.events import AliasEvent, CollectionStartEvent, Event, MappingStartEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import Resolver

from mkdocs_course_reviews.problems import Problem

MAX_FRONT_MATTER_BYTES = 1_000_000
"""Longer front matter is refused before YAML reads it; long text belongs in the review body."""
MAX_VALUES = 100_000
"""Values in the front matter, counting every value an alias repeats (alias bombs)."""
MAX_DEPTH = 50
"""Lists and sets of fields nested in one another."""
MAX_DIGITS = 100
"""Digits of a whole number; Python refuses to read more than 4,300, and no field needs 100."""

# MkDocs' own pattern (`mkdocs.utils.meta.YAML_RE`; a test checks they are equal): the front
# matter MkDocs strips from a page is exactly what this matches, and nothing else. A file it does
# not match is rendered whole, front matter included, so the plugin reads nothing else either.
FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.UNICODE | re.DOTALL)
# A line that a writer means as a front-matter fence but MkDocs does not take as one: more
# dashes, or other white space after them; and the file's last line, with no line break after it.
_LOOSE_FENCE = re.compile(r"^(?:-{3,}|\.{3})\s*?$", re.MULTILINE)
_NO_FIELDS = (
    "has front matter with no fields, which MkDocs would print as text; "
    "write the fields (title, category, institution, date) between the '---' lines"
)
_LOOSE_OPENING = re.compile(r"-{3,}")
_YAML_TAG = "tag:yaml.org,2002:"
_INT_TAG = _YAML_TAG + "int"
# Tags YAML gives to keys: `<<` (merge another set of fields in) and `=`; see flatten_mapping.
_KEY_TAGS = frozenset({_YAML_TAG + "merge", _YAML_TAG + "value"})
_KNOWN_TAGS = frozenset(tag for tag in SafeConstructor.yaml_constructors if tag) | _KEY_TAGS
_RESOLVER = Resolver()
# What a value with a YAML type is expected to look like, and how to write one.
_KINDS = {
    _YAML_TAG + "timestamp": ("a date", "write a real date, like 2025-06-14"),
    _INT_TAG: ("a whole number", "write a whole number, like 42"),
    _YAML_TAG + "float": ("a number", "write a number, like 4.5"),
    _YAML_TAG + "bool": ("true or false", "write true or false"),
}
_SYNTAX_FIX = "check the quotes, colons and indentation on that line"
# A line `key: value` whose value, not in quotes, holds a colon: "title: LLMs Mastery: A Guide".
_KEY_AND_VALUE = re.compile(r"[ \t]*(?P<key>[^\s'\"#:-][^:#]*?):[ \t]+(?P<value>[^\s'\"].*?)[ \t]*")
_UNREADABLE_FIX = (
    "front matter holds text, numbers, dates, true/false, lists and fields; "
    "put the value in quotes to keep it as text"
)


@dataclass(slots=True)
class ReviewSource:
    """A review file's front matter, as MkDocs strips it from the page.

    `metadata` is None when the front matter could not be read; `problems` then says why.
    """

    path: str
    metadata: dict[str, Any] | None
    key_lines: dict[str, int] = field(default_factory=dict)
    """The line in the file of each top-level front-matter key, for messages."""
    problems: list[Problem] = field(default_factory=list)

    def line_of(self, key: str) -> int | None:
        """The line in the file where a top-level front-matter key is written, if any."""
        return self.key_lines.get(key)


@dataclass
class FrontMatter:
    """Loaded front matter: its fields and their lines, or the one reason it was refused."""

    metadata: dict[str, Any] | None
    key_lines: dict[str, int]
    problem: Problem | None
    empty: bool = False
    """The text holds no YAML value at all (only blank lines or comments)."""


def read_source(path: str, text: str) -> ReviewSource:
    """Read the front matter of `text`, the content of the file at `path`.

    The front matter is what MkDocs strips from the page (`FRONT_MATTER`), and only when MkDocs
    would strip it: a file whose first line is meant as a fence but that MkDocs would render
    whole, front matter and all, is refused. Never raises for bad input: every problem is
    described in the result.
    """
    text = text.removeprefix("\ufeff")
    if not text.strip():
        return _unreadable(
            path, "is empty; start it with front matter (title, category, institution, date)"
        )
    split = FRONT_MATTER.match(text)
    if split is None:
        return _unsplit(path, text)
    # The front matter's text starts on line 2, after the opening '---'.
    loaded = load_front_matter(path, split.group(1), first_line=2)
    if loaded.metadata is None:
        return ReviewSource(path, None, problems=[loaded.problem] if loaded.problem else [])
    if loaded.empty:
        # MkDocs strips front matter only when it holds a set of fields (`meta.get_data`).
        return _unreadable(path, _NO_FIELDS, 1)
    return ReviewSource(path, loaded.metadata, loaded.key_lines)


def _unsplit(path: str, text: str) -> ReviewSource:
    """The review at `path`, whose front matter MkDocs would not strip: why, and the fix."""
    if _LOOSE_OPENING.match(text) is None:
        if _LOOSE_OPENING.match(text.lstrip()):
            return _unreadable(
                path,
                "has white space before its first '---', so MkDocs does not read the front "
                "matter and would print the fields as text; delete what comes before the '---'",
                1,
            )
        return _unreadable(
            path,
            "has no front matter; start the file with a line '---', the fields "
            "(title, category, institution, date), then another line '---'",
            1,
        )
    first_line = text.split("\n", 1)[0]
    if first_line.rstrip(" \t") != "---":
        return _unreadable(
            path,
            f"starts with the line {first_line!r}, which MkDocs does not read as the start of "
            "front matter, so it would print the fields as text; make the first line exactly "
            "'---'",
            1,
        )
    closing = _LOOSE_FENCE.search(text, len(first_line) + 1)
    if closing is None:
        return _unreadable(
            path, "has front matter that is never closed; add a line '---' after the fields", 1
        )
    line = text.count("\n", 0, closing.start()) + 1
    fence = closing.group()
    if fence.rstrip(" \t") not in {"---", "..."}:
        return _unreadable(
            path,
            f"closes its front matter on line {line} with {fence!r}, which MkDocs does not read "
            "as the end of front matter, so it would print the fields as text; make that line "
            "exactly '---'",
            line,
        )
    if text.startswith("\n", closing.end()):
        return _unreadable(path, _NO_FIELDS, 1)
    return _unreadable(
        path,
        f"ends on line {line} with the '{fence.strip()}' that closes its front matter, with no "
        "line break after it, so MkDocs would print the fields as text; add a line break "
        "after it (or the review's text)",
        line,
    )


def _unreadable(path: str, message: str, line: int | None = None) -> ReviewSource:
    return ReviewSource(path, None, problems=[Problem(path, message, line=line)])


def load_front_matter(path: str, text: str, *, first_line: int = 1) -> FrontMatter:
    """Load the YAML `text` of the front matter of the file at `path`, which starts on `first_line`.

    Never raises, whatever `text` holds: anything wrong is the one `problem` of the result, with
    the line in the file where it is (numbered as editors do), and `metadata` is then None.
    The YAML is composed into nodes first, and they are checked before any value is built:
    aliases that refer to themselves, expand beyond `MAX_VALUES` values or nest deeper than
    `MAX_DEPTH`, duplicate keys, tags that are not plain YAML types and overlong numbers are
    refused. Each top-level value is then built on its own, so a failure names its field.
    """
    lines = _Lines(text, first_line)
    size = len(text)  # in UTF-8, no more than 4 bytes a character
    if size * 4 > MAX_FRONT_MATTER_BYTES:
        size = len(text.encode("utf-8", errors="surrogatepass"))
    if size > MAX_FRONT_MATTER_BYTES:
        return _refused(
            Problem(
                path,
                f"has front matter of {size / 1e6:.1f} MB; keep it under "
                f"{MAX_FRONT_MATTER_BYTES / 1e6:g} MB, and move long text into the review body",
                line=first_line,
            )
        )
    try:
        return _load(path, text, lines)
    except _Refusal as refusal:
        return _refused(refusal.problem)
    # The one boundary for untrusted YAML: PyYAML and the constructors it calls (int(),
    # datetime(), base64, dict keys) raise many exception types, none of which may stop the
    # build; every one becomes a message about the file.
    except Exception as error:  # noqa: BLE001
        return _refused(_explain(path, error, lines))


def _load(path: str, text: str, lines: _Lines) -> FrontMatter:
    loader = LOADER(text)  # type: ignore[call-arg]
    try:
        loader.limit(path, lines)
        root = loader.get_single_node()
        if root is None:
            return FrontMatter({}, {}, None, empty=True)
        return loader.construct_fields(cast("MappingNode", root))  # `compose_node` saw to it
    finally:
        loader.dispose()


def _refused(problem: Problem) -> FrontMatter:
    return FrontMatter(None, {}, problem)


class _Refusal(Exception):  # noqa: N818 - not an error of ours: the front matter is refused
    """The front matter is refused, for the reason in `problem`."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


class _ConstructionError(Exception):
    """Building the value of `node` failed with `error`."""

    def __init__(self, node: Node, error: Exception) -> None:
        super().__init__(str(error))
        self.node = node
        self.error = error


class _Lines:
    """Line numbers in the file of positions in the front matter's text.

    YAML also counts a lone carriage return, NEL and the Unicode line separators as line breaks;
    editors count line feeds only.
    """

    def __init__(self, text: str, first_line: int) -> None:
        self.text = text
        self.first_line = first_line
        self._breaks: list[int] | None = None

    def at(self, index: int) -> int:
        if self._breaks is None:
            self._breaks = [match.start() for match in re.finditer("\n", self.text)]
        return self.first_line + bisect.bisect_left(self._breaks, index)

    def of(self, node: Node | Event) -> int:
        return self.at(cast("Mark", node.start_mark).index)


class _LimitedComposer(Composer):
    """PyYAML's composer, refusing as it reads what front matter must not hold.

    Every limit is checked before the node it concerns is composed, so reading stops at the
    first one passed: a nesting deeper than `MAX_DEPTH` stops before PyYAML recurses into it
    (into Python's recursion limit, or into a crash with libyaml 0.2.5's own composer, which
    is why this one composes libyaml's events too); an alias is counted by the values it
    repeats, never expanded; an alias inside its own anchor is a loop.
    """

    if TYPE_CHECKING:  # from the parser and the constructor this composer is mixed with
        # types-PyYAML leaves the events untyped; they are those of `yaml.events`.
        def check_event(self, *choices: Any) -> bool: ...  # noqa: ANN401
        def peek_event(self) -> Any: ...  # noqa: ANN401
        def get_event(self) -> Any: ...  # noqa: ANN401
        def dispose(self) -> None: ...
        def flatten_mapping(self, node: MappingNode) -> None: ...
        def construct_object(self, node: Node, deep: bool = False) -> Any: ...  # noqa: ANN401

    def limit(self, path: str, lines: _Lines) -> None:
        """Start reading the front matter of the file at `path`."""
        self.path = path
        self.lines = lines
        self.anchors: dict[Any, Node] = {}
        self.values = 0
        """Values read so far, counting every value an alias repeats."""
        self.depth = 0
        """How many lists and sets of fields are being read, one inside the other."""
        # Of each list or set of fields once read: what an alias of it repeats.
        self.sizes: dict[Node, int] = {}
        self.depths: dict[Node, int] = {}
        self.keys: dict[Node, dict[tuple[str, Any], Node]] = {}
        self.field: str | None = None
        """The top-level field whose value is being read, for messages."""

    def refuse(self, message: str, at: Node | Event, key: str | None = None) -> _Refusal:
        return _Refusal(Problem(self.path, message, field=key, line=self.lines.of(at)))

    def compose_node(self, parent: Node | None, index: Any) -> Node:  # noqa: ANN401 - YAML's
        if self.depth == 1:  # a field of the front matter, or its name
            self.field = None if index is None else _field_name(index)
        if self.check_event(AliasEvent):
            node = self.alias(self.get_event())
        else:
            node = self.compose_new(root=parent is None)
        if isinstance(parent, MappingNode) and index is None and isinstance(node, ScalarNode):
            self.check_duplicate(parent, node)
        return node

    def compose_new(self, *, root: bool) -> Node:
        """A node that is not an alias: the document's `root`, or one inside it."""
        event = self.peek_event()
        anchor = event.anchor
        if anchor is not None and anchor in self.anchors:
            first = self.lines.of(self.anchors[anchor])
            raise self.refuse(
                f"has the anchor &{anchor} a second time (first on line {first}); "
                "give each anchor its own name",
                event,
                self.field,
            )
        self.values += 1
        if self.values > MAX_VALUES:
            raise self.refuse(_too_many_values(aliased=False), event, self.field)
        if event.tag not in {None, "!"} and event.tag not in _KNOWN_TAGS:
            raise self.refuse(_unknown_tag(event.tag), event, self.field)
        if isinstance(event, CollectionStartEvent):
            return self.compose_collection(event, root=root)
        node = self.compose_scalar_node(anchor)
        if node.tag == _INT_TAG and len(node.value) > MAX_DIGITS:
            raise self.refuse(
                f"has {_shown_scalar(node)}, a number of {len(node.value):,} digits, too "
                "long to read; put it in quotes to keep it as text",
                node,
                self.field,
            )
        if root:
            raise self.refuse(_not_fields(_kind_of(node)), node)
        return node

    def compose_collection(self, event: CollectionStartEvent, *, root: bool) -> Node:
        """A list or set of fields, its size and depth noted for the aliases that repeat it."""
        is_mapping = isinstance(event, MappingStartEvent)
        if root and not is_mapping:
            raise self.refuse(_not_fields("a list"), event)
        if self.depth >= MAX_DEPTH:
            raise self.refuse(_too_deep(), event, self.field)
        before = self.values - 1
        self.depth += 1
        anchor: Any = event.anchor  # types-PyYAML has the composer take the anchors
        node: SequenceNode | MappingNode
        node = (
            self.compose_mapping_node(anchor) if is_mapping else self.compose_sequence_node(anchor)
        )
        self.depth -= 1
        self.sizes[node] = self.values - before
        children = chain.from_iterable(node.value) if is_mapping else node.value
        self.depths[node] = 1 + max((self.depths.get(n, 0) for n in children), default=0)
        return node

    def alias(self, event: AliasEvent) -> Node:
        """The node an alias repeats: counted again, never copied."""
        node = self.anchors.get(event.anchor)
        if node is None:
            raise self.refuse(
                f"uses the alias *{event.anchor}, but no anchor &{event.anchor} comes before it; "
                "write the value out instead",
                event,
                self.field,
            )
        if not isinstance(node, ScalarNode) and node not in self.sizes:
            raise self.refuse(
                f"contains itself: the alias *{event.anchor} is inside the value of its own "
                f"anchor, on line {self.lines.of(node)}, so it has no end; "
                "write the values out instead",
                event,
                self.field,
            )
        self.values += self.sizes.get(node, 1)
        if self.values > MAX_VALUES:
            raise self.refuse(_too_many_values(aliased=True), event, self.field)
        if self.depth + self.depths.get(node, 0) > MAX_DEPTH:
            raise self.refuse(_too_deep(), event, self.field)
        return node

    def check_duplicate(self, mapping: MappingNode, key: ScalarNode) -> None:
        """Refuse a key written twice in one set of fields: nobody knows which value is meant."""
        first = self.keys.setdefault(mapping, {}).setdefault((key.tag, key.value), key)
        if first is key:
            return
        where = f"on lines {self.lines.of(first)} and {self.lines.of(key)}"
        fix = "keep the one you mean and delete the other"
        if self.depth == 1:
            raise self.refuse(f"is written twice, {where}; {fix}", key, _field_name(key))
        raise self.refuse(
            f"has the key {_quoted(str(key.value))} twice, {where}; {fix}", key, self.field
        )

    def construct_fields(self, root: MappingNode) -> FrontMatter:
        """Build each top-level value on its own, so that a failure names its field."""
        self.flatten_mapping(root)  # `<<: *defaults` merge keys
        metadata: dict[Any, Any] = {}
        key_lines: dict[str, int] = {}
        for key_node, value_node in root.value:
            name = _field_name(key_node)
            try:
                key = self.construct_object(key_node, deep=True)
                value = self.construct_object(value_node, deep=True)
            except _ConstructionError as failure:
                raise self.refuse(_construction_message(failure), failure.node, name) from None
            try:
                metadata[key] = value
            except TypeError:
                raise self.refuse(
                    "is a list or a set of fields used as a field name; "
                    "write a name before the colon",
                    key_node,
                    name,
                ) from None
            if isinstance(key, str):
                key_lines[key] = self.lines.of(key_node)
        return FrontMatter(metadata, key_lines, None)


class _NodeNamingConstructor(SafeConstructor):
    """YAML's safe constructor, telling which node a failure happened on."""

    def construct_object(self, node: Node, deep: bool = False) -> Any:  # noqa: ANN401 - YAML's
        try:
            return super().construct_object(node, deep=deep)
        except _ConstructionError:
            raise
        # The innermost node that failed is the one to name; see load_front_matter.
        except Exception as error:
            raise _ConstructionError(node, error) from error


class PurePythonLoader(_LimitedComposer, _NodeNamingConstructor, yaml.SafeLoader):
    """The safe loader in Python, where PyYAML was built without libyaml."""


LOADER: type[_LimitedComposer] = PurePythonLoader
"""The loader used: with libyaml's parser when PyYAML has it, which is faster."""
if yaml.__with_libyaml__:

    class _LibYamlLoader(_LimitedComposer, _NodeNamingConstructor, yaml.CSafeLoader):
        """The safe loader with libyaml's parser, and this module's composer over its events."""

        def __init__(self, stream: str) -> None:
            # Not the composer's: libyaml's parser comes after it, to compose with it.
            yaml.CSafeLoader.__init__(self, stream)

    LOADER = _LibYamlLoader


def _field_name(node: Node) -> str:
    return node.value if isinstance(node, ScalarNode) else "a field"


def _kind_of(node: ScalarNode) -> str:
    return "plain text" if node.tag == _YAML_TAG + "str" else "a single value"


def _shown_tag(tag: str) -> str:
    return "!!" + tag.removeprefix(_YAML_TAG) if tag.startswith(_YAML_TAG) else tag


def _quoted(text: str, limit: int = 40) -> str:
    return '"' + (text if len(text) <= limit else text[: limit - 1] + "…") + '"'


def _shown_scalar(node: ScalarNode, limit: int = 40) -> str:
    """A value as its author wrote it: tag, quotes and all, shortened."""
    value = str(node.value)
    value = value if len(value) <= limit else value[: limit - 1] + "…"
    if node.style in {'"', "'"}:
        value = node.style + value + node.style
    if node.tag != _implicit_tag(node):
        value = f"{_shown_tag(node.tag)} {value}"
    return value


def _implicit_tag(node: ScalarNode) -> str:
    """The tag YAML would give the value had its author written none."""
    if node.style in {'"', "'", "|", ">"}:
        return _YAML_TAG + "str"
    # types-PyYAML leaves Resolver.resolve unannotated.
    return str(_RESOLVER.resolve(ScalarNode, node.value, (True, False)))  # type: ignore[no-untyped-call]


def _construction_message(failure: _ConstructionError) -> str:
    node, error = failure.node, failure.error
    kind, write = _KINDS.get(node.tag, (None, None))
    if not isinstance(node, ScalarNode) or kind is None or write is None:
        reason = error.problem if isinstance(error, yaml.MarkedYAMLError) else str(error)
        return f"could not be read: {reason}; {_UNREADABLE_FIX}"
    explicit = node.tag != _implicit_tag(node)
    fix = (
        f"remove the tag {_shown_tag(node.tag)}, or {write}"
        if explicit
        else f"{write}, or put it in quotes to keep it as text"
    )
    return f"has {_shown_scalar(node)}, which is not {kind}{_reason(node, error)}; {fix}"


def _reason(node: ScalarNode, error: Exception) -> str:
    """Why a date could not be built, when Python says it in words a reader knows."""
    if node.tag != _YAML_TAG + "timestamp" or not isinstance(error, ValueError):
        return ""
    if "offset" in str(error):
        return ": a time zone offset must be less than 24 hours"
    return f": {error}"


def _too_many_values(*, aliased: bool) -> str:
    if aliased:
        return (
            f"grows to more than {MAX_VALUES:,} values through aliases (*name) repeating "
            "anchors (&name); write the values out instead of repeating aliases"
        )
    return (
        f"holds more than {MAX_VALUES:,} values; keep the front matter short, "
        "and move long content into the review body"
    )


def _unknown_tag(tag: str) -> str:
    return (
        f"has the YAML tag {_shown_tag(tag)}, which is not allowed; remove the tag: front "
        "matter holds text, numbers, dates, true/false, lists and fields"
    )


def _not_fields(kind: str) -> str:
    return (
        f"has front matter that is {kind}, not a set of fields; write one 'field: value' per line"
    )


def _too_deep() -> str:
    return f"nests lists or fields more than {MAX_DEPTH} levels deep; write it with fewer levels"


def _quote_the_value(text: str, index: int) -> str | None:
    """The fix for `title: LLMs Mastery: Complete Guide`, from the line at `index` of `text`."""
    start = text.rfind("\n", 0, index) + 1
    end = text.find("\n", index)
    written = _KEY_AND_VALUE.fullmatch(text[start : end if end >= 0 else len(text)])
    if written is None or ": " not in written["value"]:
        return None
    value = written["value"]
    # In double quotes, unless a quote or backslash in it would then need escaping.
    plain = '"' not in value and "\\" not in value
    quoted = f'"{value}"' if plain else "'" + value.replace("'", "''") + "'"
    return f"the value has ': ' in it, so put the value in quotes: {written['key']}: {quoted}"


def _explain(path: str, error: Exception, lines: _Lines) -> Problem:
    """The message for an error YAML raised while reading the text."""
    if isinstance(error, yaml.MarkedYAMLError):
        mark = error.problem_mark or error.context_mark
        line = lines.at(mark.index) if mark is not None else None
        reason = error.problem or error.context or "invalid YAML"
        if "nesting depth" in reason:  # libyaml reads ahead, to its own limit of 1,000 levels
            return Problem(path, "has front matter that " + _too_deep(), line=line)
        context = error.context_mark
        if error.context and context is not None and lines.at(context.index) != line:
            reason += f" ({error.context} from line {lines.at(context.index)})"
        fix = _SYNTAX_FIX
        if "mapping values are not allowed" in reason and mark is not None:
            fix = _quote_the_value(lines.text, mark.index) or fix
        return Problem(
            path, f"has invalid YAML front matter at line {line}: {reason}; {fix}", line=line
        )
    if isinstance(error, yaml.reader.ReaderError):
        line = lines.at(error.position)
        code = error.character
        shown = f"U+{code:04X}" if isinstance(code, int) else repr(code)
        return Problem(
            path,
            f"has a character YAML does not allow in its front matter, {shown}, at line {line}; "
            "delete it",
            line=line,
        )
    return Problem(
        path,
        f"has front matter that could not be read ({type(error).__name__}: {error}); "
        "write it as plain 'field: value' lines",
    )
