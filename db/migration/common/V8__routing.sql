-- Features: named uses of a model, with an optional prompt template and response cache.
CREATE TABLE sb_feature (
    name               VARCHAR(100)   NOT NULL,
    description        VARCHAR(1000),
    system_prompt      VARCHAR(16000),
    user_template      VARCHAR(16000),
    built_in           BOOLEAN        NOT NULL,
    cache_ttl_seconds  INT            NOT NULL,
    cache_max_entries  INT            NOT NULL,
    created_at         TIMESTAMP      NOT NULL,
    updated_at         TIMESTAMP      NOT NULL,
    CONSTRAINT pk_sb_feature PRIMARY KEY (name)
);

-- A feature's route at one level: workspace '*' is the organization, any other a workspace
-- override. Rows of equal position are equivalent (balanced); a higher position is a fallback.
CREATE TABLE sb_feature_route (
    id              VARCHAR(36)  NOT NULL,
    feature_name    VARCHAR(100) NOT NULL,
    workspace       VARCHAR(100) NOT NULL,
    position        INT          NOT NULL,
    integration_id  VARCHAR(36)  NOT NULL,
    model_id        VARCHAR(200) NOT NULL,
    weight          INT          NOT NULL,
    CONSTRAINT pk_sb_feature_route PRIMARY KEY (id),
    CONSTRAINT uq_sb_feature_route UNIQUE (feature_name, workspace, integration_id, model_id),
    CONSTRAINT fk_sb_feature_route_feature FOREIGN KEY (feature_name) REFERENCES sb_feature (name)
);
CREATE INDEX ix_sb_feature_route_integration ON sb_feature_route (integration_id);

-- The default model and parameters: workspace '*' is the organization's, others override it.
CREATE TABLE sb_routing_default (
    workspace    VARCHAR(100) NOT NULL,
    provider_id  VARCHAR(100),
    model_id     VARCHAR(200),
    temperature  DOUBLE PRECISION,
    max_tokens   INT,
    updated_by   VARCHAR(100) NOT NULL,
    updated_at   TIMESTAMP    NOT NULL,
    CONSTRAINT pk_sb_routing_default PRIMARY KEY (workspace)
);

-- Requests and tokens per scope (an integration or an API key) and minute, shared by every
-- server on the database: the cluster-wide rate limits.
CREATE TABLE sb_rate_window (
    scope         VARCHAR(100) NOT NULL,
    window_start  BIGINT       NOT NULL,
    requests      BIGINT       NOT NULL,
    tokens        BIGINT       NOT NULL,
    CONSTRAINT pk_sb_rate_window PRIMARY KEY (scope, window_start)
);

-- The built-in features: they work on any configured model (the default, or a route).
INSERT INTO sb_feature (name, description, system_prompt, user_template, built_in,
                        cache_ttl_seconds, cache_max_entries, created_at, updated_at)
VALUES ('conversation-summary',
        'Summarizes a conversation in a few sentences.',
        'You summarize conversations. Write a short, neutral summary of the conversation you are given: the topic, what was asked, what was decided or answered, and anything left open. Do not add facts that are not in the conversation.',
        'Summarize this conversation:

{{content.conversation}}',
        TRUE, 0, 1000, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP);
INSERT INTO sb_feature (name, description, system_prompt, user_template, built_in,
                        cache_ttl_seconds, cache_max_entries, created_at, updated_at)
VALUES ('query-rephrase',
        'Rewrites the last question as a standalone query, using the conversation for context.',
        'You rewrite a user''s latest question as one standalone search query. Resolve pronouns and references using the conversation. Answer with the query only, without quotes or explanation.',
        'Conversation so far:

{{content.history}}

Latest question: {{content.query}}

Standalone query:',
        TRUE, 0, 1000, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP);
INSERT INTO sb_feature (name, description, system_prompt, user_template, built_in,
                        cache_ttl_seconds, cache_max_entries, created_at, updated_at)
VALUES ('answer-generation',
        'Answers a question from the passages the caller supplies, citing them.',
        'You answer questions using only the passages you are given. Cite the passages you use by their number in square brackets, like [1]. If the passages do not contain the answer, say that you do not know.',
        'Passages:

{{content.passages}}

Question: {{content.query}}',
        TRUE, 0, 1000, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP);
