-- A migration that fails on every database: BrokenMigrationArquillianIT deploys it to show that
-- a failed migration stops the application's start with a message naming this script.
CREATE TABLE broken_probe (id INT NOT NULL PRIMARY KEY, name NOT_A_TYPE(10));
