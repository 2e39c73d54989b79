-- The warehouse contract (DESIGN.md section 3) plus the project's own additions.
-- Contract tables and columns keep their names; extra columns come after them.

CREATE TABLE sources (
    source_id      VARCHAR PRIMARY KEY,   -- slug, = etl/sources/<slug>.toml or .py
    title          VARCHAR NOT NULL,
    publisher      VARCHAR NOT NULL,
    jurisdiction   VARCHAR NOT NULL,
    url            VARCHAR NOT NULL,      -- publisher's canonical URL
    licence        VARCHAR NOT NULL,
    retrieved_at   VARCHAR NOT NULL,      -- ISO 8601, newest file of the source
    sha256         VARCHAR NOT NULL,      -- of the primary file
    rows_read      BIGINT NOT NULL,
    rows_loaded    BIGINT NOT NULL,
    rows_rejected  BIGINT NOT NULL,
    coverage       VARCHAR,               -- what the data covers, in plain words
    not_covered    VARCHAR,               -- what it does not cover
    caveats        VARCHAR,
    year_basis     VARCHAR,               -- incident, received, closed, report, period, none
    coverage_fr    VARCHAR,               -- coverage, not_covered, caveats in French,
    not_covered_fr VARCHAR,               -- translated by the project (NULL: not yet)
    caveats_fr     VARCHAR,
    licence_fr     VARCHAR                -- the licence line in French (translated)
);

-- One row per jurisdiction (DESIGN §3, second round), from data/reference/curated/
-- jurisdictions.csv: pages list jurisdictions from here, never from code.
CREATE TABLE jurisdictions (
    code           VARCHAR PRIMARY KEY,   -- FR, GB-EAW, US-IL-CHI, ...
    name_en        VARCHAR NOT NULL,
    name_fr        VARCHAR NOT NULL,
    country        VARCHAR NOT NULL,      -- FR, GB, US
    region_levels  VARCHAR[],             -- regions.level values its data are placed on
    year_basis     VARCHAR,               -- the date its year filters use
    denominators   VARCHAR[],             -- statistics.measure values usable as denominators
    note           VARCHAR,
    note_fr        VARCHAR                -- the note in French, translated by the project
);

-- One row per file read by a source (a source may read a record file and lookups).
CREATE TABLE source_files (
    source_id      VARCHAR NOT NULL,
    file_name      VARCHAR NOT NULL,
    url            VARCHAR NOT NULL,
    origin         VARCHAR,               -- where the bundled copy came from
    retrieved_at   VARCHAR NOT NULL,
    sha256         VARCHAR NOT NULL,
    bytes          BIGINT NOT NULL,
    licence        VARCHAR NOT NULL,
    rows_read      BIGINT NOT NULL,
    rows_loaded    BIGINT NOT NULL,
    rows_rejected  BIGINT NOT NULL,
    loaded_into    VARCHAR,               -- table(s) the rows went to
    PRIMARY KEY (source_id, file_name)
);

CREATE TABLE rejects (
    source_id   VARCHAR NOT NULL,
    row_number  BIGINT NOT NULL,          -- 1 = first data record after the header
    reason      VARCHAR NOT NULL,
    raw         VARCHAR,                  -- the record as JSON, personal-name columns removed
    file_name   VARCHAR,
    column_name VARCHAR
);

CREATE TABLE regions (
    region_id  VARCHAR PRIMARY KEY,
    country    VARCHAR NOT NULL,          -- FR, GB, US
    level      VARCHAR NOT NULL,
    code       VARCHAR NOT NULL,          -- the publisher's own code, as text
    name       VARCHAR NOT NULL,
    parent_id  VARCHAR,
    source_id  VARCHAR,
    valid_note VARCHAR                    -- e.g. "district retired in Dec 2012"
);

-- Map shapes, one GeoJSON geometry per region (optional per region).
-- Countries are fixed; every other region comes from a source.
INSERT INTO regions VALUES
    ('FR', 'FR', 'country', 'FR', 'France', NULL, NULL, NULL),
    ('GB', 'GB', 'country', 'GB', 'United Kingdom', NULL, NULL, NULL),
    ('US', 'US', 'country', 'US', 'United States', NULL, NULL, NULL);

