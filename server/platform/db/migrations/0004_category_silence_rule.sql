ALTER TABLE "categories" ADD COLUMN "silence_rule" text DEFAULT 'none' NOT NULL;--> statement-breakpoint
ALTER TABLE "categories" ADD COLUMN "silence_period_days" integer;--> statement-breakpoint
ALTER TABLE "categories" ADD CONSTRAINT "categories_silence_rule_check" CHECK ("categories"."silence_rule" in ('none', 'acceptance', 'rejection'));--> statement-breakpoint
ALTER TABLE "categories" ADD CONSTRAINT "categories_silence_period_days_check" CHECK ("categories"."silence_period_days" is null or "categories"."silence_period_days" between 1 and 365);