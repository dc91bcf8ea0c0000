-- The configuration version: every configuration change bumps it in its own transaction; each
-- server polls it and rebuilds its in-memory snapshot of the configuration when it moves.
CREATE TABLE sb_config_version (
    id      INT    NOT NULL,
    version BIGINT NOT NULL,
    CONSTRAINT pk_sb_config_version PRIMARY KEY (id)
);
INSERT INTO sb_config_version (id, version) VALUES (1, 1);
