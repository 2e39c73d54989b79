"""Keyed pseudonyms for officer identifiers.

`officer_key` = first 16 hex digits of SHA-256(key + ":" + namespace + ":" + officer_id).
Publishers' officer ids (NYPD tax ids, CPDP UIDs) are small numbers, so an unkeyed hash
could be reversed by trying them all; the key prevents that. The key comes from the
environment variable ACCOUNTABILITY_PSEUDONYM_KEY, else from `data/.pseudonym_key`,
which the first build creates with random bytes (never committed). Keep that file to
keep pseudonyms stable between builds of one installation.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from pathlib import Path

KEY_ENVIRONMENT_VARIABLE = "ACCOUNTABILITY_PSEUDONYM_KEY"
KEY_FILE_NAME = ".pseudonym_key"


def load_key(data_dir: Path) -> bytes:
    from_environment = os.environ.get(KEY_ENVIRONMENT_VARIABLE)
    if from_environment:
        return from_environment.encode("utf-8")
    key_file = data_dir / KEY_FILE_NAME
    if not key_file.exists():
        key_file.write_text(secrets.token_hex(32), encoding="utf-8")
        key_file.chmod(0o600)
    return key_file.read_text(encoding="utf-8").strip().encode("utf-8")


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
