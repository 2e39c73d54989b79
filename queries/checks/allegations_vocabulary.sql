-- name: allegations_vocabulary
-- answers: allegations whose finding, levels or category fall outside the contract vocabularies
-- params: none
SELECT allegation_id, finding, recommended_level, final_level, category
FROM allegations
WHERE (finding IS NOT NULL AND finding NOT IN
        ('sustained', 'not_sustained', 'unfounded', 'exonerated', 'closed_other', 'pending'))
   OR (recommended_level IS NOT NULL AND recommended_level NOT IN
        ('none', 'advice', 'warning', 'suspension', 'demotion', 'dismissal'))
   OR (final_level IS NOT NULL AND final_level NOT IN
        ('none', 'advice', 'warning', 'suspension', 'demotion', 'dismissal'))
   OR (category IS NOT NULL AND category NOT IN
        ('domestic_violence', 'use_of_force', 'abuse_of_authority', 'discourtesy', 'bias',
         'dishonesty', 'criminal_conduct', 'other'))
   OR source_id NOT IN (SELECT source_id FROM sources)
