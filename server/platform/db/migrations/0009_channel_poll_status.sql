ALTER TABLE "channel_settings" ADD COLUMN "poll_status" jsonb;--> statement-breakpoint
-- The IMAP poll status was kept in the settings' config until now: move it to its own column.
UPDATE "channel_settings" SET "poll_status" = "config" -> 'pollStatus', "config" = "config" - 'pollStatus' WHERE "config" -> 'pollStatus' IS NOT NULL;
