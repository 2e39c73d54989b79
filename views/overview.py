"""Overview: what the project is, what each jurisdiction's data holds, the path from
allegation to sanction, yearly trends, and the reported case that started the project.

Every figure is read from the warehouse through queries/overview_*.sql; the sentences
around the figures are in TEXT, in English and French.
"""

from __future__ import annotations

from dataclasses import dataclass

import altair as alt
import pandas as pd
import streamlit as st

from ui import data
from ui import measures as catalogue
from ui.i18n import OUTCOME_LEVELS
from ui.page import PageContext, chart_footer
from ui.palette import OKABE_ITO, OUTCOME_COLOURS
from ui.recommendation_fields import caption as recommendation_fields_caption
from views import region_measures as rm

TEXT = {
    "overview_title": {
        "en": "Police accountability data: what happens after a complaint",
        "fr": "Données sur la responsabilité de la police : que devient une plainte ?",
    },
    "overview_intro": {
        "en": "This project gathers public records on complaints against police officers and the discipline that follows, in France, England and Wales, New York City and Chicago, and puts them on one common scale so that they can be compared. Every figure below comes from a published file or a cited report, with its source and its limits, and nothing is counted that the publishers do not publish.",
        "fr": "Ce projet rassemble les données publiques sur les plaintes visant des policiers et sur les sanctions qui s'ensuivent, en France, en Angleterre et au pays de Galles, à New York et à Chicago, et les place sur une échelle commune pour pouvoir les comparer. Chaque chiffre ci-dessous provient d'un fichier publié ou d'un rapport cité, avec sa source et ses limites, et rien n'est compté que les éditeurs ne publient pas.",
    },
    # What the data holds
    "holdings_title": {"en": "What the data holds", "fr": "Ce que contiennent les données"},
    "holdings_intro": {
        "en": "The four places publish very different things: case-by-case records in Chicago and New York, a national count per force in England and Wales, and only national totals in France.",
        "fr": "Les quatre territoires publient des choses très différentes : des dossiers au cas par cas à Chicago et à New York, un décompte par force de police en Angleterre et au pays de Galles, et seulement des totaux nationaux en France.",
    },
    "sources_label": {"en": "Sources:", "fr": "Sources :"},
    "chi_allegations": {
        "en": "Allegations against officers",
        "fr": "Allégations visant des policiers",
    },
    "chi_allegations_def": {
        "en": "In complaints received from {first} to {last}: one row per accused officer and type of allegation.",
        "fr": "Dans les plaintes reçues de {first} à {last} : une ligne par policier mis en cause et par type d'allégation.",
    },
    "chi_sustained": {"en": "Share sustained", "fr": "Part des allégations fondées"},
    "chi_sustained_def": {
        "en": "{sustained} allegations sustained out of {investigated} with a finding reached after an investigation (95% interval {low} to {high}, allowing for allegations clustered in complaints and officers). Not counted: {not_investigated} allegations closed without any investigation (no sworn affidavit) and {without} allegations with no published finding.",
        "fr": "{sustained} allégations jugées fondées sur {investigated} dont la conclusion a été rendue après une enquête (intervalle à 95\u00a0% : {low} à {high}, compte tenu du regroupement des allégations par plainte et par agent). Non comptées : {not_investigated} allégations classées sans aucune enquête (faute de déclaration sous serment) et {without} allégations sans conclusion publiée.",
    },
    "nyc_substantiated": {
        "en": "Substantiated officer-complaints",
        "fr": "Plaintes fondées visant un policier",
    },
    "nyc_substantiated_def": {
        "en": "Each officer in a complaint that the Civilian Complaint Review Board (CCRB, the city's independent board) substantiated; discipline completed {first} to {last}. The file lists only substantiated complaints, so it cannot say what share of complaints is substantiated.",
        "fr": "Chaque policier visé par une plainte que le Civilian Complaint Review Board (CCRB, l'instance indépendante de la ville) a jugée fondée ; procédures disciplinaires closes de {first} à {last}. Le fichier ne recense que les plaintes fondées : il ne permet donc pas de dire quelle part des plaintes l'est.",
    },
    "nyc_below": {
        "en": "Penalty below the Board's recommendation",
        "fr": "Sanction inférieure à la recommandation du CCRB",
    },
    "nyc_below_def": {
        "en": "{below} of {both} substantiated officer-complaints where both the CCRB Board's recommended discipline and the NYPD's final penalty are known, comparing them on the scale no sanction < advice or training < warning < suspension < demotion < dismissal ({same} equal, {above} above).",
        "fr": "{below} sur {both} plaintes fondées pour lesquelles la sanction recommandée par le CCRB et la sanction finalement infligée par la police de New York (NYPD) sont connues, comparées sur l'échelle aucune sanction < conseil ou formation < avertissement < suspension < rétrogradation < révocation ({same} égales, {above} supérieures).",
    },
    "gb_rate": {
        "en": "Misconduct case to answer, per 1,000 staff",
        "fr": "Dossiers pour faute à instruire, pour 1 000 agents",
    },
    "gb_rate_def": {
        "en": "{cases} police officers and staff in all the forces of the BBC's table were found to have a misconduct or gross-misconduct case to answer in investigations by the Independent Office for Police Conduct (IOPC) reported from 2018 to February 2022 (one period, not per year), per 1,000 staff (headcount used by the BBC, year not stated: {staff}; 95% exact Poisson interval {low} to {high} per 1,000). Investigations run by the forces themselves are not included.",
        "fr": "{cases} policiers et personnels de toutes les forces du tableau de la BBC avaient, selon les enquêtes de l'Independent Office for Police Conduct (IOPC, l'inspection indépendante) publiées de 2018 à février 2022 (une seule période, pas par an), à répondre d'une faute ou d'une faute grave, pour 1 000 agents (effectif retenu par la BBC, année non précisée : {staff} ; intervalle de Poisson exact à 95\u00a0% : {low} à {high} pour 1 000). Les enquêtes menées par les forces elles-mêmes ne sont pas comprises.",
    },
    "fr_removed": {
        "en": "Removed from contact with the public (rule FR-1)",
        "fr": "Écartés du contact avec le public (règle FR-1)",
    },
    "fr_removed_def": {
        "en": "{police} police officers ({paris} of them in the Paris Préfecture de police) and {gendarmes} gendarmes, finally convicted of intrafamily violence, were moved away from the public between August 2021 and 23 September 2022, according to Interior Ministry figures reported by the press ({confidence}).",
        "fr": "{police} policiers (dont {paris} à la préfecture de police de Paris) et {gendarmes} gendarmes, condamnés définitivement pour violences intrafamiliales, ont été écartés du public entre août 2021 et le 23 septembre 2022, selon les chiffres du ministère de l'Intérieur rapportés par la presse ({confidence}).",
    },
    "fr_sanctions": {
        "en": "Disciplinary sanctions pronounced",
        "fr": "Sanctions disciplinaires prononcées",
    },
    "fr_sanctions_police": {"en": "Police nationale, {year}", "fr": "Police nationale, {year}"},
    "fr_sanctions_gendarmerie": {"en": "Gendarmerie, {year}", "fr": "Gendarmerie, {year}"},
    "fr_sanctions_def": {
        "en": "All sanctions pronounced in the year, from a warning to dismissal, for the Police nationale and the Gendarmerie nationale ({confidence}).",
        "fr": "Toutes les sanctions prononcées dans l'année, de l'avertissement à la révocation, dans la Police nationale et la Gendarmerie nationale ({confidence}).",
    },
    "fr_no_departement": {
        "en": "No figure on police misconduct or discipline is published by département or region: France publishes only national totals. What is published by département is recorded crime, for example {victims} victims of intrafamily assault recorded in {year} across {departements} départements (SSMSI).",
        "fr": "Aucun chiffre sur les manquements ou la discipline des policiers n'est publié par département ou par région : la France ne publie que des totaux nationaux. Ce qui est publié par département, c'est la délinquance enregistrée, par exemple {victims} victimes de violences intrafamiliales enregistrées en {year} dans {departements} départements (SSMSI).",
    },
    "fr_reported_by": {"en": "Reported by:", "fr": "Rapporté par :"},
    # Funnel
    "funnel_title": {
        "en": "From allegation to sanction",
        "fr": "De l'allégation à la sanction",
    },
    "funnel_intro": {
        "en": "Only Chicago and New York publish one row per allegation or complaint, so only they show the whole path: how many allegations are sustained, what discipline the investigators recommend, and what discipline is finally imposed. Outcomes are placed on a common scale from no sanction to dismissal; “penalty imposed, not served” (Chicago: the officer resigned or was inactive before serving it) is shown apart, never as no sanction; “unknown or not a sanction” covers pending cases, officers who resigned or retired before a penalty, and outcomes not published. All years in the file are counted.",
        "fr": "Seules Chicago et New York publient une ligne par allégation ou par plainte : elles seules montrent tout le parcours, combien d'allégations sont jugées fondées, quelle sanction les enquêteurs recommandent et laquelle est finalement infligée. Les sanctions sont placées sur une échelle commune, de l'absence de sanction à la révocation ; « sanction infligée, non exécutée » (Chicago : le policier a démissionné ou était inactif avant de l'exécuter) est montrée à part, jamais comme une absence de sanction ; « inconnue ou hors sanction » regroupe les affaires en cours, les policiers démissionnaires ou retraités avant toute sanction et les sanctions non publiées. Toutes les années du fichier sont comptées.",
    },
    "funnel_choose": {"en": "Show the path for", "fr": "Afficher le parcours pour"},
    "stage_all": {"en": "All allegations", "fr": "Toutes les allégations"},
    "stage_with_finding": {"en": "With a published finding", "fr": "Avec une conclusion publiée"},
    "stage_investigated": {
        "en": "With a finding after investigation",
        "fr": "Avec une conclusion après enquête",
    },
    "stage_sustained": {"en": "Sustained", "fr": "Fondées"},
    "stage_recommended": {"en": "Discipline recommended", "fr": "Sanction recommandée"},
    "stage_final": {"en": "Discipline imposed", "fr": "Sanction infligée"},
    "funnel_counts_axis": {"en": "Allegations", "fr": "Allégations"},
    "funnel_share_axis": {
        "en": "Share of the sustained cases",
        "fr": "Part des cas jugés fondés",
    },
    "funnel_level_legend": {"en": "Discipline", "fr": "Sanction"},
    "funnel_nyc_note": {
        "en": "The New York file lists only substantiated officer-complaints: the number of all complaints and allegations is not in it, so the path starts at “sustained”. The count of all CCRB allegation records by year is in the trends below.",
        "fr": "Le fichier de New York ne recense que les plaintes fondées : le nombre total de plaintes et d'allégations n'y figure pas, le parcours commence donc à « fondées ». Le nombre de toutes les allégations enregistrées par le CCRB, année par année, figure dans les tendances ci-dessous.",
    },
    "funnel_chi_note": {
        "en": "Chicago published the recommended discipline only in its 2000-2016 release, hence the large “unknown” share of recommendations.",
        "fr": "Chicago n'a publié la sanction recommandée que dans sa livraison 2000-2016, d'où la forte part « inconnue » des recommandations.",
    },
    "funnel_counts_reading": {
        "en": "In {place}, {with_finding} of {all} allegations have a published finding, {investigated} of them after an investigation, and {sustained} of those ({share}) were sustained.",
        "fr": "À {place}, {with_finding} allégations sur {all} ont une conclusion publiée, dont {investigated} après une enquête, et {sustained} de ces dernières ({share}) ont été jugées fondées.",
    },
    "funnel_levels_reading": {
        "en": "In {place}, of {sustained} sustained allegations, the discipline most often imposed was “{level}” ({count}, {level_share}), and the discipline most often recommended was “{recommended}” ({recommended_count}).",
        "fr": "À {place}, sur {sustained} allégations fondées, la sanction la plus souvent infligée a été « {level} » ({count}, soit {level_share}), et la sanction la plus souvent recommandée « {recommended} » ({recommended_count}).",
    },
    "funnel_levels_reading_complaints": {
        "en": "In {place}, of {sustained} substantiated officer-complaints, the discipline most often imposed was “{level}” ({count}, {level_share}), and the discipline most often recommended by the Board was “{recommended}” ({recommended_count}).",
        "fr": "À {place}, sur {sustained} plaintes fondées visant un policier, la sanction la plus souvent infligée a été « {level} » ({count}, soit {level_share}), et la sanction la plus souvent recommandée par le CCRB « {recommended} » ({recommended_count}).",
    },
    "funnel_levels_reading_none": {
        "en": "In {place}, no recommended or imposed discipline is known for sustained allegations.",
        "fr": "À {place}, aucune sanction recommandée ou infligée n'est connue pour les allégations fondées.",
    },
    "col_stage": {"en": "Stage", "fr": "Étape"},
    "col_level": {"en": "Discipline", "fr": "Sanction"},
    "col_allegations": {"en": "Allegations", "fr": "Allégations"},
    "col_share_of_sustained": {
        "en": "Share of sustained allegations (%)",
        "fr": "Part des allégations fondées (%)",
    },
    "level_total": {"en": "Total", "fr": "Total"},
    # Trends
    "trends_title": {"en": "Year by year", "fr": "Année par année"},
    "trends_intro": {
        "en": "**What is counted.** Chicago: allegations (one per accused officer and type of allegation) by the year of the incident. New York: allegation records of the CCRB (one per allegation and officer), by year of the incident, summed over the precincts and transit districts by the NYU Public Safety Lab, 2006-2019; complaints still pending were left out of that extract, so the last years run low. The two cities count differently: compare the shapes of the curves, not their levels.",
        "fr": "**Ce qui est compté.** Chicago : les allégations (une par policier mis en cause et par type d'allégation), selon l'année des faits. New York : les allégations enregistrées par le CCRB (une par allégation et par policier), selon l'année des faits, additionnées sur les commissariats et districts de transport par le NYU Public Safety Lab, 2006-2019 ; les plaintes encore en cours ont été exclues de cet extrait, les dernières années sont donc sous-estimées. Les deux villes ne comptent pas de la même façon : comparez l'allure des courbes, pas leur niveau.",
    },
    "year_range": {"en": "Years", "fr": "Années"},
    "trend_count_axis": {"en": "Allegations per year", "fr": "Allégations par an"},
    "trend_share_axis": {"en": "Share sustained", "fr": "Part fondée"},
    "trend_share_definition": {
        "en": "Share sustained: Chicago, sustained allegations among those with a finding reached after an investigation (closures without any investigation, pending allegations and those with no finding left out; 95% interval allowing for allegations clustered in complaints and officers); New York, substantiated records among all records (95% Wilson interval: the records are not published one by one, so their clustering is unknown).",
        "fr": "Part fondée : à Chicago, allégations fondées parmi celles dont la conclusion a été rendue après une enquête (classements sans enquête, allégations en cours et sans conclusion écartés ; intervalle à 95\u00a0% tenant compte du regroupement par plainte et par agent) ; à New York, enregistrements établis parmi tous les enregistrements (intervalle de Wilson à 95\u00a0% : les enregistrements ne sont pas publiés un par un, leur regroupement est inconnu).",
    },
    "trend_year_axis": {"en": "Year of the incident", "fr": "Année des faits"},
    "trend_city_legend": {"en": "City", "fr": "Ville"},
    "trend_no_data": {
        "en": "No data for these years: the Chicago file covers complaints received {first} onwards and the New York file incident years 2006-2019.",
        "fr": "Pas de données pour ces années : le fichier de Chicago couvre les plaintes reçues à partir de {first} et celui de New York les années 2006 à 2019.",
    },
    "and": {"en": " and ", "fr": " et "},
    "trend_peak": {
        "en": "{year} in {place} ({count})",
        "fr": "{year} à {place} ({count})",
    },
    "trend_share_range": {
        "en": "from {low} ({low_year}) to {high} ({high_year}) in {place}",
        "fr": "de {low} ({low_year}) à {high} ({high_year}) à {place}",
    },
    "trend_absent": {
        "en": " (no comparable data for {places} in these years)",
        "fr": " (pas de données comparables pour {places} ces années-là)",
    },
    "trend_count_reading": {
        "en": "Between {start} and {end}, the year with the most allegations was {parts}{absent}.",
        "fr": "Entre {start} et {end}, l'année comptant le plus d'allégations a été {parts}{absent}.",
    },
    "trend_count_reading_none": {
        "en": "Between {start} and {end}, there is no data for either city.",
        "fr": "Entre {start} et {end}, il n'y a de données pour aucune des deux villes.",
    },
    "trend_share_reading": {
        "en": "Between {start} and {end}, counting only years with at least {minimum} allegations with a finding, the share sustained ranged {parts}{absent}; the shaded bands are 95% intervals, wide in years with few allegations.",
        "fr": "Entre {start} et {end}, en ne retenant que les années comptant au moins {minimum} allégations avec conclusion, la part des allégations jugées fondées a varié {parts}{absent} ; les bandes colorées sont des intervalles à 95\u00a0%, larges les années où il y a peu d'allégations.",
    },
    "trend_share_reading_none": {
        "en": "Between {start} and {end}, no year has {minimum} allegations with a finding or more: the shares are too uncertain to summarise (see the 95% bands).",
        "fr": "Entre {start} et {end}, aucune année ne compte au moins {minimum} allégations avec conclusion : les parts sont trop incertaines pour être résumées (voir les bandes à 95\u00a0%).",
    },
    "trend_caveat": {
        "en": "Chicago's counts jump in 2000, where two of its three releases meet (1967-1999 and 2000-2016), and fall after 2015 as the last release (to March 2018) leaves recent incidents unrecorded or undecided: changes can reflect the files as much as the police.",
        "fr": "Les chiffres de Chicago font un bond en 2000, à la jonction de deux de ses trois livraisons (1967-1999 et 2000-2016), et chutent après 2015, la dernière livraison (jusqu'en mars 2018) laissant les faits récents non enregistrés ou non tranchés : les variations peuvent refléter les fichiers autant que la police.",
    },
    "col_city": {"en": "City", "fr": "Ville"},
    "col_year": {"en": "Year", "fr": "Année"},
    "col_decided": {
        "en": "Share denominator",
        "fr": "Dénominateur de la part",
    },
    "col_sustained": {"en": "Sustained", "fr": "Fondées"},
    "col_share": {"en": "Share sustained (%)", "fr": "Part fondée (%)"},
    "col_ci_low": {"en": "95% interval, low (%)", "fr": "Intervalle à 95\u00a0%, bas (%)"},
    "col_ci_high": {"en": "95% interval, high (%)", "fr": "Intervalle à 95\u00a0%, haut (%)"},
    # The story
    "story_title": {
        "en": "The case behind the project",
        "fr": "L'affaire à l'origine du projet",
    },
    "story_intro": {
        "en": "The project started from a press report about a police officer at the Maisons-Alfort station (Val-de-Marne) who was reportedly convicted of domestic violence and who, it is alleged, kept dealing with victims of domestic violence afterwards. Since August 2021 a ministerial rule (FR-1, below) requires officers finally convicted of intrafamily violence to be kept away from the public. Whether that rule was broken here cannot be checked from public data, which is the point of this dashboard.",
        "fr": "Le projet est parti d'un article de presse sur un policier du commissariat de Maisons-Alfort (Val-de-Marne) qui aurait été condamné pour violences conjugales et qui, selon ces allégations, aurait continué ensuite à recevoir des victimes de violences conjugales. Depuis août 2021, une règle ministérielle (FR-1, ci-dessous) impose d'écarter du public les policiers condamnés définitivement pour violences intrafamiliales. Les données publiques ne permettent pas de vérifier si cette règle a été enfreinte ici : c'est tout l'objet de ce tableau de bord.",
    },
    "story_caution": {
        "en": "**Handle with care.** Confidence in these reports: **{confidence}** (our only source is a secondary news site relaying an investigation by Mediapart, whose original we could not obtain). What is reported: **{judgment}**. FR-1 applies only to a *final* conviction, and the sources do not say whether this one became final, so whether FR-1 applied at all cannot be decided: the rule's status is **{status}**, not a violation, alleged or proven.",
        "fr": "**À manier avec précaution.** Fiabilité de ces informations : **{confidence}** (notre seule source est un site d'information secondaire relayant une enquête de Mediapart, dont nous n'avons pas pu consulter l'original). Ce qui est rapporté : **{judgment}**. FR-1 ne s'applique qu'à une condamnation *définitive*, et les sources ne disent pas si celle-ci l'est devenue : on ne peut donc pas dire si FR-1 s'appliquait. Le statut de la règle est **{status}**, et non une violation, alléguée ou établie.",
    },
    "story_events": {
        "en": "What was reported, event by event",
        "fr": "Ce qui a été rapporté, événement par événement",
    },
    "event_label": {"en": "Event {number}", "fr": "Événement {number}"},
    "confidence_word_low": {"en": "low", "fr": "faible"},
    "confidence_word_medium": {"en": "medium", "fr": "moyenne"},
    "confidence_word_high": {"en": "high", "fr": "élevée"},
    "event_place": {"en": "Place:", "fr": "Lieu :"},
    "event_legal_status": {"en": "Legal status:", "fr": "Statut judiciaire :"},
    "event_judgment": {"en": "Judgment standing:", "fr": "Décision en vigueur :"},
    "judgment_conviction": {"en": "conviction", "fr": "condamnation"},
    "judgment_acquittal": {"en": "acquittal", "fr": "relaxe"},
    "judgment_annulled": {
        "en": "annulled, retrial pending",
        "fr": "annulée, nouveau procès attendu",
    },
    "judgment_alternative_to_prosecution": {
        "en": "alternative to prosecution (no conviction)",
        "fr": "alternative aux poursuites (pas de condamnation)",
    },
    "judgment_none": {"en": "none", "fr": "aucune"},
    "court_first_instance": {"en": "at first instance", "fr": "en première instance"},
    "court_appeal": {"en": "on appeal", "fr": "en appel"},
    "court_cassation": {"en": "by the Cour de cassation", "fr": "par la Cour de cassation"},
    "court_unknown": {"en": "court not reported", "fr": "juridiction non précisée"},
    "finality_first_instance": {
        "en": "not final (open to appeal)",
        "fr": "non définitive (susceptible d'appel)",
    },
    "finality_appeal": {
        "en": "not final (open to cassation)",
        "fr": "non définitive (pourvoi possible)",
    },
    "finality_cassation_pending": {
        "en": "not final (cassation appeal pending)",
        "fr": "non définitive (pourvoi en cassation en cours)",
    },
    "finality_final": {"en": "final", "fr": "définitive"},
    "finality_unknown": {"en": "finality not reported", "fr": "caractère définitif non précisé"},
    "event_vs_directive": {
        "en": "Against rule {directive}:",
        "fr": "Au regard de la règle {directive} :",
    },
    "event_confidence": {"en": "Confidence:", "fr": "Fiabilité :"},
    "event_source": {"en": "Source:", "fr": "Source :"},
    "event_description_en": {
        "en": "As recorded in the register:",
        "fr": "Tel que consigné dans le registre (en anglais) :",
    },
    "date_not_reported": {"en": "date not reported", "fr": "date non précisée"},
    "months": {
        "en": "January,February,March,April,May,June,July,August,September,October,November,December",
        "fr": "janvier,février,mars,avril,mai,juin,juillet,août,septembre,octobre,novembre,décembre",
    },
    "event_type_conviction": {"en": "Conviction", "fr": "Condamnation"},
    "event_type_allegation": {"en": "Allegation", "fr": "Allégation"},
    "event_type_assignment": {"en": "Assignment", "fr": "Affectation"},
    "event_type_decision": {"en": "Decision", "fr": "Décision"},
    "legal_alleged": {"en": "alleged", "fr": "allégué"},
    "legal_convicted_nonfinal": {
        "en": "convicted, not final",
        "fr": "condamné, non définitif",
    },
    "legal_convicted_final": {"en": "convicted, final", "fr": "condamné définitivement"},
    "legal_acquitted": {"en": "acquitted", "fr": "relaxé"},
    "legal_overturned": {"en": "overturned", "fr": "annulé"},
    "legal_unknown": {
        "en": "unknown (finality not reported)",
        "fr": "inconnu (caractère définitif non précisé)",
    },
    "status_compliant": {"en": "rule followed", "fr": "règle respectée"},
    "status_violation": {"en": "violation", "fr": "violation"},
    "status_alleged_violation": {
        "en": "alleged violation (not proven)",
        "fr": "violation alléguée (non établie)",
    },
    "status_pending": {"en": "pending", "fr": "en cours"},
    "status_insufficient_data": {
        "en": "cannot be checked with the data available",
        "fr": "invérifiable avec les données disponibles",
    },
    "status_not_applicable": {"en": "not applicable", "fr": "sans objet"},
    "status_policy_gap": {
        "en": "not covered by the rule (policy gap)",
        "fr": "non couvert par la règle (lacune)",
    },
    "directive_title": {"en": "The rule: {directive}", "fr": "La règle : {directive}"},
    "directive_issued": {
        "en": "Ministerial instruction of {date}, {binding}; our confidence in this summary: {confidence}.",
        "fr": "Instruction ministérielle du {date}, {binding} ; fiabilité de ce résumé : {confidence}.",
    },
    "binding_binding": {"en": "binding", "fr": "contraignante"},
    "binding_guidance": {"en": "guidance", "fr": "indicative"},
    "binding_recommendation": {"en": "a recommendation", "fr": "une recommandation"},
    "directive_requirement": {"en": "What it requires:", "fr": "Ce qu'elle exige :"},
    "directive_requirement_en": {
        "en": "What it requires:",
        "fr": "Ce qu'elle exige (texte du registre, en anglais) :",
    },
    "directive_sources": {"en": "Text cited:", "fr": "Texte cité :"},
}


