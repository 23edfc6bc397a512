ALTER TABLE "outbound_messages" ADD COLUMN "dispatch" jsonb;--> statement-breakpoint
ALTER TABLE "outbound_messages" ADD COLUMN "due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "outbound_messages" ADD COLUMN "lease_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "outbound_messages" ADD COLUMN "claimed_by_job" bigint;--> statement-breakpoint
CREATE INDEX "outbound_messages_dispatch_idx" ON "outbound_messages" USING btree ("tenant_id","due_at") WHERE status in ('queued', 'sending');