"""The pseudonym key: never weak, never readable by others, never silently changed.

An empty or short key would let anyone recover the officers' ids by hashing every small
number; a key file readable by others for a moment may have leaked; a build with another
key than the previous warehouse's would give every officer a new pseudonym. Builds here
use a small warehouse (NYC precincts, directives, NYC penalties) as tests/test_history.py.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

import etl.build
from etl.__main__ import main
from etl.build import KEY_FINGERPRINT, BuildError, build
from etl.manifest import sha256_of
from etl.pseudonym import (
    FINGERPRINT_LABEL,
    KEY_ENVIRONMENT_VARIABLE,
    KEY_FILE_NAME,
    PseudonymKeyError,
    load_key,
)
from tests.conftest import DATA_DIR, PROJECT_DIR, RAW_DIR, TEST_KEY
from tests.test_history import MODULES

OTHER_KEY = "another-pseudonym-key-fedcba9876543210"


@pytest.fixture
def small_data(tmp_path, monkeypatch) -> Path:
    monkeypatch.setattr(etl.build, "source_modules", lambda: MODULES)
    monkeypatch.delenv(KEY_ENVIRONMENT_VARIABLE, raising=False)
    data_dir = tmp_path / "data"
    for module in MODULES:
        folder = module.SOURCE.folder or f"raw/{module.SOURCE.slug}"
        if folder.startswith("raw/"):
            shutil.copytree(RAW_DIR / folder.removeprefix("raw/"), data_dir / folder)
    shutil.copytree(DATA_DIR / "reference", data_dir / "reference")
    return data_dir


def fingerprint_of(data_dir: Path) -> str | None:
    with duckdb.connect(str(data_dir / "warehouse.duckdb"), read_only=True) as con:
        row = con.execute(
            "SELECT value FROM build_info WHERE key = ?", [KEY_FINGERPRINT]
        ).fetchone()
    return row[0] if row else None


def officer_keys(data_dir: Path) -> set[str]:
    with duckdb.connect(str(data_dir / "warehouse.duckdb"), read_only=True) as con:
        return {key for (key,) in con.execute("SELECT officer_key FROM allegations").fetchall()}


# -- weak keys ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["", "   ", "short-key", "a" * 64, "abababababababababababababababab", "x" * 31],
)
def test_a_weak_key_in_the_key_file_is_refused(tmp_path, monkeypatch, text):
    monkeypatch.delenv(KEY_ENVIRONMENT_VARIABLE, raising=False)
    key_file = tmp_path / KEY_FILE_NAME
    key_file.write_text(text, encoding="utf-8")
    key_file.chmod(0o600)
    with pytest.raises(PseudonymKeyError, match="at least 32 characters"):
        load_key(tmp_path)


@pytest.mark.parametrize("text", ["", "short-key", "0" * 40])
def test_a_weak_key_in_the_environment_is_refused(tmp_path, monkeypatch, text):
    monkeypatch.setenv(KEY_ENVIRONMENT_VARIABLE, text)
    with pytest.raises(PseudonymKeyError, match=KEY_ENVIRONMENT_VARIABLE):
        load_key(tmp_path)
    assert not (tmp_path / KEY_FILE_NAME).exists()  # an empty variable is not "unset"


def test_a_build_with_an_empty_key_file_fails_and_builds_nothing(small_data, capsys):
    key_file = small_data / KEY_FILE_NAME
    key_file.write_bytes(b"")
    key_file.chmod(0o600)
    assert main(["--data-dir", str(small_data), "--quiet"]) == 1
    error = capsys.readouterr().err
    assert "BUILD FAILED" in error and "is empty" in error and str(key_file) in error
    assert not list(small_data.glob("warehouse*"))


# -- the key file ---------------------------------------------------------------------------

# Every file operation of load_key is watched through Python's audit hooks: at each one,
# no file of the data folder may hold bytes while others can read it.
WATCH_KEY_FILE = """
import os, sys
from pathlib import Path
folder = Path(sys.argv[1])
exposed, watching = [], []

def watch(event, args):
    if watching or not event.startswith(("open", "os.")):
        return
    watching.append(event)  # the scan's own listdir is an audit event too
    try:
        for name in os.listdir(folder):
            info = os.stat(folder / name)
            if info.st_size and info.st_mode & 0o077:
                exposed.append(f"{name} mode {info.st_mode & 0o777:o} at {event}")
    finally:
        watching.clear()