# The funnel's jurisdictions and the file each one reads. The NYC penalties file lists only
# substantiated officer-complaints, so its "all allegations" stages would repeat the
# sustained count and must not be drawn.
@dataclass(frozen=True)
class FunnelSource:
    source_id: str
    lists_every_finding: bool


FUNNEL_SOURCES = {
    "US-IL-CHI": FunnelSource("us_chicago_cpdp_complaints", lists_every_finding=True),
    "US-NY-NYC": FunnelSource("us_nyc_ccrb_penalties", lists_every_finding=False),
}
TREND_SOURCES = ["us_chicago_cpdp_complaints", "us_nyc_psl_ccrb_precincts"]
CITY_COLOURS = {"US-IL-CHI": OKABE_ITO[0], "US-NY-NYC": OKABE_ITO[1]}
FUNNEL_BAR_COLOUR = OKABE_ITO[2]  # not on the outcome scale, so counts never read as a level
DEFAULT_YEAR_FROM = 2000  # the richer Chicago releases start in 2000; NYC starts in 2006
MIN_DECIDED_FOR_READING = 100  # years with fewer decided allegations are left out of readings
STORY_CASE = "FR-001."  # Maisons-Alfort, in data/reference/curated/cases_register.csv
STORY_DIRECTIVE = "FR-1"
# A penalty imposed but not served (Chicago codes 800 and 900) has no level (DESIGN §3) but
# is not "no sanction" either: it is a group of its own, between the scale and "unknown".
LEVELS_AND_UNKNOWN = [*OUTCOME_LEVELS, "imposed_not_served", "unknown"]


