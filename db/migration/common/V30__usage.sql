-- The usage ledger: one row per routed call, keyed by the gateway's request id (idempotent writes).
CREATE TABLE sb_usage_entry (
    request_id        VARCHAR(64)   NOT NULL,
    started_at        TIMESTAMP     NOT NULL,
    workspace         VARCHAR(100)  NOT NULL,
    feature           VARCHAR(100),
    caller            VARCHAR(200),
    call_kind         VARCHAR(16)   NOT NULL,
    integration_id    VARCHAR(36),
    provider          VARCHAR(100),
    model             VARCHAR(200),
    input_tokens      BIGINT        NOT NULL,
    output_tokens     BIGINT        NOT NULL,
    cached_tokens     BIGINT        NOT NULL,
    reasoning_tokens  BIGINT        NOT NULL,
    total_tokens      BIGINT        NOT NULL,
    usage_source      VARCHAR(16)   NOT NULL,
    latency_ms        BIGINT        NOT NULL,
    ttft_ms           BIGINT,
    attempts          INT           NOT NULL,
    error_category    VARCHAR(40),
    cached_reply      BOOLEAN       NOT NULL,
    cost              DECIMAL(24,10),
    currency          VARCHAR(3),
    written_at        TIMESTAMP     NOT NULL,
    CONSTRAINT pk_sb_usage_entry PRIMARY KEY (request_id)
);
CREATE INDEX ix_sb_usage_entry_started ON sb_usage_entry (started_at);
CREATE INDEX ix_sb_usage_entry_integration ON sb_usage_entry (integration_id, started_at);
CREATE INDEX ix_sb_usage_entry_workspace ON sb_usage_entry (workspace, started_at);

-- Per-model prices per million tokens, from a date on: an entry's cost uses the price in force
-- when the call started, computed when the entry is written.
CREATE TABLE sb_model_price (
    id                     VARCHAR(36)   NOT NULL,
    provider               VARCHAR(100)  NOT NULL,
    model                  VARCHAR(200)  NOT NULL,
    effective_from         TIMESTAMP     NOT NULL,
    input_per_mtok         DECIMAL(24,10) NOT NULL,
    output_per_mtok        DECIMAL(24,10) NOT NULL,
    cached_input_per_mtok  DECIMAL(24,10),
    currency               VARCHAR(3)    NOT NULL,
    created_by             VARCHAR(100)  NOT NULL,
    created_at             TIMESTAMP     NOT NULL,
    CONSTRAINT pk_sb_model_price PRIMARY KEY (id),
    CONSTRAINT uq_sb_model_price UNIQUE (provider, model, effective_from)
);

-- One token limit per integration, with its current cycle [cycle_start, cycle_end).
CREATE TABLE sb_usage_limit (
    integration_id  VARCHAR(36)   NOT NULL,
    max_tokens      BIGINT        NOT NULL,
    cycle_days      INT           NOT NULL,
    start_date      DATE          NOT NULL,
    enforcing       BOOLEAN       NOT NULL,
    notify          BOOLEAN       NOT NULL,
    thresholds      VARCHAR(100)  NOT NULL,
    recipients      VARCHAR(2000) NOT NULL,
    cycle_start     TIMESTAMP     NOT NULL,
    cycle_end       TIMESTAMP     NOT NULL,
    updated_by      VARCHAR(100)  NOT NULL,
    updated_at      TIMESTAMP     NOT NULL,
    CONSTRAINT pk_sb_usage_limit PRIMARY KEY (integration_id)
);

-- Each cycle reset, once: the primary key is the decision between servers.
CREATE TABLE sb_usage_cycle_reset (
    integration_id  VARCHAR(36)   NOT NULL,
    cycle_start     TIMESTAMP     NOT NULL,
    previous_start  TIMESTAMP     NOT NULL,
    reset_at        TIMESTAMP     NOT NULL,
    reset_by        VARCHAR(200)  NOT NULL,
    CONSTRAINT pk_sb_usage_cycle_reset PRIMARY KEY (integration_id, cycle_start)
);

-- Each threshold alert, once per cycle: inserted before its mail is queued.
CREATE TABLE sb_usage_alert (
    integration_id  VARCHAR(36)   NOT NULL,
    cycle_start     TIMESTAMP     NOT NULL,
    threshold_pct   INT           NOT NULL,
    used_tokens     BIGINT        NOT NULL,
    max_tokens      BIGINT        NOT NULL,
    created_at      TIMESTAMP     NOT NULL,
    created_by      VARCHAR(200)  NOT NULL,
    notification_id VARCHAR(36),
    CONSTRAINT pk_sb_usage_alert PRIMARY KEY (integration_id, cycle_start, threshold_pct)
);

-- Every mail the application sends, with its delivery status; the dispatcher retries failures.
CREATE TABLE sb_notification (
    id               VARCHAR(36)   NOT NULL,
    kind             VARCHAR(40)   NOT NULL,
    integration_id   VARCHAR(36),
    recipients       VARCHAR(2000) NOT NULL,
    subject          VARCHAR(300)  NOT NULL,
    body             VARCHAR(8000) NOT NULL,
    status           VARCHAR(16)   NOT NULL,
    attempts         INT           NOT NULL,
    last_error       VARCHAR(1000),
    created_at       TIMESTAMP     NOT NULL,
    next_attempt_at  TIMESTAMP,
    claimed_at       TIMESTAMP,
    claimed_by       VARCHAR(200),
    sent_at          TIMESTAMP,
    CONSTRAINT pk_sb_notification PRIMARY KEY (id)
);
CREATE INDEX ix_sb_notification_status ON sb_notification (status, next_attempt_at);
CREATE INDEX ix_sb_notification_integration ON sb_notification (integration_id, created_at);

-- Scheduled jobs that must run once per slot across servers (e.g. the daily connection tests).
CREATE TABLE sb_scheduled_run (
    job         VARCHAR(60)   NOT NULL,
    slot        BIGINT        NOT NULL,
    claimed_by  VARCHAR(200)  NOT NULL,
    claimed_at  TIMESTAMP     NOT NULL,
    CONSTRAINT pk_sb_scheduled_run PRIMARY KEY (job, slot)
);
