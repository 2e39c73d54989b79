-- name: overview_gb_misconduct_total
-- answers: officers and staff with a misconduct case to answer in IOPC investigations, and the staff headcount, summed over the forces the BBC covered
-- params: none
SELECT
    sum(value) FILTER (WHERE measure = 'staff_with_misconduct_case_to_answer') AS with_case_to_answer,
    sum(value) FILTER (WHERE measure = 'staff_headcount') AS staff_headcount,
    count(DISTINCT coalesce(subject, region_id)) AS forces,
    any_value(period_note) AS period_note
FROM statistics
WHERE source_id = 'gb_bbc_iopc_misconduct'
  AND measure IN ('staff_with_misconduct_case_to_answer', 'staff_headcount')
