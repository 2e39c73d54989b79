"""Refresh against a real HTTP server on 127.0.0.1 serving fixture files; no internet.

The sources are the real modules' declarations with their URLs pointed at the local
server; the files served are the bundled snapshots themselves, edited where a test needs
a new release, and broken in the ways publishers' servers break: 404, 500, a response
slower than the timeout, a body shorter than its Content-Length, an HTML page instead of
the CSV, a checksum that does not match, a renamed column. Each failure must leave the
last good copy and its manifest byte for byte as they were, and not stop other sources.
"""

from __future__ import annotations

import dataclasses
import hashlib
import shutil
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from etl.download import USER_AGENT, HttpSettings
from etl.manifest import Manifest
from etl.refresh import FAILED, SKIPPED, UNCHANGED, UPDATED, format_summary, refresh_all
from etl.sources import (
    gb_bbc_iopc_misconduct,
    gb_homeoffice_police_workforce,
    us_nj_ag_major_discipline,
    us_nyc_ccrb_departure_letters,
)
from tests.conftest import RAW_DIR
from tests.test_source_us_nj_ag_major_discipline import write_fixture_xlsx

IOPC = gb_bbc_iopc_misconduct.SOURCE
WORKFORCE = gb_homeoffice_police_workforce.SOURCE
LETTERS = us_nyc_ccrb_departure_letters.SOURCE
# Generous limits, never reached by a fixture server that answers at once however loaded
# the machine is; only the stalled reply below times out, and it never answers at all.
FAST = HttpSettings(
    connect_timeout=10.0, read_timeout=10.0, deadline=120.0, retries=2, backoff=0.01
)
STALLED = dataclasses.replace(FAST, read_timeout=0.5)


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    content_type: str = "text/csv; charset=utf-8"
    etag: str = ""
    last_modified: str = ""
    stall: bool = False  # no status line until the test is over: a certain timeout
    declared_length: int | None = None  # a Content-Length larger than the body: truncated


@dataclass
class FixtureServer:
    url: str
    replies: dict[str, list[Reply]] = field(default_factory=dict)
    seen: list[tuple[str, dict]] = field(default_factory=list)
    finished: threading.Event = field(default_factory=threading.Event)  # releases stalls

    def serve(self, path: str, *replies: Reply) -> str:
        """Answer `path` with these replies in turn (the last one repeats)."""
        self.replies[path] = list(replies)
        return f"{self.url}{path}"

    def requests_to(self, path: str) -> list[dict]:
        return [headers for seen, headers in self.seen if seen == path]


@pytest.fixture
def server():
    def handler_for(state: FixtureServer):
        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (the http.server API)
                state.seen.append((self.path, dict(self.headers)))
                queue = state.replies.get(self.path) or [Reply(404, b"not found", "text/plain")]
                reply = queue.pop(0) if len(queue) > 1 else queue[0]
                if reply.stall:
                    state.finished.wait(timeout=300)
                if reply.etag and self.headers.get("If-None-Match") == reply.etag:
                    return self._send(Reply(304, etag=reply.etag))
                if reply.last_modified and (
                    self.headers.get("If-Modified-Since") == reply.last_modified
                ):
                    return self._send(Reply(304, last_modified=reply.last_modified))
                self._send(reply)

            def _send(self, reply: Reply):
                self.send_response(reply.status)
                if reply.status != 304:
                    self.send_header("Content-Type", reply.content_type)
                    length = reply.declared_length or len(reply.body)
                    self.send_header("Content-Length", str(length))
                if reply.etag:
                    self.send_header("ETag", reply.etag)
                if reply.last_modified:
                    self.send_header("Last-Modified", reply.last_modified)
                self.end_headers()
                if reply.status != 304:
                    try:
                        self.wfile.write(reply.body)
                    except (BrokenPipeError, ConnectionResetError):
                        pass  # the client gave up first (the slow reply): as intended
                self.close_connection = True

            def log_message(self, *args):
                pass

        return Handler

    state = FixtureServer("")
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler_for(state))
    httpd.daemon_threads = True
    state.url = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield state
    state.finished.set()
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def data_dir(tmp_path) -> Path:
    """Only the raw folders these tests refresh: a copy, so data/ is never touched."""
    for source in (IOPC, WORKFORCE, LETTERS):
        shutil.copytree(RAW_DIR / source.slug, tmp_path / "raw" / source.slug)
    return tmp_path


