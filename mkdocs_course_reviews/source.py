"""Reading a review's source: its YAML front matter and its Markdown body, once.

Front matter is untrusted. It is loaded in one place, `load_front_matter`, which never raises:
whatever goes wrong becomes the review's one problem (file, line, what to do), and the page is
withheld. Its cost is linear in the size of the text, whatever the text holds.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any, Protocol, cast

import yaml
from yaml.composer import ComposerError
from yaml.constructor import SafeConstructor
from yaml.error import Mark
from yaml.events import (
    AliasEvent,
    CollectionEndEvent,
    CollectionStartEvent,
    Event,
    ScalarEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
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
_UNREADABLE_FIX = (
    "front matter holds text, numbers, dates, true/false, lists and fields; "
    "put the value in quotes to keep it as text"
)


@dataclass(slots=True)
class ReviewSource:
    """A review file split into its front matter and body.

    `metadata` is None when the front matter could not be read; `problems` then says why.
    """

    path: str
    metadata: dict[str, Any] | None
    body: str
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
    """Split `text` (the content of the file at `path`) into front matter and body.

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
        return ReviewSource(path, None, "", problems=[loaded.problem] if loaded.problem else [])
    if loaded.empty:
        # MkDocs strips front matter only when it holds a set of fields (`meta.get_data`).
        return _unreadable(path, _NO_FIELDS, 1)
    body = text[split.end() :].lstrip("\n")
    return ReviewSource(path, loaded.metadata, body, loaded.key_lines)


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
    return ReviewSource(path, None, "", problems=[Problem(path, message, line=line)])


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
        return _Load(path, text, lines).run()
    except _Refusal as refusal:
        return _refused(refusal.problem)
    # The one boundary for untrusted YAML: PyYAML and the constructors it calls (int(),
    # datetime(), base64, dict keys) raise many exception types, none of which may stop the
    # build; every one becomes a message about the file.
    except Exception as error:  # noqa: BLE001
        return _refused(_explain(path, error, lines))


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


class PurePythonLoader(_NodeNamingConstructor, yaml.SafeLoader):
    """The safe loader in Python, where PyYAML was built without libyaml."""


LOADER: type[_NodeNamingConstructor] = PurePythonLoader
"""The loader used: with libyaml's parser when PyYAML has it, which is faster."""
if yaml.__with_libyaml__:

    class _LibYamlLoader(_NodeNamingConstructor, yaml.CSafeLoader):
        """The safe loader with libyaml's parser."""

    LOADER = _LibYamlLoader


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

    def of(self, node: Node) -> int:
        return self.at(node.start_mark.index)


class _EventSource(Protocol):
    """What loading needs of a YAML loader: its parser's events, and its constructor."""

    def get_event(self) -> Event: ...
    def check_event(self, *choices: type[Event]) -> bool: ...
    def construct_object(self, node: Node, deep: bool = False) -> Any: ...  # noqa: ANN401
    def flatten_mapping(self, node: MappingNode) -> None: ...
    def dispose(self) -> None: ...


@dataclass
class _Open:
    """A list or set of fields whose items are still being read."""

    node: SequenceNode | MappingNode
    values_before: int
    key: Node | None = None
    keys: dict[tuple[str, str], ScalarNode] = field(default_factory=dict)
    depth_below: int = 0