def render(page: PageContext) -> None:
    t = page.t
    st.title(t("overview_title"))
    st.markdown(t("overview_intro"))
    render_holdings(page)
    render_funnel(page)
    render_trends(page)
    render_story(page)


# -- formatting -------------------------------------------------------------------------


def number(value: float, lang: str, decimals: int = 0) -> str:
    text = f"{value:,.{decimals}f}"
    if lang == "fr":  # 21 427,5: narrow no-break space for thousands, comma for decimals
        text = text.replace(",", "\u202f").replace(".", ",")
    return text


def percent(share: float, lang: str, decimals: int = 1) -> str:
    text = number(100 * share, lang, decimals)
    return f"{text}\u00a0%" if lang == "fr" else f"{text}%"


def event_date(value, t) -> str:
    """'2024-07-03' -> '3 July 2024', '2021-02' -> 'February 2021'; the register keeps
    the precision the sources give."""
    if not isinstance(value, str) or not value:
        return t("date_not_reported")
    parts = value.split("-")
    months = t("months").split(",")
    if len(parts) == 3:
        return f"{int(parts[2])} {months[int(parts[1]) - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{months[int(parts[1]) - 1]} {parts[0]}"
    return parts[0]


def links(urls: str | None, titles: str | None) -> str:
    """Markdown links from the register's ' | '-separated URLs and titles."""
    url_list = list(dict.fromkeys(u.strip() for u in (urls or "").split(" | ") if u.strip()))
    title_list = [s.strip() for s in (titles or "").split(" | ") if s.strip()]
    if len(title_list) != len(url_list):
        title_list = [url.split("/")[2] if "//" in url else url for url in url_list]
    return " · ".join(
        f"[{_escape_link_text(title)}]({url.replace(')', '%29')})"
        for title, url in zip(title_list, url_list, strict=True)
    )


