-- Extra request headers of an integration, stored sealed (values may be secrets or references).
ALTER TABLE sb_integration ADD COLUMN extra_headers VARCHAR(4000);
