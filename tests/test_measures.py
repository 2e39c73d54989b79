"""The measure catalogue (queries/measures/catalogue.toml): declared once, documented from
the declaration, and its intervals and definitions checked against the warehouse."""

from __future__ import annotations

import pytest

from queries import QueryError
from queries import measures as qm
from tests.conftest import PROJECT_DIR
from ui.rates import clustered_proportion_with_interval, design_effect, wilson_interval

METHODOLOGY = PROJECT_DIR / "docs" / "methodology.md"


def test_methodology_measures_section_is_generated_from_the_catalogue():
    text = METHODOLOGY.read_text(encoding="utf-8")
    start = text.index(qm.MEASURES_BEGIN)
    end = text.index(qm.MEASURES_END) + len(qm.MEASURES_END)
    assert text[start:end] == qm.measures_markdown(), (
        "docs/methodology.md is out of date: paste queries.measures.measures_markdown() "
        "between its markers"
    )


def test_every_measure_declares_definition_denominator_interval_and_small_rule():
    catalogue = qm.definitions()
    for measure in catalogue.measures.values():
        assert measure.definition_en and measure.denominator_en, measure.id
        if measure.kind in ("share", "rate"):
            assert measure.interval != "none" and measure.small != "none", measure.id
        if measure.kind == "rate" and measure.query == "allegation_share":
            assert measure.per_year, measure.id  # never summed over decades


def test_every_page_measure_is_in_the_catalogue(built_data_dir, monkeypatch):
    from views import region_measures as rm

    monkeypatch.setenv("ACCOUNTABILITY_WAREHOUSE", str(built_data_dir / "warehouse.duckdb"))
    catalogue = qm.definitions()
    for jurisdiction in rm.jurisdictions().values():
        for measure in jurisdiction.measures:
            assert measure.catalogue_id in catalogue.measures, measure.key


def test_a_bad_declaration_is_refused(tmp_path):
    text = qm.CATALOGUE_FILE.read_text(encoding="utf-8")
    broken = tmp_path / "catalogue.toml"
    broken.write_text(text.replace('interval = "poisson"', 'interval = "normal"', 1))
    with pytest.raises(QueryError, match="is not one of"):
        qm.load(broken)


def test_not_investigated_closures_are_the_no_affidavit_findings(db):
    """Chicago's NAF closures are never investigated: 32,741 of them, all mapped to
    closed_other, and out of the sustained-share denominator."""
    labels = qm.definitions().not_investigated_labels("US-IL-CHI")
    count, findings = db.execute(
        "SELECT count(*), list(DISTINCT finding) FROM allegations "
        "WHERE source_id = 'us_chicago_cpdp_complaints' AND list_contains(?, finding_original)",
        [labels],
    ).fetchone()
    assert count == 32741 and findings == ["closed_other"]


def test_design_effect_matches_a_direct_computation():
    # three complaints: (m, y) = (4, 4), (4, 0), (2, 1); p = 5 / 10
    clusters = [(4, 4), (4, 0), (2, 1)]
    n = sum(m for m, _ in clusters)
    y = sum(v for _, v in clusters)
    p = y / n
    robust = 3 / 2 * sum((v - p * m) ** 2 for m, v in clusters) / n**2
    expected = robust / (p * (1 - p) / n)
    got = design_effect(
        y,
        n,
        3,
        sum(m * m for m, _ in clusters),
        sum(v * v for _, v in clusters),
        sum(m * v for m, v in clusters),
    )
    assert got == pytest.approx(expected)
    # independent allegations (one per complaint): no widening beyond the k / (k - 1)
    # small-sample correction of the cluster-robust variance
    assert design_effect(5, 10, 10, 10, 5, 5) == pytest.approx(10 / 9)
    value, low, high = clustered_proportion_with_interval(y, n, got)
    assert (low, high) == pytest.approx(wilson_interval(y / got, n / got))


def test_chicago_wilson_intervals_widen_with_clustering(db):
    """Allegations of one complaint or officer are not independent: the citywide interval
    is wider than the plain Wilson one by the square root of the design effect (about 2.2)."""
    from ui import measures

    rows = db.execute(
        "SELECT case_id, officer_key, finding = 'sustained' AS y FROM allegations "
        "WHERE source_id = 'us_chicago_cpdp_complaints' AND finding IS NOT NULL "
        "AND finding_original <> 'NAF'"
    ).df()
    n, y = len(rows), int(rows["y"].sum())
    by_case = rows.groupby("case_id")["y"].agg(["size", "sum"])
    deff = design_effect(
        y,
        n,
        len(by_case),
        float((by_case["size"] ** 2).sum()),
        float((by_case["sum"] ** 2).sum()),
        float((by_case["size"] * by_case["sum"]).sum()),
    )
    assert 4 < deff < 6
    plain = wilson_interval(y, n)
    _, low, high = measures.figures("sustained_share", y, n, deff)
    assert (high - low) / (plain[1] - plain[0]) == pytest.approx(deff**0.5, rel=0.01)
