-- name: rejects_match_counts
-- answers: sources whose rows_rejected differ from their rows in the rejects table
-- params: none
SELECT s.source_id, s.rows_rejected, count(r.source_id) AS rejects_rows
FROM sources AS s
LEFT JOIN rejects AS r USING (source_id)
GROUP BY s.source_id, s.rows_rejected
HAVING s.rows_rejected <> count(r.source_id)
