CREATE INDEX "valuations_organization_updated_idx" ON "valuations" USING btree ("organization_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "valuations_organization_created_idx" ON "valuations" USING btree ("organization_id","created_at","id");--> statement-breakpoint
CREATE INDEX "valuations_organization_title_idx" ON "valuations" USING btree ("organization_id","title","id");--> statement-breakpoint
CREATE INDEX "valuations_organization_status_id_idx" ON "valuations" USING btree ("organization_id","status","id");