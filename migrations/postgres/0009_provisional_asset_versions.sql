DROP INDEX "assets_valuation_slug_version_unique";--> statement-breakpoint
CREATE INDEX "assets_valuation_slug_version_idx" ON "assets" USING btree ("valuation_id","slug","version");