DROP INDEX `document_versions_document_version_unique`;--> statement-breakpoint
CREATE INDEX `document_versions_document_version_idx` ON `document_versions` (`document_id`,`version_number`);