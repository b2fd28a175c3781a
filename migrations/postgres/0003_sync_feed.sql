CREATE TABLE "server_blobs" (
	"sha256" text NOT NULL,
	"organization_id" uuid NOT NULL,
	"size_bytes" bigint NOT NULL,
	"mime_type" text NOT NULL,
	"uploaded_by_id" uuid,
	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "server_blobs_pk" PRIMARY KEY("sha256","organization_id"),
	CONSTRAINT "server_blobs_sha256_hex" CHECK ("sha256" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
CREATE TABLE "server_secrets" (
	"name" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL,
	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sync_changes" (
	"organization_id" uuid NOT NULL,
	"table_name" text NOT NULL,
	"row_id" uuid NOT NULL,
	"server_version" bigint NOT NULL,
	"deleted" boolean DEFAULT false NOT NULL,
	"changed_by_id" uuid,
	"changed_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sync_changes_pk" PRIMARY KEY("organization_id","table_name","row_id")
);
--> statement-breakpoint
ALTER TABLE "server_blobs" ADD CONSTRAINT "server_blobs_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "server_blobs" ADD CONSTRAINT "server_blobs_uploaded_by_id_users_id_fk" FOREIGN KEY ("uploaded_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_changes" ADD CONSTRAINT "sync_changes_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_changes" ADD CONSTRAINT "sync_changes_changed_by_id_users_id_fk" FOREIGN KEY ("changed_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "server_blobs_organization_id_idx" ON "server_blobs" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "server_blobs_uploaded_by_id_idx" ON "server_blobs" USING btree ("uploaded_by_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sync_changes_organization_version_unique" ON "sync_changes" USING btree ("organization_id","server_version");--> statement-breakpoint
CREATE INDEX "sync_changes_changed_by_id_idx" ON "sync_changes" USING btree ("changed_by_id");