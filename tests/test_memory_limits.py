"""Bad raw files are refused within bounded memory, with a message (issue 13, item 3).

Each case writes a small hostile file at test time (a gzip inflating to a 300 MiB field,
a 1 GiB sparse file, a gzip of 192 MiB of commas, a spreadsheet of 150,000 rows) and
reads it in a child process the way the build or the refresh's validator does. The child
runs under an address-space limit (so the old, unbounded code fails there instead of
taking the machine's memory) and its peak resident memory is read from the kernel (VmHWM
of /proc/<child>/status, written by the child at exit: the peak of its own address space.
`wait4`'s ru_maxrss would also count the pages of the pytest process it was forked from,
which grows past the limit in a full run): it must stay under PEAK_LIMIT_MB whatever the
file. Nothing here is timed.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PROJECT_DIR, TEST_KEY

ADDRESS_SPACE_LIMIT = 3 << 30  # the child's hard ceiling: the old code went past 6 GB
PEAK_LIMIT_MB = 400  # Python, DuckDB and one bounded record; a clean build needs ~150 MB

# The child: make the bad file, then validate it (refresh) or build its source alone.
CHILD = r"""
import gzip, os, shutil, sys, zipfile
from pathlib import Path

case, mode, work = sys.argv[1], sys.argv[2], Path(sys.argv[3])
import atexit


def write_peak():  # this process's own peak resident memory, in kB (see the module doc)
    status = Path("/proc/self/status").read_text()
    peak = next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:"))
    (work.parent / "peak_kb").write_text(peak)


atexit.register(write_peak)
import etl.build
from etl.manifest import FileEntry, Manifest, sha256_of, write_manifest
from etl.registry import source_modules
from tests.conftest import DATA_DIR

SLUGS = {
    "gzip_bomb_field": "us_chicago_cpdp_settlements",
    "gzip_of_commas": "us_chicago_cpdp_settlements",
    "sparse_csv": "us_nyc_ccrb_penalties",
    "sparse_json": "us_nyc_ccrb_closing_reports",
    "xlsx_rows": "us_nj_ag_major_discipline",
}
MiB = 1 << 20


def gzip_of(path, blocks):
    with gzip.open(path, "wb", compresslevel=1) as out:
        for block in blocks:
            out.write(block)


def bomb_field(path):
    real = gzip.decompress(
        (DATA_DIR / "raw/us_chicago_cpdp_settlements" / path.name).read_bytes()
    )
    header = real.split(b"\n", 1)[0]
    block = b"x" * (16 * MiB)
    gzip_of(path, [header + b"\n1,", *(block for _ in range(19)), b"\n"])


def xlsx_rows(path, rows):
    from etl.sources import us_nj_ag_major_discipline

    (spec,) = us_nj_ag_major_discipline.files
    COLUMNS = spec.columns  # noqa: N806 (the declared header, as the module's constant was)

    def cell(column, row, value):
        return f'<c r="{column}{row}" t="inlineStr"><is><t>{value}</t></is></c>'

    head = "".join(cell(chr(65 + i), 1, name) for i, name in enumerate(COLUMNS))
    ns = 'xmlns="http://schemas.openxmlformats.org/package/2006/'
    main = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    sheet_type = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    doc = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "[Content_Types].xml",
            f'<Types {ns}content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package'
            '.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{sheet_type}.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" '
            f'ContentType="{sheet_type}.worksheet+xml"/></Types>',
        )
        z.writestr(
            "_rels/.rels",
            f'<Relationships {ns}relationships"><Relationship Id="rId1" '
            f'Type="{doc}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        z.writestr(
            "xl/workbook.xml",
            f'<workbook {main} {rel}><sheets><sheet name="S" sheetId="1" r:id="rId1"/>'
            "</sheets></workbook>",
        )
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<Relationships {ns}relationships"><Relationship Id="rId1" '
            f'Type="{doc}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        )
        body = "".join(f'<row r="{r}"><c r="A{r}"><v>2021</v></c></row>' for r in range(2, rows))
        z.writestr(
            "xl/worksheets/sheet1.xml",
            f'<worksheet {main}><sheetData><row r="1">{head}</row>{body}</sheetData></worksheet>',
        )


slug = SLUGS[case]
module = next(m for m in source_modules() if m.SOURCE.slug == slug)
download = module.SOURCE.downloads[0]
folder = work / "raw" / slug
folder.mkdir(parents=True)
path = folder / download.file
if case == "gzip_bomb_field":
    bomb_field(path)
