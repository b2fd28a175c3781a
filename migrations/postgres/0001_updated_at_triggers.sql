-- Keep updated_at current on every UPDATE that does not set it itself (sync applies the row's own value).
CREATE OR REPLACE FUNCTION shamay_set_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.updated_at IS NOT DISTINCT FROM OLD.updated_at THEN
    NEW.updated_at := now();
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "asset_variants_set_updated_at" BEFORE UPDATE ON "asset_variants" FOR EACH ROW EXECUTE FUNCTION shamay_set_updated_at();
--> statement-breakpoint
CREATE TRIGGER "assets_set_updated_at" BEFORE UPDATE ON "assets" FOR EACH ROW EXECUTE FUNCTION shamay_set_updated_at();
--> statement-breakpoint
CREATE TRIGGER "devices_set_updated_at" BEFORE UPDATE ON "devices" FOR EACH ROW EXECUTE FUNCTION shamay_set_updated_at();
--> statement-breakpoint
CREATE TRIGGER "document_shares_set_updated_at" BEFORE UPDATE ON "document_shares" FOR EACH ROW EXECUTE FUNCTION shamay_set_updated_at();
--> statement-breakpoint
CREATE TRIGGER "document_versions_set_updated_at" BEFORE UPDATE ON "document_versions" FOR EACH ROW EXECUTE FUNCTION shamay_set_updated_at();
--> statement-breakpoint
CREATE TRIGGER "documents_set_updated_at" BEFORE UPDATE ON "documents" FOR EACH ROW EXECUTE FUNCTION shamay_set_updated_at();
--> statement-breakpoint
CREATE TRIGGER "images_set_updated_at" BEFORE UPDATE ON "images" FOR EACH ROW EXECUTE FUNCTION shamay_set_updated_at();
--> statement-breakpoint
CREATE TRIGGER "memberships_set_updated_at" BEFORE UPDATE ON "memberships" FOR EACH ROW EXECUTE FUNCTION shamay_set_updated_at();
--> statement-breakpoint
CREATE TRIGGER "organizations_set_updated_at" BEFORE UPDATE ON "organizations" FOR EACH ROW EXECUTE FUNCTION shamay_set_updated_at();
--> statement-breakpoint
CREATE TRIGGER "outbox_set_updated_at" BEFORE UPDATE ON "outbox" FOR EACH ROW EXECUTE FUNCTION shamay_set_updated_at();
--> statement-breakpoint
CREATE TRIGGER "user_credentials_set_updated_at" BEFORE UPDATE ON "user_credentials" FOR EACH ROW EXECUTE FUNCTION shamay_set_updated_at();
--> statement-breakpoint
CREATE TRIGGER "user_sessions_set_updated_at" BEFORE UPDATE ON "user_sessions" FOR EACH ROW EXECUTE FUNCTION shamay_set_updated_at();
--> statement-breakpoint
CREATE TRIGGER "users_set_updated_at" BEFORE UPDATE ON "users" FOR EACH ROW EXECUTE FUNCTION shamay_set_updated_at();
--> statement-breakpoint
CREATE TRIGGER "valuation_sessions_set_updated_at" BEFORE UPDATE ON "valuation_sessions" FOR EACH ROW EXECUTE FUNCTION shamay_set_updated_at();
--> statement-breakpoint
CREATE TRIGGER "valuations_set_updated_at" BEFORE UPDATE ON "valuations" FOR EACH ROW EXECUTE FUNCTION shamay_set_updated_at();
