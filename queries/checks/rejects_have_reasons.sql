-- name: rejects_have_reasons
-- answers: rejected rows without a reason or from an unknown source
-- params: none
SELECT r.source_id, r.row_number, r.reason
FROM rejects AS r
LEFT JOIN sources AS s USING (source_id)
WHERE coalesce(trim(r.reason), '') = '' OR s.source_id IS NULL
