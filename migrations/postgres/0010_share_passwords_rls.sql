-- share_passwords has no organization of its own: a row is visible (and writable) exactly when its
-- share is, and document_shares is already isolated per organization.
ALTER TABLE "share_passwords" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY tenant_isolation ON "share_passwords" TO shamay_app
  USING (EXISTS (SELECT 1 FROM "document_shares" s WHERE s.id = share_id))
  WITH CHECK (EXISTS (SELECT 1 FROM "document_shares" s WHERE s.id = share_id));