CREATE TABLE boundaries (
    region_id  VARCHAR NOT NULL,
    source_id  VARCHAR NOT NULL,
    vintage    VARCHAR,
    geometry   VARCHAR NOT NULL           -- GeoJSON geometry object, WGS84
);

CREATE TABLE cases (
    case_id        VARCHAR NOT NULL,
    source_id      VARCHAR NOT NULL,
    region_id      VARCHAR,
    region_code_original VARCHAR,          -- e.g. the Chicago beat as published
    incident_date  DATE,
    received_date  DATE,
    closed_date    DATE,
    PRIMARY KEY (source_id, case_id)
);

CREATE TABLE allegations (
    allegation_id        VARCHAR PRIMARY KEY,
    source_id            VARCHAR NOT NULL,
    case_id              VARCHAR,
    officer_key          VARCHAR,
    region_id            VARCHAR,
    category             VARCHAR,         -- NULL when the source does not say
    category_original    VARCHAR,
    incident_date        DATE,
    received_date        DATE,
    closed_date          DATE,
    finding              VARCHAR,
    finding_original     VARCHAR,
    recommended_outcome  VARCHAR,
    recommended_level    VARCHAR,
    final_outcome        VARCHAR,
    final_outcome_detail VARCHAR,         -- e.g. NYC: which stage set the final penalty
    final_level          VARCHAR,
    category_group       VARCHAR,         -- publisher's own grouping (Chicago CATEGORY)
    recommended_finding_original VARCHAR,
    case_status          VARCHAR,         -- publisher's case status where given
    apu_reference_outcome VARCHAR,        -- NYC APU: plea agreed / Trial Commissioner penalty
    apu_reference_level  VARCHAR,         -- its level on the common scale
    recommended_flag     VARCHAR,         -- outcome_map.flag of recommended_outcome
    final_flag           VARCHAR,         -- outcome_map.flag of final_outcome
    recommended_outcome_field VARCHAR,    -- publisher column recommended_outcome comes from
    category_code        VARCHAR          -- publisher's allegation code (Chicago complaint_code)
);

CREATE TABLE assignments (
    officer_key    VARCHAR NOT NULL,
    source_id      VARCHAR NOT NULL,
    unit_id        VARCHAR,
    unit_name      VARCHAR,
    role_category  VARCHAR NOT NULL,
    start_date     DATE,
    end_date       DATE
);

CREATE TABLE statistics (
    source_id         VARCHAR NOT NULL,
    region_id         VARCHAR,
    year              INTEGER,
    measure           VARCHAR NOT NULL,
    measure_original  VARCHAR NOT NULL,
    value             DOUBLE,
    unit              VARCHAR NOT NULL,   -- count, rate_per_1000, percent, ...
    subject           VARCHAR,            -- e.g. police_nationale, gendarmerie
    period_note       VARCHAR,
    confidence        VARCHAR,            -- curated figures: high / medium / low
    source_url        VARCHAR             -- curated figures cite their own document
);

CREATE TABLE outcome_map (
    jurisdiction    VARCHAR NOT NULL,
    original_label  VARCHAR NOT NULL,
    level           VARCHAR,
    is_sanction     BOOLEAN NOT NULL,
    source_id       VARCHAR,
    regime          VARCHAR,
    note            VARCHAR,
    -- What a level cannot say (DESIGN §3: interim measures, licence bars and credibility
    -- lists are flags, never levels): imposed_not_served, interim_measure, licence_bar,
    -- credibility_list; NULL for most labels. Checked by queries/checks/outcome_flags_valid.sql.
    flag            VARCHAR
);

CREATE TABLE category_map (
    jurisdiction    VARCHAR NOT NULL,
    original_label  VARCHAR NOT NULL,
    category        VARCHAR NOT NULL,
    note            VARCHAR,
    complaint_code  VARCHAR              -- set: the row applies to this publisher code only
);

