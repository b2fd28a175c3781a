-- Keep comparables.updated_at current on every UPDATE that does not set it itself (as 0001 does for the other tables).
CREATE TRIGGER `comparables_set_updated_at` AFTER UPDATE ON `comparables` FOR EACH ROW WHEN NEW.`updated_at` IS OLD.`updated_at`
BEGIN
  UPDATE `comparables` SET `updated_at` = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE rowid = NEW.rowid;
END;