def pointed_at(source, server: FixtureServer, **changes):
    """The module's own declaration, its file served at /<slug>/<file> by the test server."""
    downloads = tuple(
        dataclasses.replace(d, url=f"{server.url}/{source.slug}/{d.file}", **changes)
        for d in source.downloads
    )
    return dataclasses.replace(source, downloads=downloads)


def snapshot(data_dir: Path, source) -> dict[str, bytes]:
    folder = data_dir / "raw" / source.slug
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def bundled(source, name: str | None = None) -> bytes:
    return (RAW_DIR / source.slug / (name or source.primary_file)).read_bytes()


def workforce_next_year() -> bytes:
    """The Home Office table with one more year for one force: a new release."""
    return bundled(WORKFORCE) + b"Cleveland,1400.5,2020\n"


def refresh(data_dir, *sources, settings=FAST, url=""):
    return {r.slug: r for r in refresh_all(list(sources), data_dir, settings, url_override=url)}


def test_a_new_file_replaces_the_copy_and_the_manifest_records_it(server, data_dir):
    body = workforce_next_year()
    server.serve(
        f"/{WORKFORCE.slug}/{WORKFORCE.primary_file}",
        Reply(body=body, etag='"v2"', last_modified="Wed, 01 Jul 2026 08:00:00 GMT"),
    )
    day_before = time.strftime("%Y-%m-%d", time.gmtime())
    result = refresh(data_dir, pointed_at(WORKFORCE, server))[WORKFORCE.slug]
    day_after = time.strftime("%Y-%m-%d", time.gmtime())  # the refresh may cross midnight
    assert result.status == UPDATED
    # 230 force x year rows in the bundled file (test_source_...), one added
    assert result.details == [
        f"{WORKFORCE.primary_file}: 6,345 bytes -> {len(body):,} bytes, 231 records"
    ]
    folder = data_dir / "raw" / WORKFORCE.slug
    assert (folder / WORKFORCE.primary_file).read_bytes() == body
    entry = Manifest.read(folder).entry(WORKFORCE.primary_file)
    assert entry.sha256 == hashlib.sha256(body).hexdigest()
    assert (entry.bytes, entry.etag) == (len(body), '"v2"')
    assert entry.last_modified == "Wed, 01 Jul 2026 08:00:00 GMT"
    assert entry.origin.startswith(f"{server.url}/{WORKFORCE.slug}/")
    assert (
        entry.url == "https://www.gov.uk/government/collections/police-workforce-england-and-wales"
    )
    assert entry.retrieved_at in {day_before, day_after}
    Manifest.read(folder).verified_path(WORKFORCE.primary_file)  # the build will accept it
    assert not (data_dir / ".refresh").exists()
    (headers,) = server.requests_to(f"/{WORKFORCE.slug}/{WORKFORCE.primary_file}")
    assert headers["User-Agent"] == USER_AGENT
    assert "If-None-Match" not in headers  # the bundled copy came without validators


def test_unchanged_files_cost_a_304_and_no_bytes(server, data_dir):
    path = f"/{WORKFORCE.slug}/{WORKFORCE.primary_file}"
    source = pointed_at(WORKFORCE, server)
    server.serve(path, Reply(body=workforce_next_year(), etag='"v2"'))
    refresh(data_dir, source)
    before = snapshot(data_dir, WORKFORCE)
    result = refresh(data_dir, source)[WORKFORCE.slug]
    assert (result.status, result.details) == (
        UNCHANGED,
        [f"{WORKFORCE.primary_file}: not modified (304)"],
    )
    assert server.requests_to(path)[-1]["If-None-Match"] == '"v2"'
    assert snapshot(data_dir, WORKFORCE) == before