def _escape_link_text(text: str) -> str:
    return text.replace("[", "\\[").replace("]", "\\]")


def count_axis(title: str, lang: str) -> alt.Axis:
    # Vega formats numbers the English way; French readers expect 200 000.
    if lang == "fr":
        return alt.Axis(
            title=title, labelExpr="replace(format(datum.value, ',.0f'), regexp(',', 'g'), ' ')"
        )
    return alt.Axis(title=title, format=",.0f")


def share_axis(title: str, lang: str) -> alt.Axis:
    if lang == "fr":
        return alt.Axis(title=title, labelExpr="replace(format(datum.value, '.0%'), '%', ' %')")
    return alt.Axis(title=title, format=".0%")


def level_label(level: str, t) -> str:
    return t(f"outcome_{level}")


def source_caption(page: PageContext, source_ids: list[str]) -> None:
    t = page.t
    rows = data.query("sources_by_id", source_ids=source_ids)
    # Curated sources point to a file of this project (data/reference/...), not a web page.
    names = [
        f"[{row.publisher}]({row.url}) ({row.retrieved_at})"
        if str(row.url).startswith("http")
        else f"{row.publisher}, `{row.url}` ({row.retrieved_at})"
        for row in rows.itertuples()
    ]
    st.caption(f"{t('sources_label')} " + " · ".join(names))


