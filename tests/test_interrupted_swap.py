"""A refresh killed between the two renames of its swap loses no source (issue 13, item 1).

New Jersey is the hard case: no snapshot is bundled, so a vanished folder looks like a
source never refreshed. The refresh is killed with SIGKILL at the second rename (a named
stage, not a guessed delay); then `verify` must fail, and the next build or refresh must
put the last good copy back and load it, never delete it. A folder that vanished with no
copy left must fail the build while the previous warehouse holds its rows.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

import etl.build
from etl.build import BuildError, build
from etl.sources import us_nj_ag_major_discipline
from tests.conftest import PROJECT_DIR, TEST_KEY, copy_data
from tests.test_refresh import FAST, Reply, refresh, server  # noqa: F401 (the fixture)
from tests.test_source_us_nj_ag_major_discipline import (
    bundle_fixture,
    fixture_rows,
    write_fixture_xlsx,
)

NJ = us_nj_ag_major_discipline.SOURCE
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ENV = {**os.environ, "ACCOUNTABILITY_PSEUDONYM_KEY": TEST_KEY}

# `python -m etl` with os.rename turned into SIGKILL at its second call: in a refresh's
# swap the first rename retires the old folder, the second would put the new one in place.
KILL_AT_SECOND_RENAME = """
import os, signal, sys
real_rename, calls = os.rename, []
def rename(*args, **kwargs):
    calls.append(args)
    if len(calls) == 2:
        os.kill(os.getpid(), signal.SIGKILL)
    return real_rename(*args, **kwargs)
os.rename = rename
from etl.__main__ import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.fixture
def nj_only(monkeypatch):
    """Builds load New Jersey alone (it needs no other source), as test_bad_input does."""
    monkeypatch.setenv("ACCOUNTABILITY_PSEUDONYM_KEY", TEST_KEY)
    monkeypatch.setattr(etl.build, "source_modules", lambda: [us_nj_ag_major_discipline])


def nj_rows(data_dir: Path) -> int:
    with duckdb.connect() as con:
        con.execute("ATTACH $path AS w (READ_ONLY)", {"path": str(data_dir / "warehouse.duckdb")})
        return con.execute("SELECT count(*) FROM w.major_discipline").fetchone()[0]


def killed_mid_swap(data_dir: Path, url: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", KILL_AT_SECOND_RENAME, "--refresh", "--no-build", "--quiet"]
        + ["--source", NJ.slug, "--url", url, "--data-dir", str(data_dir)],
        cwd=PROJECT_DIR,
        env=ENV,
        capture_output=True,
        timeout=120,
    )


def verify(data_dir: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "etl", "verify", "--data-dir", str(data_dir)],
        cwd=PROJECT_DIR,
        env=ENV,
        capture_output=True,
        timeout=120,
    )


@pytest.fixture
def nj_killed_mid_swap(tmp_path, server, nj_only):  # noqa: F811 (the fixture)
    """New Jersey loaded once, then a refresh to a newer file killed between its renames."""
    data_dir = copy_data(tmp_path / "data")
    folder = bundle_fixture(data_dir)
    build(data_dir, show_progress=False)
    good = {path.name: path.read_bytes() for path in folder.iterdir()}
    newer = write_fixture_xlsx(tmp_path / "newer.xlsx", fixture_rows()[:-2]).read_bytes()
    url = server.serve("/nj/newer.xlsx", Reply(body=newer, content_type=XLSX_TYPE))
    killed = killed_mid_swap(data_dir, url)
    assert killed.returncode == -signal.SIGKILL, killed.stderr.decode()[-2000:]
    return data_dir, good


def test_a_kill_mid_swap_leaves_the_copy_in_retirement_and_verify_fails(nj_killed_mid_swap):
    data_dir, good = nj_killed_mid_swap
    folder = data_dir / "raw" / NJ.slug
    retired = data_dir / ".refresh" / f"{NJ.slug}.retired"
    assert not folder.exists()  # the state the kill leaves: only the retired copy is good
    assert {path.name: path.read_bytes() for path in retired.iterdir()} == good
    checked = verify(data_dir)
    assert checked.returncode == 1
    assert f"BAD {NJ.slug}: " in checked.stderr.decode()
    assert str(retired) in checked.stderr.decode()


def test_the_next_build_puts_the_last_good_copy_back_and_loads_it(nj_killed_mid_swap, capsys):
    data_dir, good = nj_killed_mid_swap
    loaded = nj_rows(data_dir)
    assert loaded > 0
    build(data_dir, show_progress=False)
    folder = data_dir / "raw" / NJ.slug
    assert {path.name: path.read_bytes() for path in folder.iterdir()} == good
    assert not (data_dir / ".refresh" / f"{NJ.slug}.retired").exists()
    assert nj_rows(data_dir) == loaded
    assert "restored" in capsys.readouterr().err
    assert verify(data_dir).returncode == 0


def test_the_next_refresh_restores_the_copy_before_anything_else(nj_killed_mid_swap, server):  # noqa: F811
    data_dir, good = nj_killed_mid_swap
    url = server.serve("/nj/gone.xlsx", Reply(404, b"", "text/plain"))
    result = refresh(data_dir, NJ, url=url)[NJ.slug]
    assert result.status == "FAILED"
    assert result.details[-1].endswith("last good copy kept")
    folder = data_dir / "raw" / NJ.slug
    assert {path.name: path.read_bytes() for path in folder.iterdir()} == good


def test_a_vanished_folder_of_a_loaded_source_fails_verify_and_the_build(tmp_path, nj_only):
    data_dir = copy_data(tmp_path / "data")
    bundle_fixture(data_dir)
    build(data_dir, show_progress=False)
    warehouse = (data_dir / "warehouse.duckdb").read_bytes()
    shutil.rmtree(data_dir / "raw" / NJ.slug)
    checked = verify(data_dir)
    assert checked.returncode == 1
    assert "the previous warehouse loaded" in checked.stderr.decode()
    with pytest.raises(BuildError, match=f"source {NJ.slug}: .* is missing, but the previous"):
        build(data_dir, show_progress=False)
    assert (data_dir / "warehouse.duckdb").read_bytes() == warehouse


def test_a_source_never_refreshed_still_builds_with_its_note(tmp_path, nj_only):
    data_dir = copy_data(tmp_path / "data")
    (summary,) = build(data_dir, show_progress=False)
    assert summary.note.startswith("no snapshot bundled: refresh to load")
    assert verify(data_dir).returncode == 0


def test_a_vanished_bundled_folder_fails_verify(tmp_path):
    data_dir = copy_data(tmp_path / "data")
    shutil.rmtree(data_dir / "raw" / "us_nyc_ccrb_penalties")
    checked = verify(data_dir)
    assert checked.returncode == 1
    assert "BAD us_nyc_ccrb_penalties: " in checked.stderr.decode()
