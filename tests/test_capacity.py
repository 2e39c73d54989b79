"""The download queue (exports.gate) and the "busy" messages (ui.capacity).

Threads are coordinated with events and the gate's own state, never with sleeps or
timings: a deadline only catches a hang.
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import duckdb
import pytest

from benchmarks.export_memory import NO_FILTER
from exports import gate as gate_module
from exports.gate import ExportBusy, ExportGate
from exports.table_csv import query_csv
from ui.capacity import Admissions
from ui.data import Warehouse

HANG = 120  # seconds: a net for a hung thread, never reached when things work


def wait_until(condition) -> None:
    deadline = time.monotonic() + HANG
    while not condition():
        assert time.monotonic() < deadline, "hung"
        time.sleep(0.01)


class Holder:
    """A thread holding one slot of `gate` until released."""

    def __init__(self, gate: ExportGate):
        self.entered, self.release = threading.Event(), threading.Event()
        self.error: Exception | None = None
        self.thread = threading.Thread(target=self._run, args=(gate,), daemon=True)
        self.thread.start()

    def _run(self, gate: ExportGate) -> None:
        try:
            with gate.slot():
                self.entered.set()
                self.release.wait(HANG)
        except Exception as error:  # noqa: BLE001 - reported to the test
            self.error = error
            self.entered.set()

    def stop(self) -> None:
        self.release.set()
        self.thread.join(HANG)


def test_exports_beyond_the_slots_wait_their_turn_and_beyond_the_queue_are_refused():
    gate = ExportGate(slots=1, queue=1, wait_seconds=None)
    first = Holder(gate)
    assert first.entered.wait(HANG) and first.error is None
    assert gate.state().busy and not gate.state().full
    second = Holder(gate)  # waits in the queue
    wait_until(lambda: gate.state().waiting == 1)
    assert not second.entered.is_set()
    assert gate.state().full
    with pytest.raises(ExportBusy), gate.slot():  # a third: no place in the queue
        pass
    assert gate.state().refused == 1
    first.stop()
    assert second.entered.wait(HANG) and second.error is None  # its turn came
    assert gate.state().running == 1 and gate.state().waiting == 0
    second.stop()
    assert gate.state().running == 0


def test_a_wait_that_runs_out_is_refused_and_a_thread_may_nest_its_own_slot():
    gate = ExportGate(slots=1, queue=4, wait_seconds=0)
    with gate.slot(), gate.slot():  # the data package spools its CSV inside its slot
        assert gate.state().running == 1
        other = Holder(gate)
        assert other.entered.wait(HANG)
        assert isinstance(other.error, ExportBusy)  # no wait allowed: refused at once
        other.stop()
    assert gate.state().running == 0 and gate.state().refused == 1


def test_the_dashboard_connection_takes_a_slot_and_a_plain_one_does_not(
    built_data_dir, monkeypatch
):
    tight = ExportGate(slots=1, queue=0, wait_seconds=None)
    monkeypatch.setattr(gate_module, "_GATE", tight)
    con = Warehouse(str(built_data_dir / "warehouse.duckdb"))
    holder = Holder(tight)
    assert holder.entered.wait(HANG)
    try:
        with pytest.raises(ExportBusy):
            query_csv(con, "sources_by_id", {"source_ids": None})
        plain = duckdb.connect(str(built_data_dir / "warehouse.duckdb"), read_only=True)
        assert query_csv(plain, "sources_by_id", {"source_ids": None}).startswith(b"source_id")
        plain.close()
    finally:
        holder.stop()
    assert query_csv(con, "sources_by_id", {"source_ids": None}).startswith(b"source_id")


def test_eight_simultaneous_exports_all_succeed_with_the_same_bytes(built_data_dir, monkeypatch):
    monkeypatch.setattr(gate_module, "_GATE", ExportGate(slots=2, queue=16, wait_seconds=None))
    con = Warehouse(str(built_data_dir / "warehouse.duckdb"))
    params = {**NO_FILTER, "jurisdiction": "US-NY-NYC", "finding": "sustained", "limit": None}
    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(lambda _: query_csv(con, "explore_allegations", params), range(8)))
    assert len(set(results)) == 1 and results[0].count(b"\r\n") > 1000
    assert gate_module._GATE.state().running == 0


def test_admissions_stop_at_the_limit_and_free_places_of_closed_tabs():
    places = Admissions()
    assert places.admit("a", {"a"}, limit=2)
    assert places.admit("b", {"a", "b"}, limit=2)
    assert not places.admit("c", {"a", "b", "c"}, limit=2)
    assert places.admit("a", {"a", "b", "c"}, limit=2)  # admitted once, kept
    assert places.admit("c", {"b", "c"}, limit=2)  # "a" closed its tab
    assert places.count() == 2


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("en", "The dashboard is very busy right now"), ("fr", "très sollicité")],
)
def test_a_session_beyond_the_limit_sees_the_busy_message_not_a_page(
    app, monkeypatch, lang, expected
):
    monkeypatch.setenv("ACCOUNTABILITY_MAX_SESSIONS", "0")
    app.query_params["page"] = "overview"
    app.query_params["lang"] = lang
    app.run()
    assert not app.exception
    assert any(expected in info.value for info in app.info)
    assert len(app.button) == 1  # "try again"
    assert not app.sidebar.radio  # the page itself did not run


def test_the_first_sessions_are_served(app, monkeypatch):
    monkeypatch.setenv("ACCOUNTABILITY_MAX_SESSIONS", "5")
    app.query_params["page"] = "sources"
    app.run()
    assert not app.exception and app.sidebar.radio
    assert not any("busy" in info.value for info in app.info)


@pytest.mark.parametrize(
    ("waiting", "kind", "expected"),
    [(0, "info", "waits its turn"), (1, "warning", "cannot start now")],
)
def test_pages_with_downloads_say_when_a_download_would_wait_or_fail(
    app, monkeypatch, waiting, kind, expected
):
    gate = ExportGate(slots=1, queue=1, wait_seconds=None)
    monkeypatch.setattr(gate_module, "_GATE", gate)
    holders = [Holder(gate)]
    assert holders[0].entered.wait(HANG)
    if waiting:
        holders.append(Holder(gate))
        wait_until(lambda: gate.state().waiting == 1)
    try:
        app.query_params["page"] = "explore"
        app.run()
        assert not app.exception
        assert any(expected in element.value for element in getattr(app, kind))
    finally:
        for holder in holders:
            holder.stop()
    app.run()  # the queue is empty again: no word of it
    assert not any(expected in element.value for element in getattr(app, kind))


@pytest.mark.parametrize(("limit", "offered"), [("261930", True), ("261929", False)])
def test_explore_offers_no_download_beyond_the_row_limit_and_says_why(
    app, monkeypatch, limit, offered
):
    """Every allegation of the bundled data, no filter: 261,930 rows (Chicago 244,436, NYC
    14,918, Washington 2,055, Virginia 521; each source's count is checked against its raw
    file in its source test). Files are held in memory while sent, so beyond
    ACCOUNTABILITY_MAX_DOWNLOAD_ROWS the buttons are off and the page says why."""
    monkeypatch.setenv("ACCOUNTABILITY_MAX_DOWNLOAD_ROWS", limit)
    app.query_params["page"] = "explore"
    app.query_params["table"] = "allegations"
    app.run()
    assert not app.exception
    buttons = [b for b in app.get("download_button") if b.proto.label == "CSV (261,930 rows)"]
    zips = [b for b in app.get("download_button") if b.proto.label.startswith("Data package")]
    assert len(buttons) == len(zips) == 1
    assert buttons[0].proto.disabled is not offered and zips[0].proto.disabled is not offered
    notice = [i.value for i in app.info if "prepares downloads of up to" in i.value]
    if offered:
        assert not notice
    else:
        assert notice == [
            "These filters match 261,930 rows: the page prepares downloads of up to 261,929 "
            "rows (the server holds each file in memory while it is sent). Narrow the years, "
            "the jurisdiction or another filter, or take the whole data as described below."
        ]
