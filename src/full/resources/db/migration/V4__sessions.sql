-- Sessions and model routes (H2 and PostgreSQL): what each logged request's session did to routing, and the model
-- the node was asked for when it was not the one the client named (an alias's model or a fallback).
ALTER TABLE request_log ADD COLUMN affinity VARCHAR(8);
ALTER TABLE request_log ADD COLUMN served_model VARCHAR(256);
ALTER TABLE request_log ADD COLUMN fallback BOOLEAN DEFAULT FALSE NOT NULL;
