-- Keep updated_at current on every UPDATE that does not set it itself (sync applies the server's value).
CREATE TRIGGER `asset_variants_set_updated_at` AFTER UPDATE ON `asset_variants` FOR EACH ROW WHEN NEW.`updated_at` IS OLD.`updated_at`
BEGIN
  UPDATE `asset_variants` SET `updated_at` = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE rowid = NEW.rowid;
END;
--> statement-breakpoint
CREATE TRIGGER `assets_set_updated_at` AFTER UPDATE ON `assets` FOR EACH ROW WHEN NEW.`updated_at` IS OLD.`updated_at`
BEGIN
  UPDATE `assets` SET `updated_at` = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE rowid = NEW.rowid;
END;
--> statement-breakpoint
CREATE TRIGGER `document_shares_set_updated_at` AFTER UPDATE ON `document_shares` FOR EACH ROW WHEN NEW.`updated_at` IS OLD.`updated_at`
BEGIN
  UPDATE `document_shares` SET `updated_at` = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE rowid = NEW.rowid;
END;
--> statement-breakpoint
CREATE TRIGGER `document_versions_set_updated_at` AFTER UPDATE ON `document_versions` FOR EACH ROW WHEN NEW.`updated_at` IS OLD.`updated_at`
BEGIN
  UPDATE `document_versions` SET `updated_at` = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE rowid = NEW.rowid;
END;
--> statement-breakpoint
CREATE TRIGGER `documents_set_updated_at` AFTER UPDATE ON `documents` FOR EACH ROW WHEN NEW.`updated_at` IS OLD.`updated_at`
BEGIN
  UPDATE `documents` SET `updated_at` = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE rowid = NEW.rowid;
END;
--> statement-breakpoint
CREATE TRIGGER `images_set_updated_at` AFTER UPDATE ON `images` FOR EACH ROW WHEN NEW.`updated_at` IS OLD.`updated_at`
BEGIN
  UPDATE `images` SET `updated_at` = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE rowid = NEW.rowid;
END;
--> statement-breakpoint
CREATE TRIGGER `memberships_set_updated_at` AFTER UPDATE ON `memberships` FOR EACH ROW WHEN NEW.`updated_at` IS OLD.`updated_at`
BEGIN
  UPDATE `memberships` SET `updated_at` = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE rowid = NEW.rowid;
END;
--> statement-breakpoint
CREATE TRIGGER `organizations_set_updated_at` AFTER UPDATE ON `organizations` FOR EACH ROW WHEN NEW.`updated_at` IS OLD.`updated_at`
BEGIN
  UPDATE `organizations` SET `updated_at` = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE rowid = NEW.rowid;
END;
--> statement-breakpoint
CREATE TRIGGER `sync_rejections_set_updated_at` AFTER UPDATE ON `sync_rejections` FOR EACH ROW WHEN NEW.`updated_at` IS OLD.`updated_at`
BEGIN
  UPDATE `sync_rejections` SET `updated_at` = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE rowid = NEW.rowid;
END;
--> statement-breakpoint
CREATE TRIGGER `sync_state_set_updated_at` AFTER UPDATE ON `sync_state` FOR EACH ROW WHEN NEW.`updated_at` IS OLD.`updated_at`
BEGIN
  UPDATE `sync_state` SET `updated_at` = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE rowid = NEW.rowid;
END;
--> statement-breakpoint
CREATE TRIGGER `users_set_updated_at` AFTER UPDATE ON `users` FOR EACH ROW WHEN NEW.`updated_at` IS OLD.`updated_at`
BEGIN
  UPDATE `users` SET `updated_at` = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE rowid = NEW.rowid;
END;
--> statement-breakpoint
CREATE TRIGGER `valuation_sessions_set_updated_at` AFTER UPDATE ON `valuation_sessions` FOR EACH ROW WHEN NEW.`updated_at` IS OLD.`updated_at`
BEGIN
  UPDATE `valuation_sessions` SET `updated_at` = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE rowid = NEW.rowid;
END;
--> statement-breakpoint
CREATE TRIGGER `valuations_set_updated_at` AFTER UPDATE ON `valuations` FOR EACH ROW WHEN NEW.`updated_at` IS OLD.`updated_at`
BEGIN
  UPDATE `valuations` SET `updated_at` = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE rowid = NEW.rowid;
END;
