ALTER TABLE `sync_mutations` ADD `activity_id` text;--> statement-breakpoint
CREATE INDEX `sync_rejections_row_idx` ON `sync_rejections` (`table_name`,`row_id`);