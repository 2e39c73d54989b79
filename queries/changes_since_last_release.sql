-- name: changes_since_last_release
-- answers: the records the latest release of a source (NULL: of every source) added, removed or whose outcome changed, with the outcome before and after; $row_limit NULL for all rows
-- params: $source_id, $row_limit
SELECT
    h.source_id,
    h.change_release AS release_number,
    h.change,
    h.table_name,
    h.record_ref,
    CASE h.change WHEN 'changed' THEN h.previous_outcome WHEN 'removed' THEN h.outcome END
        AS outcome_before,
    CASE WHEN h.change <> 'removed' THEN h.outcome END AS outcome_after,
    h.first_seen,
    h.last_seen,
    h.record_key
FROM record_history AS h
JOIN (SELECT source_id, max(release_number) AS release_number FROM releases GROUP BY source_id)
    AS latest
    ON latest.source_id = h.source_id AND h.change_release = latest.release_number
WHERE $source_id IS NULL OR h.source_id = $source_id
ORDER BY h.source_id, h.change, h.table_name, h.record_ref, h.record_key
LIMIT $row_limit
