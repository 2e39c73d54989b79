-- name: overview_trends_by_year
-- answers: allegations per year and the share sustained (with a 95% Wilson interval), for Chicago (allegations by incident year) and New York City (CCRB allegation records summed over precincts, by incident year), within a year range
-- params: $year_from, $year_to
WITH yearly AS (
    SELECT
        'US-IL-CHI' AS jurisdiction,
        incident_year AS year,
        sum(allegations)::BIGINT AS allegations,
        coalesce(sum(allegations) FILTER (WHERE finding IS NOT NULL), 0)::BIGINT AS with_finding,
        coalesce(sum(allegations) FILTER (WHERE finding = 'sustained'), 0)::BIGINT AS sustained
    FROM allegation_summary  -- allegations counted per incident year and finding
    WHERE source_id = 'us_chicago_cpdp_complaints'
      AND incident_year BETWEEN $year_from AND $year_to
    GROUP BY ALL
    UNION ALL
    -- PSL also publishes 2006-2019 rollups with a NULL year: only the yearly rows are summed.
    SELECT
        'US-NY-NYC',
        year,
        sum(value) FILTER (WHERE measure = 'complaint_records')::BIGINT,
        sum(value) FILTER (WHERE measure = 'complaint_records')::BIGINT,
        sum(value) FILTER (WHERE measure = 'substantiated_records')::BIGINT
    FROM statistics
    WHERE source_id = 'us_nyc_psl_ccrb_precincts'
      AND measure IN ('complaint_records', 'substantiated_records')
      AND year BETWEEN $year_from AND $year_to
    GROUP BY ALL
),
shares AS (
    SELECT *, sustained / with_finding AS p, 1.96 * 1.96 / with_finding AS z2n
    FROM yearly
    WHERE with_finding > 0
)
SELECT
    jurisdiction,
    year,
    allegations,
    with_finding,
    sustained,
    p AS sustained_share,
    -- rounding can push a bound a hair past 0 or 1
    greatest(0, (p + z2n / 2 - 1.96 * sqrt(p * (1 - p) / with_finding + z2n / with_finding / 4))
                / (1 + z2n)) AS ci_low,
    least(1, (p + z2n / 2 + 1.96 * sqrt(p * (1 - p) / with_finding + z2n / with_finding / 4))
             / (1 + z2n)) AS ci_high
FROM shares
ORDER BY jurisdiction, year
