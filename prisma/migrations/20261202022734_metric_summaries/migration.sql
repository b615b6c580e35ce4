-- CreateTable
CREATE TABLE "MetricDelta" (
    "id" BIGSERIAL NOT NULL,
    "series" TEXT NOT NULL,
    "labels" JSONB NOT NULL,
    "delta" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "MetricDelta_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MetricCounter" (
    "series" TEXT NOT NULL,
    "labelKey" TEXT NOT NULL,
    "labels" JSONB NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "MetricCounter_pkey" PRIMARY KEY ("series","labelKey")
);

-- Devices by compliance state, commands by platform/type/status and command delivery latency are maintained here
-- by triggers, whichever code changes the rows, so /metrics reads a handful of summary rows instead of scanning.
CREATE FUNCTION metric_delta_compliance() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    IF TG_OP = 'DELETE' OR OLD.state IS DISTINCT FROM NEW.state OR OLD.platform IS DISTINCT FROM NEW.platform THEN
      INSERT INTO "MetricDelta" ("series", "labels", "delta")
      VALUES ('devices_by_compliance_state', jsonb_build_object('platform', OLD.platform::text, 'state', OLD.state::text), -1);
    ELSE
      RETURN NULL;
    END IF;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO "MetricDelta" ("series", "labels", "delta")
    VALUES ('devices_by_compliance_state', jsonb_build_object('platform', NEW.platform::text, 'state', NEW.state::text), 1);
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER device_compliance_metric
  AFTER INSERT OR UPDATE OF state, platform OR DELETE ON "DeviceCompliance"
  FOR EACH ROW EXECUTE FUNCTION metric_delta_compliance();

CREATE FUNCTION metric_delta_command() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  device_platform text;
  latency double precision;
  bucket double precision;
BEGIN
  SELECT d.platform::text INTO device_platform FROM "Device" d WHERE d.id = COALESCE(NEW."deviceId", OLD."deviceId");
  -- Commands deleted with their device (cascade): metric_delta_device_deleted already counted them out.
  IF device_platform IS NULL THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    IF TG_OP = 'DELETE' OR OLD.status IS DISTINCT FROM NEW.status THEN
      INSERT INTO "MetricDelta" ("series", "labels", "delta")
      VALUES ('commands_by_status', jsonb_build_object('platform', device_platform, 'request_type', OLD."requestType", 'status', OLD.status::text), -1);
    ELSE
      RETURN NULL;
    END IF;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO "MetricDelta" ("series", "labels", "delta")
    VALUES ('commands_by_status', jsonb_build_object('platform', device_platform, 'request_type', NEW."requestType", 'status', NEW.status::text), 1);
    -- Delivery latency, from queueing (after any approval) to the device's acknowledgement: one histogram
    -- observation, stored against the smallest bucket bound that holds it (made cumulative when scraped).
    IF NEW.status = 'ACKNOWLEDGED' AND (TG_OP = 'INSERT' OR OLD.status IS DISTINCT FROM NEW.status) AND NEW."acknowledgedAt" IS NOT NULL THEN
      latency := GREATEST(0, EXTRACT(EPOCH FROM NEW."acknowledgedAt" - COALESCE(NEW."queuedAt", NEW."requestedAt")));
      SELECT min(b) INTO bucket FROM unnest(ARRAY[1, 5, 15, 60, 300, 900, 3600, 21600, 86400]::double precision[]) b WHERE latency <= b;
      INSERT INTO "MetricDelta" ("series", "labels", "delta") VALUES
        ('command_delivery_seconds_bucket', jsonb_build_object('platform', device_platform, 'le', COALESCE(bucket::text, '+Inf')), 1),
        ('command_delivery_seconds_sum', jsonb_build_object('platform', device_platform), latency);
    END IF;
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER command_metric
  AFTER INSERT OR UPDATE OF status OR DELETE ON "Command"
  FOR EACH ROW EXECUTE FUNCTION metric_delta_command();

-- A device's commands are cascade-deleted after the device row is gone, when their platform can no longer be read:
-- count them out here, before the device goes.
CREATE FUNCTION metric_delta_device_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "MetricDelta" ("series", "labels", "delta")
  SELECT 'commands_by_status', jsonb_build_object('platform', OLD.platform::text, 'request_type', c."requestType", 'status', c.status::text), -count(*)
  FROM "Command" c WHERE c."deviceId" = OLD.id
  GROUP BY c."requestType", c.status;
  RETURN OLD;
END;
$$;

CREATE TRIGGER device_deleted_command_metric
  BEFORE DELETE ON "Device"
  FOR EACH ROW EXECUTE FUNCTION metric_delta_device_deleted();

-- Rows that existed before this migration.
INSERT INTO "MetricCounter" ("series", "labelKey", "labels", "value")
SELECT 'devices_by_compliance_state', l::text, l, n FROM (
  SELECT jsonb_build_object('platform', platform::text, 'state', state::text) AS l, count(*) AS n
  FROM "DeviceCompliance" GROUP BY platform, state
) s;
INSERT INTO "MetricCounter" ("series", "labelKey", "labels", "value")
SELECT 'commands_by_status', l::text, l, n FROM (
  SELECT jsonb_build_object('platform', d.platform::text, 'request_type', c."requestType", 'status', c.status::text) AS l, count(*) AS n
  FROM "Command" c JOIN "Device" d ON d.id = c."deviceId" GROUP BY 1
) s;
