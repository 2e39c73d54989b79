-- name: overview_fr_departement_crime
-- answers: what France publishes by departement: recorded victims of intrafamily assault in the latest year, summed over the departements
-- params: none
SELECT s.year, sum(s.value) AS victims, count(DISTINCT s.region_id) AS departements
FROM statistics AS s
JOIN regions AS r ON r.region_id = s.region_id AND r.level = 'departement'
WHERE s.source_id = 'fr_ssmsi_delinquance'
  AND s.measure = 'intrafamily_assault_victims'
  AND s.year = (SELECT max(year) FROM statistics
                WHERE source_id = 'fr_ssmsi_delinquance'
                  AND measure = 'intrafamily_assault_victims')
GROUP BY s.year
