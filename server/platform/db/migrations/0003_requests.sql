CREATE TABLE "request_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"sequence" bigint GENERATED ALWAYS AS IDENTITY (sequence name "request_events_sequence_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tenant_id" uuid NOT NULL,
	"request_id" uuid NOT NULL,
	"type" text NOT NULL,
	"actor_id" uuid,
	"actor_kind" text NOT NULL,
	"visibility" text NOT NULL,
	"body" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "request_events_actor_kind_check" CHECK (actor_kind IN ('citizen', 'agent', 'system')),
	CONSTRAINT "request_events_visibility_check" CHECK (visibility IN ('public', 'internal'))
);
--> statement-breakpoint
CREATE TABLE "request_reference_counters" (
	"tenant_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"last_value" bigint NOT NULL,
	CONSTRAINT "request_reference_counters_tenant_id_year_pk" PRIMARY KEY("tenant_id","year"),
	CONSTRAINT "request_reference_counters_year_check" CHECK (year BETWEEN 1000 AND 9999),
	CONSTRAINT "request_reference_counters_last_value_check" CHECK (last_value >= 1)
);
--> statement-breakpoint
CREATE TABLE "requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"reference" text NOT NULL,
	"tracking_code" text NOT NULL,
	"channel" text NOT NULL,
	"category_id" uuid,
	"department_id" uuid,
	"assignee_id" uuid,
	"priority" text DEFAULT 'normal' NOT NULL,
	"status" text DEFAULT 'received' NOT NULL,
	"subject" text NOT NULL,
	"description" text NOT NULL,
	"location_address" text,
	"latitude" double precision,
	"longitude" double precision,
	"citizen_id" uuid,
	"contact" jsonb,
	"search_extra" text DEFAULT '' NOT NULL,
	"due_at" timestamp with time zone,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"qualified_at" timestamp with time zone,
	"treatment_started_at" timestamp with time zone,
	"answered_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"overdue_marked_at" timestamp with time zone,
	"duplicate_of_id" uuid,
	"rejection_reason" text,
	"satisfaction_rating" smallint,
	"satisfaction_comment" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"search_vector" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('french_unaccent'::regconfig, coalesce(reference, '')), 'A') || setweight(to_tsvector('french_unaccent'::regconfig, coalesce(subject, '')), 'A') || setweight(to_tsvector('french_unaccent'::regconfig, coalesce(description, '')), 'B') || setweight(to_tsvector('french_unaccent'::regconfig, coalesce(contact ->> 'name', '') || ' ' || coalesce(contact ->> 'email', '') || ' ' || coalesce(search_extra, '')), 'C')) STORED NOT NULL,
	CONSTRAINT "requests_channel_check" CHECK (channel IN ('web', 'email', 'sms', 'phone', 'counter', 'letter', 'api')),
	CONSTRAINT "requests_priority_check" CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
	CONSTRAINT "requests_status_check" CHECK (status IN ('received', 'qualified', 'in_progress', 'waiting_citizen', 'awaiting_approval', 'answered', 'closed', 'rejected', 'duplicate', 'cancelled')),
	CONSTRAINT "requests_description_length_check" CHECK (char_length(description) <= 10000),
	CONSTRAINT "requests_latitude_check" CHECK (latitude IS NULL OR latitude BETWEEN -90 AND 90),
	CONSTRAINT "requests_longitude_check" CHECK (longitude IS NULL OR longitude BETWEEN -180 AND 180),
	CONSTRAINT "requests_coordinates_pair_check" CHECK ((latitude IS NULL) = (longitude IS NULL)),
	CONSTRAINT "requests_satisfaction_rating_check" CHECK (satisfaction_rating IS NULL OR satisfaction_rating BETWEEN 1 AND 5),
	CONSTRAINT "requests_not_own_duplicate_check" CHECK (duplicate_of_id IS NULL OR duplicate_of_id <> id),
	CONSTRAINT "requests_version_check" CHECK (version >= 1)
);
--> statement-breakpoint
ALTER TABLE "request_events" ADD CONSTRAINT "request_events_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_events" ADD CONSTRAINT "request_events_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_events" ADD CONSTRAINT "request_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_reference_counters" ADD CONSTRAINT "request_reference_counters_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requests" ADD CONSTRAINT "requests_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requests" ADD CONSTRAINT "requests_category_id_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requests" ADD CONSTRAINT "requests_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requests" ADD CONSTRAINT "requests_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requests" ADD CONSTRAINT "requests_citizen_id_users_id_fk" FOREIGN KEY ("citizen_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requests" ADD CONSTRAINT "requests_duplicate_of_id_requests_id_fk" FOREIGN KEY ("duplicate_of_id") REFERENCES "public"."requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "request_events_request_created_idx" ON "request_events" USING btree ("request_id","created_at","sequence");--> statement-breakpoint
CREATE UNIQUE INDEX "requests_tenant_reference_key" ON "requests" USING btree ("tenant_id","reference");--> statement-breakpoint
CREATE UNIQUE INDEX "requests_tenant_tracking_code_key" ON "requests" USING btree ("tenant_id","tracking_code");--> statement-breakpoint
CREATE INDEX "requests_queue_idx" ON "requests" USING btree ("tenant_id","department_id","status","due_at");--> statement-breakpoint
CREATE INDEX "requests_tenant_citizen_idx" ON "requests" USING btree ("tenant_id","citizen_id");--> statement-breakpoint
CREATE INDEX "requests_tenant_status_received_idx" ON "requests" USING btree ("tenant_id","status","received_at");--> statement-breakpoint
CREATE INDEX "requests_tenant_assignee_status_idx" ON "requests" USING btree ("tenant_id","assignee_id","status");--> statement-breakpoint
CREATE INDEX "requests_search_vector_idx" ON "requests" USING gin ("search_vector");