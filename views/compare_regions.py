"""Compare regions: one measure across the districts, precincts, forces or départements of one
jurisdiction, on a map and in a ranking with 95% intervals, and two regions side by side.

Every filter is a query parameter (jurisdiction, level, measure, year_from, year_to,
region_a, region_b), validated: an unknown value becomes a notice, never an error.
What can be compared, and how, is in views/region_measures.py.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ui import charts, data
from ui.page import PageContext, chart_footer
from ui.state import plain_integer
from views import region_measures as rm
from views.region_measures import COUNT, EXCLUDED, NO_VALUE, OK, RATE, SHARE, SMALL

CITY_OF_LONDON, CHESHIRE = "GB-PFA-E23000034", "GB-PFA-E23000006"  # the BBC headcount caveat
DEPENDENT_PARAMS = ("measure", "level", "year_from", "year_to", "region_a", "region_b")

PAGE_TEXT = {
    "compare_intro": {
        "en": "Compare the police districts, precincts, forces or départements of one jurisdiction on one measure at a time. Rates and shares come with a 95% interval (the range the true figure is likely to fall in); figures resting on too few cases are drawn in grey with a warning, so that chance variation is not mistaken for a difference.",
        "fr": "Comparez les districts, commissariats, forces de police ou départements d'une juridiction, un indicateur à la fois. Taux et parts sont accompagnés d'un intervalle à 95 % (la fourchette où le vrai chiffre se trouve probablement) ; les chiffres qui reposent sur trop peu de cas sont en gris, avec un avertissement, pour ne pas prendre le hasard pour une différence.",
    },
    "measure": {"en": "Measure", "fr": "Indicateur"},
    "map_level": {"en": "Compare by", "fr": "Comparer par"},
    "years": {"en": "Years", "fr": "Années"},
    "no_year_split": {
        "en": "This measure covers one period and is not split by year: the year range does not apply.",
        "fr": "Cet indicateur porte sur une seule période, sans détail par année : le choix des années ne s'applique pas.",
    },
    "definition_line": {
        "en": "**{name}** · Definition: {text}",
        "fr": "**{name}** · Définition : {text}",
    },
    "label_value": {"en": "{label}: {value}", "fr": "{label} : {value}"},
    "small_rule_share": {
        "en": "Rule: a share resting on fewer than {threshold} cases in its denominator is too uncertain to compare: grey, with a warning.",
        "fr": "Règle : une part qui repose sur moins de {threshold} cas au dénominateur est trop incertaine pour être comparée : en gris, avec un avertissement.",
    },
    "small_rule_rate": {
        "en": "Rule: a rate resting on fewer than {threshold} events is too uncertain to compare: grey, with a warning.",
        "fr": "Règle : un taux qui repose sur moins de {threshold} faits est trop incertain pour être comparé : en gris, avec un avertissement.",
    },
    "small_warning_share": {
        "en": "{count} {plural} have fewer than {threshold} cases in the denominator: {names}. Their share is too uncertain to compare; they are drawn in grey.",
        "fr": "{count} {plural} comptent moins de {threshold} cas au dénominateur : {names}. Leur part est trop incertaine pour être comparée ; ces territoires apparaissent en gris.",
    },
    "small_warning_rate": {
        "en": "{count} {plural} have fewer than {threshold} events: {names}. Their rate is too uncertain to compare; they are drawn in grey.",
        "fr": "{count} {plural} comptent moins de {threshold} faits : {names}. Leur taux est trop incertain pour être comparé ; ces territoires apparaissent en gris.",
    },
    # Context boxes
    "france_context_title": {
        "en": "Context only: recorded crime, not police misconduct",
        "fr": "Contexte seulement : délinquance enregistrée, pas manquements policiers",
    },
    "france_context": {
        "en": "No figures on police misconduct, complaints against officers or sanctions are published by département or region in France: the police and gendarmerie inspectorates (IGPN, IGGN) publish national totals only, shown on the Overview page. This page shows instead a recorded-crime figure, for context: victims of intrafamily violence recorded by the police and gendarmerie. It says nothing about how the police behave.",
        "fr": "Aucun chiffre sur les manquements policiers, les plaintes visant des agents ou les sanctions n'est publié par département ou par région en France : les inspections de la police et de la gendarmerie (IGPN, IGGN) ne publient que des totaux nationaux, présentés sur la page Vue d'ensemble. Cette page montre à la place, pour le contexte, un chiffre de délinquance enregistrée : les victimes de violences intrafamiliales enregistrées par la police et la gendarmerie. Il ne dit rien du comportement de la police.",
    },
    "nyc_no_population": {
        "en": "No population denominator is published for NYC precincts in the loaded data (the source gives only census percentages), so there are no per-inhabitant rates here: precincts differ in size and activity, so compare counts with care.",
        "fr": "Aucune population n'est publiée par commissariat de New York dans les données chargées (la source ne donne que des pourcentages du recensement) : pas de taux par habitant ici. Les commissariats diffèrent par leur taille et leur activité : comparez les nombres avec prudence.",
    },
    "caveat_chicago_population": {
        "en": "Allegations from before December 2012 were placed by the beat of the time, while the population follows the district map in force since then: per-inhabitant rates that include older years mix two maps, so read them with care. The retired districts 13, 21 and 23 have no population: no data.",
        "fr": "Les allégations antérieures à décembre 2012 sont rattachées au secteur de l'époque, alors que la population suit la carte des districts en vigueur depuis : les taux par habitant qui incluent des années anciennes mêlent deux cartes et sont à lire avec prudence. Les districts 13, 21 et 23, supprimés, n'ont pas de population : pas de données.",
    },
    "caveat_city_of_london": {
        "en": "The BBC's staff headcount for City of London Police ({london}) is the same as Cheshire's ({cheshire}) and far above the size of this small force: probably a copying error in the BBC's sheet. It is used as published, so the City of London figure is probably too low.",
        "fr": "L'effectif retenu par la BBC pour la City of London Police ({london}) est identique à celui du Cheshire ({cheshire}) et bien supérieur à la taille de cette petite force : probablement une erreur de recopie dans le tableau de la BBC. Il est utilisé tel que publié : le chiffre de la City of London est donc probablement trop bas.",
    },
    "denominator_line": {
        "en": "Denominator: {text}. Interval: {interval}.",
        "fr": "Dénominateur : {text}. Intervalle : {interval}.",
    },
    "interval_wilson": {
        "en": "95% Wilson interval on the published counts (their clustering within complaints is not published, so it is a lower bound on the uncertainty)",
        "fr": "intervalle de Wilson à 95 % sur les nombres publiés (leur regroupement par plainte n'est pas publié : c'est un minimum de l'incertitude)",
    },
    "interval_wilson_design_effect": {
        "en": "95% Wilson interval widened for allegations clustered within complaints and officers (design effect)",
        "fr": "intervalle de Wilson à 95 % élargi pour tenir compte des allégations regroupées par plainte et par agent (effet de plan)",
    },
    "interval_poisson": {
        "en": "95% exact Poisson interval (Garwood) on the number of events",
        "fr": "intervalle de Poisson exact à 95 % (Garwood) sur le nombre de faits",
    },
    "interval_none": {"en": "none", "fr": "aucun"},
    "not_investigated_note": {
        "en": "Not counted in the denominator: {count} allegations closed without any investigation (no sworn affidavit), and allegations pending or without a published finding.",
        "fr": "Non comptées au dénominateur : {count} allégations classées sans aucune enquête (faute de déclaration sous serment), ainsi que les allégations en cours ou sans conclusion publiée.",
    },
    "default_years_note": {
        "en": "The years start in {first} by default: before that, most records have no beat and so no district (see the share placed in no district). Widen the range to include them.",
        "fr": "Les années commencent par défaut en {first} : auparavant, la plupart des dossiers n'ont pas de secteur (beat), donc pas de district (voir la part non rattachée). Élargissez la période pour les inclure.",
    },
    "card_unplaced": {
        "en": "Same years: {share} of the jurisdiction's figures are placed in no {level}{value}.",
        "fr": "Mêmes années : {share} des chiffres de la juridiction ne sont rattachés à aucun territoire ({level}){value}.",
    },
    "card_unplaced_value": {
        "en": " ({value} for them)",
        "fr": " ({value} pour eux)",
    },
    "note_retired_not_ranked": {
        "en": "Retired district: shown, not ranked against current districts",
        "fr": "District supprimé : affiché, non classé avec les districts actuels",
    },
    "unplaced_chicago": {
        "en": "Not on this page: {share} of the figures ({what}: {count} of {total}) are placed in no district, because the record gives no beat or a beat that is not a patrol beat.",
        "fr": "Hors de cette page : {share} des chiffres ({what} : {count} sur {total}) ne sont rattachés à aucun district, faute de secteur (beat) ou parce que le secteur indiqué n'est pas un secteur de patrouille.",
    },
    "unplaced_gb": {
        "en": "Not on this page: {share} of the figures ({what}: {count} of {total}) belong to bodies with no police force area (British Transport Police and, for officer numbers, officers on central service secondment).",
        "fr": "Hors de cette page : {share} des chiffres ({what} : {count} sur {total}) relèvent d'organismes sans territoire de force de police (British Transport Police et, pour les effectifs, les policiers détachés auprès de services centraux).",
    },
    "unplaced_fr": {
        "en": "Not on this page: {share} of the figures ({what}: {count} of {total}) are recorded with no département.",
        "fr": "Hors de cette page : {share} des chiffres ({what} : {count} sur {total}) sont enregistrés sans département.",
    },
    "caveat_city_of_london_residents": {
        "en": "The City of London has very few residents ({london} at the 2011 census) but a large working population by day: its officers per inhabitant cannot be compared with other forces.",
        "fr": "La City of London compte très peu d'habitants ({london} au recensement de 2011) mais une importante population active en journée : son nombre de policiers par habitant n'est pas comparable à celui des autres forces.",
    },
    # Side by side
    "side_by_side": {"en": "Two regions side by side", "fr": "Deux territoires côte à côte"},
    "region_a": {"en": "First region", "fr": "Premier territoire"},
    "region_b": {"en": "Second region", "fr": "Second territoire"},
    "interval_line": {
        "en": "95% interval: {low} to {high}",
        "fr": "Intervalle à 95 % : de {low} à {high}",
    },
    "rank_line": {
        "en": "Rank: {rank} of {count} (1 = highest)",
        "fr": "Rang : {rank} sur {count} (1 = le plus élevé)",
    },
    "no_rank": {"en": "Rank: none (no figure)", "fr": "Rang : aucun (pas de chiffre)"},
    "intervals_overlap": {
        "en": "The two 95% intervals overlap: these figures alone do not show a clear difference between {a} and {b}.",
        "fr": "Les deux intervalles à 95 % se chevauchent : ces chiffres seuls ne montrent pas de différence nette entre {a} et {b}.",
    },
    "intervals_apart": {
        "en": "The two 95% intervals do not overlap: the difference between {a} and {b} is larger than chance variation would usually produce.",
        "fr": "Les deux intervalles à 95 % ne se chevauchent pas : l'écart entre {a} et {b} dépasse ce que le seul hasard produit d'ordinaire.",
    },
    # Map and ranking
    "map_title": {"en": "Map: {measure}", "fr": "Carte : {measure}"},
    "ranking_title": {"en": "Ranking: {measure}", "fr": "Classement : {measure}"},
    "not_on_map": {
        "en": "Not on the map ({reason}), shown in the ranking chart: {items}.",
        "fr": "Absents de la carte ({reason}), présents dans le graphique du classement : {items}.",
    },
    "no_shape_reason_US-IL-CHI": {
        "en": "retired in December 2012, no boundary published",
        "fr": "supprimés en décembre 2012, aucune limite publiée",
    },
    "no_shape_reason_US-NY-NYC": {
        "en": "transit districts police the subway and have no published boundary",
        "fr": "les districts du métro n'ont pas de limites publiées",
    },
    "no_shape_reason_FR": {
        "en": "overseas: the bundled shapes cover metropolitan France only",
        "fr": "outre-mer : les contours disponibles ne couvrent que la métropole",
    },
    "no_shape_reason_GB-EAW": {"en": "no boundary", "fr": "pas de limites"},
    "reference_line": {
        "en": "Dashed orange line: all {plural} together, {value}.",
        "fr": "Ligne orange en tirets : ensemble des {plural}, {value}.",
    },
    "all_together": {"en": "All {plural} together", "fr": "Ensemble des {plural}"},
    "all_together_unplaced": {
        "en": "whole jurisdiction, including figures placed in no region",
        "fr": "toute la juridiction, y compris les chiffres non rattachés",
    },
    "status_ok": {"en": "Comparable", "fr": "Comparable"},
    "status_small": {"en": "Too few cases to compare", "fr": "Trop peu de cas pour comparer"},
    "status_excluded": {
        "en": "Not comparable (see the note)",
        "fr": "Non comparable (voir la remarque)",
    },
    "no_rank_excluded": {"en": "Rank: none (not compared)", "fr": "Rang : aucun (non comparé)"},
    "note_city_of_london_residents": {
        "en": "Very few residents and a large daytime population: not compared per inhabitant",
        "fr": "Très peu d'habitants et une importante population en journée : pas de comparaison par habitant",
    },
    "legend_grey": {"en": "Not compared", "fr": "Non comparé"},
    "tooltip_value": {"en": "Value", "fr": "Valeur"},
    "tooltip_interval": {"en": "95% interval", "fr": "Intervalle à 95 %"},
    "tooltip_status": {"en": "Status", "fr": "Statut"},
    "interval_range": {"en": "{low} to {high}", "fr": "de {low} à {high}"},
    "with_ci": {
        "en": "{value} (95% CI {low} to {high})",
        "fr": "{value} (IC à 95 % : de {low} à {high})",
    },
    "percent": {"en": "{value}%", "fr": "{value}\u00a0%"},
    "reading_map": {
        "en": "Highest: {top}, {top_value}. Lowest: {bottom}, {bottom_value} ({count} {plural} in the comparison, {years}).",
        "fr": "Le plus élevé : {top}, {top_value}. Le plus bas : {bottom}, {bottom_value} ({count} {plural} dans la comparaison, {years}).",
    },
    "reading_none": {
        "en": "No {level} has enough data to be compared for this measure and these years.",
        "fr": "Aucun territoire ({level}) n'a assez de données pour être comparé sur cet indicateur et ces années.",
    },
    "reading_bars_interval": {
        "en": "All {plural} together: {pooled}. Of the {count} comparable {plural}, {above} are above this level and {below} below it with their whole 95% interval; the others cannot be told apart from it, and those with too few cases are not compared.",
        "fr": "Ensemble des {plural} : {pooled}. Sur les {count} {plural} comparables, {above} sont au-dessus de ce niveau et {below} en dessous avec tout leur intervalle à 95 % ; les autres ne s'en distinguent pas, et ceux qui ont trop peu de cas ne sont pas comparés.",
    },
    "reading_bars_count": {
        "en": "The {count} {plural} add up to {total} ({what}, {years}); {top} alone has {top_value}, {top_share} of the total.",
        "fr": "Les {count} {plural} totalisent {total} ({what}, {years}) ; {top} en compte à lui seul {top_value}, soit {top_share} du total.",
    },
    "reading_bars_ratio": {
        "en": "All {plural} together: {pooled}. Highest: {top}, {top_value}; lowest: {bottom}, {bottom_value} ({years}).",
        "fr": "Ensemble des {plural} : {pooled}. Le plus élevé : {top}, {top_value} ; le plus bas : {bottom}, {bottom_value} ({years}).",
    },
    "years_span": {"en": "{low}-{high}", "fr": "{low}-{high}"},
    "one_period": {"en": "2018 - February 2022", "fr": "2018 - février 2022"},
    # Notes in the table
    "note_not_published": {
        "en": "No figure published for this region and these years",
        "fr": "Aucun chiffre publié pour ce territoire et ces années",
    },
    "note_empty_denominator": {
        "en": "No case in the denominator for these years",
        "fr": "Aucun cas au dénominateur pour ces années",
    },
    "note_retired_district": {
        "en": "District retired in December 2012: no population published",
        "fr": "District supprimé en décembre 2012 : aucune population publiée",
    },
    "note_not_in_bbc": {
        "en": "Not in the BBC's table (no IOPC report found for this force): no data, not zero",
        "fr": "Absente du tableau de la BBC (aucun rapport de l'IOPC trouvé pour cette force) : pas de données, et non zéro",
    },
    "note_partial_years": {
        "en": "Figures published for {first}-{last} only",
        "fr": "Chiffres publiés pour {first}-{last} seulement",
    },
    # Table columns
    "col_region": {"en": "Region", "fr": "Territoire"},
    "col_region_id": {"en": "Region id", "fr": "Identifiant"},
    "col_value": {"en": "Value", "fr": "Valeur"},
    "col_lower": {"en": "95% low", "fr": "Borne basse à 95 %"},
    "col_upper": {"en": "95% high", "fr": "Borne haute à 95 %"},
    "col_rank": {"en": "Rank", "fr": "Rang"},
    "col_status": {"en": "Status", "fr": "Statut"},
    "col_note": {"en": "Note", "fr": "Remarque"},
    "col_on_map": {"en": "On the map", "fr": "Sur la carte"},
    "yes": {"en": "yes", "fr": "oui"},
    "no": {"en": "no", "fr": "non"},
    # Region names and level plurals
    "district_named": {"en": "District {code} ({name})", "fr": "District {code} ({name})"},
    "district_retired": {
        "en": "District {code} (retired in 2012)",
        "fr": "District {code} (supprimé en 2012)",
    },
    "precinct_named": {"en": "Precinct {code}", "fr": "Commissariat n° {code}"},
    "transit_named": {"en": "Transit District {number}", "fr": "District du métro n° {number}"},
    "departement_named": {"en": "{name} ({code})", "fr": "{name} ({code})"},
    "plural_district": {"en": "districts", "fr": "districts"},
    "plural_precinct": {"en": "precincts", "fr": "commissariats"},
    "plural_police_force": {"en": "forces", "fr": "forces de police"},
    "plural_departement": {"en": "départements", "fr": "départements"},
    "plural_region": {"en": "regions", "fr": "régions"},
}
TEXT = {**PAGE_TEXT, **rm.TEXT}


def render(page: PageContext) -> None:
    t = page.t
    st.title(t("page_compare"))
    st.write(t("compare_intro"))

    where = st.columns([2, 3, 3])
    with where[0]:
        jurisdiction = _choose_jurisdiction(page)
    with where[1]:
        level = _choose_level(page, jurisdiction)
    what = st.columns([5, 3])
    with what[0]:
        measure = _choose_measure(page, jurisdiction)
    with what[1]:
        year_from, year_to = _choose_years(page, jurisdiction, level, measure)

    regions = data.query(
        "compare_regions", level=level.key, prefix=level.prefix, vintage=level.vintage
    )
    regions["label"] = [_region_label(t, jurisdiction.key, row) for row in regions.itertuples()]
    retired = {
        row.region_id: "note_retired_not_ranked"
        for row in regions.itertuples()
        if level.noted_means_retired and isinstance(row.valid_note, str) and row.valid_note
    }
    frame, unplaced = rm.compute(
        measure,
        level,
        list(regions["region_id"]),
        year_from,
        year_to,
        jurisdiction=jurisdiction.key,
        not_ranked=retired,
    )
    frame = _described(frame.merge(regions, on="region_id"), page, measure)
    view = _View(page, jurisdiction, level, measure, year_from, year_to, frame)

    view.unplaced = unplaced
    _explain(view, unplaced)
    _side_by_side(view)
    _map(view)
    _ranking(view)


class _View:
    """The choices and the computed frame, with the wording helpers that depend on them."""

    def __init__(self, page, jurisdiction, level, measure, year_from, year_to, frame):
        self.page, self.t = page, page.t
        self.jurisdiction, self.level, self.measure = jurisdiction, level, measure
        self.year_from, self.year_to, self.frame = year_from, year_to, frame
        self.plural = self.t(f"plural_{level.key}")
        self.name = self.t(f"m_{measure.key}")
        self.unit = self.t(f"m_{measure.key}_unit")
        self.unplaced: dict = {}

    def unplaced_line(self) -> str | None:
        """The share of the figures placed in no region, shown beside every region figure."""
        unplaced, lang = self.unplaced, self.page.lang
        if not self.jurisdiction.unplaced_note or not unplaced.get("numerator"):
            return None
        share = unplaced["numerator"] / unplaced["total"] * 100
        value = unplaced.get("unplaced_value")
        return self.t(
            "card_unplaced",
            share=self.t("percent", value=_number(share, 1, lang)),
            level=self.t(f"level_{self.level.key}"),
            value=""
            if value is None
            else self.t(
                "card_unplaced_value", value=_value_text(self.t, lang, self.measure, value)
            ),
        )

    def years_text(self) -> str:
        if self.year_from is None:
            return self.t("one_period")
        return self.t("years_span", low=self.year_from, high=self.year_to)

    def with_interval(self, row) -> str:
        if pd.isna(row["lower"]):
            return row["value_label"]
        return self.t(
            "with_ci",
            value=row["value_label"],
            low=_number(row["lower"], self.measure.decimals, self.page.lang),
            high=_number(row["upper"], self.measure.decimals, self.page.lang),
        )


# -- choices -----------------------------------------------------------------------------
#
# Each widget has a key whose session state is set from the (validated) link before the
# widget is drawn, and an on_change callback that writes the user's choice to the link at
# once. Widgets without a key would get a new identity each time their default changes, and
# the first change after that would be lost.


def _linked_widget(name: str, value) -> str:
    """The key of the widget showing link parameter `name`, its state set to `value`."""
    key = f"compare_{name}"
    if st.session_state.get(key) != value:
        st.session_state[key] = value
    return key


def _to_link(name: str, cleared: tuple[str, ...] = ()) -> None:
    """on_change: the widget's new value goes to the link; `cleared` parameters, which
    meant something only under the previous value, are dropped."""
    st.query_params[name] = str(st.session_state[f"compare_{name}"])
    for other in cleared:
        if other in st.query_params:
            del st.query_params[other]


def _choose_jurisdiction(page: PageContext):
    t, state = page.t, page.state
    keys = list(rm.JURISDICTIONS)
    linked = state.choice("jurisdiction", keys, rm.DEFAULT_JURISDICTION)
    chosen = st.selectbox(
        t("jurisdiction"),
        keys,
        format_func=lambda k: t(f"jur_{k}"),
        key=_linked_widget("jurisdiction", linked),
        on_change=_to_link,
        args=("jurisdiction", DEPENDENT_PARAMS),  # another jurisdiction's filters mean nothing
    )
    state.set(jurisdiction=chosen)
    return rm.JURISDICTIONS[chosen]


def _choose_level(page: PageContext, jurisdiction: rm.Jurisdiction) -> rm.Level:
    t, state = page.t, page.state
    keys = [level.key for level in jurisdiction.levels]
    if len(keys) == 1:
        state.set(level=None)
        return jurisdiction.levels[0]
    linked = state.choice("level", keys, keys[0])
    chosen = st.radio(
        t("map_level"),
        keys,
        format_func=lambda k: t(f"level_{k}").capitalize(),
        horizontal=True,
        key=_linked_widget("level", linked),
        on_change=_to_link,
        args=("level", ("region_a", "region_b")),  # those regions do not exist at this level
    )
    state.set(level=chosen)
    return jurisdiction.level(chosen)


def _choose_measure(page: PageContext, jurisdiction: rm.Jurisdiction) -> rm.Measure:
    t, state = page.t, page.state
    keys = [measure.key for measure in jurisdiction.measures]
    linked = state.choice("measure", keys, keys[0])
    chosen = st.selectbox(
        t("measure"),
        keys,
        format_func=lambda k: t(f"m_{k}"),
        key=_linked_widget("measure", linked),
        on_change=_measure_changed,
        args=(jurisdiction.key,),
    )
    state.set(measure=chosen)
    return jurisdiction.measure(chosen)


def _measure_changed(jurisdiction_key: str) -> None:
    """on_change of the measure: keep the years only if the new measure has them."""
    measure = rm.JURISDICTIONS[jurisdiction_key].measure(st.session_state["compare_measure"])
    raw = [st.query_params.get("year_from"), st.query_params.get("year_to")]
    fits = measure.years is not None and all(
        value is None or _year_within(plain_integer(value), measure.years) for value in raw
    )
    _to_link("measure", () if fits else ("year_from", "year_to"))


def _year_within(year: int | None, years: tuple[int, int]) -> bool:
    return year is not None and years[0] <= year <= years[1]


def _choose_years(
    page: PageContext, jurisdiction: rm.Jurisdiction, level: rm.Level, measure: rm.Measure
) -> tuple[int | None, int | None]:
    t, state = page.t, page.state
    if measure.years is None:
        for name in ("year_from", "year_to"):
            if state.raw(name) is not None:
                state.notices.append((name, state.raw(name)))
        state.set(year_from=None, year_to=None)
        low, high = measure.fixed_period
        st.slider(t("years"), low, high, (low, high), disabled=True, key="compare_no_years")
        st.caption(t("no_year_split"))
        return None, None
    low, high = measure.years
    first, last = rm.default_years(jurisdiction, level, measure)
    year_from = state.integer("year_from", low, high, first)
    year_to = state.integer("year_to", low, high, last)
    if year_from > year_to:
        state.notices.extend([("year_from", str(year_from)), ("year_to", str(year_to))])
        year_from, year_to = first, last
    year_from, year_to = st.slider(
        t("years"),
        low,
        high,
        key=_linked_widget("years", (year_from, year_to)),
        on_change=_years_changed,
        args=(first, last),
    )
    state.set(
        year_from=year_from if year_from != first else None,
        year_to=year_to if year_to != last else None,
    )
    if first > low and year_from == first:
        st.caption(t("default_years_note", first=first))
    return year_from, year_to


def _years_changed(first: int, last: int) -> None:
    """on_change of the years: only a range other than the default goes into the link, so
    that the default range follows the measure."""
    year_from, year_to = st.session_state["compare_years"]
    for name, value, full in (("year_from", year_from, first), ("year_to", year_to, last)):
        if value != full:
            st.query_params[name] = str(value)
        elif name in st.query_params:
            del st.query_params[name]


def _choose_region(page: PageContext, name: str, frame: pd.DataFrame, default: str) -> str:
    t, state = page.t, page.state
    ids = list(frame["region_id"])
    labels = dict(zip(frame["region_id"], frame["label"], strict=True))
    linked = state.choice(name, ids, default)
    chosen = st.selectbox(
        t(name),
        ids,
        format_func=labels.get,
        key=_linked_widget(name, linked),
        on_change=_to_link,
        args=(name,),
    )
    state.set(**{name: chosen})
    return chosen


# -- the computed figures, worded --------------------------------------------------------


def _described(frame: pd.DataFrame, page: PageContext, measure: rm.Measure) -> pd.DataFrame:
    """Add the text the charts and cards show: value, interval, status, note."""
    t, lang = page.t, page.lang
    frame = frame.copy()
    frame["value_label"] = [_value_text(t, lang, measure, value) for value in frame["value"]]
    frame["interval_label"] = [
        "—"
        if pd.isna(low)
        else t(
            "interval_range",
            low=_number(low, measure.decimals, lang),
            high=_number(high, measure.decimals, lang),
        )
        for low, high in zip(frame["lower"], frame["upper"], strict=True)
    ]
    frame["status_label"] = [_status_labels(t)[status] for status in frame["status"]]
    notes = []
    for row in frame.itertuples():
        parts = []
        if isinstance(row.missing_reason, str):
            parts.append(t(row.missing_reason))
        if row.partial_years:
            parts.append(t("note_partial_years", first=row.first_year, last=row.last_year))
        notes.append("; ".join(parts))
    frame["note"] = notes
    return frame


def _explain(view: _View, unplaced: dict[str, float]) -> None:
    """Definition, denominator and caveats, next to the figures they qualify."""
    t, measure, lang = view.t, view.measure, view.page.lang
    if view.jurisdiction.key == "FR":
        st.subheader(t("france_context_title"))
        st.info(t("france_context"))
    if view.jurisdiction.key == "US-NY-NYC":
        st.info(t("nyc_no_population"))
    st.markdown(t("definition_line", name=view.name, text=t(f"m_{measure.key}_def")))
    if measure.kind != COUNT:
        st.caption(
            t(
                "denominator_line",
                text=t(f"m_{measure.key}_den"),
                interval=t(f"interval_{measure.definition.interval}"),
            )
        )
    if measure.catalogue_id == "sustained_share" and unplaced.get("not_investigated"):
        st.caption(t("not_investigated_note", count=_number(unplaced["not_investigated"], 0, lang)))
    if measure.kind == SHARE:
        st.caption(t("small_rule_share", threshold=rm.small_threshold(measure)))
    elif measure.kind == RATE:
        st.caption(t("small_rule_rate", threshold=rm.small_threshold(measure)))
    if measure.caveat:
        denominators = view.frame.set_index("region_id")["denominator"]
        st.warning(
            t(
                measure.caveat,
                london=_number(denominators.get(CITY_OF_LONDON), 0, lang),
                cheshire=_number(denominators.get(CHESHIRE), 0, lang),
            )
        )
    if view.jurisdiction.unplaced_note and unplaced["numerator"] > 0:
        share = unplaced["numerator"] / unplaced["total"] * 100
        st.caption(
            t(
                view.jurisdiction.unplaced_note,
                count=_number(unplaced["numerator"], 0, lang),
                total=_number(unplaced["total"], 0, lang),
                share=t("percent", value=_number(share, 1, lang)),
                what=t(f"m_{measure.key}_num"),
            )
        )


def _side_by_side(view: _View) -> None:
    t, frame = view.t, view.frame
    st.subheader(t("side_by_side"))
    ranked = frame[frame["status"] == OK].sort_values("value", ascending=False)
    if len(ranked) >= 2:
        default_a, default_b = ranked["region_id"].iloc[0], ranked["region_id"].iloc[-1]
    else:
        default_a, default_b = frame["region_id"].iloc[0], frame["region_id"].iloc[-1]
    cards = st.columns(2)
    chosen = []
    for column, name, default in zip(
        cards, ("region_a", "region_b"), (default_a, default_b), strict=True
    ):
        with column:
            region_id = _choose_region(view.page, name, frame, default)
            row = frame.set_index("region_id").loc[region_id]
            _card(view, row)
            chosen.append(row)
    a, b = chosen
    if a.name != b.name and a["status"] == OK and b["status"] == OK and pd.notna(a["lower"]):
        apart = a["upper"] < b["lower"] or b["upper"] < a["lower"]
        key = "intervals_apart" if apart else "intervals_overlap"
        st.markdown(t(key, a=a["label"], b=b["label"]))


def _card(view: _View, row: pd.Series) -> None:
    t, measure, lang = view.t, view.measure, view.page.lang
    known = int(view.frame["rank"].notna().sum())
    with st.container(border=True):
        st.metric(row["label"], row["value_label"])
        lines = [f"*{view.unit}*"]
        if pd.notna(row["lower"]):
            lines.append(
                t(
                    "interval_line",
                    low=_number(row["lower"], measure.decimals, lang),
                    high=_number(row["upper"], measure.decimals, lang),
                )
            )
        numerator_decimals = measure.decimals if measure.kind == rm.RATIO else 0
        numerator = _number(row["numerator"], numerator_decimals, lang)
        lines.append(t("label_value", label=t(f"m_{measure.key}_num"), value=numerator))
        if measure.kind != COUNT:
            denominator = _number(row["denominator"], 0, lang)
            lines.append(t("label_value", label=t(f"m_{measure.key}_den"), value=denominator))
        if pd.notna(row["rank"]):
            lines.append(t("rank_line", rank=int(row["rank"]), count=known))
        elif row["status"] == EXCLUDED:
            lines.append(t("no_rank_excluded"))
        else:
            lines.append(t("no_rank"))
        st.markdown("  \n".join(lines))
        if row["status"] == SMALL:
            st.warning(t("status_small"))
        if row["note"]:
            st.caption(row["note"])
        unplaced = view.unplaced_line()
        if unplaced:
            st.caption(unplaced)


def _map(view: _View) -> None:
    t, frame, level = view.t, view.frame, view.level
    st.subheader(t("map_title", measure=view.name))
    shapes = _shapes(level.key, level.prefix, level.vintage, data.warehouse_version())
    properties = frame[["region_id", "label", "value", "status", *_LABEL_COLUMNS]]
    collection = charts.feature_collection(shapes, properties)
    chart = charts.choropleth(collection, lang=view.page.lang, **_chart_titles(view))
    reading = _map_reading(view)
    st.altair_chart(chart, width="stretch", alt=reading)
    off_map = frame[~frame["has_shape"]]
    if not off_map.empty:
        items = "; ".join(
            t("label_value", label=row.label, value=row.value_label) for row in off_map.itertuples()
        )
        reason = t(f"no_shape_reason_{view.jurisdiction.key}")
        st.caption(t("not_on_map", reason=reason, items=items))
    table = _table(view)
    table[t("col_on_map")] = [t("yes") if has else t("no") for has in frame["has_shape"]]
    chart_footer(
        view.page,
        [*view.measure.source_ids, level.shape_source],
        reading,
        table,
        "compare_map_table",
    )


@st.cache_resource(max_entries=8, show_spinner=False)
def _shapes(level: str, prefix: str, vintage: str, version: float) -> pd.DataFrame:
    """Parsed map shapes, kept per warehouse version (read-only: never modified)."""
    shapes = data.query("compare_boundaries", level=level, prefix=prefix, vintage=vintage)
    return charts.parse_shapes(shapes)


def _ranking(view: _View) -> None:
    t, frame, measure, lang = view.t, view.frame, view.measure, view.page.lang
    st.subheader(t("ranking_title", measure=view.name))
    small = frame[frame["status"] == SMALL]
    if not small.empty and measure.kind in (SHARE, RATE):
        key = "small_warning_share" if measure.kind == SHARE else "small_warning_rate"
        threshold = rm.small_threshold(measure)
        st.warning(
            t(
                key,
                count=len(small),
                plural=view.plural,
                threshold=threshold,
                names="; ".join(small["label"]),  # names may hold commas
            )
        )
    # Shares and rates: the whole jurisdiction's figure (the same "all" figure as Overview);
    # counts and ratios: the regions shown added up.
    if measure.kind in (SHARE, RATE):
        pooled = view.unplaced["overall"]
    else:
        pooled = rm.pooled(measure, frame)
    reference = None
    if pooled is not None and measure.kind != COUNT:
        reference = pooled[0]
    chart = charts.ranked_bars(
        frame[["label", "value", "lower", "upper", "status", *_LABEL_COLUMNS]],
        lang=lang,
        no_data_text=t("no_data"),
        reference=reference,
        reference_label=t("all_together", plural=view.plural),
        label_title=t(f"level_{view.level.key}").capitalize(),
        **_chart_titles(view),
    )
    reading = _bars_reading(view, pooled)
    st.altair_chart(chart, width="stretch", alt=reading)
    if reference is not None:
        st.caption(
            t("reference_line", plural=view.plural, value=_value_text(t, lang, measure, reference))
        )
    chart_footer(view.page, list(measure.source_ids), reading, _table(view), "compare_bars_table")


_LABEL_COLUMNS = ["value_label", "interval_label", "status_label"]


def _status_labels(t) -> dict[str, str]:
    return {
        OK: t("status_ok"),
        SMALL: t("status_small"),
        EXCLUDED: t("status_excluded"),
        NO_VALUE: t("no_data"),
    }


def _chart_titles(view: _View) -> dict:
    t = view.t
    level_name = t(f"level_{view.level.key}").capitalize()
    return {
        "value_title": view.unit,
        "status_title": t("legend_grey"),
        "tooltip_titles": {
            "label": level_name,
            "value_label": view.unit,
            "interval_label": t("tooltip_interval"),
            "status_label": t("tooltip_status"),
        },
        "status_labels": _status_labels(t),
    }


# -- readings: one sentence per chart, from the figures ----------------------------------


def _map_reading(view: _View) -> str:
    t = view.t
    comparable = view.frame[view.frame["status"] == OK].sort_values("value", ascending=False)
    if comparable.empty:
        return t("reading_none", level=t(f"level_{view.level.key}"))
    top, bottom = comparable.iloc[0], comparable.iloc[-1]
    return t(
        "reading_map",
        top=top["label"],
        top_value=view.with_interval(top),
        bottom=bottom["label"],
        bottom_value=view.with_interval(bottom),
        count=len(comparable),
        plural=view.plural,
        years=view.years_text(),
    )


def _bars_reading(view: _View, pooled) -> str:
    t, measure, lang = view.t, view.measure, view.page.lang
    comparable = view.frame[view.frame["status"] == OK].sort_values("value", ascending=False)
    if comparable.empty or pooled is None:
        return t("reading_none", level=t(f"level_{view.level.key}"))
    top, bottom = comparable.iloc[0], comparable.iloc[-1]
    if measure.kind == COUNT:
        total = pooled[0]
        return t(
            "reading_bars_count",
            what=t(f"m_{measure.key}_num").lower(),
            count=int(view.frame["value"].notna().sum()),
            plural=view.plural,
            total=_number(total, 0, lang),
            top=top["label"],
            top_value=top["value_label"],
            top_share=t("percent", value=_number(top["value"] / total * 100, 1, lang)),
            years=view.years_text(),
        )
    pooled_row = {
        "value_label": _value_text(t, lang, measure, pooled[0]),
        "lower": pooled[1],
        "upper": pooled[2],
    }
    if measure.kind == rm.RATIO:
        return t(
            "reading_bars_ratio",
            plural=view.plural,
            pooled=pooled_row["value_label"],
            top=top["label"],
            top_value=top["value_label"],
            bottom=bottom["label"],
            bottom_value=bottom["value_label"],
            years=view.years_text(),
        )
    level = pooled[0]
    return t(
        "reading_bars_interval",
        plural=view.plural,
        pooled=view.with_interval(pooled_row),
        count=len(comparable),
        above=int((comparable["lower"] > level).sum()),
        below=int((comparable["upper"] < level).sum()),
    )


# -- the table behind both charts ---------------------------------------------------------


def _table(view: _View) -> pd.DataFrame:
    """The figures of the chart as numbers (for copy-paste), with translated headers."""
    t, measure, frame = view.t, view.measure, view.frame
    decimals = measure.decimals + 1  # one more digit than shown, for re-use
    columns = {
        t("col_region"): frame["label"],
        t("col_region_id"): frame["region_id"],
        view.unit: frame["value"].round(decimals),
    }
    if measure.kind in (SHARE, RATE):
        columns[t("col_lower")] = frame["lower"].round(decimals)
        columns[t("col_upper")] = frame["upper"].round(decimals)
    columns[t(f"m_{measure.key}_num")] = frame["numerator"].round(2)
    if measure.kind != COUNT:
        columns[t(f"m_{measure.key}_den")] = frame["denominator"]
    # Plain ints and None: a pandas NA would not survive the CSV export of the footer.
    columns[t("col_rank")] = pd.Series(
        [None if pd.isna(rank) else int(rank) for rank in frame["rank"]], dtype=object
    )
    columns[t("col_status")] = frame["status_label"]
    columns[t("col_note")] = frame["note"]
    return pd.DataFrame(columns).reset_index(drop=True)


# -- wording helpers ----------------------------------------------------------------------


def _region_label(t, jurisdiction: str, row) -> str:
    if jurisdiction == "US-IL-CHI":
        if isinstance(row.valid_note, str) and row.valid_note:
            return t("district_retired", code=row.code)
        return t("district_named", code=row.code, name=row.name)
    if jurisdiction == "US-NY-NYC":
        if row.code.startswith("TD"):
            return t("transit_named", number=row.code[2:])
        return t("precinct_named", code=row.code)
    if row.region_id.startswith("FR-DEP-"):
        return t("departement_named", name=row.name, code=row.code)
    return row.name


def _value_text(t, lang: str, measure: rm.Measure, value) -> str:
    if value is None or pd.isna(value):
        return t("no_data")
    text = _number(value, measure.decimals, lang)
    return t("percent", value=text) if measure.kind == SHARE else text


def _number(value, decimals: int, lang: str) -> str:
    """12,345.6 in English, 12 345,6 in French (narrow no-break space)."""
    if value is None or pd.isna(value):
        return "—"
    text = f"{float(value):,.{decimals}f}"
    if lang == "fr":
        text = text.replace(",", "\u202f").replace(".", ",")
    return text
