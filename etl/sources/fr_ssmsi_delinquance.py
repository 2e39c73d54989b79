"""Recorded crime by departement and year, 2016-2023 (SSMSI base départementale).

Each raw record (class x departement x year) becomes one count row in `statistics`; the
published rate and, once per departement-year, the population and dwelling stock used as
rate bases are derived rows from the same accepted records, so `rows_loaded` counts
records, not statistics rows.
"""

from etl.source import Download, LoadContext, RejectRule, Source, SourceError

FILE = "donnee-dep-2023.csv"

SOURCE = Source(
    slug="fr_ssmsi_delinquance",
    title="Recorded crime by departement, 2016-2023 (base statistique départementale)",
    publisher="SSMSI (Service statistique ministériel de la sécurité intérieure), "
    "Ministère de l'Intérieur",
    jurisdiction="FR",
    url="https://www.data.gouv.fr/fr/datasets/bases-statistiques-communale-departementale-"
    "et-regionale-de-la-delinquance-enregistree-par-la-police-et-la-gendarmerie-nationales/",
    licence="Licence Ouverte / Etalab 2.0",
    primary_file=FILE,
    order=30,
    # SSMSI publishes each year's base on data.gouv.fr under a new file name, lately in a
    # newer layout than the 2023 one this module reads: no address is declared. Give the
    # file with --url; the refresh refuses it if its header is not the one read here.
    downloads=(
        Download(
            "donnee-dep-2023.csv",
            "",
            "csv",
            columns=(
                "classe",
                "annee",
                "Code.département",
                "Code.région",
                "unité.de.compte",
                "faits",
            ),
            min_rows=10000,
            delimiter=";",
        ),
    ),
    coverage="16 indicator classes of crime recorded by the police and gendarmerie "
    "nationales, for the 101 departements (including overseas), 2016-2023: counts, the "
    "published rate per 1000 inhabitants (per 1000 dwellings for burglary), and the "
    "population and dwelling stock SSMSI used as rate bases",
    not_covered="Crime not reported or not recorded; offences outside the 16 classes; "
    "communes and regions (sum the departements); the split between police and "
    "gendarmerie; outcomes of the cases (prosecution, conviction)",
    caveats="Recorded crime measures police and gendarmerie activity as much as crime: "
    "reporting and recording practice changed over the period (e.g. more intrafamily "
    "violence reported since 2017-2019). Counts are of different units per class "
    "(victims, offences, vehicles, suspects: see the measure name and period_note). The "
    "rate bases lag: 2021-2023 rates use the 2021 population and 2020 dwelling stock, and "
    "Mayotte (976) uses its 2017 population for every year. Rows with no departement "
    "(Code.département 'NA', 0 facts except 1 sexual-violence victim in 2023) are loaded "
    "to region 'FR' as unallocated facts, not national totals. Third-party copy "
    "(aubryprieur/streamlit_data_territoire) of the March 2024 edition.",
)

# Published class -> (measure, unité.de.compte expected, what it counts, rate base).
# Measures name the offence and the counted unit, like the contract's
# intrafamily_assault_victims; a class whose counted unit changes is rejected, not renamed.
CLASSES = {
    "Homicides": ("homicide_victims", "victime", "victims", "POP"),
    "Coups et blessures volontaires": ("assault_victims", "victime", "victims", "POP"),
    "Coups et blessures volontaires intrafamiliaux": (
        "intrafamily_assault_victims",
        "victime",
        "victims",
        "POP",
    ),
    "Autres coups et blessures volontaires": (
        "other_assault_victims",  # assault outside the family: the two above differ by it
        "victime",
        "victims",
        "POP",
    ),
    "Violences sexuelles": ("sexual_violence_victims", "victime", "victims", "POP"),
    "Vols avec armes": ("armed_robbery_offences", "infraction", "offences", "POP"),
    "Vols violents sans arme": (
        "unarmed_violent_theft_offences",
        "infraction",
        "offences",
        "POP",
    ),
    "Vols sans violence contre des personnes": (
        "non_violent_theft_victims",
        "victime entendue",
        "victims heard by police or gendarmerie",
        "POP",
    ),
    "Cambriolages de logement": (
        "residential_burglary_offences",
        "infraction",
        "offences",
        "LOG",  # the published rate is per 1000 dwellings, not inhabitants
    ),
    "Vols de véhicules": ("vehicle_theft_vehicles", "véhicule", "vehicles", "POP"),
    "Vols dans les véhicules": ("theft_from_vehicle_vehicles", "véhicule", "vehicles", "POP"),
    "Vols d'accessoires sur véhicules": (
        "vehicle_accessory_theft_vehicles",
        "véhicule",
        "vehicles",
        "POP",
    ),
    "Destructions et dégradations volontaires": (
        "criminal_damage_offences",
        "infraction",
        "offences",
        "POP",
    ),
    "Escroqueries": ("fraud_victims", "victime", "victims", "POP"),
    "Trafic de stupéfiants": (
        "drug_trafficking_suspects",
        "Mis en cause",
        "suspects (persons implicated)",
        "POP",
    ),
    "Usage de stupéfiants": (
        "drug_use_suspects",
        "Mis en cause",
        "suspects (persons implicated)",
        "POP",
    ),
}

