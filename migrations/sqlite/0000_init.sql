CREATE TABLE `activity_logs` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`subject_type` text NOT NULL,
	`subject_id` text NOT NULL,
	`valuation_id` text,
	`action` text NOT NULL,
	`actor_id` text NOT NULL,
	`payload` text DEFAULT '{}' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`server_version` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "activity_logs_subject_type_check" CHECK("subject_type" IN ('valuation', 'document', 'image', 'asset', 'session', 'share')),
	CONSTRAINT "activity_logs_action_check" CHECK("action" IN ('created', 'updated', 'deleted', 'uploaded', 'generated', 'completed', 'status_changed', 'signed', 'archived', 'duplicated', 'shared', 'revoked', 'conflict_resolved'))
);
--> statement-breakpoint
CREATE INDEX `activity_logs_organization_created_idx` ON `activity_logs` (`organization_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `activity_logs_valuation_created_idx` ON `activity_logs` (`valuation_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `activity_logs_actor_created_idx` ON `activity_logs` (`actor_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `activity_logs_subject_idx` ON `activity_logs` (`subject_type`,`subject_id`);--> statement-breakpoint
CREATE TABLE `asset_variants` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`image_id` text,
	`document_id` text,
	`variant_type` text NOT NULL,
	`storage_key` text,
	`sha256` text,
	`width` integer,
	`height` integer,
	`status` text DEFAULT 'PENDING' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`server_version` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`image_id`) REFERENCES `images`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "asset_variants_variant_type_check" CHECK("variant_type" IN ('thumbnail', 'webp', 'preview')),
	CONSTRAINT "asset_variants_status_check" CHECK("status" IN ('PENDING', 'READY', 'FAILED')),
	CONSTRAINT "asset_variants_one_parent" CHECK(("image_id" IS NULL) <> ("document_id" IS NULL)),
	CONSTRAINT "asset_variants_width_non_negative" CHECK("width" IS NULL OR "width" >= 0),
	CONSTRAINT "asset_variants_height_non_negative" CHECK("height" IS NULL OR "height" >= 0)
);
--> statement-breakpoint
CREATE INDEX `asset_variants_organization_id_idx` ON `asset_variants` (`organization_id`);--> statement-breakpoint
CREATE INDEX `asset_variants_image_id_idx` ON `asset_variants` (`image_id`);--> statement-breakpoint
CREATE INDEX `asset_variants_document_id_idx` ON `asset_variants` (`document_id`);--> statement-breakpoint
CREATE TABLE `assets` (
	`id` text PRIMARY KEY NOT NULL,
	`valuation_id` text NOT NULL,
	`organization_id` text NOT NULL,
	`asset_type` text NOT NULL,
	`file_name` text NOT NULL,
	`storage_key` text NOT NULL,
	`sha256` text NOT NULL,
	`size_bytes` integer NOT NULL,
	`slug` text NOT NULL,
	`generated_by_id` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`server_version` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`valuation_id`) REFERENCES `valuations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`generated_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "assets_asset_type_check" CHECK("asset_type" IN ('PDF', 'DOCX', 'CSV', 'JSON', 'IMAGE')),
	CONSTRAINT "assets_size_bytes_non_negative" CHECK("size_bytes" IS NULL OR "size_bytes" >= 0),
	CONSTRAINT "assets_version_positive" CHECK("version" >= 1)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `assets_valuation_slug_version_unique` ON `assets` (`valuation_id`,`slug`,`version`);--> statement-breakpoint
CREATE INDEX `assets_organization_id_idx` ON `assets` (`organization_id`);--> statement-breakpoint
CREATE INDEX `assets_generated_by_id_idx` ON `assets` (`generated_by_id`);--> statement-breakpoint
CREATE TABLE `document_access_logs` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`document_id` text,
	`asset_id` text,
	`share_id` text,
	`user_id` text,
	`action` text NOT NULL,
	`success` integer NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`server_version` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`asset_id`) REFERENCES `assets`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`share_id`) REFERENCES `document_shares`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "document_access_logs_action_check" CHECK("action" IN ('view', 'download', 'upload', 'share', 'delete', 'edit'))
);
--> statement-breakpoint
CREATE INDEX `document_access_logs_organization_id_idx` ON `document_access_logs` (`organization_id`);--> statement-breakpoint
CREATE INDEX `document_access_logs_document_id_idx` ON `document_access_logs` (`document_id`);--> statement-breakpoint
CREATE INDEX `document_access_logs_asset_id_idx` ON `document_access_logs` (`asset_id`);--> statement-breakpoint
CREATE INDEX `document_access_logs_share_id_idx` ON `document_access_logs` (`share_id`);--> statement-breakpoint
CREATE INDEX `document_access_logs_user_id_idx` ON `document_access_logs` (`user_id`);--> statement-breakpoint
CREATE TABLE `document_shares` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`document_id` text,
	`asset_id` text,
	`shared_by_id` text NOT NULL,
	`share_token` text NOT NULL,
	`expires_at` text NOT NULL,
	`has_password` integer DEFAULT false NOT NULL,
	`access_count` integer DEFAULT 0 NOT NULL,
	`revoked_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`server_version` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`asset_id`) REFERENCES `assets`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`shared_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "document_shares_one_target" CHECK(("document_id" IS NULL) <> ("asset_id" IS NULL)),
	CONSTRAINT "document_shares_access_count_non_negative" CHECK("access_count" IS NULL OR "access_count" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `document_shares_share_token_unique` ON `document_shares` (`share_token`);--> statement-breakpoint
CREATE INDEX `document_shares_organization_id_idx` ON `document_shares` (`organization_id`);--> statement-breakpoint
CREATE INDEX `document_shares_document_id_idx` ON `document_shares` (`document_id`);--> statement-breakpoint
CREATE INDEX `document_shares_asset_id_idx` ON `document_shares` (`asset_id`);--> statement-breakpoint
CREATE INDEX `document_shares_shared_by_id_idx` ON `document_shares` (`shared_by_id`);--> statement-breakpoint
CREATE TABLE `document_versions` (
	`id` text PRIMARY KEY NOT NULL,
	`document_id` text NOT NULL,
	`organization_id` text NOT NULL,
	`version_number` integer NOT NULL,
	`file_name` text NOT NULL,
	`storage_key` text NOT NULL,
	`sha256` text NOT NULL,
	`size_bytes` integer NOT NULL,
	`changes_summary` text,
	`created_by_id` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`server_version` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "document_versions_version_number_positive" CHECK("version_number" >= 1),
	CONSTRAINT "document_versions_size_bytes_non_negative" CHECK("size_bytes" IS NULL OR "size_bytes" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `document_versions_document_version_unique` ON `document_versions` (`document_id`,`version_number`);--> statement-breakpoint
CREATE INDEX `document_versions_organization_id_idx` ON `document_versions` (`organization_id`);--> statement-breakpoint
CREATE INDEX `document_versions_created_by_id_idx` ON `document_versions` (`created_by_id`);--> statement-breakpoint
CREATE TABLE `documents` (
	`id` text PRIMARY KEY NOT NULL,
	`valuation_id` text NOT NULL,
	`organization_id` text NOT NULL,
	`doc_type` text NOT NULL,
	`file_name` text NOT NULL,
	`storage_key` text NOT NULL,
	`sha256` text NOT NULL,
	`size_bytes` integer NOT NULL,
	`mime_type` text NOT NULL,
	`source` text DEFAULT 'USER_UPLOAD' NOT NULL,
	`extracted` text,
	`uploaded_by_id` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`server_version` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`valuation_id`) REFERENCES `valuations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`uploaded_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "documents_doc_type_check" CHECK("doc_type" IN ('TABU', 'CONDO', 'PERMIT', 'PLANNING_INFO', 'GARMUSHKA', 'GIS_SCREENSHOT', 'PROPERTY_IMAGE', 'OTHER')),
	CONSTRAINT "documents_source_check" CHECK("source" IN ('USER_UPLOAD', 'APP_GENERATED', 'AI_EXTRACTED')),
	CONSTRAINT "documents_size_bytes_non_negative" CHECK("size_bytes" IS NULL OR "size_bytes" >= 0)
);
--> statement-breakpoint
CREATE INDEX `documents_valuation_id_idx` ON `documents` (`valuation_id`);--> statement-breakpoint
CREATE INDEX `documents_organization_id_idx` ON `documents` (`organization_id`);--> statement-breakpoint
CREATE INDEX `documents_uploaded_by_id_idx` ON `documents` (`uploaded_by_id`);--> statement-breakpoint
CREATE INDEX `documents_sha256_idx` ON `documents` (`sha256`);--> statement-breakpoint
CREATE TABLE `images` (
	`id` text PRIMARY KEY NOT NULL,
	`valuation_id` text NOT NULL,
	`organization_id` text NOT NULL,
	`file_name` text NOT NULL,
	`storage_key` text NOT NULL,
	`sha256` text NOT NULL,
	`size_bytes` integer NOT NULL,
	`mime_type` text NOT NULL,
	`room_type` text DEFAULT 'OTHER' NOT NULL,
	`features` text DEFAULT '{}' NOT NULL,
	`finish_level` text,
	`is_cover` integer DEFAULT false NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`uploaded_by_id` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`server_version` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`valuation_id`) REFERENCES `valuations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`uploaded_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "images_room_type_check" CHECK("room_type" IN ('LIVING', 'KITCHEN', 'BATH', 'BEDROOM', 'EXTERIOR', 'OTHER')),
	CONSTRAINT "images_finish_level_check" CHECK("finish_level" IN ('BASIC', 'STANDARD', 'PREMIUM')),
	CONSTRAINT "images_size_bytes_non_negative" CHECK("size_bytes" IS NULL OR "size_bytes" >= 0)
);
--> statement-breakpoint
CREATE INDEX `images_valuation_id_idx` ON `images` (`valuation_id`);--> statement-breakpoint
CREATE INDEX `images_organization_id_idx` ON `images` (`organization_id`);--> statement-breakpoint
CREATE INDEX `images_uploaded_by_id_idx` ON `images` (`uploaded_by_id`);--> statement-breakpoint
CREATE INDEX `images_sha256_idx` ON `images` (`sha256`);--> statement-breakpoint
CREATE TABLE `memberships` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`organization_id` text NOT NULL,
	`role` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`server_version` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "memberships_role_check" CHECK("role" IN ('OWNER', 'ORG_ADMIN', 'APPRAISER', 'CLIENT_VIEWER'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `memberships_user_org_unique` ON `memberships` (`user_id`,`organization_id`);--> statement-breakpoint
CREATE INDEX `memberships_organization_id_idx` ON `memberships` (`organization_id`);--> statement-breakpoint
CREATE TABLE `organizations` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`settings` text DEFAULT '{}' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`server_version` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sync_conflicts` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`table_name` text NOT NULL,
	`row_id` text NOT NULL,
	`field` text NOT NULL,
	`local_value` text,
	`server_value` text,
	`winner` text NOT NULL,
	`local_mutation_id` text,
	`server_actor_id` text,
	`server_changed_at` text,
	`status` text DEFAULT 'OPEN' NOT NULL,
	`resolved_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	CONSTRAINT "sync_conflicts_winner_check" CHECK("winner" IN ('LOCAL', 'SERVER')),
	CONSTRAINT "sync_conflicts_status_check" CHECK("status" IN ('OPEN', 'RESOLVED'))
);
--> statement-breakpoint
CREATE INDEX `sync_conflicts_row_idx` ON `sync_conflicts` (`table_name`,`row_id`);--> statement-breakpoint
CREATE INDEX `sync_conflicts_status_idx` ON `sync_conflicts` (`status`);--> statement-breakpoint
CREATE TABLE `sync_mutations` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`mutation_id` text NOT NULL,
	`device_id` text NOT NULL,
	`organization_id` text NOT NULL,
	`schema_version` integer NOT NULL,
	`table_name` text NOT NULL,
	`row_id` text NOT NULL,
	`operation` text NOT NULL,
	`changes` text NOT NULL,
	`base` text NOT NULL,
	`base_version` integer NOT NULL,
	`blob_sha256` text,
	`state` text DEFAULT 'PENDING' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	CONSTRAINT "sync_mutations_operation_check" CHECK("operation" IN ('insert', 'update', 'delete')),
	CONSTRAINT "sync_mutations_state_check" CHECK("state" IN ('PENDING', 'IN_FLIGHT'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sync_mutations_mutation_id_unique` ON `sync_mutations` (`mutation_id`);--> statement-breakpoint
CREATE INDEX `sync_mutations_row_idx` ON `sync_mutations` (`table_name`,`row_id`);--> statement-breakpoint
CREATE TABLE `sync_rejections` (
	`id` text PRIMARY KEY NOT NULL,
	`mutation_id` text NOT NULL,
	`organization_id` text NOT NULL,
	`table_name` text NOT NULL,
	`row_id` text NOT NULL,
	`operation` text NOT NULL,
	`changes` text NOT NULL,
	`reason_code` text NOT NULL,
	`reason` text NOT NULL,
	`status` text DEFAULT 'OPEN' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	CONSTRAINT "sync_rejections_operation_check" CHECK("operation" IN ('insert', 'update', 'delete')),
	CONSTRAINT "sync_rejections_status_check" CHECK("status" IN ('OPEN', 'RETRIED', 'DISCARDED'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sync_rejections_mutation_id_unique` ON `sync_rejections` (`mutation_id`);--> statement-breakpoint
CREATE INDEX `sync_rejections_status_idx` ON `sync_rejections` (`status`);--> statement-breakpoint
CREATE TABLE `sync_state` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`image` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`server_version` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);--> statement-breakpoint
CREATE TABLE `valuation_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`session_id` text NOT NULL,
	`valuation_id` text,
	`organization_id` text NOT NULL,
	`user_id` text NOT NULL,
	`status` text DEFAULT 'ACTIVE' NOT NULL,
	`current_step` integer DEFAULT 1 NOT NULL,
	`step_data` text DEFAULT '{}' NOT NULL,
	`wizard_data` text DEFAULT '{}' NOT NULL,
	`expires_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`server_version` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`valuation_id`) REFERENCES `valuations`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "valuation_sessions_status_check" CHECK("status" IN ('ACTIVE', 'COMPLETED', 'ABANDONED', 'EXPIRED')),
	CONSTRAINT "valuation_sessions_current_step_range" CHECK("current_step" BETWEEN 1 AND 5)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `valuation_sessions_session_id_unique` ON `valuation_sessions` (`session_id`);--> statement-breakpoint
CREATE INDEX `valuation_sessions_valuation_id_idx` ON `valuation_sessions` (`valuation_id`);--> statement-breakpoint
CREATE INDEX `valuation_sessions_organization_id_idx` ON `valuation_sessions` (`organization_id`);--> statement-breakpoint
CREATE INDEX `valuation_sessions_user_id_idx` ON `valuation_sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `valuations` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`created_by_id` text NOT NULL,
	`title` text NOT NULL,
	`status` text DEFAULT 'DRAFT' NOT NULL,
	`address_full` text,
	`block` text,
	`parcel` text,
	`subparcel` text,
	`meta` text DEFAULT '{}' NOT NULL,
	`step1_data` text,
	`step2_data` text,
	`step3_data` text,
	`step4_data` text,
	`step5_data` text,
	`gis_screenshots` text,
	`gis_analysis` text,
	`garmushka_measurements` text,
	`garmushka_images` text,
	`final_valuation_agorot` integer,
	`price_per_sqm_agorot` integer,
	`comparable_data` text,
	`property_analysis` text,
	`revision_of_id` text,
	`signed_by_id` text,
	`signed_at` text,
	`report_sha256` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`server_version` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`revision_of_id`) REFERENCES `valuations`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`signed_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "valuations_status_check" CHECK("status" IN ('DRAFT', 'IN_PROGRESS', 'READY', 'SIGNED', 'ARCHIVED')),
	CONSTRAINT "valuations_final_valuation_agorot_non_negative" CHECK("final_valuation_agorot" IS NULL OR "final_valuation_agorot" >= 0),
	CONSTRAINT "valuations_price_per_sqm_agorot_non_negative" CHECK("price_per_sqm_agorot" IS NULL OR "price_per_sqm_agorot" >= 0)
);
--> statement-breakpoint
CREATE INDEX `valuations_organization_id_idx` ON `valuations` (`organization_id`);--> statement-breakpoint
CREATE INDEX `valuations_organization_status_idx` ON `valuations` (`organization_id`,`status`);--> statement-breakpoint
CREATE INDEX `valuations_status_idx` ON `valuations` (`status`);--> statement-breakpoint
CREATE INDEX `valuations_created_by_id_idx` ON `valuations` (`created_by_id`);--> statement-breakpoint
CREATE INDEX `valuations_revision_of_id_idx` ON `valuations` (`revision_of_id`);--> statement-breakpoint
CREATE INDEX `valuations_signed_by_id_idx` ON `valuations` (`signed_by_id`);--> statement-breakpoint
CREATE INDEX `valuations_block_parcel_idx` ON `valuations` (`block`,`parcel`,`subparcel`);--> statement-breakpoint
CREATE INDEX `valuations_updated_at_idx` ON `valuations` (`updated_at`);--> statement-breakpoint
CREATE VIEW `active_valuations` AS select "valuations"."id", "valuations"."organization_id", "valuations"."title", "valuations"."status", "valuations"."address_full", "valuations"."block", "valuations"."parcel", "valuations"."subparcel", "valuations"."created_by_id", "users"."name" as "creator_name", "organizations"."name" as "organization_name", "valuations"."created_at", "valuations"."updated_at" from "valuations" inner join "users" on "users"."id" = "valuations"."created_by_id" inner join "organizations" on "organizations"."id" = "valuations"."organization_id" where "valuations"."status" IN ('DRAFT', 'IN_PROGRESS', 'READY');