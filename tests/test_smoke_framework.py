def test_curated_directives_loaded(db):
    # directives.csv has 14 data rows (wc -l = 15 with the header).
    assert db.execute("SELECT count(*) FROM directives").fetchone()[0] == 14
