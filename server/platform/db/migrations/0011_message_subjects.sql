ALTER TABLE "inbound_messages" DROP CONSTRAINT "inbound_messages_request_id_requests_id_fk";
--> statement-breakpoint
ALTER TABLE "outbound_messages" DROP CONSTRAINT "outbound_messages_request_id_requests_id_fk";
--> statement-breakpoint
ALTER TABLE "portal_notifications" DROP CONSTRAINT "portal_notifications_request_id_requests_id_fk";
--> statement-breakpoint
DROP INDEX "outbound_messages_request_idx";--> statement-breakpoint
ALTER TABLE "inbound_messages" ADD COLUMN "subject_type" text;--> statement-breakpoint
ALTER TABLE "inbound_messages" ADD COLUMN "subject_id" uuid;--> statement-breakpoint
ALTER TABLE "outbound_messages" ADD COLUMN "subject_type" text;--> statement-breakpoint
ALTER TABLE "outbound_messages" ADD COLUMN "subject_id" uuid;--> statement-breakpoint
ALTER TABLE "portal_notifications" ADD COLUMN "subject_type" text;--> statement-breakpoint
ALTER TABLE "portal_notifications" ADD COLUMN "subject_id" uuid;--> statement-breakpoint
CREATE INDEX "outbound_messages_subject_idx" ON "outbound_messages" USING btree ("tenant_id","subject_type","subject_id","queued_at");--> statement-breakpoint
-- Messages, notifications and inbound items now point to a generic subject (type + id): the
-- request they were about moves there, and account mails (no request) point to the account.
UPDATE "inbound_messages" SET "subject_type" = 'request', "subject_id" = "request_id" WHERE "request_id" IS NOT NULL;--> statement-breakpoint
UPDATE "outbound_messages" SET "subject_type" = 'request', "subject_id" = "request_id" WHERE "request_id" IS NOT NULL;--> statement-breakpoint
UPDATE "outbound_messages" SET "subject_type" = 'account', "subject_id" = "recipient_user_id" WHERE "request_id" IS NULL AND "recipient_user_id" IS NOT NULL AND "template_key" LIKE 'account\_%';--> statement-breakpoint
UPDATE "portal_notifications" SET "subject_type" = 'request', "subject_id" = "request_id" WHERE "request_id" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "inbound_messages" DROP COLUMN "request_id";--> statement-breakpoint
ALTER TABLE "outbound_messages" DROP COLUMN "request_id";--> statement-breakpoint
ALTER TABLE "portal_notifications" DROP COLUMN "request_id";--> statement-breakpoint
ALTER TABLE "inbound_messages" ADD CONSTRAINT "inbound_messages_subject_check" CHECK ((subject_type IS NULL) = (subject_id IS NULL));--> statement-breakpoint
ALTER TABLE "outbound_messages" ADD CONSTRAINT "outbound_messages_subject_check" CHECK ((subject_type IS NULL) = (subject_id IS NULL));--> statement-breakpoint
ALTER TABLE "portal_notifications" ADD CONSTRAINT "portal_notifications_subject_check" CHECK ((subject_type IS NULL) = (subject_id IS NULL));