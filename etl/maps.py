"""Label maps: one CSV format per kind, one loader and checker.

A map is `data/reference/maps/<kind>_<jurisdiction>.csv` with the columns `jurisdiction`,
`original_label` (the publisher's label, exactly), the kind's target column and any notes.
The target may be empty: a status such as "Investigation ongoing" is not forced into a
level or into `other`. An outcome map may add a `flag` column (what a level cannot say:
`imposed_not_served`, `interim_measure`, `licence_bar`, `credibility_list`). A category
map may add `complaint_code`: its row then applies to that publisher code only (the same
label may be mapped once per code, and once without). Outcome maps fill the warehouse's
`outcome_map`, category maps its `category_map`.
A declaration lists the maps it uses (`[maps] outcome = "..."`);
each is staged as the temporary table `map_<kind>` (the rows of the source's jurisdiction)
that the column map reads, e.g.
`(SELECT level FROM map_outcome m WHERE m.original_label = "Case Determination")`.
"""

from __future__ import annotations

from dataclasses import dataclass

from etl.source import LoadContext, SourceError


@dataclass(frozen=True)
class MapKind:
    target: str
    values: tuple[str, ...] | None  # None: any text (region codes)
    required: tuple[str, ...] = ()  # other columns every row fills
    # Columns a map may have, with their vocabulary: loaded as NULL where the file lacks them.
    optional: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # A column that narrows a label to one publisher code (a label may then be mapped once
    # per code, plus once without): loaded as NULL where the file lacks it.
    qualifier: str = ""


FINDINGS = ("sustained", "not_sustained", "unfounded", "exonerated", "closed_other", "pending")
LEVELS = ("none", "advice", "warning", "suspension", "demotion", "dismissal")
CATEGORIES = (
    "domestic_violence", "use_of_force", "abuse_of_authority", "discourtesy", "bias",
    "dishonesty", "criminal_conduct", "other",
)  # fmt: skip
ROLES = ("victim_facing", "public_facing", "back_office", "unknown")
# outcome_map.flag: what a level cannot say (DESIGN §3: interim measures, licence bars and
# credibility lists are flags, never levels).
FLAGS = ("imposed_not_served", "interim_measure", "licence_bar", "credibility_list")

KINDS = {
    "finding": MapKind("finding", FINDINGS),
    "outcome": MapKind(
        "level", LEVELS, required=("is_sanction", "note"), optional=(("flag", FLAGS),)
    ),
    "category": MapKind("category", CATEGORIES, qualifier="complaint_code"),
    "unit_role": MapKind("role_category", ROLES),
    "region_code": MapKind("code", None),
}


def stage_map(
    ctx: LoadContext, kind: str, file_name: str, regime: str = "", note: str = "note"
) -> int:
    """Stage `data/reference/<file_name>` as `map_<kind>` after checking every row.

    `regime` names the rules an outcome map describes in the warehouse's `outcome_map`
    (e.g. "NYPD discipline as reported to the CCRB"); the map's file name by default.
    `note` is the SQL (over the map's row) of the note an outcome map gives `outcome_map`,
    e.g. quoting the publisher's code list staged from a raw file."""
    spec = KINDS[kind]
    if ".." in file_name.split("/"):
        raise SourceError(f"map {file_name}: a map is a file under data/reference/")
    path = ctx.reference_csv(file_name)
    table = f"map_{kind}"
    ctx.con.execute(
        f"CREATE OR REPLACE TEMP TABLE {table} AS SELECT row_number() OVER () AS _row, * "
        "FROM read_csv($path, all_varchar = true, header = true, delim = ',', quote = '\"')",
        {"path": str(path)},
    )
    columns = {row[0] for row in ctx.con.execute(f"DESCRIBE {table}").fetchall()}
    needed = ("jurisdiction", "original_label", spec.target, *spec.required)
    missing = [c for c in needed if c not in columns]
    if missing:
        raise SourceError(f"map {file_name}, row 0 (header): missing column(s) {missing}")
    for column in [name for name, _ in spec.optional] + [spec.qualifier]:
        if column and column not in columns:
            ctx.con.execute(f"ALTER TABLE {table} ADD COLUMN {column} VARCHAR")
    for problem in map_problems(ctx, table, spec):
        raise SourceError(f"map {file_name}, {problem}")
    ctx.con.execute(
        f"DELETE FROM {table} WHERE jurisdiction <> $jurisdiction",
        {"jurisdiction": ctx.source.jurisdiction},
    )
    if kind == "outcome":  # the contract's outcome_map lists every label allegations use
        ctx.con.execute(
            "INSERT INTO outcome_map (jurisdiction, original_label, level, is_sanction, "
            "source_id, regime, note, flag) SELECT jurisdiction, original_label, level, "
            f"CAST(is_sanction AS BOOLEAN), $source_id, $regime, {note}, flag FROM map_outcome",
            {"source_id": ctx.source.slug, "regime": regime or file_name},
        )
    if kind == "category":  # and category_map every category label allegations use
        ctx.con.execute(
            "INSERT INTO category_map (jurisdiction, original_label, category, note, "
            "complaint_code) SELECT jurisdiction, original_label, category, "
            f"{'note' if 'note' in columns else 'NULL'}, complaint_code FROM map_category "
            "WHERE category IS NOT NULL"  # a label left without a category is not mapped
        )
    return ctx.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def map_problems(ctx: LoadContext, table: str, spec: MapKind) -> list[str]:
    """The checker: labels present and unique per jurisdiction, targets in the vocabulary."""
    problems = []
    for column, values in spec.optional:
        bad = ctx.con.execute(
            f"SELECT _row, {column} FROM {table} WHERE {column} IS NOT NULL "
            f"AND NOT list_contains($values, {column}) ORDER BY _row",
            {"values": list(values)},
        ).fetchall()
        problems += [
            f"row {row}, column {column!r}: {value!r} is not one of {values}" for row, value in bad
        ]
    key = f"jurisdiction, original_label{', ' + spec.qualifier if spec.qualifier else ''}"
    rows = ctx.con.execute(
        f"SELECT _row, jurisdiction, original_label, {spec.target}, "
        f"count(*) OVER (PARTITION BY {key}) FROM {table} ORDER BY _row"
    ).fetchall()
    for row, jurisdiction, label, target, copies in rows:
        if not jurisdiction or label is None:
            problems.append(f"row {row}: jurisdiction and original_label are required")
        elif copies > 1:
            problems.append(f"row {row}: {label!r} is mapped more than once for {jurisdiction}")
        elif target is not None and spec.values is not None and target not in spec.values:
            problems.append(
                f"row {row}, column {spec.target!r}: {target!r} is not one of {spec.values} "
                "(leave it empty when the label is not one of them)"
            )
    return problems
