-- Schema version 1 (SQLite): consoles, profiles, friends, bans, auth tokens, login log.
-- Append-only: once released, this file never changes (the migrator checks its checksum);
-- later changes go into 0002_*.sql and up, in this folder and in ../Postgres with the same number.
-- Times are Unix milliseconds (UTC) in INTEGER columns, the same in both dialects, so the
-- queries are shared and no time-zone conversion happens in a driver.

-- Counters the store allocates ids from inside a write transaction (a failed insert rolls the
-- counter back too, so no id is burnt). Profile ids below 1,000,000,000 are left for ids a
-- console brings along from an earlier server.
CREATE TABLE id_allocators (
    name       TEXT    NOT NULL PRIMARY KEY,
    next_value INTEGER NOT NULL
);
INSERT INTO id_allocators (name, next_value) VALUES ('profile_id', 1000000000);

-- One row per console (Wii or DS), keyed by its MAC address as NAS reports it.
CREATE TABLE consoles (
    mac                 TEXT    NOT NULL PRIMARY KEY CHECK (length(mac) = 12),
    ng_id               INTEGER CHECK (ng_id BETWEEN 0 AND 4294967295),
    console_friend_code INTEGER CHECK (console_friend_code BETWEEN 0 AND 9999999999999999),
    serial              TEXT,
    user_id             INTEGER CHECK (user_id BETWEEN 0 AND 8796093022207),
    flags               INTEGER NOT NULL DEFAULT 0,
    first_seen_ms       INTEGER NOT NULL,
    last_seen_ms        INTEGER NOT NULL
);
CREATE INDEX consoles_by_ng_id ON consoles (ng_id) WHERE ng_id IS NOT NULL;
CREATE INDEX consoles_by_user_id ON consoles (user_id) WHERE user_id IS NOT NULL;

-- One row per GameSpy profile; the profile key is (user_id, gsbrcd).
CREATE TABLE profiles (
    profile_id      INTEGER NOT NULL PRIMARY KEY CHECK (profile_id BETWEEN 1 AND 4294967295),
    user_id         INTEGER NOT NULL CHECK (user_id BETWEEN 0 AND 8796093022207),
    gsbrcd          TEXT    NOT NULL,
    game_code       TEXT    NOT NULL,
    ingame_nick     TEXT    NOT NULL,
    unique_nick     TEXT    NOT NULL UNIQUE,
    email           TEXT    NOT NULL,
    first_name      TEXT    NOT NULL DEFAULT '',
    last_name       TEXT    NOT NULL DEFAULT '',
    status_code     INTEGER NOT NULL DEFAULT 0,
    status_string   TEXT    NOT NULL DEFAULT '',
    location_string TEXT    NOT NULL DEFAULT '',
    created_ms      INTEGER NOT NULL,
    last_login_ms   INTEGER,
    last_ip         TEXT,
    last_mac        TEXT,
    UNIQUE (user_id, gsbrcd)
);

-- Directed friend-list edges owner -> friend. state: 1 requested, 2 authorized (FriendEdgeState).
-- The friend side has no foreign key: a console may list a friend code this server never saw.
CREATE TABLE friends (
    owner_profile_id  INTEGER NOT NULL REFERENCES profiles (profile_id) ON DELETE CASCADE,
    friend_profile_id INTEGER NOT NULL CHECK (friend_profile_id BETWEEN 1 AND 4294967295),
    state             INTEGER NOT NULL CHECK (state IN (1, 2)),
    created_ms        INTEGER NOT NULL,
    updated_ms        INTEGER NOT NULL,
    PRIMARY KEY (owner_profile_id, friend_profile_id),
    CHECK (owner_profile_id <> friend_profile_id)
) WITHOUT ROWID;
CREATE INDEX friends_by_friend ON friends (friend_profile_id, owner_profile_id);

-- Bans on a profile, a console (MAC or NG id) or an IP address; at least one key is set.
-- expires_ms NULL = forever; revoked_ms NOT NULL = lifted by an operator.
CREATE TABLE bans (
    ban_id     INTEGER PRIMARY KEY AUTOINCREMENT,
    profile_id INTEGER,
    mac        TEXT,
    ng_id      INTEGER,
    ip         TEXT,
    reason     TEXT    NOT NULL,
    issued_by  TEXT    NOT NULL,
    issued_ms  INTEGER NOT NULL,
    expires_ms INTEGER,
    revoked_ms INTEGER,
    revoked_by TEXT,
    CHECK (profile_id IS NOT NULL OR mac IS NOT NULL OR ng_id IS NOT NULL OR ip IS NOT NULL)
);
CREATE INDEX bans_by_profile ON bans (profile_id) WHERE profile_id IS NOT NULL;
CREATE INDEX bans_by_mac ON bans (mac) WHERE mac IS NOT NULL;
CREATE INDEX bans_by_ng_id ON bans (ng_id) WHERE ng_id IS NOT NULL;
CREATE INDEX bans_by_ip ON bans (ip) WHERE ip IS NOT NULL;

-- Single-use NAS -> GPCM login tokens; a row is deleted when consumed or purged.
CREATE TABLE auth_tokens (
    token               TEXT    NOT NULL PRIMARY KEY,
    challenge           TEXT    NOT NULL,
    user_id             INTEGER NOT NULL,
    gsbrcd              TEXT    NOT NULL,
    game_code           TEXT    NOT NULL,
    profile_id          INTEGER,
    mac                 TEXT,
    console_friend_code INTEGER,
    unit_code           INTEGER NOT NULL,
    region              INTEGER NOT NULL,
    language            INTEGER NOT NULL,
    ingame_nick         TEXT,
    issued_ms           INTEGER NOT NULL,
    expires_ms          INTEGER NOT NULL
);
CREATE INDEX auth_tokens_by_expiry ON auth_tokens (expires_ms);

-- Every login attempt (NAS and GPCM), successful or not. service/outcome: LoginService/LoginOutcome.
CREATE TABLE login_log (
    entry_id   INTEGER PRIMARY KEY,
    at_ms      INTEGER NOT NULL,
    service    INTEGER NOT NULL,
    outcome    INTEGER NOT NULL,
    user_id    INTEGER,
    profile_id INTEGER,
    game_code  TEXT,
    ip         TEXT,
    mac        TEXT,
    detail     TEXT
);
CREATE INDEX login_log_by_time ON login_log (at_ms);
CREATE INDEX login_log_by_profile ON login_log (profile_id, at_ms) WHERE profile_id IS NOT NULL;
CREATE INDEX login_log_by_user ON login_log (user_id, at_ms) WHERE user_id IS NOT NULL;
