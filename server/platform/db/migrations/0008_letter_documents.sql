ALTER TABLE "outbound_messages" ADD COLUMN "letter_pdf_key" text;--> statement-breakpoint
ALTER TABLE "outbound_messages" ADD COLUMN "letter_page_count" integer;--> statement-breakpoint
ALTER TABLE "outbound_messages" ADD COLUMN "letter_rendered_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "outbound_messages" ADD CONSTRAINT "outbound_messages_letter_page_count_check" CHECK (letter_page_count IS NULL OR letter_page_count > 0);--> statement-breakpoint
-- Data move: letters batched before this migration kept their rendered PDF as the first entry of
-- `attachments`, named `guichet-courrier-…` (the adapter put it first when it batched the letter).
-- It moves to the new columns; the real enclosures stay in `attachments`, in their order. Its page
-- count is unknown here: the application counts it from the PDF the first time it reads the
-- letter. Rendered at: the hand-over to the print batch, recorded as `sent_at` by the dispatcher.
UPDATE "outbound_messages"
SET "letter_pdf_key" = "attachments" -> 0 ->> 'storageKey',
	"letter_rendered_at" = coalesce("sent_at", "updated_at"),
	"attachments" = "attachments" - 0
WHERE "channel" = 'letter'
	AND "print_batch_id" IS NOT NULL
	AND "letter_pdf_key" IS NULL
	AND jsonb_typeof("attachments") = 'array'
	AND "attachments" -> 0 ->> 'fileName' LIKE 'guichet-courrier-%';
