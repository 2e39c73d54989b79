"""The caption naming which publisher column each recommendation of a figure comes from.

allegations.recommended_outcome_field names it (NYC: 'Board Discipline Recommendation',
else the 'CCRB Substantiated Officer Disposition' label; Chicago: 'recc_outcome'), so a
reader sees how much of a recommended-vs-imposed figure rests on each column.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd


def caption(frame: pd.DataFrame, count_column: str, t, number: Callable[[int], str]) -> str:
    """'Recommendations in this figure: 7,165 from ...; 4,888 from ...' ('' when empty)."""
    parts = []
    for row in frame.itertuples(index=False):
        count = int(getattr(row, count_column))
        if not count:
            continue
        field = row.recommended_outcome_field
        if field is None or (isinstance(field, float) and pd.isna(field)):
            parts.append(t("recommendation_field_none", count=number(count)))
        else:
            parts.append(t("recommendation_field_count", count=number(count), field=field))
    return t("recommendation_fields_caption", fields="; ".join(parts)) if parts else ""