CREATE TABLE directives (
    directive_id   VARCHAR PRIMARY KEY,
    jurisdiction   VARCHAR NOT NULL,
    issuer         VARCHAR NOT NULL,
    reference      VARCHAR,
    issued_date    DATE,
    title          VARCHAR NOT NULL,      -- English title
    requirement    VARCHAR NOT NULL,
    source_url     VARCHAR,
    title_fr       VARCHAR,
    instrument     VARCHAR,
    binding        VARCHAR,
    effective_date DATE,
    end_date       DATE,
    trigger_event  VARCHAR,
    obligation     VARCHAR,
    deadline_days  INTEGER,
    checkable_with VARCHAR,
    source_title   VARCHAR,
    confidence     VARCHAR,
    -- French texts of the fields above, translated by the project (NULL: English only)
    issuer_fr      VARCHAR,
    reference_fr   VARCHAR,
    requirement_fr VARCHAR,
    trigger_fr     VARCHAR,
    obligation_fr  VARCHAR,
    checkable_with_fr VARCHAR,
    source_title_fr VARCHAR
);

CREATE TABLE compliance (
    directive_id    VARCHAR NOT NULL,
    rule_id         VARCHAR NOT NULL,
    scope_level     VARCHAR NOT NULL,
    scope_id        VARCHAR NOT NULL,
    region_id       VARCHAR,
    observed_date   DATE,
    status          VARCHAR NOT NULL,
    in_jurisdiction BOOLEAN NOT NULL,
    evidence        VARCHAR,
    evidence_url    VARCHAR,
    method          VARCHAR,
    source_id       VARCHAR,
    confidence      VARCHAR,
    -- why this status, as a short code of the rule (e.g. letter_not_in_published_list):
    -- what a rate of kind 'share' counts (directive_rules)
    status_reason   VARCHAR,
    -- evidence and method in French, translated by the project (NULL: the rule gives none)
    evidence_fr     VARCHAR,
    method_fr       VARCHAR
);

-- One row per directive rule, from queries/directives/rules.toml: what it checks, the
-- evidence it uses, what that evidence cannot show, and which rate its observations support.
CREATE TABLE directive_rules (
    rule_id          VARCHAR PRIMARY KEY,
    directive_id     VARCHAR NOT NULL,
    query            VARCHAR NOT NULL,
    rate             VARCHAR NOT NULL,   -- compliance, share or none
    rate_numerator   VARCHAR[],          -- status_reason codes (rate = share)
    rate_denominator VARCHAR[],
    rate_name_en     VARCHAR,
    rate_name_fr     VARCHAR,
    what_if          BOOLEAN NOT NULL,
    checks           VARCHAR NOT NULL,
    evidence         VARCHAR NOT NULL,
    cannot_show      VARCHAR NOT NULL,
    legal_text       VARCHAR NOT NULL,
    legal_date       DATE,
    -- French texts of checks, evidence, cannot_show, legal_text (translated by the project)
    checks_fr        VARCHAR,
    evidence_fr      VARCHAR,
    cannot_show_fr   VARCHAR,
    legal_text_fr    VARCHAR
);

-- What the Compare page cannot derive from the data, from queries/measures/comparisons.toml
-- (checked at build): one JSON row for its settings, then one per declared jurisdiction.
CREATE TABLE comparisons (
    position     INTEGER NOT NULL,   -- order in the file
    jurisdiction VARCHAR,            -- NULL: the settings (default jurisdiction, order)
    declaration  VARCHAR NOT NULL    -- the settings or the jurisdiction's block, as JSON
);

