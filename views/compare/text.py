"""The Compare page's words, English and French: {key: {"en": ..., "fr": ...}}.

Words of one jurisdiction (its notes, caveats, region labels, declared measures) are in
queries/measures/comparisons.toml; the words of the catalogue's measures in
queries/measures/catalogue.toml. To move these into the message catalogs:
`python -m ui.catalogs import views.compare.text compare`.
"""

TEXT = {
    # Choices and definitions
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
    # Generic wording of what a jurisdiction may declare (comparisons.toml)
    "not_investigated_note": {
        "en": "Not counted in the denominator: {count} allegations closed without any investigation{reason}, and allegations pending or without a published finding.",
        "fr": "Non comptées au dénominateur : {count} allégations classées sans aucune enquête{reason}, ainsi que les allégations en cours ou sans conclusion publiée.",
    },
    "card_unplaced": {
        "en": "Same years: {share} of the jurisdiction's figures are placed in no {level}{value}.",
        "fr": "Mêmes années : {share} des chiffres de la juridiction ne sont rattachés à aucun territoire ({level}){value}.",
    },
    "card_unplaced_value": {"en": " ({value} for them)", "fr": " ({value} pour eux)"},
    "note_retired_not_ranked": {
        "en": "Retired district: shown, not ranked against current districts",
        "fr": "District supprimé : affiché, non classé avec les districts actuels",
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
    "reference_line": {
        "en": "Dashed orange line: all {plural} together, {value}.",
        "fr": "Ligne orange en tirets : ensemble des {plural}, {value}.",
    },
    "all_together": {"en": "All {plural} together", "fr": "Ensemble des {plural}"},
    "status_ok": {"en": "Comparable", "fr": "Comparable"},
    "status_small": {"en": "Too few cases to compare", "fr": "Trop peu de cas pour comparer"},
    "status_excluded": {
        "en": "Not comparable (see the note)",
        "fr": "Non comparable (voir la remarque)",
    },
    "no_rank_excluded": {"en": "Rank: none (not compared)", "fr": "Rang : aucun (non comparé)"},
    "legend_grey": {"en": "Not compared", "fr": "Non comparé"},
    "tooltip_interval": {"en": "95% interval", "fr": "Intervalle à 95 %"},
    "tooltip_status": {"en": "Status", "fr": "Statut"},
    "interval_range": {"en": "{low} to {high}", "fr": "de {low} à {high}"},
    "with_ci": {
        "en": "{value} (95% CI {low} to {high})",
        "fr": "{value} (IC à 95 % : de {low} à {high})",
    },
    "percent": {"en": "{value}%", "fr": "{value}\xa0%"},
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
    # Notes in the table
    "note_not_published": {
        "en": "No figure published for this region and these years",
        "fr": "Aucun chiffre publié pour ce territoire et ces années",
    },
    "note_empty_denominator": {
        "en": "No case in the denominator for these years",
        "fr": "Aucun cas au dénominateur pour ces années",
    },
    "note_partial_years": {
        "en": "Figures published for {first}-{last} only",
        "fr": "Chiffres publiés pour {first}-{last} seulement",
    },
    # Table columns
    "col_region": {"en": "Region", "fr": "Territoire"},
    "col_region_id": {"en": "Region id", "fr": "Identifiant"},
    "col_lower": {"en": "95% low", "fr": "Borne basse à 95 %"},
    "col_upper": {"en": "95% high", "fr": "Borne haute à 95 %"},
    "col_rank": {"en": "Rank", "fr": "Rang"},
    "col_status": {"en": "Status", "fr": "Statut"},
    "col_note": {"en": "Note", "fr": "Remarque"},
    "col_on_map": {"en": "On the map", "fr": "Sur la carte"},
    "yes": {"en": "yes", "fr": "oui"},
    "no": {"en": "no", "fr": "non"},
    # Level plurals (a level without one is named by its key)
    "plural_district": {"en": "districts", "fr": "districts"},
    "plural_precinct": {"en": "precincts", "fr": "commissariats"},
    "plural_police_force": {"en": "forces", "fr": "forces de police"},
    "plural_departement": {"en": "départements", "fr": "départements"},
    "plural_region": {"en": "regions", "fr": "régions"},
    "year_basis_incident": {
        "en": "Years: those of the incident date.",
        "fr": "Années : celles de la date des faits.",
    },
    "year_basis_received": {
        "en": "Years: those of the date the complaint was received.",
        "fr": "Années : celles de la date de réception de la plainte.",
    },
    "year_basis_closed": {
        "en": "Years: those of the date the case was closed.",
        "fr": "Années : celles de la date de clôture du dossier.",
    },
    "reason_in_brackets": {"en": " ({reason})", "fr": " ({reason})"},
    "default_years_note": {
        "en": "The years start in {first} by default: before that, most records are placed in no {level}. Widen the range to include them.",
        "fr": "Les années commencent par défaut en {first} : auparavant, la plupart des dossiers ne sont rattachés à aucun territoire ({level}). Élargissez la période pour les inclure.",
    },
    "region_retired": {"en": "{name} (retired)", "fr": "{name} (supprimé)"},
    "no_shape_reason_generic": {"en": "no published boundary", "fr": "aucune limite publiée"},
    "unplaced_generic": {
        "en": "Not on this page: {share} of the figures ({what}: {count} of {total}) are placed in no {level}.",
        "fr": "Hors de cette page : {share} des chiffres ({what} : {count} sur {total}) ne sont rattachés à aucun territoire ({level}).",
    },
}
