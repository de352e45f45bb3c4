-- Schema version 2 (SQLite): the moderation audit log.
-- Append-only, like every migration: once released this file never changes.

-- One row per moderation action (kick, ban, unban), written when the action is taken.
-- action: ModerationAction (1 kick, 2 ban, 3 unban). The target columns say whom it was aimed at;
-- ban_id links bans and unbans to the bans table.
CREATE TABLE moderation_audit (
    audit_id          INTEGER PRIMARY KEY,
    at_ms             INTEGER NOT NULL,
    action            INTEGER NOT NULL,
    operator          TEXT    NOT NULL,
    target_profile_id INTEGER,
    target_mac        TEXT,
    target_ng_id      INTEGER,
    target_ip         TEXT,
    ban_id            INTEGER,
    reason            TEXT    NOT NULL,
    detail            TEXT
);
CREATE INDEX moderation_audit_by_time ON moderation_audit (at_ms);
CREATE INDEX moderation_audit_by_profile ON moderation_audit (target_profile_id, at_ms) WHERE target_profile_id IS NOT NULL;