UNALLOCATED_NOTE = (
    "Facts recorded with no departement (Code.département 'NA'): not allocated to any "
    "departement. NOT a national total: the national figure is the sum of the "
    "departements plus this row."
)

# SSMSI writes decimals with a comma ('7,83e-03'); NULL when not a number.
NUM_MACRO = "CREATE OR REPLACE TEMP MACRO ssmsi_num(x) AS TRY_CAST(replace(x, ',', '.') AS DOUBLE)"

# One row per raw record (class labels and region codes are unique keys), with the class
# mapping and the departement's INSEE region alongside for the reject rules.
JOINED = """
CREATE OR REPLACE TEMP TABLE ssmsi AS
SELECT s.*, c.measure AS _measure, c.counted AS _counted, c.counted_en AS _counted_en,
       c.base AS _base, r.parent_id AS _dep_region,
       s."Code.département" = 'NA' AS _unallocated,
       CASE c.base WHEN 'LOG' THEN ssmsi_num(s.LOG) ELSE ssmsi_num(s.POP) END AS _base_value
FROM staged s
LEFT JOIN ssmsi_classes c ON c.classe = s.classe
LEFT JOIN regions r
       ON r.level = 'departement' AND r.country = 'FR' AND r.code = s."Code.département"
"""

REJECT_RULES = [
    RejectRule(
        "classe",
        "classe is not one of the 16 SSMSI classes mapped in fr_ssmsi_delinquance.CLASSES; "
        "add it with an English measure name",
        "_measure IS NULL",
    ),
    RejectRule(
        "unité.de.compte",
        "unité.de.compte is not the counted unit this module expects for the classe, so "
        "the measure name would be wrong; review CLASSES",
        '"unité.de.compte" IS DISTINCT FROM _counted',
    ),
    RejectRule(
        "annee",
        "annee is not a 2-digit year (16 = 2016)",
        "NOT regexp_matches(coalesce(annee, ''), '^[0-9]{2}$')",
    ),
    RejectRule(
        "Code.département",
        "Code.département is neither an INSEE COG 2021 departement code nor 'NA'",
        "NOT _unallocated AND _dep_region IS NULL",
    ),
    RejectRule("faits", "faits is not a whole number", "TRY_CAST(faits AS BIGINT) IS NULL"),
    RejectRule(
        "Code.région",
        "Code.région is not the region of this departement in INSEE COG 2021",
        "NOT _unallocated AND _dep_region IS DISTINCT FROM 'FR-REG-' || \"Code.région\"",
    ),
    RejectRule(
        "POP",
        "POP is not a positive whole number",
        "NOT _unallocated AND coalesce(TRY_CAST(POP AS BIGINT), 0) <= 0",
    ),
    RejectRule(
        "LOG",
        "LOG is not a positive number (decimal comma expected)",
        "NOT _unallocated AND coalesce(ssmsi_num(LOG), 0) <= 0",
    ),
    RejectRule(
        "millPOP",
        "millPOP or millLOG (vintage of POP / LOG) is not a 2-digit year",
        "NOT _unallocated AND NOT (regexp_matches(coalesce(millPOP, ''), '^[0-9]{2}$') "
        "AND regexp_matches(coalesce(millLOG, ''), '^[0-9]{2}$'))",
    ),
    RejectRule(
        "tauxpourmille",
        "tauxpourmille is not a number (decimal comma expected)",
        "NOT _unallocated AND ssmsi_num(tauxpourmille) IS NULL",
    ),
    RejectRule(
        "tauxpourmille",
        "tauxpourmille is not faits per 1000 of the base this module assumes (POP, or LOG "
        "for burglary): check the rate's base in CLASSES before loading",
        "NOT _unallocated AND abs(ssmsi_num(tauxpourmille) - TRY_CAST(faits AS DOUBLE) * 1000 "
        "/ _base_value) > 1e-6 * abs(ssmsi_num(tauxpourmille)) + 1e-9",
    ),
]

# The departement records load_rows accepted: the derived rows come only from these.
ACCEPTED = """
CREATE OR REPLACE TEMP TABLE ssmsi_accepted AS
SELECT * FROM ssmsi
WHERE NOT _unallocated
  AND _row NOT IN (SELECT row_number FROM rejects WHERE source_id = $slug AND file_name = $file)
"""

