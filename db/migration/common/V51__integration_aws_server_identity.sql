-- Whether an admin allowed a Bedrock integration to sign with the server's own AWS identity (the
-- SDK's default credentials chain) when it has no keys. Off for every existing integration: one
-- saved with a role and no keys is refused at call time until an admin allows it or keys are given.
ALTER TABLE sb_integration ADD COLUMN aws_server_identity BOOLEAN DEFAULT FALSE NOT NULL;
