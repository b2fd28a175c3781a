-- Push that no single change can stop (issue #16).
-- Mutation ids are unique per organization: another organization's id is an unknown id here, so a
-- collision neither fails the push nor tells the caller that the id exists elsewhere.
ALTER TABLE "applied_mutations" DROP CONSTRAINT "applied_mutations_pkey";--> statement-breakpoint
ALTER TABLE "applied_mutations" ADD CONSTRAINT "applied_mutations_pk" PRIMARY KEY("organization_id","mutation_id");--> statement-breakpoint
DROP INDEX "applied_mutations_organization_id_idx";--> statement-breakpoint
-- A device restored from a backup sends its old sequence numbers again with new mutations: not unique.
DROP INDEX "applied_mutations_device_seq_unique";--> statement-breakpoint
CREATE INDEX "applied_mutations_device_seq_idx" ON "applied_mutations" USING btree ("device_id","device_seq");--> statement-breakpoint
-- A long title must not exceed a b-tree row (2,704 bytes, error 54000): the index holds its first 200 characters.
DROP INDEX "valuations_organization_title_idx";--> statement-breakpoint
CREATE INDEX "valuations_organization_title_idx" ON "valuations" USING btree ("organization_id",left("title", 200),"id");--> statement-breakpoint
-- Whether a row id belongs to an organization other than the caller's (a push that names another
-- organization's row is FORBIDDEN). Row-level security hides those rows from shamay_app, so the
-- function runs as its owner, looks the id up by primary key in one of the tables a client writes,
-- and answers only yes or no.
CREATE OR REPLACE FUNCTION shamay_row_of_other_organization(p_table text, p_row uuid) RETURNS boolean
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public AS $$
DECLARE
  found boolean;
BEGIN
  IF p_table NOT IN ('valuations', 'valuation_sessions', 'documents', 'document_versions', 'images', 'asset_variants', 'assets', 'comparables') THEN
    RETURN false;
  END IF;
  EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I WHERE id = $1 AND NOT (organization_id = ANY (shamay_current_organizations())))', p_table)
    INTO found USING p_row;
  RETURN found;
END
$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION shamay_row_of_other_organization(text, uuid) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION shamay_row_of_other_organization(text, uuid) TO shamay_app;
