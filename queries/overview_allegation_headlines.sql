-- name: overview_allegation_headlines
-- answers: per allegation source, how many allegations, how many with a published finding, how many sustained, and the years covered
-- params: none
SELECT
    source_id,
    count(*) AS allegations,
    count(finding) AS with_finding,
    count(*) FILTER (WHERE finding = 'sustained') AS sustained,
    min(year(received_date)) AS first_received_year,
    max(year(received_date)) AS last_received_year,
    min(year(closed_date)) AS first_closed_year,
    max(year(closed_date)) AS last_closed_year
FROM allegations
GROUP BY source_id
ORDER BY source_id
