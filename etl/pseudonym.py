"""Keyed pseudonyms for officer identifiers.

`officer_key` = first 16 hex digits of SHA-256(key + ":" + namespace + ":" + officer_id).
Publishers' officer ids (NYPD tax ids, CPDP UIDs) are small numbers, so an unkeyed hash
could be reversed by trying them all; the key prevents that, if it is long and random
enough: a short or empty key is refused. The key comes from the environment variable
ACCOUNTABILITY_PSEUDONYM_KEY, else from `data/.pseudonym_key`, which the first build
creates with random bytes, readable by its owner only from the first byte (never
committed). Keep that file to keep pseudonyms stable between builds of one installation.

The warehouse stores a fingerprint of the key (an HMAC of a fixed label under the key,
never the key), so that a build with another key is refused instead of silently giving
every officer a new pseudonym (see etl/build.py).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import stat
from pathlib import Path

KEY_ENVIRONMENT_VARIABLE = "ACCOUNTABILITY_PSEUDONYM_KEY"
KEY_FILE_NAME = ".pseudonym_key"
# 32 characters: 128 bits as hex. The key the build creates has 64 (32 random bytes).
MIN_KEY_CHARS = 32
# A long run of one or two characters ("aaaa...") is as guessable as a short key.
MIN_DISTINCT_CHARS = 8
FINGERPRINT_LABEL = b"accountability pseudonym key fingerprint v1"
NEW_KEY_FLAG = "--new-pseudonym-key"


class PseudonymKeyError(Exception):
    """A key that must not be used; the message says what to do."""


def load_key(data_dir: Path, create: bool = True) -> bytes:
    """The key from the environment, else from the key file (created if `create`)."""
    from_environment = os.environ.get(KEY_ENVIRONMENT_VARIABLE)
    if from_environment is not None:
        return checked_key(from_environment, f"${KEY_ENVIRONMENT_VARIABLE}")
    key_file = data_dir / KEY_FILE_NAME
    if not key_file.exists():
        if not create:
            raise PseudonymKeyError(
                f"{key_file} is missing, and the previous warehouse was built with a key: "
                f"restore the key file (or set {KEY_ENVIRONMENT_VARIABLE}) to keep every "
                f"officer's pseudonym, or build with {NEW_KEY_FLAG} to start over with a "
                "new key (every officer gets a new officer_key and the release history "
                "starts afresh)"
            )
        _create_key_file(key_file)
    _refuse_if_readable_by_others(key_file)
    return checked_key(key_file.read_text(encoding="utf-8").strip(), str(key_file))


def checked_key(text: str, origin: str) -> bytes:
    """The key as bytes, if it is long and varied enough to resist trying every id."""
    if len(text) < MIN_KEY_CHARS or len(set(text)) < MIN_DISTINCT_CHARS:
        what = "empty" if not text else f"too weak ({len(text)} characters)"
        raise PseudonymKeyError(
            f"the pseudonym key from {origin} is {what}: a key needs at least "
            f"{MIN_KEY_CHARS} characters, {MIN_DISTINCT_CHARS} of them different, or the "
            "officers' ids can be recovered by trying them all. Restore the key this "
            "installation was built with, or make a new one with "
            "`python -c 'import secrets; print(secrets.token_hex(32))'`"
        )
    return text.encode("utf-8")


def key_fingerprint(key: bytes) -> str:
    """What the warehouse stores to recognise its key: an HMAC of a fixed label under the
    key. It tells no more about the key than any officer_key does (both are keyed
    hashes), and the project's own label makes it a value no other use of the same
    secret would produce, as a plain hash of the key could be."""
    return hmac.new(key, FINGERPRINT_LABEL, hashlib.sha256).hexdigest()


def _create_key_file(key_file: Path) -> None:
    """Write a random key that no one else can ever read: the file is created with mode
    0600 (never written first and chmod-ed after), in full under a temporary name, then
    linked into place, so a killed build leaves either no key file or a whole one."""
    for leftover in key_file.parent.glob(f"{KEY_FILE_NAME}.*.tmp"):
        leftover.unlink(missing_ok=True)  # from a killed build; that key was never used
    temporary = key_file.with_name(f"{KEY_FILE_NAME}.{os.getpid()}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(secrets.token_hex(32))
            handle.flush()
            os.fsync(handle.fileno())
        # link, unlike rename, never replaces a key file that appeared meanwhile
        os.link(temporary, key_file)
    except FileExistsError:
        pass  # another process created one first: use theirs
    finally:
        temporary.unlink(missing_ok=True)


def _refuse_if_readable_by_others(key_file: Path) -> None:
    mode = stat.S_IMODE(key_file.stat().st_mode)
    if mode & 0o077:
        raise PseudonymKeyError(
            f"{key_file} can be read by other users (mode {mode:04o}), so the key may have "
            f"leaked. If only you could have read it, run `chmod 600 {key_file}`; "
            f"otherwise build with a new key ({NEW_KEY_FLAG}, after removing the file)"
        )


def normalise_officer_id(officer_id: str) -> str:
    """'130469.0' and '130469' are the same officer in CPDP files."""
    text = officer_id.strip()
    if text.endswith(".0") and text[:-2].isdigit():
        return text[:-2]
    return text


def officer_key(key: bytes, namespace: str | None, officer_id: str | None) -> str | None:
    """The Python twin of the SQL macro, for tests and one-off lookups."""
    if namespace is None or officer_id is None or not officer_id.strip():
        return None
    message = f"{key.decode('utf-8')}:{namespace}:{normalise_officer_id(officer_id)}"
    return hashlib.sha256(message.encode("utf-8")).hexdigest()[:16]


# Computed in DuckDB so that millions of rows are keyed without a Python call per row.
# The key lives in a session variable, which is never written to the warehouse file.
OFFICER_KEY_MACRO = r"""
CREATE OR REPLACE TEMP MACRO officer_key(namespace, officer_id) AS
CASE WHEN namespace IS NULL OR officer_id IS NULL OR trim(officer_id) = '' THEN NULL
     ELSE substr(sha256(getvariable('pseudonym_key') || ':' || namespace || ':'
                        || regexp_replace(trim(officer_id), '^(\d+)\.0$', '\1')), 1, 16)
END
"""


def install_officer_key(con, key: bytes) -> None:
    con.execute("SET VARIABLE pseudonym_key = ?", [key.decode("utf-8")])
    con.execute(OFFICER_KEY_MACRO)
