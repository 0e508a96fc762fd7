-- The request log: one row per proxied request, no content (H2 and PostgreSQL).
CREATE SEQUENCE request_log_seq START WITH 1 INCREMENT BY 50;

CREATE TABLE request_log (
    id BIGINT PRIMARY KEY,
    request_id VARCHAR(128) NOT NULL,
    started_at TIMESTAMP WITH TIME ZONE NOT NULL,
    key_name VARCHAR(128),
    route VARCHAR(128) NOT NULL,
    model VARCHAR(256),
    endpoint VARCHAR(128),
    status INTEGER NOT NULL,
    duration_ms BIGINT NOT NULL,
    first_byte_ms BIGINT NOT NULL,
    attempts INTEGER NOT NULL,
    prompt_tokens BIGINT NOT NULL,
    completion_tokens BIGINT NOT NULL,
    load_ms BIGINT NOT NULL,
    generation_ns BIGINT NOT NULL
);

CREATE INDEX request_log_started_at ON request_log (started_at);
