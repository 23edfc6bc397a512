CREATE TABLE "town_versions" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"version" bigint NOT NULL
);
--> statement-breakpoint
-- Hand-written: what the town caches hold gets a new version in the transaction that changes it
-- (platform/db/town-cache.ts). A sequence, never rolled back, so no version is ever reused.
CREATE SEQUENCE "town_version_seq";
--> statement-breakpoint
CREATE FUNCTION "bump_town_version"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  town uuid;
BEGIN
  IF TG_TABLE_NAME = 'tenants' THEN
    town := CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END;
  ELSE
    town := CASE WHEN TG_OP = 'DELETE' THEN OLD.tenant_id ELSE NEW.tenant_id END;
  END IF;
  INSERT INTO town_versions (tenant_id, version) VALUES (town, nextval('town_version_seq'))
    ON CONFLICT (tenant_id) DO UPDATE SET version = EXCLUDED.version;
  -- A row moved to another town (never done, but possible in SQL) changes both.
  IF TG_OP = 'UPDATE' AND TG_TABLE_NAME <> 'tenants' THEN
    IF OLD.tenant_id IS DISTINCT FROM NEW.tenant_id THEN
      INSERT INTO town_versions (tenant_id, version) VALUES (OLD.tenant_id, nextval('town_version_seq'))
        ON CONFLICT (tenant_id) DO UPDATE SET version = EXCLUDED.version;
    END IF;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "tenants_town_version" AFTER INSERT OR UPDATE OR DELETE ON "tenants"
  FOR EACH ROW EXECUTE FUNCTION bump_town_version();
--> statement-breakpoint
CREATE TRIGGER "categories_town_version" AFTER INSERT OR UPDATE OR DELETE ON "categories"
  FOR EACH ROW EXECUTE FUNCTION bump_town_version();
--> statement-breakpoint
CREATE TRIGGER "departments_town_version" AFTER INSERT OR UPDATE OR DELETE ON "departments"
  FOR EACH ROW EXECUTE FUNCTION bump_town_version();
--> statement-breakpoint
CREATE TRIGGER "calendar_closures_town_version" AFTER INSERT OR UPDATE OR DELETE ON "calendar_closures"
  FOR EACH ROW EXECUTE FUNCTION bump_town_version();
--> statement-breakpoint
CREATE TRIGGER "message_templates_town_version" AFTER INSERT OR UPDATE OR DELETE ON "message_templates"
  FOR EACH ROW EXECUTE FUNCTION bump_town_version();
