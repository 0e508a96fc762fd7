-- What operators and nodes change at run time, kept across restarts (H2 and PostgreSQL).

-- Nodes that joined at run time (admin API, heartbeat); never their credentials.
CREATE TABLE fleet_endpoint (
    name VARCHAR(128) PRIMARY KEY,
    origin VARCHAR(16) NOT NULL,
    url VARCHAR(2048) NOT NULL,
    type VARCHAR(16) NOT NULL,
    priority INTEGER NOT NULL,
    max_concurrency INTEGER NOT NULL,
    check_interval_ms BIGINT NOT NULL,
    check_timeout_ms BIGINT NOT NULL,
    health_path VARCHAR(512),
    token_id VARCHAR(64),
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Node names an operator drained.
CREATE TABLE drained_endpoint (
    name VARCHAR(128) PRIMARY KEY,
    drained_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Single-use enrollment tokens already spent, until they would have expired anyway.
CREATE TABLE used_token (
    id VARCHAR(64) PRIMARY KEY,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL
);
