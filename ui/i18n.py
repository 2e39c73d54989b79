"""French and English strings. Every key has both languages (tests/test_i18n.py checks).

Shared vocabulary lives here; each page module adds its own `TEXT` dict of the same shape.
"""

from __future__ import annotations

LANGUAGES = ("en", "fr")
DEFAULT_LANGUAGE = "en"

TEXT: dict[str, dict[str, str]] = {
    "app_title": {
        "en": "Police accountability data",
        "fr": "Données sur la responsabilité de la police",
    },
    "language": {"en": "Language", "fr": "Langue"},
    "page": {"en": "Page", "fr": "Page"},
    "page_overview": {"en": "Overview", "fr": "Vue d'ensemble"},
    "page_compare": {"en": "Compare regions", "fr": "Comparer les territoires"},
    "page_directives": {
        "en": "Are directives followed?",
        "fr": "Les directives sont-elles appliquées ?",
    },
    "page_explore": {"en": "Explore and download", "fr": "Explorer et télécharger"},
    "page_sources": {"en": "Sources and methodology", "fr": "Sources et méthodologie"},
    "no_warehouse": {
        "en": "No warehouse yet: build it with `python -m etl` (or `make run`).",
        "fr": "Pas encore d'entrepôt de données : construisez-le avec `python -m etl` (ou `make run`).",
    },
    "friendly_error": {
        "en": "Something went wrong while preparing this view. The details are in the server log.",
        "fr": "Un problème est survenu en préparant cette vue. Les détails sont dans le journal du serveur.",
    },
    "ignored_parameter": {
        "en": "The link's value '{value}' for “{name}” is not known here and was ignored.",
        "fr": "La valeur '{value}' du lien pour « {name} » n'est pas connue ici et a été ignorée.",
    },
    "no_data": {"en": "No data", "fr": "Pas de données"},
    # Chart footers
    "footer_source": {"en": "Source:", "fr": "Source :"},
    "footer_licence": {"en": "Licence:", "fr": "Licence :"},
    "footer_as_of": {"en": "As of:", "fr": "Données du :"},
    "table_behind_chart": {"en": "Table behind this chart", "fr": "Tableau derrière ce graphique"},
    "download_csv": {"en": "Download this table (CSV)", "fr": "Télécharger ce tableau (CSV)"},
    # Jurisdictions
    "jurisdiction": {"en": "Jurisdiction", "fr": "Juridiction"},
    "jur_FR": {"en": "France", "fr": "France"},
    "jur_GB-EAW": {"en": "England and Wales", "fr": "Angleterre et pays de Galles"},
    "jur_US-IL-CHI": {"en": "Chicago", "fr": "Chicago"},
    "jur_US-NY-NYC": {"en": "New York City", "fr": "New York"},
    "jur_multi": {"en": "Several", "fr": "Plusieurs"},
    # Region levels
    "level_departement": {"en": "département", "fr": "département"},
    "level_region": {"en": "region", "fr": "région"},
    "level_police_force": {"en": "police force", "fr": "force de police"},
    "level_district": {"en": "police district", "fr": "district de police"},
    "level_precinct": {"en": "precinct", "fr": "commissariat (precinct)"},
    # Common outcome scale
    "outcome_none": {"en": "No sanction", "fr": "Aucune sanction"},
    "outcome_advice": {"en": "Advice or training", "fr": "Conseil ou formation"},
    "outcome_warning": {"en": "Warning or reprimand", "fr": "Avertissement ou blâme"},
    "outcome_suspension": {"en": "Suspension", "fr": "Suspension"},
    "outcome_demotion": {"en": "Demotion or transfer", "fr": "Rétrogradation ou mutation"},
    "outcome_dismissal": {"en": "Dismissal", "fr": "Révocation"},
    "outcome_imposed_not_served": {
        "en": "Penalty imposed, not served",
        "fr": "Sanction infligée, non exécutée",
    },
    "outcome_unknown": {"en": "Unknown or not a sanction", "fr": "Inconnue ou hors sanction"},
    # Which publisher column a recommendation comes from (allegations.recommended_outcome_field)
    "recommendation_fields_caption": {
        "en": "Recommendations in this figure: {fields}.",
        "fr": "Recommandations de cette figure : {fields}.",
    },
    "recommendation_field_count": {
        "en": "{count} from the publisher's column “{field}”",
        "fr": "{count} issues de la colonne « {field} » de l'éditeur",
    },
    "recommendation_field_none": {
        "en": "{count} with no recommendation column",
        "fr": "{count} sans colonne de recommandation",
    },
    # Findings
    "finding_sustained": {"en": "Sustained", "fr": "Fondée"},
    "finding_not_sustained": {"en": "Not sustained", "fr": "Non établie"},
    "finding_unfounded": {"en": "Unfounded", "fr": "Sans fondement"},
    "finding_exonerated": {"en": "Exonerated", "fr": "Disculpé"},
    "finding_closed_other": {"en": "Closed otherwise", "fr": "Close autrement"},
    "finding_pending": {"en": "Pending", "fr": "En cours"},
    "finding_unknown": {"en": "Not published", "fr": "Non publiée"},
    # Categories
    "category_domestic_violence": {
        "en": "Domestic violence",
        "fr": "Violences conjugales et intrafamiliales",
    },
    "category_use_of_force": {"en": "Use of force", "fr": "Usage de la force"},
    "category_abuse_of_authority": {"en": "Abuse of authority", "fr": "Abus d'autorité"},
    "category_discourtesy": {"en": "Discourtesy", "fr": "Impolitesse"},
    "category_bias": {"en": "Bias", "fr": "Discrimination"},
    "category_dishonesty": {"en": "Dishonesty", "fr": "Malhonnêteté"},
    "category_criminal_conduct": {"en": "Criminal conduct", "fr": "Conduite délictueuse"},
    "category_other": {"en": "Other", "fr": "Autre"},
    # Confidence and legal status of reported cases
    "confidence_high": {"en": "high confidence", "fr": "fiabilité élevée"},
    "confidence_medium": {"en": "medium confidence", "fr": "fiabilité moyenne"},
    "confidence_low": {"en": "low confidence", "fr": "fiabilité faible"},
}

OUTCOME_LEVELS = ("none", "advice", "warning", "suspension", "demotion", "dismissal")


class Translator:
    """`t("key", name=value)` in the page's language; a missing key is a bug, so it raises."""

    def __init__(self, lang: str, *tables: dict[str, dict[str, str]]):
        self.lang = lang
        self.table: dict[str, dict[str, str]] = {}
        for table in (TEXT, *tables):
            self.table.update(table)

    def __call__(self, key: str, **values) -> str:
        text = self.table[key][self.lang]
        return text.format(**values) if values else text

    def maybe(self, key: str, fallback: str) -> str:
        """For data-driven keys (a level or category from the warehouse)."""
        entry = self.table.get(key)
        return entry[self.lang] if entry else fallback
