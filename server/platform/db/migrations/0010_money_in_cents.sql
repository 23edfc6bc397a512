-- Money in integer cents: the float euro columns become integer cent columns, and each town's
-- unit costs in its settings document move from `unitCosts` (euros) to `unitCostsCents`.
-- Euros go through numeric before the multiplication: float8 → numeric keeps 15 significant
-- digits (2.7 stays 2.7, 0.15000000000000002 becomes 0.15), and numeric rounds half away from zero.
ALTER TABLE "contact_records" ADD COLUMN "unit_cost_cents" integer;--> statement-breakpoint
ALTER TABLE "outbound_messages" ADD COLUMN "cost_cents" integer;--> statement-breakpoint
UPDATE "contact_records" SET "unit_cost_cents" = round("unit_cost"::numeric * 100)::integer WHERE "unit_cost" IS NOT NULL;--> statement-breakpoint
UPDATE "outbound_messages" SET "cost_cents" = round("cost"::numeric * 100)::integer WHERE "cost" IS NOT NULL;--> statement-breakpoint
UPDATE "tenants" SET "settings" = ("settings" - 'unitCosts') || jsonb_build_object(
  'unitCostsCents',
  coalesce(
    (SELECT jsonb_object_agg("channel", round(("euros" #>> '{}')::numeric * 100)::integer)
      FROM jsonb_each("settings" -> 'unitCosts') AS "unit_costs" ("channel", "euros")
      WHERE jsonb_typeof("euros") = 'number'),
    '{}'::jsonb
  ) || coalesce("settings" -> 'unitCostsCents', '{}'::jsonb)
) WHERE jsonb_typeof("settings" -> 'unitCosts') = 'object';--> statement-breakpoint
UPDATE "tenants" SET "settings" = "settings" - 'unitCosts' WHERE "settings" ? 'unitCosts';--> statement-breakpoint
ALTER TABLE "contact_records" DROP COLUMN "unit_cost";--> statement-breakpoint
ALTER TABLE "outbound_messages" DROP COLUMN "cost";
