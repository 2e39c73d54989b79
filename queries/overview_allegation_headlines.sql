-- name: overview_allegation_headlines
-- answers: per jurisdiction with allegations, its allegation sources, how many allegations, with a published finding, sustained, not sustained, with a final level, sustained with both levels known, and the first and last year by received, incident and closing date
-- params: none
-- A jurisdiction's year basis (jurisdictions.year_basis, or its source's) says which of the
-- year ranges a page shows.
SELECT
    s.jurisdiction,
    list(DISTINCT a.source_id ORDER BY a.source_id) AS source_ids,
    count(*)::BIGINT AS allegations,
    count(a.finding)::BIGINT AS with_finding,
    count(*) FILTER (WHERE a.finding = 'sustained')::BIGINT AS sustained,
    count(*) FILTER (WHERE a.finding <> 'sustained')::BIGINT AS not_sustained,
    count(a.final_level)::BIGINT AS final_known,
    count(*) FILTER (WHERE a.finding = 'sustained' AND a.recommended_level IS NOT NULL
                     AND a.final_level IS NOT NULL)::BIGINT AS both_known,
    min(year(a.received_date)) AS first_received_year,
    max(year(a.received_date)) AS last_received_year,
    min(year(a.incident_date)) AS first_incident_year,
    max(year(a.incident_date)) AS last_incident_year,
    min(year(a.closed_date)) AS first_closed_year,
    max(year(a.closed_date)) AS last_closed_year,
    min(coalesce(s.year_basis, j.year_basis)) AS year_basis
FROM allegations AS a
JOIN sources AS s ON s.source_id = a.source_id
LEFT JOIN jurisdictions AS j ON j.code = s.jurisdiction
GROUP BY s.jurisdiction
ORDER BY s.jurisdiction
