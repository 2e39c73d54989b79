-- name: overview_jurisdictions
-- answers: every jurisdiction of the warehouse, in code order, with its names, year basis and note, and how many allegation rows and published statistics its sources loaded (what the Overview can show for it)
-- params: none
SELECT
    j.code,
    j.name_en,
    j.name_fr,
    j.year_basis,
    j.note,
    j.note_fr,
    coalesce(a.allegations, 0)::BIGINT AS allegations,
    coalesce(s.statistics, 0)::BIGINT AS statistics
FROM jurisdictions AS j
LEFT JOIN (
    SELECT jurisdiction, sum(allegations) AS allegations
    FROM allegation_summary GROUP BY jurisdiction
) AS a ON a.jurisdiction = j.code
LEFT JOIN (
    SELECT src.jurisdiction, count(*) AS statistics
    FROM statistics AS st JOIN sources AS src ON src.source_id = st.source_id
    GROUP BY src.jurisdiction
) AS s ON s.jurisdiction = j.code
ORDER BY j.code