os.umask(0o022)  # the usual default: new files readable by everyone
sys.addaudithook(watch)
from etl.pseudonym import load_key
key = load_key(folder)
watch("open", ())
print(len(key), exposed)
"""


def test_the_key_file_is_never_readable_by_others_even_for_a_moment(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != KEY_ENVIRONMENT_VARIABLE}
    run = subprocess.run(
        [sys.executable, "-c", WATCH_KEY_FILE, str(tmp_path)],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert run.stdout.split(None, 1) == ["64", "[]\n"]
    assert [path.name for path in tmp_path.iterdir()] == [KEY_FILE_NAME]  # no leftover
    assert (tmp_path / KEY_FILE_NAME).stat().st_mode & 0o777 == 0o600


def test_a_key_file_readable_by_others_is_refused(tmp_path, monkeypatch):
    monkeypatch.delenv(KEY_ENVIRONMENT_VARIABLE, raising=False)
    load_key(tmp_path)
    (tmp_path / KEY_FILE_NAME).chmod(0o644)
    with pytest.raises(PseudonymKeyError, match="chmod 600"):
        load_key(tmp_path)


def test_a_killed_build_leaves_no_half_written_key_and_an_existing_key_is_kept(
    tmp_path, monkeypatch
):
    monkeypatch.delenv(KEY_ENVIRONMENT_VARIABLE, raising=False)
    leftover = tmp_path / f"{KEY_FILE_NAME}.12345.tmp"  # a build killed before the link
    leftover.write_text("half", encoding="utf-8")
    first = load_key(tmp_path)
    assert not leftover.exists()
    assert load_key(tmp_path) == first


# -- a changed or lost key --------------------------------------------------------------------


def test_the_warehouse_records_a_fingerprint_of_the_key_never_the_key(small_data, monkeypatch):
    monkeypatch.setenv(KEY_ENVIRONMENT_VARIABLE, TEST_KEY)
    build(small_data, show_progress=False)
    fingerprint = fingerprint_of(small_data)
    key = TEST_KEY.encode()
    assert fingerprint == hmac.new(key, FINGERPRINT_LABEL, hashlib.sha256).hexdigest()
    assert fingerprint != hashlib.sha256(key).hexdigest()
    assert TEST_KEY not in fingerprint


def test_a_build_with_another_key_is_refused_unless_asked_for(small_data, monkeypatch, capsys):
    monkeypatch.setenv(KEY_ENVIRONMENT_VARIABLE, TEST_KEY)
    build(small_data, show_progress=False)
    warehouse = small_data / "warehouse.duckdb"
    sha, keys = sha256_of(warehouse), officer_keys(small_data)

    monkeypatch.setenv(KEY_ENVIRONMENT_VARIABLE, OTHER_KEY)
    assert main(["--data-dir", str(small_data), "--quiet"]) == 1
    error = capsys.readouterr().err
    assert "BUILD FAILED, previous warehouse kept" in error
    assert "not the one" in error and "--new-pseudonym-key" in error
    assert sha256_of(warehouse) == sha
    assert not list(small_data.glob("warehouse.building-*"))

    # On purpose: every officer is re-keyed and the release history starts afresh,
    # instead of reporting all 14,918 penalty records as removed and added.
    assert main(["--data-dir", str(small_data), "--quiet", "--new-pseudonym-key"]) == 0
    assert officer_keys(small_data).isdisjoint(keys)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        releases = con.execute("SELECT DISTINCT release_number FROM releases").fetchall()
    assert releases == [(1,)]
    # and the new key is the one the next build must use
    assert main(["--data-dir", str(small_data), "--quiet"]) == 0


def test_a_lost_key_file_is_not_silently_replaced(small_data, capsys):
    build(small_data, show_progress=False)  # creates data/.pseudonym_key
    key_file = small_data / KEY_FILE_NAME
    saved = key_file.read_bytes()
    key_file.unlink()
    with pytest.raises(BuildError, match="is missing") as refused:
        build(small_data, show_progress=False)
    assert "--new-pseudonym-key" in str(refused.value)
    assert not key_file.exists()  # no new key to be confused with the lost one
    key_file.write_bytes(saved)
    key_file.chmod(0o600)
    build(small_data, show_progress=False)


def test_a_warehouse_from_before_fingerprints_is_accepted_and_gets_one(small_data, monkeypatch):
    monkeypatch.setenv(KEY_ENVIRONMENT_VARIABLE, TEST_KEY)
    build(small_data, show_progress=False)
    with duckdb.connect(str(small_data / "warehouse.duckdb")) as con:
        con.execute("DELETE FROM build_info WHERE key = ?", [KEY_FINGERPRINT])
    build(small_data, show_progress=False)
    assert fingerprint_of(small_data) is not None
