"""Two replicas behind Debian's HAProxy (deploy/serve.py, `make serve REPLICAS=N`): a page
opens and a CSV downloads through the balancer, in Chromium; the metrics are denied."""

from __future__ import annotations

import os
import time
import urllib.error
import urllib.request

import pytest

from deploy import serve, warm
from tests.browser import WAIT_MS, chromium_page, require_chromium
from tests.test_datapackage import BLAME_CSV

LINK = "/?page=explore&lang=en&table=statistics&jurisdiction=FR&measure=blame&sort=year"


def require_haproxy() -> None:
    try:
        serve.haproxy_binary()
    except SystemExit:
        if os.environ.get("CI"):
            pytest.fail("HAProxy is missing: .ci/run should have installed it")
        pytest.skip(serve.INSTALL_HINT)


@pytest.fixture(scope="module")
def balancer(built_data_dir, tmp_path_factory):
    require_chromium()
    require_haproxy()
    logs = tmp_path_factory.mktemp("serve-logs")
    with serve.cluster(2, warehouse=built_data_dir / "warehouse.duckdb", log_dir=logs) as running:
        yield running


def status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_the_configuration_names_every_replica_with_checks_and_sticky_cookies():
    config = serve.render_config(8501, [9001, 9002, 9003])
    for i, port in enumerate((9001, 9002, 9003), 1):
        assert f"server replica{i} 127.0.0.1:{port} cookie replica{i}" in config
    assert "option httpchk GET /_stcore/health" in config
    assert "cookie dashboard_replica insert" in config
    assert "if { path_beg /_stcore/metrics }" in config
    assert "bind 127.0.0.1:8501" in config


def test_the_balancer_checks_health_and_denies_the_metrics(balancer):
    assert status(balancer.url + "/_stcore/health") == 200
    assert status(balancer.url + "/_stcore/metrics") == 404
    for replica in balancer.replicas:  # each replica still serves them on its own loopback port
        assert status(replica + "/_stcore/health") == 200


def test_a_page_opens_and_a_csv_downloads_through_the_balancer(balancer, tmp_path):
    with chromium_page() as page:
        page.goto(balancer.url + LINK)
        page.wait_for_selector("[data-testid=stDownloadButton]", timeout=WAIT_MS)
        page.get_by_text("2 rows match these filters").wait_for(timeout=WAIT_MS)
        cookies = {c["name"]: c["value"] for c in page.context.cookies()}
        assert cookies.get(serve.COOKIE) in {"replica1", "replica2"}  # sticky
        with page.expect_download(timeout=WAIT_MS) as download:
            page.get_by_role("button", name="CSV (2 rows)").click()
        path = tmp_path / "rows.csv"
        download.value.save_as(path)
        assert path.read_bytes() == BLAME_CSV
        assert len(path.read_bytes().splitlines()) == 3  # header and the two rows


def test_the_warm_up_opens_views_on_every_replica_and_again_after_a_rebuild(balancer, tmp_path):
    """deploy.warm, as `make serve` runs it: every replica opens the views without a
    problem, once at start and once more whenever the watched file changes."""
    links = ("page=sources&lang=en", "page=overview&lang=fr")
    assert warm.warm(balancer.replicas, links) == []
    (problem,) = warm.warm(["http://127.0.0.1:9"], links)  # nothing listens: said, not raised
    assert problem.startswith("http://127.0.0.1:9: ")
    watched = tmp_path / "warehouse.duckdb"
    watched.write_bytes(b"stands for the warehouse: only its modification time is read")
    warmer = warm.Warmer(balancer.replicas, watched, interval=0.05, links=("page=sources",))
    warmer.start()
    try:
        wait_for(lambda: warmer.rounds == 1)
        os.utime(watched, (1_000_000_000, 1_000_000_000))  # a rebuild swaps a new file in
        wait_for(lambda: warmer.rounds == 2)
    finally:
        warmer.stop()
    assert warmer.problems == []


def wait_for(condition) -> None:
    deadline = time.monotonic() + 300  # a net for a hang, never reached when things work
    while not condition():
        assert time.monotonic() < deadline, "hung"
        time.sleep(0.05)
