-- Variables per workspace. A secure value is stored only sealed (secure_value); a plain one as text.
CREATE TABLE sb_variable (
    id           VARCHAR(36)   NOT NULL,
    scope        VARCHAR(20)   NOT NULL,
    name         VARCHAR(100)  NOT NULL,
    workspace    VARCHAR(100)  NOT NULL,
    secure       BOOLEAN       NOT NULL,
    value        VARCHAR(4000),
    secure_value VARCHAR(4000),
    description  VARCHAR(1000),
    created_by   VARCHAR(100)  NOT NULL,
    created_at   TIMESTAMP     NOT NULL,
    updated_at   TIMESTAMP     NOT NULL,
    CONSTRAINT pk_sb_variable PRIMARY KEY (id),
    CONSTRAINT uq_sb_variable UNIQUE (workspace, scope, name)
);
