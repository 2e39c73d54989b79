-- name: explore_year_bounds
-- answers: the first and last year of each table the Explore page filters by year (incident, figure and observed year)
-- params: none
SELECT 'allegations' AS table_name, min(year(incident_date)) AS first_year,
    max(year(incident_date)) AS last_year
FROM allegations
UNION ALL
SELECT 'statistics', min(year), max(year) FROM statistics
UNION ALL
SELECT 'compliance', min(year(observed_date)), max(year(observed_date)) FROM compliance
