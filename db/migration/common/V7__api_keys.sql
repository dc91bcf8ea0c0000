-- Gateway API keys: only a SHA-256 hash of each key is stored.
CREATE TABLE sb_api_key (
    id                  VARCHAR(36)  NOT NULL,
    name                VARCHAR(100) NOT NULL,
    workspace           VARCHAR(100) NOT NULL,
    key_hash            VARCHAR(64)  NOT NULL,
    last_four           VARCHAR(4)   NOT NULL,
    created_by          VARCHAR(100) NOT NULL,
    created_at          TIMESTAMP    NOT NULL,
    expires_at          TIMESTAMP,
    revoked_at          TIMESTAMP,
    requests_per_minute INT,
    tokens_per_minute   INT,
    CONSTRAINT pk_sb_api_key PRIMARY KEY (id),
    CONSTRAINT uq_sb_api_key_hash UNIQUE (key_hash)
);
CREATE INDEX ix_sb_api_key_workspace ON sb_api_key (workspace);
