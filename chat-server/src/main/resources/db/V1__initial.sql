-- Accounts. name is the display spelling; name_key its NFKC + case-folded identity.
CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    name          TEXT    NOT NULL,
    name_key      TEXT    NOT NULL UNIQUE,
    password_hash TEXT    NOT NULL,
    role          TEXT    NOT NULL CHECK (role IN ('user', 'moderator', 'admin')),
    created_at    INTEGER NOT NULL
);

-- Rooms and direct conversations share one sequence space each: a channel.
-- A room's key is its name key; a DM's key is 'dm:<lower user id>:<higher user id>'.
CREATE TABLE channels (
    id         INTEGER PRIMARY KEY,
    kind       TEXT    NOT NULL CHECK (kind IN ('room', 'dm')),
    key        TEXT    NOT NULL UNIQUE,
    name       TEXT,
    topic      TEXT    NOT NULL DEFAULT '',
    user_a     INTEGER REFERENCES users (id),
    user_b     INTEGER REFERENCES users (id),
    last_seq   INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
);

CREATE TABLE memberships (
    channel_id INTEGER NOT NULL REFERENCES channels (id),
    user_id    INTEGER NOT NULL REFERENCES users (id),
    joined_at  INTEGER NOT NULL,
    PRIMARY KEY (channel_id, user_id)
) WITHOUT ROWID;
CREATE INDEX memberships_by_user ON memberships (user_id);

-- seq is gap-free per channel; client_id makes a resent say/dm idempotent per sender.
CREATE TABLE messages (
    channel_id INTEGER NOT NULL REFERENCES channels (id),
    seq        INTEGER NOT NULL,
    sender_id  INTEGER NOT NULL REFERENCES users (id),
    client_id  TEXT    NOT NULL,
    body       TEXT    NOT NULL,
    ts         INTEGER NOT NULL,
    PRIMARY KEY (channel_id, seq)
) WITHOUT ROWID;
CREATE UNIQUE INDEX messages_by_client_id ON messages (sender_id, client_id);

CREATE TABLE bans (
    user_id INTEGER PRIMARY KEY REFERENCES users (id),
    by_name TEXT    NOT NULL,
    reason  TEXT    NOT NULL DEFAULT '',
    since   INTEGER NOT NULL,
    until   INTEGER
);
