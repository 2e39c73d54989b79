-- name: allegation_summary
-- answers: allegations counted by source, region, year (on the source's year basis), incident year, closing year, category, finding, recommended and final level and flag, and the publisher column of the recommendation (the rows of the allegation_summary table)
-- params: none
-- NULLs stay NULL (a group of their own): the queries reading the summary treat them as
-- the allegations queries do. Received years are kept as a range per group, for the
-- headlines and the trends' first year, rather than as one more grouping column.
SELECT
    a.source_id,
    s.jurisdiction,
    a.region_id,
    year(a.incident_date) AS incident_year,
    year(a.closed_date) AS closed_year,
    a.category,
    a.finding,
    a.recommended_level,
    a.final_level,
    a.recommended_flag,
    a.final_flag,
    a.recommended_outcome_field,
    count(*) AS allegations,
    min(year(a.received_date)) AS first_received_year,
    max(year(a.received_date)) AS last_received_year,
    -- The year filters' year: the date the source's year_basis names (a source that
    -- publishes only a received or closing date is filtered on it, not left out).
    year(CASE s.year_basis
        WHEN 'received' THEN a.received_date
        WHEN 'closed' THEN a.closed_date
        ELSE a.incident_date
    END) AS basis_year
FROM allegations AS a
JOIN sources AS s USING (source_id)
GROUP BY ALL