# -- what the data holds ----------------------------------------------------------------


def render_holdings(page: PageContext) -> None:
    t = page.t
    st.header(t("holdings_title"))
    st.write(t("holdings_intro"))
    headlines = data.query("overview_allegation_headlines").set_index("source_id")
    versus = data.query("overview_penalty_vs_recommendation").set_index("source_id")
    chicago, new_york = st.columns(2)
    england, france = st.columns(2)
    with chicago.container(border=True):
        render_chicago(page, headlines.loc["us_chicago_cpdp_complaints"])
    with new_york.container(border=True):
        render_new_york(
            page, headlines.loc["us_nyc_ccrb_penalties"], versus.loc["us_nyc_ccrb_penalties"]
        )
    with england.container(border=True):
        render_england_and_wales(page)
    with france.container(border=True):
        render_france(page)


def render_chicago(page: PageContext, row: pd.Series) -> None:
    t, lang = page.t, page.lang
    st.subheader(t("jur_US-IL-CHI"))
    st.metric(t("chi_allegations"), number(row["allegations"], lang))
    st.caption(
        t(
            "chi_allegations_def",
            first=row["first_received_year"],
            last=row["last_received_year"],
        )
    )
    share = sustained_share("US-IL-CHI")
    value, low, high = catalogue.figures(
        "sustained_share", share["numerator"], share["denominator"], share["deff"]
    )
    st.metric(t("chi_sustained"), percent(value, lang))
    st.caption(
        t(
            "chi_sustained_def",
            sustained=number(share["numerator"], lang),
            investigated=number(share["denominator"], lang),
            low=percent(low, lang),
            high=percent(high, lang),
            not_investigated=number(share["not_investigated"], lang),
            without=number(row["allegations"] - row["with_finding"], lang),
        )
    )
    source_caption(page, ["us_chicago_cpdp_complaints"])


def sustained_share(jurisdiction: str) -> pd.Series:
    """The catalogue's sustained share of a whole jurisdiction, all years: numerator,
    denominator, not_investigated, deff."""
    return catalogue.allegation_counts("sustained_share", jurisdiction, None).iloc[0]


def render_new_york(page: PageContext, row: pd.Series, versus: pd.Series) -> None:
    t, lang = page.t, page.lang
    st.subheader(t("jur_US-NY-NYC"))
    st.metric(t("nyc_substantiated"), number(row["sustained"], lang))
    st.caption(
        t("nyc_substantiated_def", first=row["first_closed_year"], last=row["last_closed_year"])
    )
    st.metric(t("nyc_below"), percent(versus["below"] / versus["both_known"], lang))
    st.caption(
        t(
            "nyc_below_def",
            below=number(versus["below"], lang),
            both=number(versus["both_known"], lang),
            same=number(versus["same"], lang),
            above=number(versus["above"], lang),
        )
    )
    source_caption(page, ["us_nyc_ccrb_penalties"])


def render_england_and_wales(page: PageContext) -> None:
    t, lang = page.t, page.lang
    st.subheader(t("jur_GB-EAW"))
    # The catalogue's "all forces" figure, the same as Compare's reference line.
    england = rm.jurisdictions()["GB-EAW"]
    measure = england.measure("gb_misconduct_per_1000_staff")
    whole = measure.load(england.key, None, None, None)
    figure = rm.overall(measure, england.key, None, None)
    if figure is None or whole.empty:
        st.metric(t("gb_rate"), t("no_data"))
    else:
        value, low, high = figure
        st.metric(t("gb_rate"), number(value, lang, 2))
        st.caption(
            t(
                "gb_rate_def",
                cases=number(whole["numerator"].sum(), lang),
                staff=number(whole["denominator"].sum(), lang),
                low=number(low, lang, 2),
                high=number(high, lang, 2),
            )
        )
    source_caption(page, ["gb_bbc_iopc_misconduct"])


