-- Amazon Bedrock's settings of an integration (the secret access key is the sealed api_key).
-- Role ARN, STS endpoint and model ARN may hold variable references.
ALTER TABLE sb_integration ADD COLUMN aws_region VARCHAR(30);
ALTER TABLE sb_integration ADD COLUMN aws_access_key_id VARCHAR(128);
ALTER TABLE sb_integration ADD COLUMN aws_role_arn VARCHAR(2000);
ALTER TABLE sb_integration ADD COLUMN aws_sts_endpoint VARCHAR(2000);
ALTER TABLE sb_integration ADD COLUMN aws_external_id VARCHAR(1224);
ALTER TABLE sb_integration ADD COLUMN aws_model_arn VARCHAR(2000);
