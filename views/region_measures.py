"""What the Compare page can compare: jurisdictions, their region levels, and their measures.

Every measure here is a measure of the catalogue (queries/measures/catalogue.toml, evaluated
by ui/measures.py): the catalogue says what it counts, its denominator, its interval and
its small-count rule; this module says, per jurisdiction, which sources and published
statistics feed it, over which incident or reference years, and the page's wording (TEXT).

- `count`: a number of events, no interval;
- `share`: events / cases in %, 95% Wilson interval (on the effective sample size for
  allegations clustered in complaints and officers); small under the catalogue's threshold;
- `rate`: events per 1,000 people or staff (per year where the data have years), 95% exact
  Poisson (Garwood) interval; small under the catalogue's threshold;
- `ratio`: a staffing level per 1,000 inhabitants: a headcount, not a sample, no interval.

Small figures are shown but never ranked, nor counted above or below the all-regions level;
retired regions are shown but not ranked against current ones.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ui import measures as catalogue

COUNT, SHARE, RATE, RATIO = "count", "share", "rate", "ratio"
OK, SMALL, EXCLUDED, NO_VALUE = "ok", "small", "excluded", "no_data"

CHICAGO_COMPLAINTS = "us_chicago_cpdp_complaints"
CHICAGO_DISTRICTS = "us_chicago_districts"
NYC_PRECINCTS = "us_nyc_psl_ccrb_precincts"
GB_MISCONDUCT = "gb_bbc_iopc_misconduct"
GB_WORKFORCE = "gb_homeoffice_police_workforce"
GB_AREAS = "gb_ons_police_force_areas"
FR_CRIME = "fr_ssmsi_delinquance"
FR_GEOGRAPHY = "fr_insee_cog"
NYC_SHAPES = "us_nyc_nypd_precincts"


@dataclass(frozen=True)
class Level:
    key: str  # regions.level, and the `level` URL value where a jurisdiction has several
    prefix: str  # region_id prefix of the level's regions
    vintage: str  # boundaries.vintage drawn on the map
    shape_source: str  # source of the boundaries, cited under the map
    # A region of this level with a valid_note no longer exists (Chicago's districts 13, 21
    # and 23, retired in 2012): shown, never ranked against current ones.
    noted_means_retired: bool = False


# A loader gets the jurisdiction, the level key (None: the whole jurisdiction) and the
# years, and returns region_id, numerator, denominator (NaN for counts), and optionally
# deff, years_covered, first_year, last_year.
Loader = Callable[[str, str | None, int | None, int | None], pd.DataFrame]


@dataclass(frozen=True)
class Measure:
    key: str  # the `measure` URL value; TEXT keys m_<key>, m_<key>_def, _unit, _num, _den
    catalogue_id: str  # the measure of queries/measures/catalogue.toml it is
    scale: float  # 1 for counts, 100 for a percentage, 1,000 for "per 1,000"
    decimals: int
    years: tuple[int, int] | None  # the data's year range; None: one period, no year split
    source_ids: tuple[str, ...]
    load: Loader
    absent_is_zero: bool = False  # a complete register: a region without rows has 0 events
    missing_note: str = "note_not_published"  # TEXT key: why a region has no figure
    caveat: str | None = None  # TEXT key of a caveat shown with this measure
    fixed_period: tuple[int, int] | None = None  # shown (disabled) when `years` is None
    # Start the default years where most records are placed in a region (Chicago: beats
    # exist from the 2000 release on; the 1967-1999 release has none).
    default_from_placed: bool = False
    # Regions whose figure is shown but not compared (grey, unranked), with the TEXT key of
    # the reason: e.g. the City of London, 7,375 residents and a large daytime population.
    excluded: tuple[tuple[str, str], ...] = ()

    @property
    def kind(self) -> str:
        return catalogue.definition(self.catalogue_id).kind

    @property
    def definition(self):
        return catalogue.definition(self.catalogue_id)


@dataclass(frozen=True)
class Jurisdiction:
    key: str  # the `jurisdiction` URL value; TEXT jur_<key> (shared) names it
    levels: tuple[Level, ...]
    measures: tuple[Measure, ...]
    unplaced_note: str | None = None  # TEXT key: why some figures have no region

    def level(self, key: str) -> Level:
        return next(level for level in self.levels if level.key == key)

    def measure(self, key: str) -> Measure:
        return next(measure for measure in self.measures if measure.key == key)


# -- loaders -------------------------------------------------------------------------------


def _allegations(measure_id: str, column: str = "numerator", category: str | None = None):
    """A catalogue allegation measure; `column="allegations"` for the plain count."""

    def load(jurisdiction, level, year_from, year_to) -> pd.DataFrame:
        rows = catalogue.allegation_counts(
            measure_id, jurisdiction, level, year_from, year_to, category=category
        )
        counted = column == "numerator"
        return pd.DataFrame(
            {
                "region_id": rows["region_id"],
                "numerator": rows[column].astype(float),
                "denominator": rows["denominator"].astype(float) if counted else np.nan,
                "deff": rows["deff"] if counted else 1.0,
                "not_investigated": rows["not_investigated"].astype(float),
            }
        )

    return load


def _allegations_per_inhabitant_per_year(jurisdiction, level, year_from, year_to):
    """Allegations / (census population × years): a yearly rate, whatever the range."""
    counts = _allegations("allegations", "allegations")(jurisdiction, level, year_from, year_to)
    population = catalogue.published(CHICAGO_DISTRICTS, "population", level)
    years = catalogue.years_in(year_from, year_to)
    population = population.assign(denominator=population["total"] * years)
    return counts.drop(columns="denominator").merge(
        population[["region_id", "denominator"]], on="region_id", how="outer"
    )


def _statistics_ratio(
    numerator: tuple[str, str],
    denominator: tuple[str, str] | None = None,
    *,
    denominator_years: bool = True,
    yearly_average: bool = False,
) -> Loader:
    """numerator / denominator from `statistics`, each a (source_id, measure) pair summed over
    the chosen years; `denominator_years=False` for a denominator of one fixed year (a
    census); `yearly_average` divides the numerator by its number of years (staff levels)."""

    def load(jurisdiction, level, year_from, year_to) -> pd.DataFrame:
        top = catalogue.published(*numerator, level, year_from, year_to)
        frame = pd.DataFrame(
            {
                "region_id": top["region_id"],
                "numerator": top["total"].astype(float),
                "years_covered": top["years_covered"],
                "first_year": top["first_year"],
                "last_year": top["last_year"],
            }
        )
        if yearly_average:
            frame["numerator"] = frame["numerator"] / top["years_covered"].astype(float)
        if denominator is None:
            frame["denominator"] = np.nan
            return frame
        years = (year_from, year_to) if denominator_years else (None, None)
        bottom = catalogue.published(*denominator, level, *years)
        bottom = bottom.rename(columns={"total": "denominator"})[["region_id", "denominator"]]
        return frame.merge(bottom, on="region_id", how="outer")

    return load


# -- the registry ------------------------------------------------------------------------

CHICAGO_YEARS = (1967, 2018)  # complaints received 1967 to March 2018 (earlier dates: typos)


def _chicago_share(key, catalogue_id, decimals=1, years=CHICAGO_YEARS, category=None):
    return Measure(
        key,
        catalogue_id,
        100,
        decimals,
        years,
        (CHICAGO_COMPLAINTS,),
        _allegations(catalogue_id, category=category),
        absent_is_zero=True,
        default_from_placed=True,
    )


CHICAGO = Jurisdiction(
    key="US-IL-CHI",
    levels=(
        Level(
            "district",
            "US-IL-CHI-D",
            "lines of 2012-12-19, portal copy of 2017-05-12",
            CHICAGO_DISTRICTS,
            noted_means_retired=True,
        ),
    ),
    unplaced_note="unplaced_chicago",
    measures=(
        Measure(
            "chi_allegations",
            "allegations",
            1,
            0,
            CHICAGO_YEARS,
            (CHICAGO_COMPLAINTS,),
            _allegations("allegations", "allegations"),
            absent_is_zero=True,
            default_from_placed=True,
        ),
        Measure(
            "chi_allegations_per_1000",
            "allegations_per_1000_inhabitants_per_year",
            1000,
            2,
            CHICAGO_YEARS,
            (CHICAGO_COMPLAINTS, CHICAGO_DISTRICTS),
            _allegations_per_inhabitant_per_year,
            absent_is_zero=True,
            missing_note="note_retired_district",
            caveat="caveat_chicago_population",
            default_from_placed=True,
        ),
        _chicago_share("chi_sustained", "sustained_share"),
        _chicago_share("chi_final_warning", "final_warning_share"),
        _chicago_share("chi_final_suspension", "final_suspension_share"),
        _chicago_share("chi_final_dismissal", "final_dismissal_share", decimals=2),
        # recommended outcomes exist only in the 2000-2016 release
        _chicago_share("chi_downgrade", "downgrade_rate", years=(2000, 2016)),
        Measure(
            "chi_dv_allegations",
            "allegations",
            1,
            0,
            CHICAGO_YEARS,
            (CHICAGO_COMPLAINTS,),
            _allegations("allegations", "allegations", category="domestic_violence"),
            absent_is_zero=True,
            default_from_placed=True,
        ),
        _chicago_share("chi_dv_sustained", "sustained_share", category="domestic_violence"),
    ),
)

NYC = Jurisdiction(
    key="US-NY-NYC",
    # 2018 shapes: the data is 2006-2019, before the 116th precinct was split off in 2024.
    levels=(Level("precinct", "US-NY-NYC-", "2018", NYC_SHAPES),),
    measures=(
        Measure(
            "nyc_complaint_records",
            "published_count",
            1,
            0,
            (2006, 2019),
            (NYC_PRECINCTS,),
            _statistics_ratio((NYC_PRECINCTS, "complaint_records")),
        ),
        Measure(
            "nyc_substantiated",
            "published_share",
            100,
            1,
            (2006, 2019),
            (NYC_PRECINCTS,),
            _statistics_ratio(
                (NYC_PRECINCTS, "substantiated_records"), (NYC_PRECINCTS, "complaint_records")
            ),
        ),
    ),
)

ENGLAND_WALES = Jurisdiction(
    key="GB-EAW",
    levels=(Level("police_force", "GB-PFA-", "2020", GB_AREAS),),
    unplaced_note="unplaced_gb",
    measures=(
        Measure(
            "gb_misconduct_per_1000_staff",
            "staff_rate_per_1000",
            1000,
            2,
            None,  # reports published 2018 - February 2022, not split by year
            (GB_MISCONDUCT,),
            _statistics_ratio(
                (GB_MISCONDUCT, "staff_with_misconduct_case_to_answer"),
                (GB_MISCONDUCT, "staff_headcount"),
            ),
            missing_note="note_not_in_bbc",
            caveat="caveat_city_of_london",
            fixed_period=(2018, 2022),
        ),
        Measure(
            "gb_officers_per_1000",
            "officers_per_1000_inhabitants",
            1000,
            2,
            (2015, 2019),
            (GB_WORKFORCE, GB_AREAS),
            _statistics_ratio(
                (GB_WORKFORCE, "officers_fte"),
                (GB_AREAS, "population"),
                denominator_years=False,
                yearly_average=True,
            ),
            caveat="caveat_city_of_london_residents",
            excluded=(("GB-PFA-E23000034", "note_city_of_london_residents"),),
        ),
    ),
)

FRANCE = Jurisdiction(
    key="FR",
    levels=(
        Level("departement", "FR-DEP-", "2018", FR_GEOGRAPHY),
        Level("region", "FR-REG-", "2018", FR_GEOGRAPHY),
    ),
    unplaced_note="unplaced_fr",
    measures=(
        Measure(
            "fr_intrafamily_per_1000",
            "published_rate_per_1000_per_year",
            1000,
            2,
            (2016, 2023),
            (FR_CRIME,),
            _statistics_ratio((FR_CRIME, "intrafamily_assault_victims"), (FR_CRIME, "population")),
        ),
    ),
)

JURISDICTIONS = {j.key: j for j in (FRANCE, CHICAGO, NYC, ENGLAND_WALES)}


def jurisdictions() -> dict[str, Jurisdiction]:
    """The jurisdictions Compare can compare, by code."""
    return JURISDICTIONS


DEFAULT_JURISDICTION = CHICAGO.key


def default_years(jurisdiction: Jurisdiction, level: Level, measure: Measure) -> tuple[int, int]:
    """The year range a page opens with: the measure's range, starting where most records
    are placed in a region of the level when the measure says so (Chicago: 2000)."""
    low, high = measure.years
    if not measure.default_from_placed:
        return low, high
    yearly = catalogue.allegation_counts(
        "allegations", jurisdiction.key, level.key, low, high, by_year=True
    )
    placed = yearly.assign(placed=yearly["region_id"] != jurisdiction.key)
    by_year = placed.groupby("year").apply(
        lambda rows: rows.loc[rows["placed"], "allegations"].sum() * 2 > rows["allegations"].sum(),
        include_groups=False,
    )
    mostly_placed = [int(year) for year, ok in by_year.items() if ok and pd.notna(year)]
    first = min(mostly_placed, default=low)
    return max(low, first), high


# -- computing one measure for one set of regions ----------------------------------------


def compute(
    measure: Measure,
    level: Level,
    region_ids: list[str],
    year_from: int | None,
    year_to: int | None,
    *,
    jurisdiction: str,
    not_ranked: dict[str, str] | None = None,
) -> tuple[pd.DataFrame, dict]:
    """One row per region of `region_ids` (in that order): numerator, denominator, value,
    lower, upper (95%, the catalogue's interval, in the measure's scale), status, rank
    (1 = highest value; only comparable figures are ranked), years_covered, first_year,
    last_year, partial_years, and missing_reason (a TEXT key: why there is no figure, or why
    it is not compared). `not_ranked` maps region ids shown but not ranked (retired
    districts) to the TEXT key of the reason.

    Also returns the whole jurisdiction: {"numerator", "total"} of the figures attached to
    no region of the list (for the unplaced note), "unplaced_value" (the measure on them),
    "overall" (value, low, high) of every figure of the jurisdiction, placed or not (the
    same "all" figure on every page), and "not_investigated" (closures left out).
    """
    loaded = measure.load(jurisdiction, level.key, year_from, year_to)
    for column in ("years_covered", "first_year", "last_year"):
        if column not in loaded:
            loaded[column] = pd.NA
    if "deff" not in loaded:
        loaded["deff"] = 1.0
    inside = loaded["region_id"].isin(region_ids)
    outside = loaded[~inside]
    unplaced = {
        "numerator": float(outside["numerator"].fillna(0).sum()),
        "total": float(loaded["numerator"].fillna(0).sum()),
        "unplaced_value": _unplaced_value(measure, outside),
        "overall": overall(measure, jurisdiction, year_from, year_to, loaded),
        "not_investigated": float(loaded.get("not_investigated", pd.Series(0.0)).sum()),
    }
    frame = pd.DataFrame({"region_id": region_ids}).merge(
        loaded[inside], on="region_id", how="left"
    )
    if measure.absent_is_zero:
        frame["numerator"] = frame["numerator"].fillna(0.0)
        if measure.kind == SHARE:
            frame["denominator"] = frame["denominator"].fillna(0.0)
    frame["deff"] = frame["deff"].fillna(1.0)
    frame = catalogue.with_figures(frame, measure.catalogue_id, measure.scale)
    excluded = {**dict(measure.excluded), **(not_ranked or {})}
    frame["status"] = [_status(measure, row, excluded) for row in frame.itertuples()]
    ranked = frame["value"].where(frame["status"] == OK)
    frame["rank"] = ranked.rank(ascending=False, method="min").astype("Int64")
    frame["partial_years"] = _partial_years(frame, year_from, year_to)
    frame["missing_reason"] = [
        excluded.get(region_id)
        if status != NO_VALUE
        else ("note_empty_denominator" if denominator == 0 else measure.missing_note)
        for region_id, status, denominator in zip(
            frame["region_id"], frame["status"], frame["denominator"], strict=True
        )
    ]
    return frame, unplaced


def overall(measure: Measure, jurisdiction: str, year_from, year_to, loaded=None):
    """(value, low, high) of the whole jurisdiction: every figure, placed in a region or not,
    with the catalogue's interval (for a clustered share, its own design effect). A ratio
    sums only the regions that have both figures (a body with no area has no inhabitants)."""
    if measure.kind == COUNT:
        rows = (
            loaded if loaded is not None else measure.load(jurisdiction, None, year_from, year_to)
        )
        return float(rows["numerator"].fillna(0).sum()), np.nan, np.nan
    if measure.kind == RATIO:
        both = loaded.dropna(subset=["numerator", "denominator"])
        if both.empty:
            return None
        return catalogue.figures(
            measure.catalogue_id,
            both["numerator"].sum(),
            both["denominator"].sum(),
            1.0,
            measure.scale,
        )
    whole = measure.load(jurisdiction, None, year_from, year_to)
    whole = whole.dropna(subset=["numerator", "denominator"])
    if whole.empty:
        return None
    deff = float(whole["deff"].iloc[0]) if "deff" in whole and len(whole) == 1 else 1.0
    value = catalogue.figures(
        measure.catalogue_id,
        whole["numerator"].sum(),
        whole["denominator"].sum(),
        deff,
        measure.scale,
    )
    return None if pd.isna(value[0]) else value


def _unplaced_value(measure: Measure, outside: pd.DataFrame) -> float | None:
    if measure.kind not in (SHARE, RATE) or outside.empty:
        return None
    both = outside.dropna(subset=["numerator", "denominator"])
    if both.empty or both["denominator"].sum() <= 0:
        return None
    return float(both["numerator"].sum() / both["denominator"].sum() * measure.scale)


def pooled(measure: Measure, frame: pd.DataFrame) -> tuple[float, float, float] | None:
    """The value of all regions shown taken together (sum of numerators over sum of
    denominators), or their total for a count. Pages show `overall` instead for shares and
    rates (the same "all" figure everywhere); this is kept for counts and ratios."""
    known = frame[frame["value"].notna()]
    if known.empty:
        return None
    if measure.kind == COUNT:
        return float(known["numerator"].sum()), np.nan, np.nan
    return catalogue.figures(
        measure.catalogue_id,
        known["numerator"].sum(),
        known["denominator"].sum(),
        1.0,
        measure.scale,
    )


def _status(measure: Measure, row, excluded: dict[str, str]) -> str:
    if pd.isna(row.value):
        return NO_VALUE
    if row.region_id in excluded:
        return EXCLUDED
    if catalogue.is_small(measure.catalogue_id, row.numerator, row.denominator):
        return SMALL
    return OK


def small_threshold(measure: Measure) -> int:
    return measure.definition.small_threshold


def _partial_years(frame: pd.DataFrame, year_from: int | None, year_to: int | None) -> list:
    if year_from is None or year_to is None:
        return [False] * len(frame)
    expected = year_to - year_from + 1
    return [
        bool(pd.notna(covered) and covered < expected)
        for covered in frame["years_covered"].astype("Float64")
    ]


# -- names and definitions ---------------------------------------------------------------

TEXT = {
    # Chicago
    "m_chi_allegations": {"en": "Allegations (count)", "fr": "Allégations (nombre)"},
    "m_chi_allegations_def": {
        "en": "Number of allegations (one per accused officer and allegation) whose incident took place in the chosen years, placed in the police district of the incident's beat. A count, not a rate: bigger and busier districts have more.",
        "fr": "Nombre d'allégations (une par agent mis en cause et par grief) dont les faits ont eu lieu pendant les années choisies, rattachées au district de police du secteur (beat) des faits. C'est un nombre, pas un taux : les districts plus grands ou plus actifs en comptent davantage.",
    },
    "m_chi_allegations_unit": {"en": "Allegations", "fr": "Allégations"},
    "m_chi_allegations_num": {"en": "Allegations", "fr": "Allégations"},
    "m_chi_allegations_den": {"en": "—", "fr": "—"},
    "m_chi_allegations_per_1000": {
        "en": "Allegations per 1,000 inhabitants",
        "fr": "Allégations pour 1 000 habitants",
    },
    "m_chi_allegations_per_1000_def": {
        "en": "Allegations whose incident took place in the chosen years, per 1,000 inhabitants of the district and per year: the allegations divided by the population times the number of years (the average yearly rate, never a total over decades). Population: the 2010 census, allocated by the Chicago Police Department to the district map in force since December 2012.",
        "fr": "Allégations dont les faits ont eu lieu pendant les années choisies, pour 1 000 habitants du district et par an : les allégations divisées par la population multipliée par le nombre d'années (le taux annuel moyen, jamais un total sur des décennies). Population : celle du recensement de 2010, répartie par la police de Chicago selon la carte des districts en vigueur depuis décembre 2012.",
    },
    "m_chi_allegations_per_1000_unit": {
        "en": "Allegations per 1,000 inhabitants per year (2010 census)",
        "fr": "Allégations pour 1 000 habitants par an (recensement 2010)",
    },
    "m_chi_allegations_per_1000_num": {"en": "Allegations", "fr": "Allégations"},
    "m_chi_allegations_per_1000_den": {
        "en": "Inhabitants (2010 census) × years",
        "fr": "Habitants (recensement 2010) × années",
    },
    "m_chi_sustained": {"en": "Sustained rate", "fr": "Taux d'allégations fondées"},
    "m_chi_sustained_def": {
        "en": "Share of allegations found sustained (the investigation concluded that the misconduct happened), among allegations with a finding reached after an investigation: sustained, not sustained, unfounded, exonerated, or closed otherwise. Allegations closed without any investigation (no signed affidavit), pending or without a published finding are left out.",
        "fr": "Part des allégations jugées fondées (l'enquête a conclu que le manquement a eu lieu), parmi les allégations dont la conclusion a été rendue après une enquête : fondée, non établie, sans fondement, disculpé ou close autrement. Les allégations classées sans aucune enquête (faute de déclaration sous serment signée), en cours ou sans conclusion publiée sont écartées.",
    },
    "m_chi_sustained_unit": {
        "en": "% of allegations sustained",
        "fr": "% d'allégations fondées",
    },
    "m_chi_sustained_num": {"en": "Sustained allegations", "fr": "Allégations fondées"},
    "m_chi_sustained_den": {
        "en": "Allegations with a finding after investigation",
        "fr": "Allégations avec une conclusion après enquête",
    },
    "m_chi_final_warning": {
        "en": "Share ending in a reprimand or heavier",
        "fr": "Part aboutissant à un blâme ou plus",
    },
    "m_chi_final_warning_def": {
        "en": "Share of allegations whose final outcome is a reprimand, a suspension, a demotion or a dismissal, among allegations whose final outcome is known on the common scale. “No action taken” counts as no sanction; resignations and penalties not served have no level and are left out.",
        "fr": "Part des allégations dont la décision finale est un blâme, une suspension, une rétrogradation ou une révocation, parmi les allégations dont la décision finale est connue sur l'échelle commune. « Aucune mesure » compte comme absence de sanction ; les démissions et les sanctions non exécutées n'ont pas de niveau et sont écartées.",
    },
    "m_chi_final_warning_unit": {
        "en": "% ending in a reprimand or heavier",
        "fr": "% aboutissant à un blâme ou plus",
    },
    "m_chi_final_warning_num": {
        "en": "Ending in a reprimand or heavier",
        "fr": "Aboutissant à un blâme ou plus",
    },
    "m_chi_final_warning_den": {
        "en": "Allegations with a known final outcome",
        "fr": "Allégations avec une décision finale connue",
    },
    "m_chi_final_suspension": {
        "en": "Share ending in a suspension or heavier",
        "fr": "Part aboutissant à une suspension ou plus",
    },
    "m_chi_final_suspension_def": {
        "en": "Share of allegations whose final outcome is a suspension, a demotion or a dismissal, among allegations whose final outcome is known on the common scale. “No action taken” counts as no sanction; resignations and penalties not served have no level and are left out.",
        "fr": "Part des allégations dont la décision finale est une suspension, une rétrogradation ou une révocation, parmi les allégations dont la décision finale est connue sur l'échelle commune. « Aucune mesure » compte comme absence de sanction ; les démissions et les sanctions non exécutées n'ont pas de niveau et sont écartées.",
    },
    "m_chi_final_suspension_unit": {
        "en": "% ending in a suspension or heavier",
        "fr": "% aboutissant à une suspension ou plus",
    },
    "m_chi_final_suspension_num": {
        "en": "Ending in a suspension or heavier",
        "fr": "Aboutissant à une suspension ou plus",
    },
    "m_chi_final_suspension_den": {
        "en": "Allegations with a known final outcome",
        "fr": "Allégations avec une décision finale connue",
    },
    "m_chi_final_dismissal": {
        "en": "Share ending in dismissal",
        "fr": "Part aboutissant à une révocation",
    },
    "m_chi_final_dismissal_def": {
        "en": "Share of allegations whose final outcome is a dismissal (separation or administrative termination), among allegations whose final outcome is known on the common scale.",
        "fr": "Part des allégations dont la décision finale est une révocation (« separation » ou licenciement administratif), parmi les allégations dont la décision finale est connue sur l'échelle commune.",
    },
    "m_chi_final_dismissal_unit": {
        "en": "% ending in dismissal",
        "fr": "% aboutissant à une révocation",
    },
    "m_chi_final_dismissal_num": {
        "en": "Ending in dismissal",
        "fr": "Aboutissant à une révocation",
    },
    "m_chi_final_dismissal_den": {
        "en": "Allegations with a known final outcome",
        "fr": "Allégations avec une décision finale connue",
    },
    "m_chi_downgrade": {
        "en": "Downgrade rate (recommended vs final outcome)",
        "fr": "Taux d'allègement (sanction recommandée et décision finale)",
    },
    "m_chi_downgrade_def": {
        "en": "Among allegations for which the investigators recommended a sanction (violation noted or heavier) and both the recommended and the final outcome are known, the share whose final outcome is lighter than the recommendation. Recommendations are published only in the 2000-2016 release, so the years are limited to 2000-2016.",
        "fr": "Parmi les allégations pour lesquelles les enquêteurs ont recommandé une sanction (simple constat de manquement ou plus) et dont la sanction recommandée et la décision finale sont connues, la part dont la décision finale est plus légère que la recommandation. Les recommandations ne sont publiées que dans la version 2000-2016, d'où la période limitée à 2000-2016.",
    },
    "m_chi_downgrade_unit": {"en": "% downgraded", "fr": "% allégées"},
    "m_chi_downgrade_num": {
        "en": "Final outcome lighter than recommended",
        "fr": "Décision finale plus légère que la recommandation",
    },
    "m_chi_downgrade_den": {
        "en": "Sanction recommended, both levels known",
        "fr": "Sanction recommandée, les deux niveaux connus",
    },
    "m_chi_dv_allegations": {
        "en": "Domestic-violence allegations (count)",
        "fr": "Allégations de violences conjugales ou intrafamiliales (nombre)",
    },
    "m_chi_dv_allegations_def": {
        "en": "Number of allegations that the publisher's category places under domestic violence (committed by the officer), whose incident took place in the chosen years, by police district.",
        "fr": "Nombre d'allégations que la catégorie de l'éditeur classe en violences conjugales ou intrafamiliales (commises par l'agent), dont les faits ont eu lieu pendant les années choisies, par district de police.",
    },
    "m_chi_dv_allegations_unit": {
        "en": "Domestic-violence allegations",
        "fr": "Allégations de violences intrafamiliales",
    },
    "m_chi_dv_allegations_num": {
        "en": "Domestic-violence allegations",
        "fr": "Allégations de violences intrafamiliales",
    },
    "m_chi_dv_allegations_den": {"en": "—", "fr": "—"},
    "m_chi_dv_sustained": {
        "en": "Domestic-violence sustained rate",
        "fr": "Taux d'allégations de violences intrafamiliales fondées",
    },
    "m_chi_dv_sustained_def": {
        "en": "Share of domestic-violence allegations found sustained, among domestic-violence allegations with a finding reached after an investigation (sustained, not sustained, unfounded, exonerated, or closed otherwise; closures without any investigation, pending allegations and those without a published finding are left out).",
        "fr": "Part des allégations de violences conjugales ou intrafamiliales jugées fondées, parmi celles dont la conclusion a été rendue après une enquête (fondée, non établie, sans fondement, disculpé ou close autrement ; les classements sans enquête, les allégations en cours et celles sans conclusion publiée sont écartés).",
    },
    "m_chi_dv_sustained_unit": {
        "en": "% of domestic-violence allegations sustained",
        "fr": "% d'allégations de violences intrafamiliales fondées",
    },
    "m_chi_dv_sustained_num": {
        "en": "Sustained domestic-violence allegations",
        "fr": "Allégations de violences intrafamiliales fondées",
    },
    "m_chi_dv_sustained_den": {
        "en": "Domestic-violence allegations with a finding after investigation",
        "fr": "Allégations de violences intrafamiliales avec une conclusion après enquête",
    },
    # New York City
    "m_nyc_complaint_records": {
        "en": "Complaint records (count)",
        "fr": "Enregistrements de plainte (nombre)",
    },
    "m_nyc_complaint_records_def": {
        "en": "Civilian Complaint Review Board (CCRB) records whose incident took place in the chosen years: one record per allegation and accused officer, so one complaint can give several records. The precinct is the accused officer's command, not the place of the incident. Pending complaints are not in the extract, so the most recent years run low.",
        "fr": "Enregistrements du Civilian Complaint Review Board (CCRB, l'instance civile d'examen des plaintes) dont les faits ont eu lieu pendant les années choisies : un enregistrement par grief et par agent mis en cause, si bien qu'une plainte peut en produire plusieurs. Le commissariat (precinct) est l'affectation de l'agent mis en cause, pas le lieu des faits. Les plaintes en cours ne figurent pas dans l'extraction : les années les plus récentes sont sous-estimées.",
    },
    "m_nyc_complaint_records_unit": {"en": "Complaint records", "fr": "Enregistrements de plainte"},
    "m_nyc_complaint_records_num": {"en": "Complaint records", "fr": "Enregistrements de plainte"},
    "m_nyc_complaint_records_den": {"en": "—", "fr": "—"},
    "m_nyc_substantiated": {"en": "Substantiated share", "fr": "Part de griefs établis"},
    "m_nyc_substantiated_def": {
        "en": "Share of complaint records the CCRB substantiated (it found that the officer committed the misconduct), among all complaint records of the precinct's officers in the chosen years, whatever their outcome.",
        "fr": "Part des enregistrements de plainte que le CCRB a jugés établis (l'agent a commis le manquement), parmi tous les enregistrements visant les agents du commissariat pendant les années choisies, quelle qu'en soit l'issue.",
    },
    "m_nyc_substantiated_unit": {
        "en": "% of complaint records substantiated",
        "fr": "% d'enregistrements établis",
    },
    "m_nyc_substantiated_num": {"en": "Substantiated records", "fr": "Enregistrements établis"},
    "m_nyc_substantiated_den": {
        "en": "All complaint records",
        "fr": "Ensemble des enregistrements de plainte",
    },
    # England and Wales
    "m_gb_misconduct_per_1000_staff": {
        "en": "Staff with a misconduct case to answer, per 1,000 staff",
        "fr": "Agents ayant à répondre d'une faute, pour 1 000 agents",
    },
    "m_gb_misconduct_per_1000_staff_def": {
        "en": "Officers and staff whom the Independent Office for Police Conduct (IOPC) found to have a case to answer for misconduct or gross misconduct, in IOPC investigation reports published from 2018 to February 2022, per 1,000 staff of the force (the headcount the BBC used; the BBC does not say of which year). One period, not split by year. Cases investigated by the forces themselves are not included.",
        "fr": "Policiers et personnels dont l'Independent Office for Police Conduct (IOPC, l'organe indépendant de contrôle de la police) a estimé qu'ils avaient à répondre d'une faute ou d'une faute grave, dans les rapports d'enquête de l'IOPC publiés de 2018 à février 2022, pour 1 000 agents de la force (l'effectif retenu par la BBC, dont l'année n'est pas précisée). Une seule période, sans détail par année. Les affaires instruites par les forces elles-mêmes ne sont pas comprises.",
    },
    "m_gb_misconduct_per_1000_staff_unit": {
        "en": "Staff with a case to answer per 1,000 staff (headcount, year not stated), 2018 - Feb. 2022",
        "fr": "Agents ayant à répondre d'une faute pour 1 000 agents (effectif, année non précisée), 2018 - févr. 2022",
    },
    "m_gb_misconduct_per_1000_staff_num": {
        "en": "Staff with a case to answer",
        "fr": "Agents ayant à répondre d'une faute",
    },
    "m_gb_misconduct_per_1000_staff_den": {
        "en": "Staff (headcount used by the BBC, year not stated)",
        "fr": "Agents (effectif retenu par la BBC, année non précisée)",
    },
    "m_gb_officers_per_1000": {
        "en": "Police officers per 1,000 inhabitants",
        "fr": "Policiers pour 1 000 habitants",
    },
    "m_gb_officers_per_1000_def": {
        "en": "Police officers in full-time equivalents at 31 March (Home Office), averaged over the chosen years between 2015 and 2019, per 1,000 inhabitants at the 2011 census. The population is older than the officer counts: growth since 2011 is not taken into account. Staffing context, not a misconduct measure; a count of staff, not a sample, so no interval.",
        "fr": "Policiers en équivalents temps plein au 31 mars (Home Office), en moyenne sur les années choisies entre 2015 et 2019, pour 1 000 habitants au recensement de 2011. La population est plus ancienne que les effectifs : la croissance depuis 2011 n'est pas prise en compte. Contexte d'effectifs, pas une mesure des manquements ; un décompte du personnel, pas un échantillon, donc sans intervalle.",
    },
    "m_gb_officers_per_1000_unit": {
        "en": "Officers (FTE) per 1,000 inhabitants",
        "fr": "Policiers (ETP) pour 1 000 habitants",
    },
    "m_gb_officers_per_1000_num": {
        "en": "Officers (FTE, yearly average)",
        "fr": "Policiers (ETP, moyenne annuelle)",
    },
    "m_gb_officers_per_1000_den": {
        "en": "Inhabitants (2011 census)",
        "fr": "Habitants (recensement 2011)",
    },
    # France
    "m_fr_intrafamily_per_1000": {
        "en": "Victims of intrafamily assault per 1,000 inhabitants (recorded crime)",
        "fr": "Victimes de coups et blessures volontaires intrafamiliaux pour 1 000 habitants (délinquance enregistrée)",
    },
    "m_fr_intrafamily_per_1000_def": {
        "en": "Victims of intentional assault within the family (SSMSI class “coups et blessures volontaires intrafamiliaux”) recorded by the police and gendarmerie, per 1,000 inhabitants and per year: the victims of the chosen years added up, divided by the populations of the same years added up (the average annual rate). Population: the INSEE figure the SSMSI used for each year (the 2021 population for 2022 and 2023; the 2017 population for Mayotte). Recorded crime reflects how often victims come forward and how the police record it as much as crime itself.",
        "fr": "Victimes de coups et blessures volontaires intrafamiliaux enregistrées par la police et la gendarmerie (indicateur du SSMSI), pour 1 000 habitants et par an : les victimes des années choisies additionnées, divisées par les populations des mêmes années additionnées (le taux annuel moyen). Population : celle de l'Insee retenue par le SSMSI pour chaque année (la population 2021 pour 2022 et 2023 ; celle de 2017 pour Mayotte). La délinquance enregistrée reflète autant la propension des victimes à porter plainte et les pratiques d'enregistrement que la délinquance elle-même.",
    },
    "m_fr_intrafamily_per_1000_unit": {
        "en": "Victims per 1,000 inhabitants per year",
        "fr": "Victimes pour 1 000 habitants par an",
    },
    "m_fr_intrafamily_per_1000_num": {"en": "Victims recorded", "fr": "Victimes enregistrées"},
    "m_fr_intrafamily_per_1000_den": {
        "en": "Inhabitants × years",
        "fr": "Habitants × années",
    },
}
