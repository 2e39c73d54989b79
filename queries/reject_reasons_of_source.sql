-- name: reject_reasons_of_source
-- answers: why rows of one source were rejected: each reason with its count and first rows
-- params: $source_id
SELECT file_name, column_name, reason, count(*) AS rows_rejected,
       list(row_number ORDER BY row_number)[1:5] AS first_rows
FROM rejects
WHERE source_id = $source_id
GROUP BY file_name, column_name, reason
ORDER BY rows_rejected DESC, reason