class _Load:
    """One loading of one front matter; `run` returns it, or raises why it is refused.

    It composes the YAML events into nodes itself, without recursion, so that every limit is
    checked as the text is read and reading stops at the first one passed: aliases are counted
    by the values they repeat, never expanded; an alias inside its own anchor is a loop; a
    nesting deeper than `MAX_DEPTH` stops there (deeper, PyYAML's own composers recurse: into
    Python's recursion limit, or into a crash with libyaml 0.2.5, whose scanner also slows down
    quadratically with the depth).
    """

    def __init__(self, path: str, text: str, lines: _Lines) -> None:
        self.path = path
        self.text = text
        self.lines = lines
        self.values = 0
        """Values read so far, counting every value an alias repeats."""
        # By node id: an alias repeats a node, whose size and depth are known once it is closed.
        self.sizes: dict[int, int] = {}
        self.depths: dict[int, int] = {}
        self.anchors: dict[str, Node] = {}
        self.stack: list[_Open] = []

    def refuse(self, message: str, node: Node | Event, key: str | None = None) -> _Refusal:
        line = self.lines.at(node.start_mark.index) if node.start_mark is not None else None
        return _Refusal(Problem(self.path, message, field=key, line=line))

    def run(self) -> FrontMatter:
        loader = cast("_EventSource", LOADER(self.text))  # type: ignore[call-arg]
        try:
            root = self.compose(loader)
            if root is None:
                return FrontMatter({}, {}, None, empty=True)
            return self.construct(loader, root)
        finally:
            loader.dispose()

    def compose(self, loader: _EventSource) -> MappingNode | None:
        """The front matter's one document as nodes, checked; None if it is empty."""
        loader.get_event()  # StreamStartEvent
        if loader.check_event(StreamEndEvent):
            return None
        document = loader.get_event()  # DocumentStartEvent
        root = self.compose_root(loader)
        loader.get_event()  # DocumentEndEvent
        if not loader.check_event(StreamEndEvent):
            raise ComposerError(
                "expected a single document in the stream",
                _mark(document),
                "but found another document",
                _mark(loader.get_event()),
            )
        return root

    def compose_root(self, loader: _EventSource) -> MappingNode:
        while True:
            event = loader.get_event()
            if isinstance(event, CollectionEndEvent):
                node: Node = self.close()
            elif isinstance(event, AliasEvent):
                node = self.alias(event)
            else:
                node = self.open(event)
                if not isinstance(node, ScalarNode):
                    continue
            if not self.stack:
                assert isinstance(node, MappingNode)  # noqa: S101 - `open` refuses any other
                return node
            self.add(self.stack[-1], node)

    def field(self) -> str | None:
        """The top-level field being read, for messages."""
        if not self.stack:
            return None
        key = self.stack[0].key
        return _field_name(key) if key is not None else None

    def open(self, event: Event) -> Node:
        """A new node: a scalar, or a list or set of fields whose items come next."""
        # Inside a document, events other than these are only ends, which `compose_root` takes.
        assert isinstance(event, ScalarEvent | CollectionStartEvent)  # noqa: S101
        anchor = event.anchor
        if anchor is not None and anchor in self.anchors:
            first = self.lines.at(self.anchors[anchor].start_mark.index)
            raise self.refuse(
                f"has the anchor &{anchor} a second time (first on line {first}); "
                "give each anchor its own name",
                event,
                self.field(),
            )
        node = _node(event)
        self.values += 1
        self.check_size(event, aliased=False)
        self.check_tag(node)
        if anchor is not None:
            self.anchors[anchor] = node
        if not self.stack and not isinstance(node, MappingNode):
            raise self.refuse(
                f"has front matter that is {_kind_of(node)}, not a set of fields; "
                "write one 'field: value' per line",
                node,
            )
        if isinstance(node, SequenceNode | MappingNode):
            self.stack.append(_Open(node, self.values - 1))
            if len(self.stack) > MAX_DEPTH:
                raise self.refuse(_too_deep(), node, self.field())
        return node

    def alias(self, event: AliasEvent) -> Node:
        """The node an alias repeats: counted again, never copied."""
        node = self.anchors.get(str(event.anchor))
        if node is None:
            raise self.refuse(
                f"uses the alias *{event.anchor}, but no anchor &{event.anchor} comes before it; "
                "write the value out instead",
                event,
                self.field(),
            )
        if any(open_.node is node for open_ in self.stack):
            raise self.refuse(
                f"contains itself: the alias *{event.anchor} is inside the value of its own "
                f"anchor, on line {self.lines.at(node.start_mark.index)}, so it has no end; "
                "write the values out instead",
                event,
                self.field(),
            )
        self.values += self.sizes.get(id(node), 1)
        self.check_size(event, aliased=True)
        if len(self.stack) + self.depths.get(id(node), 0) > MAX_DEPTH:
            raise self.refuse(_too_deep(), event, self.field())
        return node

    def close(self) -> Node:
        """The list or set of fields whose end was just read."""
        open_ = self.stack.pop()
        node = open_.node
        self.sizes[id(node)] = self.values - open_.values_before
        self.depths[id(node)] = 1 + open_.depth_below
        return node

    def add(self, parent: _Open, node: Node) -> None:
        """Put a finished node into the list or set of fields it belongs to."""
        parent.depth_below = max(parent.depth_below, self.depths.get(id(node), 0))
        if isinstance(parent.node, SequenceNode):
            parent.node.value.append(node)
        elif parent.key is None:
            parent.key = node
            if isinstance(node, ScalarNode):
                self.check_duplicate(parent, node)
        else:
            parent.node.value.append((parent.key, node))
            parent.key = None

    def check_duplicate(self, parent: _Open, key_node: ScalarNode) -> None:
        """Refuse a key written twice in one set of fields: nobody knows which value is meant."""
        first = parent.keys.setdefault((key_node.tag, key_node.value), key_node)
        if first is key_node:
            return
        where = f"on lines {self.lines.of(first)} and {self.lines.of(key_node)}"
        fix = "keep the one you mean and delete the other"
        if parent is self.stack[0]:
            raise self.refuse(f"is written twice, {where}; {fix}", key_node, _field_name(key_node))
        raise self.refuse(
            f"has the key {_quoted(str(key_node.value))} twice, {where}; {fix}",
            key_node,
            self.field(),
        )

    def check_size(self, event: Event, *, aliased: bool) -> None:
        if self.values > MAX_VALUES:
            raise self.refuse(_too_many_values(aliased=aliased), event, self.field())

    def check_tag(self, node: Node) -> None:
        if node.tag not in _KNOWN_TAGS:
            raise self.refuse(
                f"has the YAML tag {_shown_tag(node.tag)}, which is not allowed; "
                "remove the tag: front matter holds text, numbers, dates, true/false, "
                "lists and fields",
                node,
                self.field(),
            )
        if isinstance(node, ScalarNode) and node.tag == _INT_TAG and len(node.value) > MAX_DIGITS:
            raise self.refuse(
                f"has {_shown_scalar(node)}, a number of {len(node.value):,} digits, too long to "
                "read; put it in quotes to keep it as text",
                node,
                self.field(),
            )

    def construct(self, loader: _EventSource, root: MappingNode) -> FrontMatter:
        """Build each top-level value on its own, so that a failure names its field."""
        loader.flatten_mapping(root)  # `<<: *defaults` merge keys
        metadata: dict[Any, Any] = {}
        key_lines: dict[str, int] = {}
        for key_node, value_node in root.value:
            name = _field_name(key_node)
            try:
                key = loader.construct_object(key_node, deep=True)
                value = loader.construct_object(value_node, deep=True)
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


