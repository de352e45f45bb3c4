-- Schema 0100 (SQLite): SAKE records, ratings and files; Mario Kart Wii scores and ghosts (RACE rankings);
-- competitions; GAMESTATS uploads. Append-only like every migration; numbers 0100-0199 belong to these services.
-- Times are Unix milliseconds (UTC).

-- One row per SAKE record. The values live in `fields`, a JSON object {"name": [type id, "wire text"]}
-- (type ids: SakeFieldType), read back exactly as stored. k0..k3 copy up to four integer fields that the
-- table's rule declares as indexed (0 when the record lacks one), so searches on them use the indexes below
-- instead of reading every record's JSON. Record ids fit the SOAP int (s32) and are never reused.
CREATE TABLE sake_records (
    record_id   INTEGER PRIMARY KEY AUTOINCREMENT CHECK (record_id BETWEEN 1 AND 2147483647),
    game_id     INTEGER NOT NULL,
    table_id    TEXT    NOT NULL,
    owner_id    INTEGER NOT NULL CHECK (owner_id BETWEEN 1 AND 4294967295),
    fields      TEXT    NOT NULL,
    k0          INTEGER NOT NULL DEFAULT 0,
    k1          INTEGER NOT NULL DEFAULT 0,
    k2          INTEGER NOT NULL DEFAULT 0,
    k3          INTEGER NOT NULL DEFAULT 0,
    num_ratings INTEGER NOT NULL DEFAULT 0,
    sum_ratings INTEGER NOT NULL DEFAULT 0,
    created_ms  INTEGER NOT NULL,
    updated_ms  INTEGER NOT NULL
);
-- GetMyRecords, per-owner limits, ownerids searches.
CREATE INDEX sake_records_by_owner ON sake_records (game_id, owner_id, table_id);
-- Equality on the first indexed fields with a sort on the third (MKW-style "course = c and region = r, sort time"),
-- equality on k0 sorted by k2 ("course = c, sort time"), and each slot alone.
CREATE INDEX sake_records_by_k0_k1_k2 ON sake_records (game_id, table_id, k0, k1, k2);
CREATE INDEX sake_records_by_k0_k2 ON sake_records (game_id, table_id, k0, k2);
CREATE INDEX sake_records_by_k1_k2 ON sake_records (game_id, table_id, k1, k2);
CREATE INDEX sake_records_by_k2 ON sake_records (game_id, table_id, k2);
CREATE INDEX sake_records_by_k3 ON sake_records (game_id, table_id, k3);

-- One vote per profile per record (RateRecord); the record keeps the totals.
CREATE TABLE sake_ratings (
    record_id INTEGER NOT NULL REFERENCES sake_records (record_id) ON DELETE CASCADE,
    rater_id  INTEGER NOT NULL CHECK (rater_id BETWEEN 1 AND 4294967295),
    rating    INTEGER NOT NULL CHECK (rating BETWEEN 0 AND 255),
    rated_ms  INTEGER NOT NULL,
    PRIMARY KEY (record_id, rater_id)
);

-- Files of the SAKE file server (upload.aspx) and MKW ghosts (ghostupload.aspx), as blobs: a file is written
-- in the same transaction as the row that points at it, so a failed upload never leaves half a file nor drops
-- the one it replaces, and every node of a cluster reads the same files. kind: 1 generic file, 2 MKW ghost.
CREATE TABLE sake_files (
    file_id    INTEGER PRIMARY KEY AUTOINCREMENT CHECK (file_id BETWEEN 1 AND 2147483647),
    game_id    INTEGER NOT NULL,
    owner_id   INTEGER NOT NULL CHECK (owner_id BETWEEN 1 AND 4294967295),
    kind       INTEGER NOT NULL CHECK (kind IN (1, 2)),
    size       INTEGER NOT NULL,
    content    BLOB    NOT NULL,
    downloads  INTEGER NOT NULL DEFAULT 0,
    created_ms INTEGER NOT NULL
);
CREATE INDEX sake_files_by_owner ON sake_files (game_id, owner_id, kind);

-- Mario Kart Wii scores: the best time per (course, profile), from ghost uploads (with the ghost), contest
-- uploads and RACE SubmitScores (without). Course ids above 31 are competitions. player_info is the 0x50-byte
-- player info as uploaded (scrubbed when served).
CREATE TABLE race_scores (
    course_id     INTEGER NOT NULL CHECK (course_id BETWEEN 0 AND 32767),
    profile_id    INTEGER NOT NULL CHECK (profile_id BETWEEN 1 AND 4294967295),
    region_id     INTEGER NOT NULL CHECK (region_id BETWEEN 0 AND 7),
    time_ms       INTEGER NOT NULL CHECK (time_ms BETWEEN 1 AND 359999),
    player_info   BLOB    NOT NULL,
    ghost_file_id INTEGER REFERENCES sake_files (file_id) ON DELETE SET NULL,
    submitted_ms  INTEGER NOT NULL,
    PRIMARY KEY (course_id, profile_id)
);
-- Top ten worldwide and per region, rivals "largest time below t", ties broken by who was first.
CREATE INDEX race_scores_by_time ON race_scores (course_id, time_ms, submitted_ms);
CREATE INDEX race_scores_by_region_time ON race_scores (course_id, region_id, time_ms, submitted_ms);

-- Competitions an operator uploads (the file is served as uploaded) and publishes.
CREATE TABLE race_competitions (
    competition_id INTEGER NOT NULL PRIMARY KEY CHECK (competition_id BETWEEN 32 AND 32767),
    title          TEXT    NOT NULL,
    starts_ms      INTEGER NOT NULL,
    ends_ms        INTEGER NOT NULL,
    file_name      TEXT    NOT NULL,
    content        BLOB    NOT NULL,
    size           INTEGER NOT NULL,
    sha256         TEXT    NOT NULL,
    uploaded_ms    INTEGER NOT NULL,
    published_ms   INTEGER,
    CHECK (ends_ms > starts_ms)
);

-- GAMESTATS put2.asp uploads: the latest data per (game, pid) as the client sent it (no reference decodes it).
CREATE TABLE gamestats_uploads (
    game_name  TEXT    NOT NULL,
    profile_id TEXT    NOT NULL,
    script     TEXT    NOT NULL,
    data       TEXT    NOT NULL,
    uploads    INTEGER NOT NULL,
    first_ms   INTEGER NOT NULL,
    last_ms    INTEGER NOT NULL,
    PRIMARY KEY (game_name, profile_id)
);
