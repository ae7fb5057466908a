"""`--strict` fails on the plugin's warnings, even under `-q`.

MkDocs 1.6 counts warnings for `--strict` with a handler on its `mkdocs` logger, and `-q` sets
that logger's level to ERROR: a warning is then dropped before any handler sees it, so
`mkdocs build -q --strict` passes a site with a broken review (MkDocs issues #4126, #3991).
The plugin's loggers (`mkdocs.plugins.mkdocs_course_reviews.*`, or `properdocs.plugins...` under
ProperDocs, which does the same) get a level of their own in
strict mode, so that their warnings reach the counter (and are shown: they are why the build
fails). MkDocs' own warnings are left to MkDocs.
"""

from __future__ import annotations

import logging

from mkdocs.plugins import get_plugin_logger

LOGGER = get_plugin_logger(__name__).logger.name.rpartition(".")[0]
"""The parent of every logger the plugin gets from `get_plugin_logger(__name__)`."""


def count_warnings(*, strict: bool) -> None:
    """Let the plugin's warnings reach MkDocs' strict counter, whatever `-q` says, if `strict`."""
    ours = logging.getLogger(LOGGER)
    ours.setLevel(logging.NOTSET)
    if strict and not ours.isEnabledFor(logging.WARNING):
        ours.setLevel(logging.WARNING)
