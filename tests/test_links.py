"""Links and paths out of a source's folder are refused everywhere (issue 13, item 4).

A symbolic link in data/raw would make a refresh copy whatever it points to into the
folder (a secret, or /dev/urandom until the disk is full) and the build read and quote it;
a manifest entry naming '../../etc/passwd' would be hashed and reported 'ok' by verify.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import etl.build
from etl.build import BuildError, build
from etl.manifest import MANIFEST_NAME
from etl.sources import gb_bbc_iopc_misconduct
from tests.conftest import PROJECT_DIR, RAW_DIR, TEST_KEY, copy_data
from tests.test_refresh import (  # noqa: F401 (server is a fixture)
    WORKFORCE,
    Reply,
    pointed_at,
    refresh,
    server,
    workforce_next_year,
)

IOPC = gb_bbc_iopc_misconduct.SOURCE
SECRET = b"password=hunter2\n"


def verify(data_dir: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "etl", "verify", "--data-dir", str(data_dir)],
        cwd=PROJECT_DIR,
        env={**os.environ, "ACCOUNTABILITY_PSEUDONYM_KEY": TEST_KEY},
        capture_output=True,
        timeout=60,  # a link to /dev/urandom hashed without end would time out
    )


def test_a_refresh_refuses_a_link_in_the_folder_and_copies_nothing(server, tmp_path):  # noqa: F811
    secret = tmp_path / "secret.txt"
    secret.write_bytes(SECRET)
    data_dir = tmp_path / "data"
    folder = data_dir / "raw" / WORKFORCE.slug
    shutil.copytree(RAW_DIR / WORKFORCE.slug, folder)
    (folder / "notes.txt").symlink_to(secret)
    server.serve(f"/{WORKFORCE.slug}/{WORKFORCE.primary_file}", Reply(body=workforce_next_year()))
    result = refresh(data_dir, pointed_at(WORKFORCE, server))[WORKFORCE.slug]
    assert result.status == "FAILED"
    assert f"{folder / 'notes.txt'} is a symbolic link" in result.details[0]
    assert result.details[0].endswith("last good copy kept")
    assert (folder / "notes.txt").is_symlink()  # left as it was, never turned into a file
    assert not any(
        path.read_bytes() == SECRET
        for path in data_dir.rglob("*")
        if not path.is_symlink()
        if path.is_file()
    )


def test_the_build_refuses_a_raw_file_that_is_a_link(tmp_path, monkeypatch):
    data_dir = copy_data(tmp_path / "data")
    folder = data_dir / "raw" / IOPC.slug
    real = tmp_path / "elsewhere.csv"
    (folder / IOPC.primary_file).rename(real)  # same bytes: the manifest's sha256 matches
    (folder / IOPC.primary_file).symlink_to(real)
    monkeypatch.setenv("ACCOUNTABILITY_PSEUDONYM_KEY", TEST_KEY)
    monkeypatch.setattr(etl.build, "source_modules", lambda: [gb_bbc_iopc_misconduct])
    with pytest.raises(BuildError, match=f"source {IOPC.slug}: .* is a symbolic link"):
        build(data_dir, show_progress=False)
    checked = verify(data_dir)
    assert checked.returncode == 1
    assert f"BAD {IOPC.slug}: " in checked.stderr.decode()


def test_a_link_to_a_device_fails_verify_at_once(tmp_path):
    data_dir = copy_data(tmp_path / "data")
    folder = data_dir / "raw" / IOPC.slug
    (folder / IOPC.primary_file).unlink()
    (folder / IOPC.primary_file).symlink_to("/dev/urandom")
    checked = verify(data_dir)
    assert checked.returncode == 1
    assert "is a symbolic link (to '/dev/urandom')" in checked.stderr.decode()


@pytest.mark.parametrize("name", ["../../etc/passwd", "/etc/passwd", "sub/../../x.csv"])
def test_a_manifest_entry_outside_the_folder_is_refused(tmp_path, monkeypatch, name):
    data_dir = copy_data(tmp_path / "data")
    manifest = data_dir / "raw" / IOPC.slug / MANIFEST_NAME
    document = json.loads(manifest.read_text(encoding="utf-8"))
    passwd = Path("/etc/passwd")
    document["files"].append(
        {
            **document["files"][0],
            "name": name,
            "sha256": __import__("hashlib").sha256(passwd.read_bytes()).hexdigest(),
            "bytes": passwd.stat().st_size,
        }
    )
    manifest.write_text(json.dumps(document), encoding="utf-8")
    checked = verify(data_dir)
    assert checked.returncode == 1
    assert "is not a plain file name in the source's folder" in checked.stderr.decode()
    monkeypatch.setenv("ACCOUNTABILITY_PSEUDONYM_KEY", TEST_KEY)
    monkeypatch.setattr(etl.build, "source_modules", lambda: [gb_bbc_iopc_misconduct])
    with pytest.raises(BuildError, match=f"source {IOPC.slug}: .*{MANIFEST_NAME}, files entry 2"):
        build(data_dir, show_progress=False)
