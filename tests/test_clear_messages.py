"""A sentence naming source, file, row and column instead of a traceback (issue 13, item 5).

A damaged manifest, JSON nested 100,000 deep, a missing manifest key, mixed CRLF/LF line
endings, a NUL at the end of a row and a CSV of 100,000 columns each fail the build (the
previous warehouse kept), `verify` and the refresh's validator with a message; a refresh
carries on with the other sources and prints its summary.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import etl.build
from etl.build import BuildError, build
from etl.manifest import MANIFEST_NAME, sha256_of
from etl.sources import (
    gb_bbc_iopc_misconduct,
    gb_homeoffice_police_workforce,
    us_nyc_ccrb_closing_reports,
)
from etl.validate import ValidationError, validate
from tests.conftest import PROJECT_DIR, TEST_KEY, copy_data
from tests.test_build import replace_file
from tests.test_refresh import (  # noqa: F401 (server is a fixture)
    FAST,
    WORKFORCE,
    Reply,
    pointed_at,
    server,
    workforce_next_year,
)

IOPC = gb_bbc_iopc_misconduct.SOURCE
REPORTS = us_nyc_ccrb_closing_reports.SOURCE
DEEP = "[" * 100_000 + "]" * 100_000

MANIFEST_DAMAGE = {
    "truncated": lambda text: text[: len(text) // 2],
    "nested_100000_deep": lambda text: DEEP,
    "missing_key": lambda text: json.dumps(
        {"files": [{k: v for k, v in json.loads(text)["files"][0].items() if k != "sha256"}]}
    ),
}
MANIFEST_MESSAGES = {
    "truncated": f"{MANIFEST_NAME}, line ",
    "nested_100000_deep": "nested too deep",
    "missing_key": "files entry 1 ('iopc_forfunnel.csv'): key 'sha256' is missing",
}


def damage_manifest(data_dir: Path, how: str) -> None:
    path = data_dir / "raw" / IOPC.slug / MANIFEST_NAME
    path.write_text(MANIFEST_DAMAGE[how](path.read_text(encoding="utf-8")), encoding="utf-8")


def build_alone(data_dir: Path, module, monkeypatch) -> None:
    monkeypatch.setenv("ACCOUNTABILITY_PSEUDONYM_KEY", TEST_KEY)
    monkeypatch.setattr(etl.build, "source_modules", lambda: [module])
    build(data_dir, show_progress=False)


def verify(data_dir: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "etl", "verify", "--data-dir", str(data_dir)],
        cwd=PROJECT_DIR,
        env={**os.environ, "ACCOUNTABILITY_PSEUDONYM_KEY": TEST_KEY},
        capture_output=True,
        timeout=120,
    )


@pytest.mark.parametrize("how", list(MANIFEST_DAMAGE))
def test_a_damaged_manifest_is_a_message_in_build_and_verify(how, tmp_path, monkeypatch):
    data_dir = copy_data(tmp_path / "data")
    damage_manifest(data_dir, how)
    with pytest.raises(BuildError) as failed:
        build_alone(data_dir, gb_bbc_iopc_misconduct, monkeypatch)
    assert str(failed.value).startswith(f"source {IOPC.slug}: ")
    assert MANIFEST_MESSAGES[how] in str(failed.value)
    checked = verify(data_dir)
    assert checked.returncode == 1
    assert "Traceback" not in checked.stderr.decode()
    assert f"BAD {IOPC.slug}: " in checked.stderr.decode()
    assert MANIFEST_MESSAGES[how] in checked.stderr.decode()


@pytest.mark.parametrize("how", list(MANIFEST_DAMAGE))
def test_a_refresh_carries_on_past_a_damaged_manifest(
    how,
    server,  # noqa: F811
    tmp_path,
    monkeypatch,
    capsys,
):
    import etl.__main__ as cli

    data_dir = copy_data(tmp_path / "data")
    damage_manifest(data_dir, how)
    server.serve(f"/{IOPC.slug}/{IOPC.primary_file}", Reply(body=b"item name\r\n"))
    server.serve(f"/{WORKFORCE.slug}/{WORKFORCE.primary_file}", Reply(body=workforce_next_year()))
    sources = [pointed_at(s, server) for s in (IOPC, WORKFORCE)]
    monkeypatch.setattr(cli, "refreshable_sources", lambda data_dir: sources)
    monkeypatch.setattr("etl.refresh.HttpSettings", lambda: FAST)
    argv = ["--refresh", "--no-build", "--quiet", "--data-dir", str(data_dir)]
    assert cli.main(argv) == 1
    out, err = capsys.readouterr()
    assert "1 updated, 0 unchanged, 1 failed, 0 skipped" in out
    assert f"REFRESH FAILED: {IOPC.slug}: " in err and MANIFEST_MESSAGES[how] in err


def test_an_unexpected_error_in_one_source_does_not_stop_the_refresh(
    server,  # noqa: F811
    tmp_path,
    monkeypatch,
    capsys,
):
    import etl.__main__ as cli
    import etl.refresh

    data_dir = copy_data(tmp_path / "data")
    real_validate = etl.refresh.validate

    def broken_for_iopc(path, download, *args):
        if download.file == IOPC.primary_file:
            raise RuntimeError("a bug in a reader")
        return real_validate(path, download, *args)

    monkeypatch.setattr(etl.refresh, "validate", broken_for_iopc)
    server.serve(f"/{IOPC.slug}/{IOPC.primary_file}", Reply(body=b"item name\r\nx\r\n"))
    server.serve(f"/{WORKFORCE.slug}/{WORKFORCE.primary_file}", Reply(body=workforce_next_year()))
    sources = [pointed_at(s, server) for s in (IOPC, WORKFORCE)]
    monkeypatch.setattr(cli, "refreshable_sources", lambda data_dir: sources)
    monkeypatch.setattr("etl.refresh.HttpSettings", lambda: FAST)
    assert cli.main(["--refresh", "--no-build", "--quiet", "--data-dir", str(data_dir)]) == 1
    out, err = capsys.readouterr()
    assert "1 updated, 0 unchanged, 1 failed, 0 skipped" in out
    assert "unexpected RuntimeError" in err and "last good copy kept" in err


def lines_of(data_dir: Path, source) -> list[bytes]:
    """The file's lines without their endings (IOPC's are CRLF, the workforce table's LF)."""
    data = (data_dir / "raw" / source.slug / source.primary_file).read_bytes()
    return data.replace(b"\r\n", b"\n").split(b"\n")


