-- The rules a new installation watches from its first evaluation, before an admin opens Settings → Alerts. Seeded
-- here rather than on first read so the cron has them without a page visit and no read path writes.
INSERT INTO "alert_rules" ("kind", "field", "threshold", "window_minutes") VALUES
  ('field_empty_rate_rise', 'documentNumber', 10, 1440),
  ('field_empty_rate_rise', 'totalMinor', 10, 1440),
  ('field_empty_rate_rise', 'vendorName', 10, 1440),
  ('field_correction_rate_rise', 'totalMinor', 10, 1440),
  ('stp_below', NULL, 50, 1440),
  ('failures_per_hour_above', NULL, 5, 60),
  ('model_error_rate_above', NULL, 20, 60),
  ('backlog_age_above', NULL, 48, 60),
  ('eval_accuracy_drop', NULL, 5, 60);