def render_france(page: PageContext) -> None:
    t, lang = page.t, page.lang
    st.subheader(t("jur_FR"))
    figures = data.query("overview_fr_national_figures")
    removed = figures[figures["measure"] == "removed_from_public_contact_dv"].set_index("subject")
    paris = figures[figures["measure"] == "removed_from_public_contact_dv_prefecture_de_police"]
    if {"police_nationale", "gendarmerie"} <= set(removed.index):
        police, gendarmes = removed.loc["police_nationale"], removed.loc["gendarmerie"]
        st.metric(t("fr_removed"), number(police["value"] + gendarmes["value"], lang))
        st.caption(
            t(
                "fr_removed_def",
                police=number(police["value"], lang),
                paris=number(paris["value"].iloc[0], lang) if len(paris) else t("no_data"),
                gendarmes=number(gendarmes["value"], lang),
                confidence=t(f"confidence_{police['confidence']}"),
            )
            + f" {t('fr_reported_by')} "
            + links(police["source_url"], None)
        )
    else:
        st.metric(t("fr_removed"), t("no_data"))
    sanctions = figures[figures["measure"] == "sanctions_total"].set_index("subject")
    if {"police_nationale", "gendarmerie"} <= set(sanctions.index):
        police, gendarmes = sanctions.loc["police_nationale"], sanctions.loc["gendarmerie"]
        st.markdown(f"**{t('fr_sanctions')}**")
        police_column, gendarmerie_column = st.columns(2)
        police_column.metric(
            t("fr_sanctions_police", year=police["year"]), number(police["value"], lang)
        )
        gendarmerie_column.metric(
            t("fr_sanctions_gendarmerie", year=gendarmes["year"]), number(gendarmes["value"], lang)
        )
        st.caption(
            t("fr_sanctions_def", confidence=t(f"confidence_{police['confidence']}"))
            + f" {t('fr_reported_by')} "
            + links(f"{police['source_url']} | {gendarmes['source_url']}", None)
        )
    crime = data.query("overview_fr_departement_crime")
    if len(crime):
        row = crime.iloc[0]
        st.info(
            t(
                "fr_no_departement",
                victims=number(row["victims"], lang),
                year=int(row["year"]),
                departements=int(row["departements"]),
            )
        )
    source_caption(page, ["curated_fr_national_sanctions", "fr_ssmsi_delinquance"])


# -- from allegation to sanction --------------------------------------------------------


def render_funnel(page: PageContext) -> None:
    t = page.t
    st.header(t("funnel_title"))
    st.write(t("funnel_intro"))
    options = list(FUNNEL_SOURCES)
    chosen = page.state.choice("funnel", options, options[0])
    chosen = st.radio(
        t("funnel_choose"),
        options,
        index=options.index(chosen),
        format_func=lambda j: t(f"jur_{j}"),
        horizontal=True,
        key="overview_funnel",
    )
    page.state.set(funnel=chosen)
    source = FUNNEL_SOURCES[chosen]
    funnel = data.query("overview_funnel", source_id=source.source_id)
    if source.lists_every_finding:
        # The catalogue's sustained-share denominator, between "with a finding" and
        # "sustained": never-investigated closures leave the path there.
        share = sustained_share(chosen)
        investigated = pd.DataFrame(
            {
                "stage_order": [2.5],
                "stage": ["investigated"],
                "level": ["count"],
                "allegations": [int(share["denominator"])],
            }
        )
        funnel = pd.concat([funnel, investigated]).sort_values("stage_order", kind="stable")
    table = funnel_table(funnel.reset_index(drop=True), t)
    sustained = int(table.loc[table["stage"] == "sustained", "allegations"].sum())
    if not sustained:
        st.info(t("no_data"))
        return
    place = t(f"jur_{chosen}")
    if source.lists_every_finding:
        render_funnel_counts(page, table, place, source)
        st.caption(t("funnel_chi_note"))
    else:
        st.caption(t("funnel_nyc_note"))
    render_funnel_levels(page, table, sustained, place, source)


def funnel_table(funnel: pd.DataFrame, t) -> pd.DataFrame:
    """The query's rows with translated labels, a fixed level order and display text."""
    table = funnel.copy()
    table["stage_label"] = [t(f"stage_{stage}") for stage in table["stage"]]
    table["level_label"] = [
        t("level_total") if level == "count" else level_label(level, t) for level in table["level"]
    ]
    table["level_order"] = [
        LEVELS_AND_UNKNOWN.index(level) if level in LEVELS_AND_UNKNOWN else -1
        for level in table["level"]
    ]
    table["count_text"] = [number(n, t.lang) for n in table["allegations"]]
    return table


def render_funnel_counts(
    page: PageContext, table: pd.DataFrame, place: str, source: FunnelSource
) -> None:
    t, lang = page.t, page.lang
    counts = table[table["level"] == "count"]
    base = alt.Chart(counts).encode(
        y=alt.Y(
            "stage_label:N",
            sort=list(counts["stage_label"]),
            title=None,
            axis=alt.Axis(labelLimit=260),
        ),
        x=alt.X("allegations:Q", axis=count_axis(t("funnel_counts_axis"), lang)),
        tooltip=[
            alt.Tooltip("stage_label:N", title=t("col_stage")),
            alt.Tooltip("count_text:N", title=t("col_allegations")),
        ],
    )
    chart = (
        base.mark_bar(color=FUNNEL_BAR_COLOUR)
        + base.mark_text(align="left", dx=4).encode(text="count_text:N")
    ).properties(height=45 * len(counts) + 20)
    st.altair_chart(chart, width="stretch")
    stage = counts.set_index("stage")["allegations"]
    chart_footer(
        page,
        [source.source_id],
        t(
            "funnel_counts_reading",
            place=place,
            all=number(stage["all"], lang),
            with_finding=number(stage["with_finding"], lang),
            investigated=number(stage["investigated"], lang),
            sustained=number(stage["sustained"], lang),
            share=percent(stage["sustained"] / stage["investigated"], lang),
        ),
        pd.DataFrame(
            {t("col_stage"): counts["stage_label"], t("col_allegations"): counts["allegations"]}
        ),
        "overview_funnel_counts_table",
    )


