-- The hosts (host:port, comma-separated) an integration's stored API key and sealed header values
-- were entered for. A call or test whose resolved destination is not among them is refused; NULL
-- (rows from before this version, or an address that did not resolve when the key was saved) is
-- bound on the first connection test or call that resolves the address.
ALTER TABLE sb_integration ADD COLUMN key_hosts VARCHAR(2000);