-- Derived at build time (queries/summaries/allegation_summary.sql): allegations counted
-- by every dimension the dashboard filters or groups them by, so counts, facets and rates
-- read thousands of rows instead of millions. Never edited; checked against allegations.
-- Each region's jurisdiction: its nearest ancestor, itself included, that is a code of
-- `jurisdictions` (queries/summaries/region_jurisdictions.sql); no row for a region under
-- no jurisdiction.
CREATE TABLE region_jurisdictions (
    region_id     VARCHAR PRIMARY KEY,
    jurisdiction  VARCHAR NOT NULL
);
CREATE TABLE allegation_summary (
    source_id           VARCHAR NOT NULL,
    jurisdiction        VARCHAR NOT NULL,
    region_id           VARCHAR,
    incident_year       INTEGER,
    closed_year         INTEGER,
    category            VARCHAR,
    finding             VARCHAR,
    recommended_level   VARCHAR,
    final_level         VARCHAR,
    recommended_flag    VARCHAR,          -- outcome_map flags (imposed_not_served, ...)
    final_flag          VARCHAR,
    recommended_outcome_field VARCHAR,    -- publisher column of the recommendation
    allegations         BIGINT NOT NULL,
    first_received_year INTEGER,          -- of the allegations counted in the row
    last_received_year  INTEGER,
    basis_year          INTEGER           -- year of the source's year_basis date (incident,
                                          -- received or closed): what year filters use
);

-- Individually reported cases (curated, pseudonymous).
CREATE TABLE case_events (
    case_id             VARCHAR PRIMARY KEY,
    source_id           VARCHAR NOT NULL,
    jurisdiction        VARCHAR NOT NULL,
    place               VARCHAR,
    region_id           VARCHAR,
    event_type          VARCHAR NOT NULL,
    event_date          VARCHAR,          -- YYYY-MM-DD or YYYY-MM as published
    -- The criminal matter at this event, as data: the standing judgment (conviction,
    -- acquittal, annulled, alternative_to_prosecution, none), the court that gave it
    -- (first_instance, appeal, cassation, unknown) and its finality (first_instance, appeal,
    -- cassation_pending, final, unknown; NULL when no judgment stands). A directive rule
    -- derives its status from these (queries/directives/), never from a typed assessment.
    judgment            VARCHAR NOT NULL,
    court               VARCHAR,
    finality            VARCHAR,
    public_contact      VARCHAR NOT NULL,  -- yes / no / unknown: the event shows public contact
    legal_status        VARCHAR NOT NULL,
    offence_domain      VARCHAR,
    description         VARCHAR,
    directive_id        VARCHAR,
    source_url          VARCHAR,
    source_title        VARCHAR,
    source_type         VARCHAR,
    confidence          VARCHAR NOT NULL,
    place_fr            VARCHAR,          -- French texts, translated by the project
    description_fr      VARCHAR
);

-- The outlets cited by the cases register (data/reference/press_outlets.csv): what kind of
-- source each web domain is, so a check can hold the register to the source-quality rules
-- (queries/checks/case_sources_quality.sql).
CREATE TABLE press_outlets (
    domain  VARCHAR PRIMARY KEY,
    outlet  VARCHAR NOT NULL,
    kind    VARCHAR NOT NULL,   -- publisher, secondary_aggregator, mirror, staging
    note    VARCHAR
);

-- NYC: the Police Commissioner's departure letters (officer names never loaded).
CREATE TABLE departure_letters (
    case_id       VARCHAR NOT NULL,
    source_id     VARCHAR NOT NULL,
    officer_key   VARCHAR,
    report_year   INTEGER,
    report_month  INTEGER,
    letter_url    VARCHAR,
    closing_report_file VARCHAR
);

-- NYC: CCRB cases with a posted closing report.
CREATE TABLE closing_reports (
    case_id           VARCHAR NOT NULL,
    source_id         VARCHAR NOT NULL,
    case_disposition  VARCHAR,
    closed_date       DATE,
    report_url        VARCHAR
);

-- Chicago: lawsuit settlements (plaintiff names never loaded).
CREATE TABLE settlements (
    source_id       VARCHAR NOT NULL,
    row_id          VARCHAR NOT NULL,
    case_id         VARCHAR NOT NULL,
    officer_key     VARCHAR,
    complaint_type  VARCHAR,
    incident_date   DATE,
    amount_usd      DOUBLE,
    location        VARCHAR
);

-- Units (Chicago unit reference) with their reviewable role classification.
CREATE TABLE units (
    source_id      VARCHAR NOT NULL,
    unit_id        VARCHAR NOT NULL,
    unit_name      VARCHAR,
    role_category  VARCHAR NOT NULL,
    note           VARCHAR
);

