#include "storage/Migrations.h"

namespace kc {

const std::vector<Migration>& migrations() {
    static const std::vector<Migration> all = {
        {1, "foundation", R"SQL(
CREATE TABLE periods (
    id INTEGER PRIMARY KEY,
    year INTEGER NOT NULL UNIQUE,
    name TEXT NOT NULL,
    self_assessment_opens TEXT,
    self_assessment_closes TEXT,
    step1_closes TEXT,
    supplement_closes TEXT,
    step2_closes TEXT,
    finalised INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE unit_types (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL
);
CREATE TABLE units (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    unit_type_id INTEGER NOT NULL REFERENCES unit_types(id),
    active_from_year INTEGER NOT NULL,
    active_to_year INTEGER,
    merged_into_id INTEGER REFERENCES units(id)
);
CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL,
    unit_id INTEGER REFERENCES units(id),
    password_hash TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1,
    failed_logins INTEGER NOT NULL DEFAULT 0,
    locked_until TEXT
);
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id),
    csrf_token TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX sessions_expiry ON sessions(expires_at);
CREATE TABLE assignments (
    period_id INTEGER NOT NULL REFERENCES periods(id),
    user_id INTEGER NOT NULL REFERENCES users(id),
    area_code TEXT NOT NULL,
    PRIMARY KEY (period_id, user_id, area_code)
);
CREATE TABLE criteria_sets (
    id INTEGER PRIMARY KEY,
    period_id INTEGER NOT NULL REFERENCES periods(id),
    unit_type_id INTEGER NOT NULL REFERENCES unit_types(id),
    version INTEGER NOT NULL,
    title TEXT NOT NULL,
    total_points INTEGER NOT NULL,
    appraisal_points INTEGER NOT NULL,
    survey_points INTEGER NOT NULL,
    source_sha256 TEXT NOT NULL,
    tree_json TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    UNIQUE (period_id, unit_type_id, version)
);
CREATE TABLE criteria_nodes (
    set_id INTEGER NOT NULL REFERENCES criteria_sets(id),
    code TEXT NOT NULL,
    parent_code TEXT,
    level INTEGER NOT NULL,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    max_points INTEGER NOT NULL,
    assessed_by TEXT,
    scoring_type TEXT,
    self_scored INTEGER,
    evidence_required INTEGER,
    min_files INTEGER,
    explanation_required INTEGER,
    PRIMARY KEY (set_id, code)
);
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    before_json TEXT NOT NULL,
    after_json TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
)
)SQL"},
        {2, "evidence", R"SQL(
CREATE TABLE blobs (
    sha256 TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    media_type TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE evidence (
    id INTEGER PRIMARY KEY,
    period_id INTEGER NOT NULL REFERENCES periods(id),
    unit_id INTEGER NOT NULL REFERENCES units(id),
    criteria_set_id INTEGER NOT NULL REFERENCES criteria_sets(id),
    sub_code TEXT NOT NULL,
    round TEXT NOT NULL CHECK (round IN ('self', 'supplement')),
    sha256 TEXT NOT NULL REFERENCES blobs(sha256),
    file_name TEXT NOT NULL,
    uploaded_by TEXT NOT NULL,
    uploaded_at TEXT NOT NULL,
    doc_number TEXT,
    issue_date TEXT,
    issuer TEXT,
    page_ref TEXT,
    note TEXT
);
CREATE INDEX evidence_unit ON evidence(period_id, unit_id, sub_code);
CREATE INDEX evidence_sha ON evidence(sha256);
CREATE TABLE evidence_events (
    id INTEGER PRIMARY KEY,
    evidence_id INTEGER NOT NULL REFERENCES evidence(id),
    action TEXT NOT NULL CHECK (action IN ('withdraw', 'restore')),
    at TEXT NOT NULL,
    by TEXT NOT NULL
);
CREATE INDEX evidence_events_item ON evidence_events(evidence_id)
)SQL"},
        {3, "assessment", R"SQL(
CREATE TABLE assessment_items (
    period_id INTEGER NOT NULL REFERENCES periods(id),
    unit_id INTEGER NOT NULL REFERENCES units(id),
    sub_code TEXT NOT NULL,
    version INTEGER NOT NULL,
    self_score INTEGER,
    self_metric_pct INTEGER,
    self_violations INTEGER,
    self_override_reason TEXT,
    self_suggested INTEGER,
    self_text TEXT,
    self_by TEXT,
    self_at TEXT,
    step1_score INTEGER,
    step1_metric_pct INTEGER,
    step1_violations INTEGER,
    step1_override_reason TEXT,
    step1_suggested INTEGER,
    step1_text TEXT,
    step1_by TEXT,
    step1_at TEXT,
    step2_score INTEGER,
    step2_metric_pct INTEGER,
    step2_violations INTEGER,
    step2_override_reason TEXT,
    step2_suggested INTEGER,
    step2_text TEXT,
    step2_by TEXT,
    step2_at TEXT,
    req_missing TEXT,
    req_reason TEXT,
    req_due TEXT,
    req_by TEXT,
    req_at TEXT,
    reply_text TEXT,
    reply_by TEXT,
    reply_at TEXT,
    PRIMARY KEY (period_id, unit_id, sub_code)
);
CREATE TABLE deadline_extensions (
    id INTEGER PRIMARY KEY,
    period_id INTEGER NOT NULL REFERENCES periods(id),
    unit_id INTEGER NOT NULL REFERENCES units(id),
    phase TEXT NOT NULL CHECK (phase IN ('self_assessment', 'supplement')),
    until TEXT NOT NULL,
    reason TEXT NOT NULL,
    by TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX deadline_extensions_unit ON deadline_extensions(period_id, unit_id);
CREATE TABLE review_marks (
    period_id INTEGER NOT NULL REFERENCES periods(id),
    username TEXT NOT NULL,
    unit_id INTEGER NOT NULL REFERENCES units(id),
    seen_at TEXT NOT NULL,
    PRIMARY KEY (period_id, username, unit_id)
);
CREATE INDEX evidence_counts ON evidence(period_id, unit_id, sub_code, round, uploaded_at)
)SQL"},
        {4, "results", R"SQL(
CREATE TABLE survey_scores (
    period_id INTEGER NOT NULL REFERENCES periods(id),
    unit_id INTEGER NOT NULL REFERENCES units(id),
    sub_code TEXT NOT NULL,
    points INTEGER NOT NULL,
    pct INTEGER,
    source TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    imported_by TEXT NOT NULL,
    PRIMARY KEY (period_id, unit_id, sub_code)
);
CREATE TABLE result_settings (
    period_id INTEGER NOT NULL REFERENCES periods(id),
    unit_type_id INTEGER NOT NULL REFERENCES unit_types(id),
    tie_rule TEXT NOT NULL CHECK (tie_rule IN ('competition', 'dense')),
    survey_mode TEXT NOT NULL CHECK (survey_mode IN ('import', 'rescale')),
    PRIMARY KEY (period_id, unit_type_id)
);
CREATE TABLE result_grades (
    period_id INTEGER NOT NULL REFERENCES periods(id),
    unit_type_id INTEGER NOT NULL REFERENCES unit_types(id),
    position INTEGER NOT NULL,
    grade TEXT NOT NULL,
    min_pct INTEGER,
    max_pct INTEGER,
    PRIMARY KEY (period_id, unit_type_id, position)
);
CREATE TABLE sipas_questions (
    period_id INTEGER NOT NULL REFERENCES periods(id),
    factor_position INTEGER NOT NULL,
    factor_code TEXT NOT NULL,
    factor_name TEXT NOT NULL,
    question_position INTEGER NOT NULL,
    question_code TEXT NOT NULL,
    PRIMARY KEY (period_id, factor_position, question_position)
);
CREATE TABLE sipas_counts (
    period_id INTEGER NOT NULL REFERENCES periods(id),
    unit_id INTEGER NOT NULL REFERENCES units(id),
    factor_code TEXT NOT NULL,
    valid INTEGER NOT NULL,
    satisfied INTEGER NOT NULL,
    PRIMARY KEY (period_id, unit_id, factor_code)
)
)SQL"},
        {5, "documents", R"SQL(
CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    period_id INTEGER NOT NULL REFERENCES periods(id),
    kind TEXT NOT NULL CHECK (kind IN ('appraisal_sheet', 'decision_draft', 'annual_report')),
    unit_id INTEGER REFERENCES units(id),
    title TEXT NOT NULL,
    number INTEGER,
    document_date TEXT NOT NULL,
    draft INTEGER NOT NULL,
    sha256 TEXT NOT NULL REFERENCES blobs(sha256),
    signature_count INTEGER NOT NULL,
    signed_by TEXT NOT NULL,
    previous_id INTEGER REFERENCES documents(id),
    manifest_sha256 TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL
);
CREATE INDEX documents_period ON documents(period_id, id);
CREATE INDEX documents_sha ON documents(sha256)
)SQL"},
        // A unit's name per year: units.name stays its newest name; the years before a rename
        // read theirs here. Existing units get their name from their first year on.
        {6, "unit_names", R"SQL(
CREATE TABLE unit_names (
    unit_id INTEGER NOT NULL REFERENCES units(id),
    from_year INTEGER NOT NULL,
    name TEXT NOT NULL,
    PRIMARY KEY (unit_id, from_year)
);
INSERT INTO unit_names (unit_id, from_year, name) SELECT id, active_from_year, name FROM units
)SQL"},
    };
    return all;
}

}  // namespace kc
