-- OpenAI-compatible providers admins add by base URL (served by the OpenAI adapter).
CREATE TABLE sb_custom_provider (
    id           VARCHAR(50)   NOT NULL,
    display_name VARCHAR(100)  NOT NULL,
    base_url     VARCHAR(2000) NOT NULL,
    lists_models BOOLEAN       NOT NULL,
    created_by   VARCHAR(100)  NOT NULL,
    created_at   TIMESTAMP     NOT NULL,
    CONSTRAINT pk_sb_custom_provider PRIMARY KEY (id)
);