def render_funnel_levels(
    page: PageContext, table: pd.DataFrame, sustained: int, place: str, source: FunnelSource
) -> None:
    t, lang = page.t, page.lang
    levels = table[table["level"] != "count"].assign(
        share_of_sustained=lambda d: (100 * d["allegations"] / sustained).round(1)
    )
    present = [lvl for lvl in LEVELS_AND_UNKNOWN if lvl in set(levels["level"])]
    chart = (
        alt.Chart(levels)
        .mark_bar(stroke="#666666", strokeWidth=0.5)
        .encode(
            y=alt.Y(
                "stage_label:N",
                sort=list(dict.fromkeys(levels["stage_label"])),
                title=None,
                axis=alt.Axis(labelLimit=260),
            ),
            x=alt.X(
                "allegations:Q", stack="normalize", axis=share_axis(t("funnel_share_axis"), lang)
            ),
            color=alt.Color(
                "level_label:N",
                title=t("funnel_level_legend"),
                scale=alt.Scale(
                    domain=[level_label(lvl, t) for lvl in present],
                    range=[OUTCOME_COLOURS[lvl] for lvl in present],
                ),
                legend=alt.Legend(orient="right", labelLimit=260),
            ),
            order=alt.Order("level_order:Q"),
            tooltip=[
                alt.Tooltip("stage_label:N", title=t("col_stage")),
                alt.Tooltip("level_label:N", title=t("col_level")),
                alt.Tooltip("count_text:N", title=t("col_allegations")),
                alt.Tooltip("share_of_sustained:Q", title=t("col_share_of_sustained")),
            ],
        )
        .properties(height=230)  # Streamlit fits the legend and axes inside this height
    )
    st.altair_chart(chart, width="stretch")
    fields = data.query("overview_recommendation_fields")
    fields = fields[fields["source_id"] == source.source_id]
    text = recommendation_fields_caption(fields, "both_known", t, lambda n: number(n, lang))
    if text:
        st.caption(text)
    chart_footer(
        page,
        [source.source_id],
        funnel_levels_reading(levels, sustained, place, source, t, lang),
        pd.DataFrame(
            {
                t("col_stage"): levels["stage_label"],
                t("col_level"): levels["level_label"],
                t("col_allegations"): levels["allegations"],
                t("col_share_of_sustained"): levels["share_of_sustained"],
            }
        ),
        "overview_funnel_levels_table",
    )


def funnel_levels_reading(
    levels: pd.DataFrame, sustained: int, place: str, source: FunnelSource, t, lang: str
) -> str:
    def most_common(stage: str) -> pd.Series | None:
        known = levels[(levels["stage"] == stage) & levels["level"].isin(OUTCOME_LEVELS)]
        return known.sort_values("allegations", ascending=False).iloc[0] if len(known) else None

    final, recommended = most_common("final"), most_common("recommended")
    if final is None or recommended is None:
        return t("funnel_levels_reading_none", place=place)
    return t(
        "funnel_levels_reading"
        if source.lists_every_finding
        else "funnel_levels_reading_complaints",
        place=place,
        sustained=number(sustained, lang),
        level=level_label(final["level"], t).lower(),
        count=number(final["allegations"], lang),
        level_share=percent(final["allegations"] / sustained, lang),
        recommended=level_label(recommended["level"], t).lower(),
        recommended_count=number(recommended["allegations"], lang),
    )


# -- year by year -----------------------------------------------------------------------


def render_trends(page: PageContext) -> None:
    t, lang = page.t, page.lang
    st.header(t("trends_title"))
    st.markdown(t("trends_intro"))
    st.caption(t("trend_caveat"))
    bounds = data.query("overview_trend_years").iloc[0]
    first, last = int(bounds["first_year"]), int(bounds["last_year"])
    year_from = page.state.integer("year_from", first, last, max(first, DEFAULT_YEAR_FROM))
    year_to = page.state.integer("year_to", first, last, last)
    if year_from > year_to:  # a reversed link still names a clear range
        year_from, year_to = year_to, year_from
    year_from, year_to = st.slider(
        t("year_range"),
        min_value=first,
        max_value=last,
        value=(year_from, year_to),
        step=1,
        format="%d",
        key="overview_years",
    )
    page.state.set(year_from=year_from, year_to=year_to)
    trends = trends_by_year(year_from, year_to)
    st.caption(t("trend_share_definition"))
    if trends.empty:
        st.info(t("trend_no_data", first=first))
        return
    trends = trends.assign(city=[t(f"jur_{j}") for j in trends["jurisdiction"]])
    table = trend_table(trends, t)
    colour = alt.Color(
        "city:N",
        title=t("trend_city_legend"),
        scale=alt.Scale(
            domain=[t(f"jur_{j}") for j in CITY_COLOURS], range=list(CITY_COLOURS.values())
        ),
        legend=alt.Legend(orient="top"),
    )
    year_axis = alt.X("year:O", title=t("trend_year_axis"), axis=alt.Axis(labelAngle=-45))

    counts = (
        alt.Chart(trends)
        .mark_line(point=True)
        .encode(
            x=year_axis,
            y=alt.Y("allegations:Q", axis=count_axis(t("trend_count_axis"), lang)),
            color=colour,
            tooltip=trend_tooltip(t),
        )
        .properties(height=280)
    )
    st.altair_chart(counts, width="stretch")
    chart_footer(
        page,
        TREND_SOURCES,
        trend_count_reading(trends, year_from, year_to, t, lang),
        table,
        "overview_trend_counts_table",
    )

    band = (
        alt.Chart(trends)
        .mark_area(opacity=0.25)
        .encode(x=year_axis, y="ci_low:Q", y2="ci_high:Q", color=colour.legend(None))
    )
    line = (
        alt.Chart(trends)
        .mark_line(point=True)
        .encode(
            x=year_axis,
            y=alt.Y("sustained_share:Q", axis=share_axis(t("trend_share_axis"), lang)),
            color=colour,
            tooltip=trend_tooltip(t),
        )
    )
    st.altair_chart((band + line).properties(height=280), width="stretch")
    chart_footer(
        page,
        TREND_SOURCES,
        trend_share_reading(trends, year_from, year_to, t, lang),
        table,
        "overview_trend_shares_table",
    )


def trends_by_year(year_from: int, year_to: int) -> pd.DataFrame:
    """Per city and incident year: allegations, the share's denominator (`with_finding`),
    sustained, sustained_share, ci_low, ci_high, all from the measure catalogue: Chicago's
    sustained share (clustered allegations) and NYC's published share of PSL records."""
    chicago = catalogue.allegation_counts(
        "sustained_share", "US-IL-CHI", None, year_from, year_to, by_year=True
    )
    chicago = pd.DataFrame(
        {
            "jurisdiction": "US-IL-CHI",
            "year": chicago["year"],
            "allegations": chicago["allegations"],
            "with_finding": chicago["denominator"],
            "sustained": chicago["numerator"],
            "deff": chicago["deff"],
            "measure": "sustained_share",
        }
    )
    # the source of Compare's NYC precinct records
    precincts = rm.jurisdictions()["US-NY-NYC"].measure("nyc_complaint_records").source_ids[0]
    records = catalogue.published(
        precincts, "complaint_records", None, year_from, year_to, by_year=True
    )
    substantiated = catalogue.published(
        precincts, "substantiated_records", None, year_from, year_to, by_year=True
    )
    new_york = records.merge(substantiated, on="year", suffixes=("", "_sustained"))
    new_york = pd.DataFrame(
        {
            "jurisdiction": "US-NY-NYC",
            "year": new_york["year"],
            "allegations": new_york["total"],
            "with_finding": new_york["total"],
            "sustained": new_york["total_sustained"],
            "deff": 1.0,
            "measure": "published_share",
        }
    )
    trends = pd.concat([chicago, new_york], ignore_index=True)
    trends = trends[trends["year"].notna() & (trends["with_finding"] > 0)].copy()
    if trends.empty:
        return trends
    figures = [
        catalogue.figures(row.measure, row.sustained, row.with_finding, row.deff)
        for row in trends.itertuples()
    ]
    trends["sustained_share"] = [f[0] for f in figures]
    trends["ci_low"] = [f[1] for f in figures]
    trends["ci_high"] = [f[2] for f in figures]
    for column in ("year", "allegations", "with_finding", "sustained"):
        trends[column] = trends[column].astype("int64")
    return trends.drop(columns=["deff", "measure"]).reset_index(drop=True)