def test_last_modified_alone_makes_the_request_conditional(server, data_dir):
    path = f"/{WORKFORCE.slug}/{WORKFORCE.primary_file}"
    stamp = "Tue, 30 Jun 2026 10:00:00 GMT"
    server.serve(path, Reply(body=workforce_next_year(), last_modified=stamp))
    source = pointed_at(WORKFORCE, server)
    refresh(data_dir, source)
    assert refresh(data_dir, source)[WORKFORCE.slug].status == UNCHANGED
    assert server.requests_to(path)[-1]["If-Modified-Since"] == stamp


def test_the_same_bytes_again_are_not_a_new_release(server, data_dir):
    server.serve(f"/{IOPC.slug}/{IOPC.primary_file}", Reply(body=bundled(IOPC), etag='"a"'))
    before = snapshot(data_dir, IOPC)
    result = refresh(data_dir, pointed_at(IOPC, server))[IOPC.slug]
    assert (result.status, result.details) == (
        UNCHANGED,
        [f"{IOPC.primary_file}: same bytes as the last copy"],
    )
    after = snapshot(data_dir, IOPC)
    assert after[IOPC.primary_file] == before[IOPC.primary_file]
    # only the validators were added, so that the next request can be conditional
    assert Manifest.read(data_dir / "raw" / IOPC.slug).entry(IOPC.primary_file).etag == '"a"'


FAILURES = {
    "404": (Reply(404, b"<html>Not Found</html>", "text/html"), "HTTP 404 Not Found"),
    "500": (Reply(500, b"oops", "text/plain"), "HTTP 500 Internal Server Error"),
    "slow": (Reply(body=b"late", stall=True), "timeout"),
    "truncated": (
        Reply(body=b"Police force,FTE Count,Year\nCle", declared_length=6345),
        "truncated body: Connection broken: IncompleteRead(31 bytes read, 6314 more expected)",
    ),
    "html": (
        Reply(
            body=b"<!DOCTYPE html><html><body>Maintenance</body></html>", content_type="text/html"
        ),
        "HTML page (text/html)",
    ),
    "html_as_csv": (
        Reply(body=b"<!DOCTYPE html>\n<html><p>Please log in</p></html>\n"),
        "the body is an HTML or XML page",
    ),
    "renamed_column": (
        Reply(body=bundled(WORKFORCE).replace(b"FTE Count", b"FTE", 1)),
        "lacks column(s) 'FTE Count'",
    ),
    "too_few_rows": (
        Reply(body=b"Police force,FTE Count,Year\nCleveland,1325.44,2015\n"),
        "fewer than the 200",
    ),
    "not_utf8": (
        Reply(body=bundled(WORKFORCE).replace(b"Cleveland", b"Cl\xe9veland")),
        "not UTF-8",
    ),
}


@pytest.mark.parametrize("failure", FAILURES)
def test_a_bad_download_keeps_the_last_good_copy(server, data_dir, failure):
    reply, message = FAILURES[failure]
    path = f"/{WORKFORCE.slug}/{WORKFORCE.primary_file}"
    server.serve(path, reply)
    before = snapshot(data_dir, WORKFORCE)
    settings = STALLED if reply.stall else FAST
    result = refresh(data_dir, pointed_at(WORKFORCE, server), settings=settings)[WORKFORCE.slug]
    assert result.status == FAILED
    (detail,) = result.details
    assert message in detail
    assert detail.startswith(f"{WORKFORCE.primary_file} from {server.url}{path}: ")
    assert detail.endswith("last good copy kept")
    assert snapshot(data_dir, WORKFORCE) == before
    assert not (data_dir / ".refresh").exists()