elif case == "gzip_of_commas":
    gzip_of(path, (b"," * (16 * MiB) for _ in range(12)))
elif case.startswith("sparse"):
    with path.open("wb") as handle:
        handle.truncate(1 << 30)
else:
    xlsx_rows(path, 150_000)

if mode == "validate":
    from etl.validate import ValidationError, validate

    try:
        import inspect

        # the limits where this code has them (the unbounded code had none to pass)
        limits = getattr(module.SOURCE, "limits", None)
        takes_limits = "limits" in inspect.signature(validate).parameters
        validate(path, download, "", "", *((limits,) if takes_limits else ()))
        print("ACCEPTED")
    except ValidationError as error:
        print(f"source {slug}: file {download.file}: {error}")
else:
    entry = FileEntry(path.name, "u", "o", "2026-01-01", sha256_of(path), path.stat().st_size, "l")
    write_manifest(folder, [entry])
    shutil.copytree(DATA_DIR / "reference", work / "reference")
    etl.build.source_modules = lambda: [module]
    try:
        etl.build.build(work, show_progress=False)
        print("BUILT")
    except etl.build.BuildError as error:
        print(error)
"""

CASES = ["gzip_bomb_field", "gzip_of_commas", "sparse_csv", "sparse_json", "xlsx_rows"]


def run_capped(args: list[str], output: Path) -> tuple[int, int]:
    """Run a child under the address-space limit; its exit status and peak RSS in MB."""

    def cap():
        resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE_LIMIT, ADDRESS_SPACE_LIMIT))

    env = {
        **os.environ,
        "ACCOUNTABILITY_PSEUDONYM_KEY": TEST_KEY,
        "ACCOUNTABILITY_ETL_MEMORY_LIMIT": "200MB",  # DuckDB's share, as in a small box
    }
    with output.open("wb") as out:
        child = subprocess.Popen(
            args, cwd=PROJECT_DIR, env=env, stdout=out, stderr=subprocess.STDOUT, preexec_fn=cap
        )
        _, status, _ = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
    peak_kb = int((output.parent / "peak_kb").read_text())
    return child.returncode, peak_kb // 1024


@pytest.mark.parametrize("mode", ["validate", "build"])
@pytest.mark.parametrize("case", CASES)
def test_a_hostile_file_is_refused_within_bounded_memory(case, mode, tmp_path):
    output = tmp_path / "output.txt"
    status, peak_mb = run_capped(
        [sys.executable, "-c", CHILD, case, mode, str(tmp_path / "data")], output
    )
    said = output.read_text(errors="replace")
    assert status == 0, said[-2000:]
    assert peak_mb < PEAK_LIMIT_MB, f"{case} {mode}: peak {peak_mb} MB; {said[-500:]}"
    message = said.strip().splitlines()[-1]
    assert message.startswith("source us_"), message
    assert ", file " in message or ": file " in message, message
    assert "row " in message, message
    assert len(message) < 1000
    expected = {
        "gzip_bomb_field": "over the limit of",
        "gzip_of_commas": "columns or more, over the limit of 500",
        "sparse_csv": "over the limit of",
        "sparse_json": "over the limit of",
        "xlsx_rows": "more than 100,000 r",
    }[case]
    assert expected in message, message


def test_declared_size_limits_are_raised_only_by_the_factor_and_never_lowered(monkeypatch):
    """etl.limits.declared: a source's [limits] as declared (New Jersey's: 100,000 rows,
    64 MiB), multiplied for a copy many times its size (the 10M benchmark), never lowered."""
    from etl import limits

    declared = {"max_rows": 100_000, "max_bytes": 64 << 20}
    monkeypatch.delenv("ACCOUNTABILITY_ETL_LIMITS_FACTOR", raising=False)
    assert limits.declared(declared) == limits.Limits(max_rows=100_000, max_bytes=64 << 20)
    for ignored in ("0", "1", "-3", "many"):
        monkeypatch.setenv("ACCOUNTABILITY_ETL_LIMITS_FACTOR", ignored)
        assert limits.declared(declared).max_rows == 100_000
    monkeypatch.setenv("ACCOUNTABILITY_ETL_LIMITS_FACTOR", "21")
    raised = limits.declared(declared)
    assert (raised.max_rows, raised.max_bytes) == (2_100_000, 21 * (64 << 20))
    assert raised.max_parsed_bytes == 21 * limits.DEFAULT_LIMITS.max_parsed_bytes
    assert raised.max_field_bytes == limits.DEFAULT_LIMITS.max_field_bytes  # a line, not a file
