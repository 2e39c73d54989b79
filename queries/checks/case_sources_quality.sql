-- name: case_sources_quality
-- answers: cases register events that break the source-quality rules: a source URL on an outlet not reviewed in press_outlets, on a mirror or staging copy (cite the publisher's canonical address), or a row whose only sources are secondary aggregators but whose confidence is above low
-- params: none
WITH cited AS (
    SELECT
        e.case_id,
        e.confidence,
        trim(u.url) AS url,
        regexp_extract(trim(u.url), '^https?://(?:www\.)?([^/:]+)', 1) AS host
    FROM case_events AS e,
         unnest(string_split(coalesce(e.source_url, ''), ' | ')) AS u(url)
    WHERE trim(u.url) <> ''
),
classified AS (
    SELECT c.*, o.kind
    FROM cited AS c
    LEFT JOIN press_outlets AS o
      ON c.host = o.domain OR ends_with(c.host, '.' || o.domain)
)
SELECT case_id, url, coalesce(kind, 'outlet not reviewed in press_outlets.csv') AS problem
FROM classified
WHERE kind IS NULL OR kind IN ('mirror', 'staging')
UNION ALL
SELECT case_id, string_agg(url, ' | '), 'only secondary aggregators, confidence ' || any_value(confidence)
FROM classified
GROUP BY case_id
HAVING bool_and(kind = 'secondary_aggregator') AND any_value(confidence) <> 'low'
UNION ALL
-- Curated figures and directives: never a mirror or staging copy either.
SELECT s.id, trim(u.url), o.kind
FROM (
    SELECT source_id || ':' || measure || ':' || CAST(year AS VARCHAR) AS id, source_url
    FROM statistics
    UNION ALL
    SELECT directive_id, source_url FROM directives
) AS s,
     unnest(string_split(coalesce(s.source_url, ''), ' | ')) AS u(url)
JOIN press_outlets AS o
  ON regexp_extract(trim(u.url), '^https?://(?:www\.)?([^/:]+)', 1) = o.domain
  OR ends_with(regexp_extract(trim(u.url), '^https?://(?:www\.)?([^/:]+)', 1), '.' || o.domain)
WHERE o.kind IN ('mirror', 'staging')
