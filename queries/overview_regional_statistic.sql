-- name: overview_regional_statistic
-- answers: one published statistic of a jurisdiction summed over its regions of one level in the latest year published, with the number of regions and the sources read
-- params: $jurisdiction, $measure, $level
WITH rows AS (
    SELECT st.source_id, st.region_id, st.year, st.value
    FROM statistics AS st
    JOIN sources AS src ON src.source_id = st.source_id
    JOIN regions AS r ON r.region_id = st.region_id AND r.level = $level
    WHERE src.jurisdiction = $jurisdiction
      AND st.measure = $measure
)
SELECT year, sum(value) AS total, count(DISTINCT region_id) AS regions,
       list(DISTINCT source_id ORDER BY source_id) AS source_ids
FROM rows
WHERE year = (SELECT max(year) FROM rows)
GROUP BY year
