-- name: overview_allegation_headlines
-- answers: per allegation source, how many allegations, how many with a published finding, how many sustained, and the years covered
-- params: none
-- Read from allegation_summary (allegations counted per finding and closing year, with
-- the range of received years of each group).
SELECT
    source_id,
    sum(allegations)::BIGINT AS allegations,
    coalesce(sum(allegations) FILTER (WHERE finding IS NOT NULL), 0)::BIGINT AS with_finding,
    coalesce(sum(allegations) FILTER (WHERE finding = 'sustained'), 0)::BIGINT AS sustained,
    min(first_received_year) AS first_received_year,
    max(last_received_year) AS last_received_year,
    min(closed_year) AS first_closed_year,
    max(closed_year) AS last_closed_year
FROM allegation_summary
GROUP BY source_id
ORDER BY source_id
