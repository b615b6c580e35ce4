-- CreateTable
CREATE TABLE "DeviceStatusEvent" (
    "id" BIGSERIAL NOT NULL,
    "deviceId" UUID NOT NULL,
    "fromStatus" "DeviceStatus",
    "toStatus" "DeviceStatus" NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "publishedAt" TIMESTAMP(3),

    CONSTRAINT "DeviceStatusEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DeviceStatusEvent_publishedAt_id_idx" ON "DeviceStatusEvent"("publishedAt", "id");

-- Every status change lands in the outbox in the same transaction as the change, so no webhook is lost or
-- published for a change that rolled back, and platform code needs no knowledge of webhooks.
CREATE FUNCTION device_status_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' OR OLD.status IS DISTINCT FROM NEW.status THEN
    INSERT INTO "DeviceStatusEvent" ("deviceId", "fromStatus", "toStatus")
    VALUES (NEW.id, CASE WHEN TG_OP = 'INSERT' THEN NULL ELSE OLD.status END, NEW.status);
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER device_status_outbox
  AFTER INSERT OR UPDATE OF status ON "Device"
  FOR EACH ROW EXECUTE FUNCTION device_status_event();
