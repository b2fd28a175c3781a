CREATE TABLE "comparables" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"source" text NOT NULL,
	"source_file_name" text,
	"deal_date" text NOT NULL,
	"address" text,
	"street" text,
	"house_number" text,
	"city" text,
	"block" text,
	"parcel" text,
	"subparcel" text,
	"rooms_tenths" integer,
	"floor" text,
	"area_hundredths" integer,
	"parking" integer,
	"build_year" integer,
	"price_agorot" bigint NOT NULL,
	"property_type" text,
	"deal_nature" text,
	"partial_share" text,
	"created_by_id" uuid NOT NULL,
	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
	"server_version" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "comparables_source_check" CHECK ("source" IN ('NADLAN', 'SPREADSHEET', 'MANUAL')),
	CONSTRAINT "comparables_deal_date_format" CHECK ("deal_date" LIKE '____-__-__'),
	CONSTRAINT "comparables_rooms_tenths_non_negative" CHECK ("rooms_tenths" IS NULL OR "rooms_tenths" >= 0),
	CONSTRAINT "comparables_area_hundredths_non_negative" CHECK ("area_hundredths" IS NULL OR "area_hundredths" >= 0),
	CONSTRAINT "comparables_parking_non_negative" CHECK ("parking" IS NULL OR "parking" >= 0),
	CONSTRAINT "comparables_build_year_non_negative" CHECK ("build_year" IS NULL OR "build_year" >= 0),
	CONSTRAINT "comparables_price_agorot_non_negative" CHECK ("price_agorot" IS NULL OR "price_agorot" >= 0)
);
--> statement-breakpoint
ALTER TABLE "comparables" ADD CONSTRAINT "comparables_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comparables" ADD CONSTRAINT "comparables_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "comparables_organization_block_parcel_idx" ON "comparables" USING btree ("organization_id","block","parcel");--> statement-breakpoint
CREATE INDEX "comparables_organization_city_street_idx" ON "comparables" USING btree ("organization_id","city","street");--> statement-breakpoint
CREATE INDEX "comparables_organization_deal_date_idx" ON "comparables" USING btree ("organization_id","deal_date");--> statement-breakpoint
CREATE INDEX "comparables_created_by_id_idx" ON "comparables" USING btree ("created_by_id");