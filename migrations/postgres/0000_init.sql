CREATE TABLE "activity_logs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"valuation_id" uuid,
	"action" text NOT NULL,
	"actor_id" uuid NOT NULL,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
	"server_version" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "activity_logs_subject_type_check" CHECK ("subject_type" IN ('valuation', 'document', 'image', 'asset', 'session', 'share')),
	CONSTRAINT "activity_logs_action_check" CHECK ("action" IN ('created', 'updated', 'deleted', 'uploaded', 'generated', 'completed', 'status_changed', 'signed', 'archived', 'duplicated', 'shared', 'revoked', 'conflict_resolved'))
);
--> statement-breakpoint
CREATE TABLE "applied_mutations" (
	"mutation_id" uuid PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"device_id" uuid NOT NULL,
	"device_seq" bigint NOT NULL,
	"user_id" uuid NOT NULL,
	"schema_version" integer NOT NULL,
	"result" jsonb NOT NULL,
	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "asset_variants" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"image_id" uuid,
	"document_id" uuid,
	"variant_type" text NOT NULL,
	"storage_key" text,
	"sha256" text,
	"width" integer,
	"height" integer,
	"status" text DEFAULT 'PENDING' NOT NULL,
	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
	"server_version" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "asset_variants_variant_type_check" CHECK ("variant_type" IN ('thumbnail', 'webp', 'preview')),
	CONSTRAINT "asset_variants_status_check" CHECK ("status" IN ('PENDING', 'READY', 'FAILED')),
	CONSTRAINT "asset_variants_one_parent" CHECK (("image_id" IS NULL) <> ("document_id" IS NULL)),
	CONSTRAINT "asset_variants_width_non_negative" CHECK ("width" IS NULL OR "width" >= 0),
	CONSTRAINT "asset_variants_height_non_negative" CHECK ("height" IS NULL OR "height" >= 0)
);
--> statement-breakpoint
CREATE TABLE "assets" (
	"id" uuid PRIMARY KEY NOT NULL,
	"valuation_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"asset_type" text NOT NULL,
	"file_name" text NOT NULL,
	"storage_key" text NOT NULL,
	"sha256" text NOT NULL,
	"size_bytes" bigint NOT NULL,
	"slug" text NOT NULL,
	"generated_by_id" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
	"server_version" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "assets_asset_type_check" CHECK ("asset_type" IN ('PDF', 'DOCX', 'CSV', 'JSON', 'IMAGE')),
	CONSTRAINT "assets_size_bytes_non_negative" CHECK ("size_bytes" IS NULL OR "size_bytes" >= 0),
	CONSTRAINT "assets_version_positive" CHECK ("version" >= 1)
);
--> statement-breakpoint
CREATE TABLE "devices" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"platform" text NOT NULL,
	"app_version" text,
	"last_seen_at" timestamp(3) with time zone,
	"revoked_at" timestamp(3) with time zone,
	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "document_access_logs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"document_id" uuid,
	"asset_id" uuid,
	"share_id" uuid,
	"user_id" uuid,
	"action" text NOT NULL,
	"success" boolean NOT NULL,
	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
	"server_version" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "document_access_logs_action_check" CHECK ("action" IN ('view', 'download', 'upload', 'share', 'delete', 'edit'))
);
--> statement-breakpoint
CREATE TABLE "document_shares" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"document_id" uuid,
	"asset_id" uuid,
	"shared_by_id" uuid NOT NULL,
	"share_token" text NOT NULL,
	"expires_at" timestamp(3) with time zone NOT NULL,
	"has_password" boolean DEFAULT false NOT NULL,
	"access_count" integer DEFAULT 0 NOT NULL,
	"revoked_at" timestamp(3) with time zone,
	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
	"server_version" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "document_shares_share_token_unique" UNIQUE("share_token"),
	CONSTRAINT "document_shares_one_target" CHECK (("document_id" IS NULL) <> ("asset_id" IS NULL)),
	CONSTRAINT "document_shares_access_count_non_negative" CHECK ("access_count" IS NULL OR "access_count" >= 0)
);
--> statement-breakpoint
CREATE TABLE "document_versions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"document_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"version_number" integer NOT NULL,
	"file_name" text NOT NULL,
	"storage_key" text NOT NULL,
	"sha256" text NOT NULL,
	"size_bytes" bigint NOT NULL,
	"changes_summary" text,
	"created_by_id" uuid NOT NULL,
	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
	"server_version" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "document_versions_version_number_positive" CHECK ("version_number" >= 1),
	CONSTRAINT "document_versions_size_bytes_non_negative" CHECK ("size_bytes" IS NULL OR "size_bytes" >= 0)
);
--> statement-breakpoint
CREATE TABLE "documents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"valuation_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"doc_type" text NOT NULL,
	"file_name" text NOT NULL,
	"storage_key" text NOT NULL,
	"sha256" text NOT NULL,
	"size_bytes" bigint NOT NULL,
	"mime_type" text NOT NULL,
	"source" text DEFAULT 'USER_UPLOAD' NOT NULL,
	"extracted" jsonb,
	"uploaded_by_id" uuid NOT NULL,
	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
	"server_version" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "documents_doc_type_check" CHECK ("doc_type" IN ('TABU', 'CONDO', 'PERMIT', 'PLANNING_INFO', 'GARMUSHKA', 'GIS_SCREENSHOT', 'PROPERTY_IMAGE', 'OTHER')),
	CONSTRAINT "documents_source_check" CHECK ("source" IN ('USER_UPLOAD', 'APP_GENERATED', 'AI_EXTRACTED')),
	CONSTRAINT "documents_size_bytes_non_negative" CHECK ("size_bytes" IS NULL OR "size_bytes" >= 0)
);
--> statement-breakpoint
CREATE TABLE "images" (
	"id" uuid PRIMARY KEY NOT NULL,
	"valuation_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"storage_key" text NOT NULL,
	"sha256" text NOT NULL,
	"size_bytes" bigint NOT NULL,
	"mime_type" text NOT NULL,
	"room_type" text DEFAULT 'OTHER' NOT NULL,
	"features" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"finish_level" text,
	"is_cover" boolean DEFAULT false NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"uploaded_by_id" uuid NOT NULL,
	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
	"server_version" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "images_room_type_check" CHECK ("room_type" IN ('LIVING', 'KITCHEN', 'BATH', 'BEDROOM', 'EXTERIOR', 'OTHER')),
	CONSTRAINT "images_finish_level_check" CHECK ("finish_level" IN ('BASIC', 'STANDARD', 'PREMIUM')),
	CONSTRAINT "images_size_bytes_non_negative" CHECK ("size_bytes" IS NULL OR "size_bytes" >= 0)
);
--> statement-breakpoint
CREATE TABLE "memberships" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"role" text NOT NULL,
	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
	"server_version" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "memberships_role_check" CHECK ("role" IN ('OWNER', 'ORG_ADMIN', 'APPRAISER', 'CLIENT_VIEWER'))
);
--> statement-breakpoint
CREATE TABLE "mutation_conflicts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"table_name" text NOT NULL,
	"row_id" uuid NOT NULL,
	"field" text NOT NULL,
	"winning_value" jsonb,
	"losing_value" jsonb,
	"winner" text NOT NULL,
	"mutation_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"status" text DEFAULT 'OPEN' NOT NULL,
	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp(3) with time zone,
	CONSTRAINT "mutation_conflicts_winner_check" CHECK ("winner" IN ('LOCAL', 'SERVER')),
	CONSTRAINT "mutation_conflicts_status_check" CHECK ("status" IN ('OPEN', 'RESOLVED'))
);
--> statement-breakpoint
CREATE TABLE "organizations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
	"server_version" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "outbox_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"organization_id" uuid NOT NULL,
	"event_type" text NOT NULL,
	"payload" jsonb NOT NULL,
	"processed" boolean DEFAULT false NOT NULL,
	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "share_passwords" (
	"share_id" uuid PRIMARY KEY NOT NULL,
	"password_hash" text NOT NULL,
	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sync_counters" (
	"organization_id" uuid PRIMARY KEY NOT NULL,
	"last_version" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sync_tombstones" (
	"organization_id" uuid NOT NULL,
	"table_name" text NOT NULL,
	"row_id" uuid NOT NULL,
	"server_version" bigint DEFAULT 0 NOT NULL,
	"deleted_by_id" uuid,
	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sync_tombstones_pk" PRIMARY KEY("table_name","row_id")
);
--> statement-breakpoint
CREATE TABLE "user_credentials" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"password_hash" text NOT NULL,
	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "user_sessions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"device_id" uuid,
	"refresh_token_hash" text NOT NULL,
	"device_info" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"ip" text,
	"expires_at" timestamp(3) with time zone NOT NULL,
	"revoked_at" timestamp(3) with time zone,
	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "user_sessions_refresh_token_hash_unique" UNIQUE("refresh_token_hash")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"image" text,
	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
	"server_version" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "users_email_unique" UNIQUE("email")
);
--> statement-breakpoint
CREATE TABLE "valuation_sessions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"session_id" text NOT NULL,
	"valuation_id" uuid,
	"organization_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"status" text DEFAULT 'ACTIVE' NOT NULL,
	"current_step" integer DEFAULT 1 NOT NULL,
	"step_data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"wizard_data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"expires_at" timestamp(3) with time zone,
	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
	"server_version" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "valuation_sessions_session_id_unique" UNIQUE("session_id"),
	CONSTRAINT "valuation_sessions_status_check" CHECK ("status" IN ('ACTIVE', 'COMPLETED', 'ABANDONED', 'EXPIRED')),
	CONSTRAINT "valuation_sessions_current_step_range" CHECK ("current_step" BETWEEN 1 AND 5)
);
--> statement-breakpoint
CREATE TABLE "valuations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"created_by_id" uuid NOT NULL,
	"title" text NOT NULL,
	"status" text DEFAULT 'DRAFT' NOT NULL,
	"address_full" text,
	"block" text,
	"parcel" text,
	"subparcel" text,
	"meta" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"step1_data" jsonb,
	"step2_data" jsonb,
	"step3_data" jsonb,
	"step4_data" jsonb,
	"step5_data" jsonb,
	"gis_screenshots" jsonb,
	"gis_analysis" jsonb,
	"garmushka_measurements" jsonb,
	"garmushka_images" jsonb,
	"final_valuation_agorot" bigint,
	"price_per_sqm_agorot" bigint,
	"comparable_data" jsonb,
	"property_analysis" jsonb,
	"revision_of_id" uuid,
	"signed_by_id" uuid,
	"signed_at" timestamp(3) with time zone,
	"report_sha256" text,
	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
	"server_version" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "valuations_status_check" CHECK ("status" IN ('DRAFT', 'IN_PROGRESS', 'READY', 'SIGNED', 'ARCHIVED')),
	CONSTRAINT "valuations_final_valuation_agorot_non_negative" CHECK ("final_valuation_agorot" IS NULL OR "final_valuation_agorot" >= 0),
	CONSTRAINT "valuations_price_per_sqm_agorot_non_negative" CHECK ("price_per_sqm_agorot" IS NULL OR "price_per_sqm_agorot" >= 0)
);
--> statement-breakpoint
ALTER TABLE "activity_logs" ADD CONSTRAINT "activity_logs_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_logs" ADD CONSTRAINT "activity_logs_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applied_mutations" ADD CONSTRAINT "applied_mutations_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applied_mutations" ADD CONSTRAINT "applied_mutations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asset_variants" ADD CONSTRAINT "asset_variants_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asset_variants" ADD CONSTRAINT "asset_variants_image_id_images_id_fk" FOREIGN KEY ("image_id") REFERENCES "public"."images"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asset_variants" ADD CONSTRAINT "asset_variants_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assets" ADD CONSTRAINT "assets_valuation_id_valuations_id_fk" FOREIGN KEY ("valuation_id") REFERENCES "public"."valuations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assets" ADD CONSTRAINT "assets_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assets" ADD CONSTRAINT "assets_generated_by_id_users_id_fk" FOREIGN KEY ("generated_by_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "devices" ADD CONSTRAINT "devices_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_access_logs" ADD CONSTRAINT "document_access_logs_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_access_logs" ADD CONSTRAINT "document_access_logs_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_access_logs" ADD CONSTRAINT "document_access_logs_asset_id_assets_id_fk" FOREIGN KEY ("asset_id") REFERENCES "public"."assets"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_access_logs" ADD CONSTRAINT "document_access_logs_share_id_document_shares_id_fk" FOREIGN KEY ("share_id") REFERENCES "public"."document_shares"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_access_logs" ADD CONSTRAINT "document_access_logs_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_shares" ADD CONSTRAINT "document_shares_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_shares" ADD CONSTRAINT "document_shares_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_shares" ADD CONSTRAINT "document_shares_asset_id_assets_id_fk" FOREIGN KEY ("asset_id") REFERENCES "public"."assets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_shares" ADD CONSTRAINT "document_shares_shared_by_id_users_id_fk" FOREIGN KEY ("shared_by_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_versions" ADD CONSTRAINT "document_versions_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_versions" ADD CONSTRAINT "document_versions_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_versions" ADD CONSTRAINT "document_versions_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_valuation_id_valuations_id_fk" FOREIGN KEY ("valuation_id") REFERENCES "public"."valuations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_uploaded_by_id_users_id_fk" FOREIGN KEY ("uploaded_by_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "images" ADD CONSTRAINT "images_valuation_id_valuations_id_fk" FOREIGN KEY ("valuation_id") REFERENCES "public"."valuations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "images" ADD CONSTRAINT "images_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "images" ADD CONSTRAINT "images_uploaded_by_id_users_id_fk" FOREIGN KEY ("uploaded_by_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mutation_conflicts" ADD CONSTRAINT "mutation_conflicts_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mutation_conflicts" ADD CONSTRAINT "mutation_conflicts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "share_passwords" ADD CONSTRAINT "share_passwords_share_id_document_shares_id_fk" FOREIGN KEY ("share_id") REFERENCES "public"."document_shares"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_counters" ADD CONSTRAINT "sync_counters_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_tombstones" ADD CONSTRAINT "sync_tombstones_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_tombstones" ADD CONSTRAINT "sync_tombstones_deleted_by_id_users_id_fk" FOREIGN KEY ("deleted_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_credentials" ADD CONSTRAINT "user_credentials_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_sessions" ADD CONSTRAINT "user_sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_sessions" ADD CONSTRAINT "user_sessions_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "valuation_sessions" ADD CONSTRAINT "valuation_sessions_valuation_id_valuations_id_fk" FOREIGN KEY ("valuation_id") REFERENCES "public"."valuations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "valuation_sessions" ADD CONSTRAINT "valuation_sessions_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "valuation_sessions" ADD CONSTRAINT "valuation_sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "valuations" ADD CONSTRAINT "valuations_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "valuations" ADD CONSTRAINT "valuations_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "valuations" ADD CONSTRAINT "valuations_revision_of_id_valuations_id_fk" FOREIGN KEY ("revision_of_id") REFERENCES "public"."valuations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "valuations" ADD CONSTRAINT "valuations_signed_by_id_users_id_fk" FOREIGN KEY ("signed_by_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "activity_logs_organization_created_idx" ON "activity_logs" USING btree ("organization_id","created_at");--> statement-breakpoint
CREATE INDEX "activity_logs_valuation_created_idx" ON "activity_logs" USING btree ("valuation_id","created_at");--> statement-breakpoint
CREATE INDEX "activity_logs_actor_created_idx" ON "activity_logs" USING btree ("actor_id","created_at");--> statement-breakpoint
CREATE INDEX "activity_logs_subject_idx" ON "activity_logs" USING btree ("subject_type","subject_id");--> statement-breakpoint
CREATE INDEX "applied_mutations_organization_id_idx" ON "applied_mutations" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "applied_mutations_user_id_idx" ON "applied_mutations" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "applied_mutations_device_seq_unique" ON "applied_mutations" USING btree ("device_id","device_seq");--> statement-breakpoint
CREATE INDEX "asset_variants_organization_id_idx" ON "asset_variants" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "asset_variants_image_id_idx" ON "asset_variants" USING btree ("image_id");--> statement-breakpoint
CREATE INDEX "asset_variants_document_id_idx" ON "asset_variants" USING btree ("document_id");--> statement-breakpoint
CREATE UNIQUE INDEX "assets_valuation_slug_version_unique" ON "assets" USING btree ("valuation_id","slug","version");--> statement-breakpoint
CREATE INDEX "assets_organization_id_idx" ON "assets" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "assets_generated_by_id_idx" ON "assets" USING btree ("generated_by_id");--> statement-breakpoint
CREATE INDEX "devices_user_id_idx" ON "devices" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "document_access_logs_organization_id_idx" ON "document_access_logs" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "document_access_logs_document_id_idx" ON "document_access_logs" USING btree ("document_id");--> statement-breakpoint
CREATE INDEX "document_access_logs_asset_id_idx" ON "document_access_logs" USING btree ("asset_id");--> statement-breakpoint
CREATE INDEX "document_access_logs_share_id_idx" ON "document_access_logs" USING btree ("share_id");--> statement-breakpoint
CREATE INDEX "document_access_logs_user_id_idx" ON "document_access_logs" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "document_shares_organization_id_idx" ON "document_shares" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "document_shares_document_id_idx" ON "document_shares" USING btree ("document_id");--> statement-breakpoint
CREATE INDEX "document_shares_asset_id_idx" ON "document_shares" USING btree ("asset_id");--> statement-breakpoint
CREATE INDEX "document_shares_shared_by_id_idx" ON "document_shares" USING btree ("shared_by_id");--> statement-breakpoint
CREATE UNIQUE INDEX "document_versions_document_version_unique" ON "document_versions" USING btree ("document_id","version_number");--> statement-breakpoint
CREATE INDEX "document_versions_organization_id_idx" ON "document_versions" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "document_versions_created_by_id_idx" ON "document_versions" USING btree ("created_by_id");--> statement-breakpoint
CREATE INDEX "documents_valuation_id_idx" ON "documents" USING btree ("valuation_id");--> statement-breakpoint
CREATE INDEX "documents_organization_id_idx" ON "documents" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "documents_uploaded_by_id_idx" ON "documents" USING btree ("uploaded_by_id");--> statement-breakpoint
CREATE INDEX "documents_sha256_idx" ON "documents" USING btree ("sha256");--> statement-breakpoint
CREATE INDEX "documents_extracted_gin" ON "documents" USING gin ("extracted");--> statement-breakpoint
CREATE INDEX "images_valuation_id_idx" ON "images" USING btree ("valuation_id");--> statement-breakpoint
CREATE INDEX "images_organization_id_idx" ON "images" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "images_uploaded_by_id_idx" ON "images" USING btree ("uploaded_by_id");--> statement-breakpoint
CREATE INDEX "images_sha256_idx" ON "images" USING btree ("sha256");--> statement-breakpoint
CREATE UNIQUE INDEX "memberships_user_org_unique" ON "memberships" USING btree ("user_id","organization_id");--> statement-breakpoint
CREATE INDEX "memberships_organization_id_idx" ON "memberships" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "mutation_conflicts_organization_id_idx" ON "mutation_conflicts" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "mutation_conflicts_user_id_idx" ON "mutation_conflicts" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "mutation_conflicts_row_idx" ON "mutation_conflicts" USING btree ("table_name","row_id");--> statement-breakpoint
CREATE INDEX "outbox_unprocessed_idx" ON "outbox" USING btree ("processed","id");--> statement-breakpoint
CREATE INDEX "outbox_organization_id_idx" ON "outbox" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "sync_tombstones_organization_version_idx" ON "sync_tombstones" USING btree ("organization_id","server_version");--> statement-breakpoint
CREATE INDEX "user_sessions_user_id_idx" ON "user_sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "user_sessions_device_id_idx" ON "user_sessions" USING btree ("device_id");--> statement-breakpoint
CREATE INDEX "user_sessions_expires_at_idx" ON "user_sessions" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "valuation_sessions_valuation_id_idx" ON "valuation_sessions" USING btree ("valuation_id");--> statement-breakpoint
CREATE INDEX "valuation_sessions_organization_id_idx" ON "valuation_sessions" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "valuation_sessions_user_id_idx" ON "valuation_sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "valuations_organization_id_idx" ON "valuations" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "valuations_organization_status_idx" ON "valuations" USING btree ("organization_id","status");--> statement-breakpoint
CREATE INDEX "valuations_status_idx" ON "valuations" USING btree ("status");--> statement-breakpoint
CREATE INDEX "valuations_created_by_id_idx" ON "valuations" USING btree ("created_by_id");--> statement-breakpoint
CREATE INDEX "valuations_revision_of_id_idx" ON "valuations" USING btree ("revision_of_id");--> statement-breakpoint
CREATE INDEX "valuations_signed_by_id_idx" ON "valuations" USING btree ("signed_by_id");--> statement-breakpoint
CREATE INDEX "valuations_block_parcel_idx" ON "valuations" USING btree ("block","parcel","subparcel");--> statement-breakpoint
CREATE INDEX "valuations_updated_at_idx" ON "valuations" USING btree ("updated_at");--> statement-breakpoint
CREATE INDEX "valuations_meta_gin" ON "valuations" USING gin ("meta");--> statement-breakpoint
CREATE INDEX "valuations_step1_data_gin" ON "valuations" USING gin ("step1_data");--> statement-breakpoint
CREATE INDEX "valuations_comparable_data_gin" ON "valuations" USING gin ("comparable_data");--> statement-breakpoint
CREATE VIEW "public"."active_valuations" AS (select "valuations"."id", "valuations"."organization_id", "valuations"."title", "valuations"."status", "valuations"."address_full", "valuations"."block", "valuations"."parcel", "valuations"."subparcel", "valuations"."created_by_id", "users"."name" as "creator_name", "organizations"."name" as "organization_name", "valuations"."created_at", "valuations"."updated_at" from "valuations" inner join "users" on "users"."id" = "valuations"."created_by_id" inner join "organizations" on "organizations"."id" = "valuations"."organization_id" where "valuations"."status" IN ('DRAFT', 'IN_PROGRESS', 'READY'));