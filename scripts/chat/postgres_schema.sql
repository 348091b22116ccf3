-- Colophon session store on PostgreSQL, schema version 1.
-- Later versions are forward migrations in migrate_postgres.py; never edit this step.
--
-- Every key and index of chat_messages leads with session_id, so both tables can be
-- distributed by session_id (Citus) and a session's rows live on one shard.

CREATE TABLE chat_sessions (
    session_id text PRIMARY KEY,
    user_id text,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    context jsonb NOT NULL DEFAULT '{}',
    metadata jsonb NOT NULL DEFAULT '{}',
    expired_at timestamptz
);

CREATE TABLE chat_messages (
    session_id text NOT NULL REFERENCES chat_sessions (session_id) ON DELETE CASCADE,
    id bigint GENERATED ALWAYS AS IDENTITY,
    role text NOT NULL CHECK (role IN ('user', 'assistant', 'system')),
    content text NOT NULL CHECK (length(btrim(content)) > 0),
    query_plan jsonb,
    candidate_set jsonb,
    timestamp timestamptz NOT NULL,
    PRIMARY KEY (session_id, id)
);

-- A user's sessions newest first, and long-expired sessions to purge, without a full scan.
CREATE INDEX idx_sessions_user_updated ON chat_sessions (user_id, updated_at);
CREATE INDEX idx_sessions_expired ON chat_sessions (expired_at) WHERE expired_at IS NOT NULL;
