"""Download file names: what the file holds, safe on every system, bounded (literal cases)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from exports.filenames import MAX_CHARS, download_name, safe_part, years_part

DAY = dt.date(2026, 12, 4)
SAFE = re.compile(r"[A-Za-z0-9_-]+\.[a-z0-9.]+")


def test_the_example_of_the_issue():
    name = download_name(
        "allegations",
        DAY,
        jurisdiction="US-IL-CHI",
        years=(2010, 2015),
        filters=["sustained"],
    )
    assert name == "allegations_US-IL-CHI_2010-2015_sustained_2026-12-04.csv"


def test_no_filter_gives_the_table_and_the_day():
    assert download_name("allegations", DAY) == "allegations_2026-12-04.csv"
    assert download_name("", DAY) == "data_2026-12-04.csv"


@pytest.mark.parametrize(
    ("years", "expected"),
    [
        ((2010, 2015), "2010-2015"),
        ((2012, 2012), "2012"),
        ((2010, None), "2010-"),
        ((None, 2015), "-2015"),
        ((None, None), ""),
        (("2010", "2015"), "2010-2015"),
    ],
)
def test_years(years, expected):
    assert years_part(*years) == expected


def test_accents_are_folded_and_unsafe_characters_replaced():
    assert safe_part("Île-de-France") == "Ile-de-France"
    assert safe_part("Seine-Saint-Denis (93)") == "Seine-Saint-Denis-93"
    assert safe_part("../../etc/passwd") == "etc-passwd"
    assert safe_part('a<b>c:d"e/f\\g|h?i*j') == "a-b-c-d-e-f-g-h-i-j"
    assert safe_part("réprimande\x00\n\t") == "reprimande"
    assert safe_part("警察") == ""


def test_a_hostile_filter_value_cannot_escape_the_name():
    name = download_name(
        "statistics",
        DAY,
        jurisdiction="FR",
        filters=["../../x", "=cmd|' /C calc'!A0", "  ", None, "blâme"],
    )
    assert name == "statistics_FR_x_cmd-C-calc-A0_blame_2026-12-04.csv"
    assert SAFE.fullmatch(name)


def test_an_open_year_range_keeps_its_hyphen():
    assert download_name("t", DAY, years=(2010, None)) == "t_2010-_2026-12-04.csv"
    assert download_name("t", DAY, years=(None, 2015)) == "t_-2015_2026-12-04.csv"


def test_repeated_values_are_named_once():
    name = download_name("allegations", DAY, jurisdiction="FR", filters=["FR", "sustained"])
    assert name == "allegations_FR_sustained_2026-12-04.csv"


def test_long_filters_are_dropped_and_the_day_kept():
    name = download_name(
        "directive_observations",
        DAY,
        jurisdiction="US-IL-CHI",
        years=(1967, 2018),
        filters=["x" * 60, "y" * 30, "z" * 20],
    )
    assert len(name) <= MAX_CHARS
    # a part is cut at 40 characters; y does not fit (121 characters), z does (119)
    assert name == (
        "directive-observations_US-IL-CHI_1967-2018_" + "x" * 40 + "_" + "z" * 20
        + "_2026-12-04.csv"
    )  # fmt: skip


def test_every_name_is_bounded_and_safe():
    name = download_name("t" * 500, DAY, jurisdiction="j" * 500, filters=["f" * 500] * 9)
    assert len(name) <= MAX_CHARS and SAFE.fullmatch(name) and name.endswith("_2026-12-04.csv")


def test_the_extension_is_checked():
    assert download_name("table", DAY, extension="zip") == "table_2026-12-04.zip"
    assert download_name("t", DAY, extension="datapackage.zip") == "t_2026-12-04.datapackage.zip"
    with pytest.raises(ValueError):
        download_name("table", DAY, extension="csv/../x")
