-- name: explore_year_bounds
-- answers: the first and last year of each table the Explore page filters by year (incident, figure and observed year)
-- params: none
SELECT 'allegations' AS table_name, min(incident_year) AS first_year,
    max(incident_year) AS last_year
FROM allegation_summary  -- the incident years of the allegations, pre-aggregated
UNION ALL
SELECT 'statistics', min(year), max(year) FROM statistics
UNION ALL
SELECT 'compliance', min(year(observed_date)), max(year(observed_date)) FROM compliance
