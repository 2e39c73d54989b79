-- name: explore_year_bounds
-- answers: the first and last year of each table the Explore page filters by year (allegations: the year on each source's year basis; figure and observed year)
-- params: none
SELECT 'allegations' AS table_name, min(basis_year) AS first_year,
    max(basis_year) AS last_year
FROM allegation_summary  -- the years of the allegations, pre-aggregated
UNION ALL
SELECT 'statistics', min(year), max(year) FROM statistics
UNION ALL
SELECT 'compliance', min(year(observed_date)), max(year(observed_date)) FROM compliance
