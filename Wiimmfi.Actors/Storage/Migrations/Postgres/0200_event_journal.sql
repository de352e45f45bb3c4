-- Event journal and snapshot store of the actor runtime's persistence (PostgreSQL).
-- Append-only (the migrator checks its checksum); numbers 0200-0299 belong to the journal.
-- Modelled on Akka.Persistence.Sql's event_journal and snapshot_store tables; times are Unix
-- milliseconds (UTC) as everywhere in the store. Payloads are the UTF-8 JSON of the event or
-- snapshot, and manifest is its wire name ([WireName]), never a CLR type name.

CREATE TABLE event_journal (
    -- Global write order.
    ordering       BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    persistence_id TEXT    NOT NULL,
    sequence_nr    BIGINT  NOT NULL CHECK (sequence_nr > 0),
    -- A deleted event is hidden from replay; the newest one is kept as a tombstone so the
    -- highest sequence number of a persistence id is never reused.
    is_deleted     BOOLEAN NOT NULL DEFAULT FALSE,
    created_at     BIGINT  NOT NULL,
    manifest       TEXT    NOT NULL,
    payload        BYTEA   NOT NULL,
    -- Which node instance wrote the row (diagnostics; later the cluster's writer epoch).
    writer         TEXT    NOT NULL,
    -- The fence: a second writer of the same persistence id collides here and its persist fails.
    CONSTRAINT event_journal_persistence_id_sequence_nr_key UNIQUE (persistence_id, sequence_nr)
);

CREATE TABLE snapshot_store (
    persistence_id TEXT   NOT NULL,
    sequence_nr    BIGINT NOT NULL CHECK (sequence_nr >= 0),
    created_at     BIGINT NOT NULL,
    manifest       TEXT   NOT NULL,
    payload        BYTEA  NOT NULL,
    PRIMARY KEY (persistence_id, sequence_nr)
);
