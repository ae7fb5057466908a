"""The digest of what decides a rebuild: the same parts, the same short text."""

from __future__ import annotations

import hashlib


def digest(*parts: object) -> str:
    """A short, stable digest of `parts` (their `repr`): whether what a page shows changed."""
    blake = hashlib.blake2b(digest_size=16)
    for part in parts:
        blake.update(repr(part).encode("utf-8", "surrogatepass"))
        blake.update(b"\0")
    return blake.hexdigest()