def mixed_line_endings(lines: list[bytes]) -> bytes:
    return b"\n".join(lines[:5]) + b"\r\n" + b"\n".join(lines[5:])


def nul_at_end_of_row(lines: list[bytes]) -> bytes:
    lines[3] += b"\x00"
    return b"\r\n".join(lines)


def columns_100000(lines: list[bytes]) -> bytes:
    wide = ",".join(f"c{i}" for i in range(100_000)).encode()
    return b"\r\n".join([lines[0].rstrip(b",") + b"," + wide, *lines[1:]])


# the source, the damage and what the message must say: the row and the column at fault
BAD_CSV = {
    "mixed_line_endings": (
        gb_homeoffice_police_workforce,
        mixed_line_endings,
        "row 4, column 'Year': the line ends with CRLF where the lines before end with LF",
    ),
    # IOPC's header ends with an empty column, which DuckDB names column3
    "nul_at_end_of_row": (
        gb_bbc_iopc_misconduct,
        nul_at_end_of_row,
        "row 3, column '(column3)?': a NUL byte \\(0x00\\)",
    ),
    "columns_100000": (
        gb_bbc_iopc_misconduct,
        columns_100000,
        "row 0 \\(header\\), column 501 \\('c497'\\): 100,003 columns",
    ),
}


@pytest.mark.parametrize("case", list(BAD_CSV))
def test_a_bad_csv_is_named_by_row_and_column_in_build_and_validator(case, tmp_path, monkeypatch):
    data_dir = copy_data(tmp_path / "data")
    module, damage, expected = BAD_CSV[case]
    source = module.SOURCE
    folder = Path("raw") / source.slug
    replace_file(data_dir, folder, source.primary_file, damage(lines_of(data_dir, source)))
    path = data_dir / folder / source.primary_file
    with pytest.raises(ValidationError) as refused:
        validate(path, source.downloads[0], "text/csv", sha256_of(path), source.limits)
    assert re.match(f"file {source.primary_file}, {expected}", str(refused.value))
    with pytest.raises(BuildError) as failed:
        build_alone(data_dir, module, monkeypatch)
    assert re.match(
        f"source {source.slug}: file {source.primary_file}, {expected}", str(failed.value)
    )


def test_json_nested_100000_deep_is_named_by_line_and_column(tmp_path, monkeypatch):
    data_dir = copy_data(tmp_path / "data")
    folder = Path("raw") / REPORTS.slug
    replace_file(data_dir, folder, REPORTS.primary_file, DEEP.encode())
    path = data_dir / folder / REPORTS.primary_file
    expected = "line 1, column 101: JSON nested more than 100 levels deep"
    with pytest.raises(ValidationError, match=expected):
        validate(path, REPORTS.downloads[0], "application/json", sha256_of(path), REPORTS.limits)
    with pytest.raises(BuildError) as failed:
        build_alone(data_dir, us_nyc_ccrb_closing_reports, monkeypatch)
    assert str(failed.value) == f"source {REPORTS.slug}: file {REPORTS.primary_file}, " + (
        f"{expected} (no real file nests more than 8): a damaged or hostile file"
    )