def test_only_what_may_heal_is_retried(server, data_dir):
    server.serve("/a/missing.csv", Reply(404, b"", "text/plain"))
    server.serve(f"/{WORKFORCE.slug}/{WORKFORCE.primary_file}", Reply(503, b"", "text/plain"))
    missing = dataclasses.replace(WORKFORCE.downloads[0], url=f"{server.url}/a/missing.csv")
    refresh(data_dir, dataclasses.replace(WORKFORCE, downloads=(missing,)))
    assert len(server.requests_to("/a/missing.csv")) == 1  # a 404 will not heal
    result = refresh(data_dir, pointed_at(WORKFORCE, server))[WORKFORCE.slug]
    # 1 try + FAST.retries, each reported
    assert len(server.requests_to(f"/{WORKFORCE.slug}/{WORKFORCE.primary_file}")) == 3
    assert "HTTP 503 Service Unavailable (after 3 attempts)" in result.details[0]


def test_a_server_that_recovers_within_the_retries_succeeds(server, data_dir):
    path = f"/{WORKFORCE.slug}/{WORKFORCE.primary_file}"
    server.serve(path, Reply(503, b"", "text/plain"), Reply(body=workforce_next_year()))
    assert refresh(data_dir, pointed_at(WORKFORCE, server))[WORKFORCE.slug].status == UPDATED
    assert len(server.requests_to(path)) == 2


def test_a_checksum_mismatch_on_a_pinned_file_is_refused(server, data_dir):
    server.serve(f"/{WORKFORCE.slug}/{WORKFORCE.primary_file}", Reply(body=workforce_next_year()))
    pinned = pointed_at(WORKFORCE, server, sha256=hashlib.sha256(b"the pinned vintage").hexdigest())
    before = snapshot(data_dir, WORKFORCE)
    result = refresh(data_dir, pinned)[WORKFORCE.slug]
    assert result.status == FAILED
    assert "checksum mismatch" in result.details[0]
    assert snapshot(data_dir, WORKFORCE) == before


def test_a_pinned_file_already_present_is_not_fetched(server, data_dir):
    sha = Manifest.read(data_dir / "raw" / WORKFORCE.slug).entry(WORKFORCE.primary_file).sha256
    result = refresh(data_dir, pointed_at(WORKFORCE, server, sha256=sha))[WORKFORCE.slug]
    assert result.status == UNCHANGED
    assert server.seen == []


def test_one_failing_source_does_not_stop_the_others(server, data_dir):
    server.serve(f"/{IOPC.slug}/{IOPC.primary_file}", Reply(500, b"", "text/plain"))
    server.serve(f"/{WORKFORCE.slug}/{WORKFORCE.primary_file}", Reply(body=workforce_next_year()))
    letters = bundled(LETTERS).replace(b'"lastPublishDate"', b'"lastPublishDate" ', 1)
    server.serve(
        f"/{LETTERS.slug}/{LETTERS.primary_file}",
        Reply(body=letters, content_type="application/json"),
    )
    iopc_before = snapshot(data_dir, IOPC)
    curated = dataclasses.replace(
        IOPC, slug="curated_example", downloads=(), folder="reference/curated"
    )
    sources = [pointed_at(s, server) for s in (IOPC, WORKFORCE, LETTERS)]
    results = refresh_all([*sources, us_nj_ag_major_discipline.SOURCE, curated], data_dir, FAST)
    assert [(r.slug, r.status) for r in results] == [
        (IOPC.slug, FAILED),
        (WORKFORCE.slug, UPDATED),
        (LETTERS.slug, UPDATED),
        ("us_nj_ag_major_discipline", SKIPPED),
        ("curated_example", SKIPPED),
    ]
    assert snapshot(data_dir, IOPC) == iopc_before
    assert (data_dir / "raw" / LETTERS.slug / LETTERS.primary_file).read_bytes() == letters
    summary = format_summary(results).splitlines()
    assert summary[0].split() == ["source", "status", "what", "happened"]
    assert summary[2].startswith(f"{IOPC.slug} ") and " FAILED " in summary[2]
    assert "no download address declared for major_discipline.xlsx" in summary[5]
    assert summary[6].endswith("curated by this project")
    assert summary[-1] == "2 updated, 0 unchanged, 1 failed, 2 skipped"


