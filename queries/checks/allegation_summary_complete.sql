-- name: allegation_summary_complete
-- answers: sources whose allegation count in allegation_summary differs from the allegations table (the summary must count every row once)
-- params: none
WITH counted AS (
    SELECT source_id, count(*) AS allegations FROM allegations GROUP BY source_id
),
summarised AS (
    SELECT source_id, sum(allegations) AS allegations FROM allegation_summary GROUP BY source_id
)
SELECT coalesce(c.source_id, s.source_id) AS source_id, c.allegations, s.allegations AS summarised
FROM counted AS c
FULL JOIN summarised AS s USING (source_id)
WHERE c.allegations IS DISTINCT FROM s.allegations