def trend_tooltip(t) -> list[alt.Tooltip]:
    return [
        alt.Tooltip("city:N", title=t("col_city")),
        alt.Tooltip("year:O", title=t("col_year")),
        alt.Tooltip("allegations:Q", title=t("col_allegations"), format=","),
        alt.Tooltip("sustained:Q", title=t("col_sustained"), format=","),
        alt.Tooltip("sustained_share:Q", title=t("col_share"), format=".1%"),
    ]


def trend_table(trends: pd.DataFrame, t) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("col_city"): trends["city"],
            t("col_year"): trends["year"],
            t("col_allegations"): trends["allegations"],
            t("col_decided"): trends["with_finding"],
            t("col_sustained"): trends["sustained"],
            t("col_share"): (100 * trends["sustained_share"]).round(1),
            t("col_ci_low"): (100 * trends["ci_low"]).round(1),
            t("col_ci_high"): (100 * trends["ci_high"]).round(1),
        }
    )


def trend_count_reading(trends: pd.DataFrame, start: int, end: int, t, lang: str) -> str:
    parts, absent = [], []
    for jurisdiction in CITY_COLOURS:
        rows = trends[trends["jurisdiction"] == jurisdiction]
        place = t(f"jur_{jurisdiction}")
        if rows.empty:
            absent.append(place)
            continue
        peak = rows.sort_values(["allegations", "year"], ascending=[False, True]).iloc[0]
        parts.append(
            t("trend_peak", place=place, year=peak["year"], count=number(peak["allegations"], lang))
        )
    if not parts:
        return t("trend_count_reading_none", start=start, end=end)
    return t(
        "trend_count_reading",
        start=start,
        end=end,
        parts=t("and").join(parts),
        absent=t("trend_absent", places=t("and").join(absent)) if absent else "",
    )


def trend_share_reading(trends: pd.DataFrame, start: int, end: int, t, lang: str) -> str:
    """The range of yearly shares, leaving out years too small for their share to mean
    much (a year with 4 allegations can show 100%)."""
    parts, absent = [], []
    for jurisdiction in CITY_COLOURS:
        rows = trends[
            (trends["jurisdiction"] == jurisdiction)
            & (trends["with_finding"] >= MIN_DECIDED_FOR_READING)
        ]
        place = t(f"jur_{jurisdiction}")
        if rows.empty:
            absent.append(place)
            continue
        low = rows.sort_values(["sustained_share", "year"]).iloc[0]
        high = rows.sort_values(["sustained_share", "year"], ascending=[False, True]).iloc[0]
        parts.append(
            t(
                "trend_share_range",
                place=place,
                low=percent(low["sustained_share"], lang),
                low_year=low["year"],
                high=percent(high["sustained_share"], lang),
                high_year=high["year"],
            )
        )
    minimum = number(MIN_DECIDED_FOR_READING, lang)
    if not parts:
        return t("trend_share_reading_none", start=start, end=end, minimum=minimum)
    return t(
        "trend_share_reading",
        start=start,
        end=end,
        minimum=minimum,
        parts=t("and").join(parts),
        absent=t("trend_absent", places=t("and").join(absent)) if absent else "",
    )


# -- the case behind the project --------------------------------------------------------


def render_story(page: PageContext) -> None:
    t = page.t
    st.header(t("story_title"))
    st.write(t("story_intro"))
    events = data.query("overview_case_events", case_prefix=STORY_CASE)
    if events.empty:
        st.info(t("no_data"))
    else:
        render_events(page, events)
    render_directive(page)


def render_events(page: PageContext, events: pd.DataFrame) -> None:
    t = page.t
    confidence_rank = ["low", "medium", "high"]
    weakest = min(events["confidence"], key=confidence_rank.index)
    first = events.iloc[0]  # the judgment event that would trigger the directive
    derived = first["derived_status"]
    # st.info, not st.warning: warnings are the page's notices about ignored link values.
    st.info(
        t(
            "story_caution",
            confidence=t(f"confidence_{weakest}"),
            judgment=judgment_text(t, first),
            status=t.maybe(f"status_{derived}", derived) if isinstance(derived, str) else "—",
        )
    )
    st.subheader(t("story_events"))
    for number_, row in enumerate(events.itertuples(), start=1):
        with st.container(border=True):
            event_type = t.maybe(f"event_type_{row.event_type}", row.event_type)
            st.markdown(
                f"**{t('event_label', number=number_)} · {event_date(row.event_date, t)} · "
                f"{event_type}**"
            )
            st.markdown(
                f"- **{t('event_judgment')}** {judgment_text(t, row._asdict())}\n"
                f"- **{t('event_vs_directive', directive=row.directive_id)}** "
                f"{t.maybe(f'status_{row.derived_status}', str(row.derived_status))}\n"
                f"- **{t('event_confidence')}** {t(f'confidence_word_{row.confidence}')}\n"
                f"- **{t('event_place')}** {row.place}"
            )
            st.markdown(f"*{t('event_description_en')}* {row.description}")
            st.caption(f"{t('event_source')} {links(row.source_url, row.source_title)}")
    source_caption(page, ["curated_cases_register"])


def judgment_text(t, event) -> str:
    """ "conviction on appeal, 2024-07-03, finality not reported": the facts the rule reads."""
    parts = [t.maybe(f"judgment_{event['judgment']}", event["judgment"])]
    if isinstance(event["court"], str):
        parts[0] += " " + t.maybe(f"court_{event['court']}", event["court"])
    if isinstance(event["finality"], str):
        parts.append(t.maybe(f"finality_{event['finality']}", event["finality"]))
    return ", ".join(parts)


def render_directive(page: PageContext) -> None:
    t = page.t
    directive = data.query("overview_directive", directive_id=STORY_DIRECTIVE)
    if directive.empty:
        return
    row = directive.iloc[0]
    st.subheader(t("directive_title", directive=row["directive_id"]))
    title = row["title_fr"] if page.lang == "fr" and row["title_fr"] else row["title"]
    st.markdown(f"**{title}**")
    issued = row["issued_date"]
    st.caption(
        t(
            "directive_issued",
            date=event_date(issued.strftime("%Y-%m-%d"), t)
            if pd.notna(issued)
            else t("date_not_reported"),
            binding=t.maybe(f"binding_{row['binding']}", row["binding"]),
            confidence=t(f"confidence_{row['confidence']}"),
        )
    )
    requirement_label = "directive_requirement" if page.lang == "en" else "directive_requirement_en"
    st.markdown(f"**{t(requirement_label)}**")
    st.markdown(f"> {row['requirement']}")
    st.caption(f"{t('directive_sources')} {links(row['source_url'], row['source_title'])}")
    source_caption(page, ["curated_directives"])
