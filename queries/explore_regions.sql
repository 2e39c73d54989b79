-- name: explore_regions
-- answers: the name and level of every region, to label the Explore page's region filter
-- params: none
SELECT region_id, name, level, parent_id FROM regions ORDER BY region_id
