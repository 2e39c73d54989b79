"""A short hash of a value's whole content, to name cached work by what it was made from.

Pickling runs in C, so fingerprinting a chart's data or a section's frames costs far less
than the work it lets a rerun skip. Same content, same fingerprint; a value that cannot be
pickled has none (None), and its work is then simply not cached.
"""

from __future__ import annotations

import hashlib
import pickle

from ui.i18n import Translator


class _Fingerprinter(pickle.Pickler):
    """A translator stands in by its identity (language and context), not its words."""

    def reducer_override(self, obj):
        if isinstance(obj, Translator):
            return str, (repr(obj.identity),)
        return NotImplemented


class _Digest:
    def __init__(self):
        self.hash = hashlib.blake2b(digest_size=20)
        self.write = self.hash.update


def fingerprint(content) -> str | None:
    digest = _Digest()
    try:
        _Fingerprinter(digest, protocol=pickle.HIGHEST_PROTOCOL).dump(content)
    except (pickle.PicklingError, TypeError, AttributeError):
        return None
    return digest.hash.hexdigest()
