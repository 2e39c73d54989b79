-- name: allegation_share
-- answers: one allegation measure of the catalogue (numerator, denominator, all allegations, not-investigated closures) per region of a level, optionally per year of the year basis, with the complaint and officer cluster sums its design effect needs
-- params: $jurisdiction, $region_level, $year_from, $year_to, $category, $by_year, $measure, $findings, $not_investigated
-- The numerator and denominator of each measure are named by $measure (see catalogue.toml);
-- the findings that count and the closures that were never investigated come from the
-- catalogue as parameters, so the definition lives in one place.
-- Year: that of the date the source's year basis names (sources.year_basis, else the
-- jurisdiction's: incident, received or closed date; any other basis: the incident date), so a
-- source with only a received or closing date still has years.
-- Region: the allegation's region at $region_level, or its parent at that level; rows placed
-- at no region of that level get the jurisdiction code (NULL $region_level: the whole
-- jurisdiction, one row).
WITH scale AS (
    SELECT ['none', 'advice', 'warning', 'suspension', 'demotion', 'dismissal'] AS levels
),
dated AS (
    SELECT
        a.*,
        s.jurisdiction,
        year(
            CASE coalesce(s.year_basis, j.year_basis)
                WHEN 'received' THEN a.received_date
                WHEN 'closed' THEN a.closed_date
                ELSE a.incident_date
            END
        ) AS basis_year
    FROM allegations AS a
    JOIN sources AS s USING (source_id)
    LEFT JOIN jurisdictions AS j ON j.code = s.jurisdiction
    WHERE s.jurisdiction = $jurisdiction
),
chosen AS (
    SELECT
        CASE
            WHEN $region_level IS NULL THEN a.jurisdiction
            WHEN r.level = $region_level THEN r.region_id
            WHEN p.level = $region_level THEN p.region_id
            ELSE a.jurisdiction
        END AS region_id,
        CASE WHEN $by_year THEN a.basis_year END AS year,
        a.case_id,
        a.officer_key,
        a.finding,
        coalesce(list_contains($not_investigated, a.finding_original), false) AS not_investigated,
        list_position(scale.levels, a.final_level) AS final_rank,
        list_position(scale.levels, a.recommended_level) AS recommended_rank
    FROM dated AS a
    CROSS JOIN scale
    LEFT JOIN regions AS r ON r.region_id = a.region_id
    LEFT JOIN regions AS p ON p.region_id = r.parent_id
    WHERE ($year_from IS NULL OR a.basis_year >= $year_from)
      AND ($year_to IS NULL OR a.basis_year <= $year_to)
      AND ($category IS NULL OR a.category = $category)
),
flagged AS (
    SELECT
        region_id,
        year,
        case_id,
        officer_key,
        not_investigated,
        CASE $measure
            -- a finding reached after an investigation: pending, no finding and closures
            -- never investigated (Chicago "no affidavit") are out
            WHEN 'sustained_share' THEN list_contains($findings, finding) AND NOT not_investigated
            WHEN 'final_warning_share' THEN final_rank IS NOT NULL
            WHEN 'final_suspension_share' THEN final_rank IS NOT NULL
            WHEN 'final_dismissal_share' THEN final_rank IS NOT NULL
            -- a sanction (advice or heavier) recommended, both levels known
            WHEN 'downgrade_rate' THEN recommended_rank >= 2 AND final_rank IS NOT NULL
            ELSE true
        END AS in_denominator,
        CASE $measure
            WHEN 'sustained_share' THEN finding = 'sustained'
            WHEN 'final_warning_share' THEN final_rank >= 3
            WHEN 'final_suspension_share' THEN final_rank >= 4
            WHEN 'final_dismissal_share' THEN final_rank = 6
            WHEN 'downgrade_rate' THEN final_rank < recommended_rank
            ELSE true
        END AS in_numerator
    FROM chosen
),
-- Read three times (totals and the two cluster groupings): computed once, not three times
-- (3.8 -> 2.4 s at 10M allegations under the dashboard's memory limit).
counted AS MATERIALIZED (
    SELECT
        *,
        coalesce(in_denominator, false)::INTEGER AS m,
        (coalesce(in_denominator, false) AND coalesce(in_numerator, false))::INTEGER AS y
    FROM flagged
),
by_case AS (
    SELECT region_id, year, sum(m) AS m, sum(y) AS y
    FROM counted GROUP BY region_id, year, case_id HAVING sum(m) > 0
),
by_officer AS (
    SELECT region_id, year, sum(m) AS m, sum(y) AS y
    FROM counted GROUP BY region_id, year, officer_key HAVING sum(m) > 0
),
case_sums AS (
    SELECT region_id, year, count(*) AS case_clusters,
           sum(m * m) AS case_m2, sum(y * y) AS case_y2, sum(m * y) AS case_my
    FROM by_case GROUP BY ALL
),
officer_sums AS (
    SELECT region_id, year, count(*) AS officer_clusters,
           sum(m * m) AS officer_m2, sum(y * y) AS officer_y2, sum(m * y) AS officer_my
    FROM by_officer GROUP BY ALL
),
totals AS (
    SELECT
        region_id,
        year,
        count(*) AS allegations,
        sum(m) AS denominator,
        sum(y) AS numerator,
        count(*) FILTER (WHERE not_investigated) AS not_investigated
    FROM counted
    GROUP BY ALL
)
SELECT
    t.region_id,
    t.year,
    t.allegations::BIGINT AS allegations,
    t.numerator::BIGINT AS numerator,
    t.denominator::BIGINT AS denominator,
    t.not_investigated::BIGINT AS not_investigated,
    coalesce(c.case_clusters, 0)::BIGINT AS case_clusters,
    c.case_m2::DOUBLE AS case_m2, c.case_y2::DOUBLE AS case_y2, c.case_my::DOUBLE AS case_my,
    coalesce(o.officer_clusters, 0)::BIGINT AS officer_clusters,
    o.officer_m2::DOUBLE AS officer_m2, o.officer_y2::DOUBLE AS officer_y2,
    o.officer_my::DOUBLE AS officer_my
FROM totals AS t
LEFT JOIN case_sums AS c ON c.region_id = t.region_id AND c.year IS NOT DISTINCT FROM t.year
LEFT JOIN officer_sums AS o ON o.region_id = t.region_id AND o.year IS NOT DISTINCT FROM t.year
ORDER BY t.region_id, t.year