-- New Jersey: the Attorney General's compilation of agencies' major discipline reports
-- (AG Directive 2020-5, IAPP Appendix L). Officer names and synopses are never loaded.
CREATE TABLE major_discipline (
    source_id          VARCHAR NOT NULL,
    reporting_year     INTEGER NOT NULL,  -- the year the discipline became final
    county             VARCHAR,
    agency             VARCHAR NOT NULL,
    officer_key        VARCHAR NOT NULL,  -- keyed pseudonym of agency + officer name
    terminated         BOOLEAN,           -- NULL: the agency did not say
    reduced_in_rank    BOOLEAN,
    suspended          BOOLEAN,
    suspension_original VARCHAR,          -- the suspension length as published
    suspension_days    DOUBLE,            -- when published as a number of days
    sustained_charges  VARCHAR,
    resigned_ia_pending BOOLEAN,          -- left while the internal affairs case was open
    final_outcome      VARCHAR,           -- the sanctions published, in words
    final_level        VARCHAR            -- the heaviest of them on the common scale
);

-- Change tracking (etl/history.py): one row per source and release of its files.
CREATE TABLE releases (
    source_id      VARCHAR NOT NULL,
    release_number INTEGER NOT NULL,      -- 1, 2, ... per source, in the order builds saw them
    fingerprint    VARCHAR NOT NULL,      -- sha256 over the (file name, sha256) of its files
    sha256         VARCHAR NOT NULL,      -- of the primary file
    retrieved_at   VARCHAR NOT NULL,
    first_built_at VARCHAR NOT NULL,      -- UTC, the first build that loaded this release
    last_built_at  VARCHAR NOT NULL,
    rows_read      BIGINT NOT NULL,
    rows_loaded    BIGINT NOT NULL,
    rows_rejected  BIGINT NOT NULL,
    records        BIGINT NOT NULL,       -- tracked records in this release
    added          BIGINT,                -- vs the previous release; NULL for release 1
    removed        BIGINT,
    changed        BIGINT
);

-- One row per tracked record ever seen, with its stable content key.
CREATE TABLE record_history (
    source_id          VARCHAR NOT NULL,
    table_name         VARCHAR NOT NULL,
    record_key         VARCHAR NOT NULL,  -- hash of the publisher's identifying fields
    record_ref         VARCHAR,           -- how to find it: case id, region x year x measure
    outcome            VARCHAR,           -- as last seen
    previous_outcome   VARCHAR,           -- before its last change
    first_seen_release INTEGER NOT NULL,
    first_seen         VARCHAR NOT NULL,  -- retrieved_at of that release
    last_seen_release  INTEGER NOT NULL,
    last_seen          VARCHAR NOT NULL,
    change             VARCHAR,           -- added, changed, removed (in change_release)
    change_release     INTEGER
);

-- Atom feeds of what changed (etl/feeds.py): the entries, carried from build to build with
-- their ids and dates, and the states of observations and case events they were drawn from.
CREATE TABLE feed_entries (
    entry_id  VARCHAR PRIMARY KEY,  -- urn: a hash of what changed and to what; never reused
    kind      VARCHAR NOT NULL,     -- release, observation, case
    title     VARCHAR NOT NULL,
    what_changed VARCHAR NOT NULL,
    link      VARCHAR NOT NULL,     -- the dashboard view, relative to its public address
    updated   VARCHAR NOT NULL,     -- UTC, the build that first saw the change
    feeds     VARCHAR[] NOT NULL    -- all, region/<region_id>, directive/<directive_id>
);

CREATE TABLE feed_state (
    kind      VARCHAR NOT NULL,     -- observation (rule_id scope_id), case (case_id)
    state_key VARCHAR NOT NULL,
    state     VARCHAR NOT NULL,     -- status; or judgment | court | finality | contact | date
    PRIMARY KEY (kind, state_key)
);

CREATE TABLE build_info (
    key   VARCHAR PRIMARY KEY,
    value VARCHAR
);
