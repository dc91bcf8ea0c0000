-- Console and admin API accounts. Passwords are PBKDF2 hashes; roles are comma-separated.
CREATE TABLE sb_account (
    username      VARCHAR(100) NOT NULL,
    password_hash VARCHAR(200) NOT NULL,
    roles         VARCHAR(200) NOT NULL,
    enabled       BOOLEAN      NOT NULL,
    created_at    TIMESTAMP    NOT NULL,
    CONSTRAINT pk_sb_account PRIMARY KEY (username)
);