def _node(event: ScalarEvent | CollectionStartEvent) -> Node:
    """The node an event starts, its tag resolved as YAML's composer resolves it."""
    tag = event.tag
    if isinstance(event, ScalarEvent):
        if tag is None or tag == "!":
            tag = _RESOLVER.resolve(ScalarNode, event.value, event.implicit)  # type: ignore[no-untyped-call]
        return ScalarNode(tag, event.value, _mark(event), _mark(event, end=True), style=event.style)
    kind = SequenceNode if isinstance(event, SequenceStartEvent) else MappingNode
    if tag is None or tag == "!":
        tag = _RESOLVER.resolve(kind, None, event.implicit)  # type: ignore[no-untyped-call]
    return kind(tag, [], _mark(event), None, flow_style=event.flow_style)


def _mark(event: Event, *, end: bool = False) -> Mark:
    """Where an event starts (or ends) in the text: libyaml's marks have the fields of Python's."""
    return cast("Mark", event.end_mark if end else event.start_mark)


def _field_name(node: Node) -> str:
    return node.value if isinstance(node, ScalarNode) else "a field"


def _kind_of(node: Node) -> str:
    if isinstance(node, SequenceNode):
        return "a list"
    if node.tag == _YAML_TAG + "str":
        return "plain text"
    return "a single value"


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


def _too_deep() -> str:
    return f"nests lists or fields more than {MAX_DEPTH} levels deep; write it with fewer levels"


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
        return Problem(
            path,
            f"has invalid YAML front matter at line {line}: {reason}; {_SYNTAX_FIX}",
            line=line,
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
