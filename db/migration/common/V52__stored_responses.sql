-- Stored Responses API responses (store=true), for GET /v1/responses/{id} and previous_response_id.
-- A response's document (the response object and the conversation before it) holds prompts: it is
-- sealed like a secret (AES-256-GCM under the master key), in parts of at most 20,000 UTF-8 bytes
-- before sealing, one row each, because key rotation rewraps VARCHAR columns only. Rows are scoped
-- to the workspace of the key that made them and purged after the retention period.
CREATE TABLE sb_response (
    id           VARCHAR(80)    NOT NULL,
    response_id  VARCHAR(64)    NOT NULL,
    part         INT            NOT NULL,
    parts        INT            NOT NULL,
    workspace    VARCHAR(100)   NOT NULL,
    created_at   TIMESTAMP      NOT NULL,
    body         VARCHAR(32000) NOT NULL,
    CONSTRAINT pk_sb_response PRIMARY KEY (id),
    CONSTRAINT uq_sb_response_part UNIQUE (response_id, part)
);
CREATE INDEX ix_sb_response_created ON sb_response (created_at);
CREATE INDEX ix_sb_response_workspace ON sb_response (workspace);
