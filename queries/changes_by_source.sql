-- name: changes_by_source
-- answers: per source, its latest release (files as of retrieved_at) and how many records it added, removed or changed since the release before (NULL: first release, nothing to compare)
-- params: none
SELECT
    r.source_id,
    r.release_number,
    r.retrieved_at,
    prev.retrieved_at AS previous_retrieved_at,
    r.records,
    r.added,
    r.removed,
    r.changed,
    r.first_built_at
FROM releases AS r
LEFT JOIN releases AS prev
    ON prev.source_id = r.source_id AND prev.release_number = r.release_number - 1
QUALIFY r.release_number = max(r.release_number) OVER (PARTITION BY r.source_id)
ORDER BY r.source_id
