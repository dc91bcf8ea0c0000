-- The wire of a bring-your-own integration (provider "byo"): request template, response mapping,
-- optional streaming, and the saved test payload. One row per integration.
CREATE TABLE sb_custom_llm (
    integration_id            VARCHAR(36)    NOT NULL,
    request_template          VARCHAR(16000) NOT NULL,
    text_path                 VARCHAR(500)   NOT NULL,
    finish_reason_path        VARCHAR(500),
    input_tokens_path         VARCHAR(500),
    output_tokens_path        VARCHAR(500),
    stream_format             VARCHAR(10),
    stream_delta_path         VARCHAR(500),
    stream_finish_reason_path VARCHAR(500),
    stream_input_tokens_path  VARCHAR(500),
    stream_output_tokens_path VARCHAR(500),
    test_payload              VARCHAR(16000),
    updated_at                TIMESTAMP      NOT NULL,
    version                   BIGINT         NOT NULL,
    CONSTRAINT pk_sb_custom_llm PRIMARY KEY (integration_id),
    CONSTRAINT fk_sb_custom_llm FOREIGN KEY (integration_id) REFERENCES sb_integration (id)
);
