"""The shared store's schema and its migrations.

`PRAGMA user_version` holds the schema version; each migration moves one
version forward inside one write transaction and keeps every row.
"""

from __future__ import annotations

import sqlite3

# Version 1: records, documents, coders, the queue, drafts, abstracts and the audit log.
V1 = """
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE coders (
    username TEXT PRIMARY KEY,
    role TEXT NOT NULL CHECK (role IN ('coder', 'reviewer', 'manager')),
    active INTEGER NOT NULL DEFAULT 1,
    added_at TEXT NOT NULL,
    added_by TEXT NOT NULL
);
CREATE TABLE records (
    id INTEGER PRIMARY KEY,
    account TEXT NOT NULL UNIQUE,
    mrn TEXT NOT NULL,
    patient_name TEXT NOT NULL,
    birth_date TEXT NOT NULL,
    sex TEXT NOT NULL CHECK (sex IN ('M', 'F', 'U')),
    admit_date TEXT NOT NULL,
    discharge_date TEXT NOT NULL,
    admission_type TEXT NOT NULL,
    point_of_origin TEXT NOT NULL,
    discharge_disposition TEXT NOT NULL,
    payer TEXT NOT NULL DEFAULT '',
    attending TEXT NOT NULL DEFAULT '',
    service_line TEXT NOT NULL DEFAULT '',
    total_charges REAL NOT NULL DEFAULT 0,
    priority INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL DEFAULT 'ready'
        CHECK (status IN ('ready', 'in_progress', 'on_hold', 'coded', 'reviewed')),
    lease_holder TEXT,
    lease_expires REAL,
    hold_reason TEXT,
    hold_query TEXT,
    version INTEGER NOT NULL DEFAULT 1,
    change_seq INTEGER NOT NULL DEFAULT 0,
    imported_at TEXT NOT NULL
);
CREATE INDEX records_queue ON records (status, priority DESC, discharge_date, total_charges DESC);
CREATE INDEX records_change ON records (change_seq);
CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    record_id INTEGER NOT NULL REFERENCES records(id),
    doc_type TEXT NOT NULL,
    author TEXT NOT NULL DEFAULT '',
    written_at TEXT NOT NULL DEFAULT '',
    text TEXT NOT NULL
);
CREATE INDEX documents_record ON documents (record_id);
CREATE TABLE drafts (
    record_id INTEGER PRIMARY KEY REFERENCES records(id),
    content TEXT NOT NULL,
    saved_by TEXT NOT NULL,
    saved_at TEXT NOT NULL
);
CREATE TABLE abstracts (
    record_id INTEGER PRIMARY KEY REFERENCES records(id),
    content TEXT NOT NULL,
    committed_by TEXT NOT NULL,
    committed_at TEXT NOT NULL,
    record_version INTEGER NOT NULL
);
CREATE TABLE abstract_codes (
    record_id INTEGER NOT NULL REFERENCES records(id),
    role TEXT NOT NULL CHECK (role IN ('pdx', 'sdx', 'admit', 'proc')),
    seq INTEGER NOT NULL,
    code TEXT NOT NULL,
    poa TEXT,
    proc_date TEXT,
    PRIMARY KEY (record_id, role, seq)
);
CREATE TABLE answer_key (
    record_id INTEGER PRIMARY KEY REFERENCES records(id),
    scenario TEXT NOT NULL,
    expected TEXT NOT NULL
);
CREATE TABLE audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    coder TEXT NOT NULL,
    action TEXT NOT NULL,
    record_id INTEGER,
    before TEXT,
    after TEXT
);
CREATE INDEX audit_record ON audit (record_id);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
"""

# Version 2: the DRG result a commit was grouped to, with the grouper version.
V2 = """
ALTER TABLE abstracts ADD COLUMN drg TEXT;
ALTER TABLE abstracts ADD COLUMN grouper_version INTEGER;
"""

