-- name: overview_trend_years
-- answers: the first and last year the yearly trends can show: Chicago complaints by received year and NYC precinct complaint records by incident year
-- params: none
SELECT min(first_year) AS first_year, max(last_year) AS last_year
FROM (
    SELECT min(first_received_year) AS first_year, max(incident_year) AS last_year
    FROM allegation_summary WHERE source_id = 'us_chicago_cpdp_complaints'
    UNION ALL
    SELECT min(year), max(year)
    FROM statistics
    WHERE source_id = 'us_nyc_psl_ccrb_precincts' AND measure = 'complaint_records'
)