def test_a_source_without_a_snapshot_gets_its_first_one(server, tmp_path):
    xlsx = write_fixture_xlsx(tmp_path / "fixture.xlsx").read_bytes()
    url = server.serve(
        "/nj/2024-major-discipline.xlsx",
        Reply(
            body=xlsx,
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
    )
    data_dir = tmp_path / "data"
    result = refresh(data_dir, us_nj_ag_major_discipline.SOURCE, url=url)
    assert result["us_nj_ag_major_discipline"].status == UPDATED
    folder = data_dir / "raw" / "us_nj_ag_major_discipline"
    entry = Manifest.read(folder).entry("major_discipline.xlsx")
    assert entry.url == "https://www.njoag.gov/programs/iapp/"
    assert entry.sha256 == hashlib.sha256(xlsx).hexdigest()
    # 9 hand-made rows under the header (one of them blank, which does not count)
    assert result["us_nj_ag_major_discipline"].details[0].endswith("8 records")


def test_the_command_line_reports_per_source_and_exits_non_zero(
    server, data_dir, monkeypatch, capsys
):
    import etl.__main__ as cli

    server.serve(f"/{IOPC.slug}/{IOPC.primary_file}", Reply(404, b"", "text/plain"))
    server.serve(f"/{WORKFORCE.slug}/{WORKFORCE.primary_file}", Reply(body=workforce_next_year()))
    sources = [pointed_at(s, server) for s in (IOPC, WORKFORCE)]
    monkeypatch.setattr(cli, "refreshable_sources", lambda data_dir: sources)
    monkeypatch.setattr("etl.refresh.HttpSettings", lambda: FAST)
    argv = ["--refresh", "--no-build", "--quiet", "--data-dir", str(data_dir)]
    assert cli.main(argv) == 1
    out, err = capsys.readouterr()
    assert f"{WORKFORCE.slug}" in out and " updated " in out
    assert f"REFRESH FAILED: {IOPC.slug}: {IOPC.primary_file} from {server.url}/" in err
    assert err.rstrip().endswith("last good copy kept")
    assert "HTTP 404 Not Found" in err
    server.serve(f"/{IOPC.slug}/{IOPC.primary_file}", Reply(body=bundled(IOPC)))
    assert cli.main([*argv, "--source", IOPC.slug]) == 0
    assert "0 failed" in capsys.readouterr().out


def test_the_command_line_refuses_unknown_sources_and_misplaced_options(capsys):
    from etl.__main__ import main

    with pytest.raises(SystemExit):
        main(["--refresh", "--source", "no_such_source", "--no-build"])
    assert "unknown source(s) ['no_such_source']" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["--source", "gb_bbc_iopc_misconduct"])
    assert "go with --refresh" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["--refresh", "--url", "http://127.0.0.1/x.csv"])
    assert "exactly one --source" in capsys.readouterr().err


def test_every_declared_download_fits_the_bundled_copy():
    """Each declaration, checked against the file it would replace: formats, columns, rows."""
    from etl.registry import source_modules
    from etl.validate import validate

    checked = 0
    for module in source_modules():
        source = module.SOURCE
        for download in source.downloads:
            if not source.bundled:
                continue
            path = RAW_DIR / source.slug / download.file
            sha = hashlib.sha256(path.read_bytes()).hexdigest()
            assert validate(path, download, "", sha) >= download.min_rows, download.file
            assert download.url == "" or download.url.startswith("https://"), download.url
            checked += 1
    assert checked == 29  # every bundled raw file except curated ones: see data/raw/*/manifest.json
