-- Routing that knows the fleet (H2 and PostgreSQL): a node's weight and parallel slots, kept for nodes that joined
-- at run time; why each logged request went where it went.
ALTER TABLE fleet_endpoint ADD COLUMN weight INTEGER DEFAULT 1 NOT NULL;
ALTER TABLE fleet_endpoint ADD COLUMN num_parallel INTEGER DEFAULT 1 NOT NULL;
ALTER TABLE request_log ADD COLUMN route_reason VARCHAR(32);
ALTER TABLE request_log ADD COLUMN cold_start BOOLEAN DEFAULT FALSE NOT NULL;
