"""The Overview's words, in English and French: the page's own sentences, never a
jurisdiction's (those are in queries/overview.toml). Later moved to the catalogs with
`python -m ui.catalogs import views.overview.text overview`."""

TEXT = {
    "overview_title": {
        "en": "Police accountability data: what happens after a complaint",
        "fr": "Données sur la responsabilité de la police : que devient une plainte ?",
    },
    "overview_intro": {
        "en": "This project gathers public records on complaints against police officers and the discipline that follows ({places}), and puts them on one common scale so that they can be compared. Every figure below comes from a published file or a cited report, with its source and its limits, and nothing is counted that the publishers do not publish.",
        "fr": "Ce projet rassemble les données publiques sur les plaintes visant des policiers et sur les sanctions qui s'ensuivent ({places}), et les place sur une échelle commune pour pouvoir les comparer. Chaque chiffre ci-dessous provient d'un fichier publié ou d'un rapport cité, avec sa source et ses limites, et rien n'est compté que les éditeurs ne publient pas.",
    },
    # What the data holds
    "holdings_title": {"en": "What the data holds", "fr": "Ce que contiennent les données"},
    "holdings_intro": {
        "en": "Publishers release very different things: case-by-case records for some, counts per force or region for others, only national totals elsewhere. One card per jurisdiction with data; each names the files it reads.",
        "fr": "Les éditeurs publient des choses très différentes : des dossiers au cas par cas pour les uns, des décomptes par force de police ou par région pour d'autres, ailleurs seulement des totaux nationaux. Une carte par territoire doté de données ; chacune cite les fichiers qu'elle lit.",
    },
    "holdings_without_data": {
        "en": "No card for {places}: no allegation records or published figures of theirs are loaded (their directives, if any, are on the Directives page).",
        "fr": "Pas de carte pour {places} : aucune allégation ni aucun chiffre publié les concernant n'est chargé (leurs règles, s'il y en a, figurent à la page Règles).",
    },
    "reported_by": {"en": "Reported by:", "fr": "Rapporté par :"},
    "default_note": {
        "en": "Figures computed from the warehouse alone: no page text is written for this jurisdiction yet.",
        "fr": "Chiffres calculés à partir de l'entrepôt seul : aucun texte n'est encore rédigé pour ce territoire.",
    },
    "default_allegations": {"en": "Allegations", "fr": "Allégations"},
    "default_allegations_years": {
        "en": "One row per allegation as published, dated by {basis}: {first} to {last}.",
        "fr": "Une ligne par allégation telle que publiée, datée selon {basis} : de {first} à {last}.",
    },
    "default_allegations_no_years": {
        "en": "One row per allegation as published; the rows carry no date on the jurisdiction's year basis.",
        "fr": "Une ligne par allégation telle que publiée ; les lignes ne portent pas de date selon la base annuelle du territoire.",
    },
    "basis_incident": {"en": "the date of the incident", "fr": "la date des faits"},
    "basis_received": {
        "en": "the date the case was received",
        "fr": "la date de réception du dossier",
    },
    "basis_closed": {"en": "the date the case was closed", "fr": "la date de clôture du dossier"},
    "default_sustained_def": {
        "en": "{sustained} sustained out of {investigated} allegations with a finding reached after an investigation (95% interval {low} to {high}); {without} allegations have no published finding.",
        "fr": "{sustained} allégations fondées sur {investigated} dont la conclusion a été rendue après une enquête (intervalle à 95\xa0% : {low} à {high}) ; {without} allégations n'ont pas de conclusion publiée.",
    },
    "default_final_def": {
        "en": "{numerator} of {denominator} allegations with a known final outcome ended in a reprimand (warning) or heavier on the common scale (95% interval {low} to {high}).",
        "fr": "{numerator} allégations sur {denominator} dont l'issue finale est connue ont abouti à un blâme (avertissement) ou plus sur l'échelle commune (intervalle à 95\xa0% : {low} à {high}).",
    },
    "statistics_only": {
        "en": "{count} published figures are loaded for this jurisdiction, but this page does not describe them yet: see the Explore page.",
        "fr": "{count} chiffres publiés sont chargés pour ce territoire, mais cette page ne les décrit pas encore : voir la page Explorer.",
    },
    "sources_label": {"en": "Sources:", "fr": "Sources :"},
    # Funnel
    "funnel_title": {"en": "From allegation to sanction", "fr": "De l'allégation à la sanction"},
    "funnel_intro": {
        "en": "Where a publisher gives one row per allegation or complaint with its discipline ({places}), the whole path shows: how many allegations are sustained, what discipline the investigators recommend, and what discipline is finally imposed. Outcomes are placed on a common scale from no sanction to dismissal; “penalty imposed, not served” is shown apart, never as no sanction; “unknown or not a sanction” covers pending cases, officers who resigned or retired before a penalty, and outcomes not published. All years in the file are counted.",
        "fr": "Là où un éditeur publie une ligne par allégation ou par plainte avec sa sanction ({places}), tout le parcours apparaît : combien d'allégations sont jugées fondées, quelle sanction les enquêteurs recommandent et laquelle est finalement infligée. Les sanctions sont placées sur une échelle commune, de l'absence de sanction à la révocation ; « sanction infligée, non exécutée » est montrée à part, jamais comme une absence de sanction ; « inconnue ou hors sanction » regroupe les affaires en cours, les policiers démissionnaires ou retraités avant toute sanction et les sanctions non publiées. Toutes les années du fichier sont comptées.",
    },
    "funnel_only_sustained_note": {
        "en": "This file lists only sustained allegations: the number of all allegations is not in it, so the path starts at “sustained”.",
        "fr": "Ce fichier ne recense que les allégations fondées : le nombre total d'allégations n'y figure pas, le parcours commence donc à « fondées ».",
    },
    "funnel_levels_reading_final_only": {
        "en": "In {place}, of {sustained} sustained allegations, the discipline most often imposed was “{level}” ({count}, {level_share}); no recommended discipline is published.",
        "fr": "Pour {place}, sur {sustained} allégations fondées, la sanction la plus souvent infligée a été « {level} » ({count}, soit {level_share}) ; aucune sanction recommandée n'est publiée.",
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
    "funnel_share_axis": {"en": "Share of the sustained cases", "fr": "Part des cas jugés fondés"},
    "funnel_level_legend": {"en": "Discipline", "fr": "Sanction"},
    "funnel_counts_reading": {
        "en": "In {place}, {with_finding} of {all} allegations have a published finding, {investigated} of them after an investigation, and {sustained} of those ({share}) were sustained.",
        "fr": "Pour {place}, {with_finding} allégations sur {all} ont une conclusion publiée, dont {investigated} après une enquête, et {sustained} de ces dernières ({share}) ont été jugées fondées.",
    },
    "funnel_levels_reading": {
        "en": "In {place}, of {sustained} sustained allegations, the discipline most often imposed was “{level}” ({count}, {level_share}), and the discipline most often recommended was “{recommended}” ({recommended_count}).",
        "fr": "Pour {place}, sur {sustained} allégations fondées, la sanction la plus souvent infligée a été « {level} » ({count}, soit {level_share}), et la sanction la plus souvent recommandée « {recommended} » ({recommended_count}).",
    },
    "funnel_levels_reading_none": {
        "en": "In {place}, no recommended or imposed discipline is known for sustained allegations.",
        "fr": "Pour {place}, aucune sanction recommandée ou infligée n'est connue pour les allégations fondées.",
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
        "en": "**What is counted.** {counted} Publishers count differently: compare the shapes of the curves, not their levels.",
        "fr": "**Ce qui est compté.** {counted} Les éditeurs ne comptent pas de la même façon : comparez l'allure des courbes, pas leur niveau.",
    },
    "trend_default_counted": {
        "en": "{place}: allegations by the year of the incident.",
        "fr": "{place} : les allégations, selon l'année des faits.",
    },
    "trend_default_share": {
        "en": "{place}, sustained allegations among those with a finding reached after an investigation (95% interval allowing for allegations clustered in complaints and officers).",
        "fr": "{place} : allégations fondées parmi celles dont la conclusion a été rendue après une enquête (intervalle à 95\xa0% tenant compte du regroupement par plainte et par agent).",
    },
    "trend_share_definition": {
        "en": "Share sustained: {definitions}",
        "fr": "Part fondée : {definitions}",
    },
    "trend_no_data": {
        "en": "No data for these years: {coverage}.",
        "fr": "Pas de données pour ces années : {coverage}.",
    },
    "trend_not_drawn": {
        "en": "Not drawn on this chart of incident years, as their records are dated otherwise: {items}.",
        "fr": "Non représentés sur ce graphique par année des faits, leurs dossiers étant datés autrement : {items}.",
    },
    "trend_not_drawn_item": {"en": "{place} (by {basis})", "fr": "{place} (selon {basis})"},
    "trend_coverage": {"en": "{place} {first}-{last}", "fr": "{place} {first}-{last}"},
    "trend_count_reading_none": {
        "en": "Between {start} and {end}, there is no data for {places}.",
        "fr": "Entre {start} et {end}, il n'y a de données pour aucun de ces territoires : {places}.",
    },
    "year_range": {"en": "Years", "fr": "Années"},
    "trend_count_axis": {"en": "Allegations per year", "fr": "Allégations par an"},
    "trend_share_axis": {"en": "Share sustained", "fr": "Part fondée"},
    "trend_year_axis": {"en": "Year of the incident", "fr": "Année des faits"},
    "trend_city_legend": {"en": "City", "fr": "Ville"},
    "and": {"en": " and ", "fr": " et "},
    "trend_peak": {"en": "{year} in {place} ({count})", "fr": "{year} à {place} ({count})"},
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
    "trend_share_reading": {
        "en": "Between {start} and {end}, counting only years with at least {minimum} allegations with a finding, the share sustained ranged {parts}{absent}; the shaded bands are 95% intervals, wide in years with few allegations.",
        "fr": "Entre {start} et {end}, en ne retenant que les années comptant au moins {minimum} allégations avec conclusion, la part des allégations jugées fondées a varié {parts}{absent} ; les bandes colorées sont des intervalles à 95\xa0%, larges les années où il y a peu d'allégations.",
    },
    "trend_share_reading_none": {
        "en": "Between {start} and {end}, no year has {minimum} allegations with a finding or more: the shares are too uncertain to summarise (see the 95% bands).",
        "fr": "Entre {start} et {end}, aucune année ne compte au moins {minimum} allégations avec conclusion : les parts sont trop incertaines pour être résumées (voir les bandes à 95\xa0%).",
    },
    "col_city": {"en": "City", "fr": "Ville"},
    "col_year": {"en": "Year", "fr": "Année"},
    "col_decided": {"en": "Share denominator", "fr": "Dénominateur de la part"},
    "col_sustained": {"en": "Sustained", "fr": "Fondées"},
    "col_share": {"en": "Share sustained (%)", "fr": "Part fondée (%)"},
    "col_ci_low": {"en": "95% interval, low (%)", "fr": "Intervalle à 95\xa0%, bas (%)"},
    "col_ci_high": {"en": "95% interval, high (%)", "fr": "Intervalle à 95\xa0%, haut (%)"},
    # The story
    "story_title": {"en": "The case behind the project", "fr": "L'affaire à l'origine du projet"},
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
    "legal_convicted_nonfinal": {"en": "convicted, not final", "fr": "condamné, non définitif"},
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