# The published rate of each accepted departement record, as a second statistics row.
INSERT_RATES = """
INSERT INTO statistics (source_id, region_id, year, measure, measure_original, value, unit,
                        period_note)
SELECT $slug, 'FR-DEP-' || "Code.département", 2000 + TRY_CAST(annee AS INTEGER),
       _measure || '_per_1000', classe || ' (tauxpourmille)', ssmsi_num(tauxpourmille),
       CASE _base WHEN 'LOG' THEN 'per_1000_dwellings' ELSE 'per_1000_inhabitants' END,
       CASE _base
           WHEN 'LOG' THEN 'Published rate: ' || _counted_en || ' per 1000 dwellings '
                || '(LOG, dwelling stock of 20' || millLOG || ')'
           ELSE 'Published rate: ' || _counted_en || ' per 1000 inhabitants '
                || '(POP, population of 20' || millPOP || ')'
       END
FROM ssmsi_accepted
"""

# POP and LOG repeat on all 16 class rows of a departement-year (LOG with float noise in
# the last digit): one row each per departement-year.
BASES = """
CREATE OR REPLACE TEMP TABLE ssmsi_bases AS
SELECT "Code.département" AS dep, annee, millPOP, millLOG,
       count(DISTINCT POP) AS pop_values, min(TRY_CAST(POP AS BIGINT)) AS pop,
       min(ssmsi_num(LOG)) AS log_min, max(ssmsi_num(LOG)) AS log_max
FROM ssmsi_accepted
GROUP BY ALL
"""

CONFLICTING_BASES = """
SELECT dep, annee FROM ssmsi_bases
QUALIFY pop_values > 1 OR log_max - log_min > 0.01
     OR count(*) OVER (PARTITION BY dep, annee) > 1
"""

INSERT_BASES = """
INSERT INTO statistics (source_id, region_id, year, measure, measure_original, value, unit,
                        period_note)
SELECT $slug, 'FR-DEP-' || dep, 2000 + TRY_CAST(annee AS INTEGER), 'population', 'POP', pop,
       'count',
       CASE WHEN millPOP = annee
            THEN 'INSEE population of 20' || millPOP || ', the base of the rates'
            ELSE 'INSEE population of 20' || millPOP || ', repeated by SSMSI as the base of '
                 || 'the 20' || annee || ' rates: not a 20' || annee || ' figure'
       END
FROM ssmsi_bases
UNION ALL
SELECT $slug, 'FR-DEP-' || dep, 2000 + TRY_CAST(annee AS INTEGER), 'dwellings', 'LOG',
       (log_min + log_max) / 2, 'count',
       'Dwelling stock of 20' || millLOG || ' (SSMSI estimate, with decimals), the base of '
       || 'the 20' || annee || ' burglary rate'
FROM ssmsi_bases
"""


def load(ctx: LoadContext) -> None:
    ctx.stage_csv("staged", FILE, sep=";", quote='"')
    ctx.require_columns(
        "staged",
        FILE,
        ["classe", "annee", "Code.département", "Code.région", "unité.de.compte", "millPOP"]
        + ["millLOG", "faits", "POP", "LOG", "tauxpourmille"],
    )
    ctx.con.execute(NUM_MACRO)
    ctx.con.execute(
        "CREATE OR REPLACE TEMP TABLE ssmsi_classes "
        "(classe VARCHAR, measure VARCHAR, counted VARCHAR, counted_en VARCHAR, base VARCHAR)"
    )
    ctx.con.executemany(
        "INSERT INTO ssmsi_classes VALUES (?, ?, ?, ?, ?)",
        [(label, *spec) for label, spec in CLASSES.items()],
    )
    ctx.con.execute(JOINED)
    ctx.load_rows(
        FILE,
        "ssmsi",
        "statistics",
        columns={
            "source_id": "$source_id",
            "region_id": "CASE WHEN _unallocated THEN 'FR' "
            "ELSE 'FR-DEP-' || \"Code.département\" END",
            "year": "2000 + TRY_CAST(annee AS INTEGER)",
            "measure": "_measure",
            "measure_original": "classe",
            "value": "TRY_CAST(faits AS DOUBLE)",
            "unit": "'count'",
            "period_note": "CASE WHEN _unallocated THEN $unallocated_note "
            "ELSE 'Count of ' || _counted_en || ' (unité de compte: ' || \"unité.de.compte\" "
            "|| ') recorded by police and gendarmerie in the year' END",
        },
        reject_rules=REJECT_RULES,
        params={"unallocated_note": UNALLOCATED_NOTE},
    )
    params = {"slug": SOURCE.slug, "file": FILE}
    ctx.con.execute(ACCEPTED, params)
    ctx.con.execute(BASES)
    conflicts = ctx.con.execute(CONFLICTING_BASES).fetchmany(3)
    if conflicts:
        raise SourceError(
            f"file {FILE}: POP, LOG or their vintages differ between the class rows of "
            f"departement-year(s) {conflicts}; cannot load one population per departement-year"
        )
    ctx.con.execute(INSERT_RATES, {"slug": SOURCE.slug})
    ctx.con.execute(INSERT_BASES, {"slug": SOURCE.slug})
