-- On the client, updated_at is set by the one writer on every local change, and rows from the server
-- carry the server's updated_at. A trigger here rewrote it whenever a server row was applied again
-- with the same updated_at, so devices drifted from the server (found by the chaos test).
DROP TRIGGER IF EXISTS `asset_variants_set_updated_at`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `assets_set_updated_at`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `comparables_set_updated_at`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `document_shares_set_updated_at`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `document_versions_set_updated_at`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `documents_set_updated_at`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `images_set_updated_at`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `memberships_set_updated_at`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `organizations_set_updated_at`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `sync_rejections_set_updated_at`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `sync_state_set_updated_at`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `users_set_updated_at`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `valuation_sessions_set_updated_at`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `valuations_set_updated_at`;