# Version 3: active time on charts, second-level review samples and their items,
# and charts a reviewer returned to their coder. Review items keep the coder and
# the abstract as committed when drawn, so a later rework does not change what
# the review measured.
V3 = """
CREATE TABLE chart_time (
    id INTEGER PRIMARY KEY,
    record_id INTEGER NOT NULL REFERENCES records(id),
    coder TEXT NOT NULL,
    started_at TEXT NOT NULL,
    seconds REAL NOT NULL CHECK (seconds >= 0)
);
CREATE INDEX chart_time_coder ON chart_time (coder, started_at);
CREATE TABLE review_samples (
    id INTEGER PRIMARY KEY,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    method TEXT NOT NULL CHECK (method IN ('random', 'rule')),
    seed INTEGER NOT NULL,
    rule TEXT,
    period_from TEXT,
    period_to TEXT
);
CREATE TABLE review_items (
    sample_id INTEGER NOT NULL REFERENCES review_samples(id),
    record_id INTEGER NOT NULL REFERENCES records(id),
    coder TEXT NOT NULL,
    original_content TEXT NOT NULL,
    mode TEXT NOT NULL DEFAULT 'blind' CHECK (mode IN ('blind', 'open')),
    reviewer TEXT,
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done')),
    review_content TEXT,
    findings TEXT,
    reviewed_at TEXT,
    PRIMARY KEY (sample_id, record_id)
);
CREATE INDEX review_items_record ON review_items (record_id);
ALTER TABLE records ADD COLUMN returned_reason TEXT;
ALTER TABLE records ADD COLUMN returned_by TEXT;
"""

# Version 4: the encounter data a coder verifies (admission and discharge hours, a
# coder's comment kept out of exports), and external cause codes and operating
# physicians in the coded-abstract index (a CHECK constraint changes: the table is rebuilt).
V4 = """
ALTER TABLE records ADD COLUMN admit_hour TEXT;
ALTER TABLE records ADD COLUMN discharge_hour TEXT;
ALTER TABLE records ADD COLUMN coder_comment TEXT NOT NULL DEFAULT '';
CREATE TABLE abstract_codes_v4 (
    record_id INTEGER NOT NULL REFERENCES records(id),
    role TEXT NOT NULL CHECK (role IN ('pdx', 'sdx', 'ecode', 'admit', 'proc')),
    seq INTEGER NOT NULL,
    code TEXT NOT NULL,
    poa TEXT,
    proc_date TEXT,
    physician TEXT,
    PRIMARY KEY (record_id, role, seq)
);
INSERT INTO abstract_codes_v4 SELECT record_id, role, seq, code, poa, proc_date, NULL FROM abstract_codes;
DROP TABLE abstract_codes;
ALTER TABLE abstract_codes_v4 RENAME TO abstract_codes;
"""

MIGRATIONS: list[str] = [V1, V2, V3, V4]
LATEST = len(MIGRATIONS)


def migrate(con: sqlite3.Connection) -> int:
    """Bring the schema to LATEST; returns the version found before."""
    found = con.execute("PRAGMA user_version").fetchone()[0]
    if found > LATEST:
        raise RuntimeError(f"store schema version {found} is newer than this ChartKey ({LATEST}); upgrade ChartKey")
    for version in range(found, LATEST):
        con.execute("BEGIN IMMEDIATE")
        try:
            # re-read inside the lock: another process may have migrated meanwhile
            if con.execute("PRAGMA user_version").fetchone()[0] != version:
                con.execute("ROLLBACK")
                continue
            for statement in _statements(MIGRATIONS[version]):
                con.execute(statement)
            con.execute(f"PRAGMA user_version = {version + 1}")
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
    return found


def _statements(script: str) -> list[str]:
    """Split a migration into statements (triggers keep their inner semicolons)."""
    out, buf = [], ""
    for line in script.strip().splitlines():
        buf += line + "\n"
        if sqlite3.complete_statement(buf):
            out.append(buf.strip())
            buf = ""
    return out
