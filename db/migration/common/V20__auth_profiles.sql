-- Auth profiles: how calls to a bring-your-own (or OpenAI-compatible custom) endpoint authenticate,
-- reusable across integrations. Secrets (key, token, password, client secret, keytab) are sealed.
CREATE TABLE sb_auth_profile (
    id             VARCHAR(36)    NOT NULL,
    name           VARCHAR(100)   NOT NULL,
    workspace      VARCHAR(100)   NOT NULL,
    owner          VARCHAR(100)   NOT NULL,
    kind           VARCHAR(40)    NOT NULL,
    header_name    VARCHAR(100),
    username       VARCHAR(300),
    token_endpoint VARCHAR(2000),
    scope          VARCHAR(1000),
    audience       VARCHAR(1000),
    realm          VARCHAR(200),
    kdc            VARCHAR(300),
    secret         VARCHAR(4000),
    keytab         VARCHAR(16000),
    created_at     TIMESTAMP      NOT NULL,
    updated_at     TIMESTAMP      NOT NULL,
    version        BIGINT         NOT NULL,
    CONSTRAINT pk_sb_auth_profile PRIMARY KEY (id),
    CONSTRAINT uq_sb_auth_profile UNIQUE (workspace, name)
);

ALTER TABLE sb_integration ADD COLUMN auth_profile_id VARCHAR(36);
ALTER TABLE sb_integration ADD CONSTRAINT fk_sb_integration_auth
    FOREIGN KEY (auth_profile_id) REFERENCES sb_auth_profile (id);
