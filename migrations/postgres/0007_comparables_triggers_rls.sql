-- comparables: updated_at maintained like every other table (0001) and the tenant wall of 0004.
CREATE TRIGGER "comparables_set_updated_at" BEFORE UPDATE ON "comparables" FOR EACH ROW EXECUTE FUNCTION shamay_set_updated_at();
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "comparables" TO shamay_app;
--> statement-breakpoint
ALTER TABLE "comparables" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON "comparables" TO shamay_app USING (organization_id = ANY (shamay_current_organizations())) WITH CHECK (organization_id = ANY (shamay_current_organizations()));
