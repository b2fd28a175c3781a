-- Row-level security: a second wall behind the server's own organization checks. Request handlers
-- run their transactions as the role shamay_app (SET LOCAL ROLE) with the caller's organizations in
-- shamay.organization_ids; every tenant table then shows and accepts only rows of those organizations.
DO $$ BEGIN
  CREATE ROLE shamay_app NOLOGIN;
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION shamay_current_organizations() RETURNS uuid[] LANGUAGE sql STABLE AS $$
  SELECT coalesce(string_to_array(nullif(current_setting('shamay.organization_ids', true), ''), ',')::uuid[], '{}'::uuid[])
$$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO shamay_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO shamay_app;
--> statement-breakpoint
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO shamay_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO shamay_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO shamay_app;
--> statement-breakpoint
ALTER TABLE organizations ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON organizations TO shamay_app USING (id = ANY (shamay_current_organizations())) WITH CHECK (id = ANY (shamay_current_organizations()));
--> statement-breakpoint
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON users TO shamay_app USING (
  id::text = current_setting('shamay.user_id', true)
  OR EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = users.id AND m.organization_id = ANY (shamay_current_organizations()))
);
--> statement-breakpoint
ALTER TABLE "memberships" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON "memberships" TO shamay_app USING (organization_id = ANY (shamay_current_organizations())) WITH CHECK (organization_id = ANY (shamay_current_organizations()));
--> statement-breakpoint
ALTER TABLE "valuations" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON "valuations" TO shamay_app USING (organization_id = ANY (shamay_current_organizations())) WITH CHECK (organization_id = ANY (shamay_current_organizations()));
--> statement-breakpoint
ALTER TABLE "valuation_sessions" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON "valuation_sessions" TO shamay_app USING (organization_id = ANY (shamay_current_organizations())) WITH CHECK (organization_id = ANY (shamay_current_organizations()));
--> statement-breakpoint
ALTER TABLE "documents" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON "documents" TO shamay_app USING (organization_id = ANY (shamay_current_organizations())) WITH CHECK (organization_id = ANY (shamay_current_organizations()));
--> statement-breakpoint
ALTER TABLE "document_versions" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON "document_versions" TO shamay_app USING (organization_id = ANY (shamay_current_organizations())) WITH CHECK (organization_id = ANY (shamay_current_organizations()));
--> statement-breakpoint
ALTER TABLE "images" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON "images" TO shamay_app USING (organization_id = ANY (shamay_current_organizations())) WITH CHECK (organization_id = ANY (shamay_current_organizations()));
--> statement-breakpoint
ALTER TABLE "asset_variants" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON "asset_variants" TO shamay_app USING (organization_id = ANY (shamay_current_organizations())) WITH CHECK (organization_id = ANY (shamay_current_organizations()));
--> statement-breakpoint
ALTER TABLE "assets" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON "assets" TO shamay_app USING (organization_id = ANY (shamay_current_organizations())) WITH CHECK (organization_id = ANY (shamay_current_organizations()));
--> statement-breakpoint
ALTER TABLE "activity_logs" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON "activity_logs" TO shamay_app USING (organization_id = ANY (shamay_current_organizations())) WITH CHECK (organization_id = ANY (shamay_current_organizations()));
--> statement-breakpoint
ALTER TABLE "document_shares" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON "document_shares" TO shamay_app USING (organization_id = ANY (shamay_current_organizations())) WITH CHECK (organization_id = ANY (shamay_current_organizations()));
--> statement-breakpoint
ALTER TABLE "document_access_logs" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON "document_access_logs" TO shamay_app USING (organization_id = ANY (shamay_current_organizations())) WITH CHECK (organization_id = ANY (shamay_current_organizations()));
--> statement-breakpoint
ALTER TABLE "sync_changes" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON "sync_changes" TO shamay_app USING (organization_id = ANY (shamay_current_organizations())) WITH CHECK (organization_id = ANY (shamay_current_organizations()));
--> statement-breakpoint
ALTER TABLE "server_blobs" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON "server_blobs" TO shamay_app USING (organization_id = ANY (shamay_current_organizations())) WITH CHECK (organization_id = ANY (shamay_current_organizations()));
--> statement-breakpoint
ALTER TABLE "mutation_conflicts" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON "mutation_conflicts" TO shamay_app USING (organization_id = ANY (shamay_current_organizations())) WITH CHECK (organization_id = ANY (shamay_current_organizations()));
--> statement-breakpoint
ALTER TABLE "applied_mutations" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON "applied_mutations" TO shamay_app USING (organization_id = ANY (shamay_current_organizations())) WITH CHECK (organization_id = ANY (shamay_current_organizations()));
--> statement-breakpoint
ALTER TABLE "outbox" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON "outbox" TO shamay_app USING (organization_id = ANY (shamay_current_organizations())) WITH CHECK (organization_id = ANY (shamay_current_organizations()));
--> statement-breakpoint
ALTER TABLE "sync_counters" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON "sync_counters" TO shamay_app USING (organization_id = ANY (shamay_current_organizations())) WITH CHECK (organization_id = ANY (shamay_current_organizations()));
