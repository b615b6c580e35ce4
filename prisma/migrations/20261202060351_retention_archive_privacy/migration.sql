-- AlterTable
ALTER TABLE "Device" ADD COLUMN     "personalDataRemovedAt" TIMESTAMP(3),
ADD COLUMN     "unenrolledAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "AuditArchive" (
    "id" BIGSERIAL NOT NULL,
    "firstSeq" BIGINT NOT NULL,
    "lastSeq" BIGINT NOT NULL,
    "firstPrevHash" TEXT NOT NULL,
    "lastHash" TEXT NOT NULL,
    "checkpointId" BIGINT NOT NULL,
    "exportSha256" TEXT NOT NULL,
    "archivedById" UUID NOT NULL,
    "archivedAt" TIMESTAMP(3) NOT NULL,
    "xid" BIGINT NOT NULL DEFAULT (pg_current_xact_id())::text::bigint,

    CONSTRAINT "AuditArchive_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "AuditArchive_lastSeq_key" ON "AuditArchive"("lastSeq");

-- CreateIndex
CREATE INDEX "Device_ownership_unenrolledAt_idx" ON "Device"("ownership", "unenrolledAt");


-- ============================================================================================================
-- Personal-device privacy: when a device leaves management (UNENROLLED or WIPED) the database stamps the time,
-- whichever code path changed the status, so retention can remove a personal device's data a set time later.
-- ============================================================================================================
CREATE FUNCTION device_unenrolled_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."status" IN ('UNENROLLED', 'WIPED') THEN
    IF TG_OP = 'INSERT' OR OLD."status" NOT IN ('UNENROLLED', 'WIPED') THEN
      NEW."unenrolledAt" := coalesce(NEW."unenrolledAt", now() AT TIME ZONE 'UTC');
    END IF;
  ELSE
    NEW."unenrolledAt" := NULL;
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER device_unenrolled_at
  BEFORE INSERT OR UPDATE OF "status" ON "Device"
  FOR EACH ROW EXECUTE FUNCTION device_unenrolled_at();

-- Devices that left before this migration: the time of their last status event (or their last update).
UPDATE "Device" AS d SET "unenrolledAt" = coalesce(
    (SELECT max(e."at") FROM "DeviceStatusEvent" e WHERE e."deviceId" = d."id" AND e."toStatus" = d."status"), d."updatedAt")
 WHERE d."status" IN ('UNENROLLED', 'WIPED');


-- ============================================================================================================
-- Audit archival. Replaces audit_event_guard (from *_audit_sealer) whole, as that migration asks, and adds the one
-- way to remove sealed events: audit_archive_segment(), which in one transaction
--   1. inserts an "AuditArchive" boundary row for the OLDEST sealed segment: from the first remaining position up to
--      the oldest signed checkpoint after it (the row's own trigger checks every one of these facts), then
--   2. deletes exactly that segment's events, which the guard allows only for the boundary row inserted by this
--      same transaction and named in the transaction-local setting mdm.audit_archive, then
--   3. records an "audit.archived" event, which the sealer links into the remaining chain.
-- Boundary rows are never changed or removed: GET /v1/audit/verify starts from the newest one (its lastHash is the
-- next event's prevHash, and equals the signed checkpoint's headHash at that position). Any other DELETE of an
-- event, sealed or not, is still refused; TRUNCATE stays refused (audit_event_no_truncate).
-- ============================================================================================================

CREATE OR REPLACE FUNCTION audit_event_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  head_seq bigint;
  head_hash text;
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NEW."seq" IS NOT NULL OR NEW."hash" IS NOT NULL OR NEW."prevHash" IS NOT NULL OR NEW."sealedAt" IS NOT NULL THEN
      RAISE EXCEPTION 'AuditEvent is append-only: events are inserted unsealed' USING ERRCODE = 'insufficient_privilege';
    END IF;
    -- Not trusted from the writer: a forged xid could hold sealing back or let an event skip ahead.
    NEW."xid" := pg_current_xact_id()::text::bigint;
    RETURN NEW;
  END IF;
  IF TG_OP = 'DELETE' THEN
    IF OLD."seq" IS NOT NULL AND EXISTS (
         SELECT 1 FROM "AuditArchive" a
          WHERE a."id"::text = current_setting('mdm.audit_archive', true)
            AND a."xid" = pg_current_xact_id()::text::bigint
            AND OLD."seq" BETWEEN a."firstSeq" AND a."lastSeq") THEN
      RETURN OLD; -- part of the segment audit_archive_segment() is archiving in this transaction
    END IF;
    RAISE EXCEPTION 'AuditEvent is append-only: DELETE is not allowed (archive old events with audit_archive_segment)' USING ERRCODE = 'insufficient_privilege';
  END IF;
  -- UPDATE: exactly unsealed -> sealed, and nothing but the sealing columns.
  IF OLD."seq" IS NOT NULL THEN
    RAISE EXCEPTION 'AuditEvent is append-only: sealed event % cannot change', OLD."id" USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NEW."seq" IS NULL OR NEW."hash" IS NULL OR NEW."prevHash" IS NULL OR NEW."sealedAt" IS NULL THEN
    RAISE EXCEPTION 'AuditEvent is append-only: an unsealed event may only be sealed' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF (NEW."id", NEW."at", NEW."actorType", NEW."actorId", NEW."action", NEW."targetType", NEW."targetId", NEW."ip", NEW."details", NEW."xid")
     IS DISTINCT FROM
     (OLD."id", OLD."at", OLD."actorType", OLD."actorId", OLD."action", OLD."targetType", OLD."targetId", OLD."ip", OLD."details", OLD."xid") THEN
    RAISE EXCEPTION 'AuditEvent is append-only: sealing may not change the event itself' USING ERRCODE = 'insufficient_privilege';
  END IF;
  -- The new link must extend the head: next position, previous hash = head's hash. When every sealed event has
  -- been archived the head is the newest archive boundary; with neither, the genesis (position 0, 64 zeros).
  SELECT "seq", "hash" INTO head_seq, head_hash FROM "AuditEvent" WHERE "seq" IS NOT NULL ORDER BY "seq" DESC LIMIT 1;
  IF head_seq IS NULL THEN
    SELECT "lastSeq", "lastHash" INTO head_seq, head_hash FROM "AuditArchive" ORDER BY "lastSeq" DESC LIMIT 1;
  END IF;
  IF NEW."seq" <> coalesce(head_seq, 0) + 1 OR NEW."prevHash" <> coalesce(head_hash, repeat('0', 64)) THEN
    RAISE EXCEPTION 'AuditEvent is append-only: event % must be sealed as position % after hash %', NEW."id", coalesce(head_seq, 0) + 1, coalesce(head_hash, repeat('0', 64))
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;

-- A boundary row must describe the oldest sealed segment exactly, so even a hand-written INSERT can only ever
-- state the truth about the chain it cuts.
CREATE FUNCTION audit_archive_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  prev_seq bigint;
  prev_hash text;
  first_event "AuditEvent"%ROWTYPE;
  last_event "AuditEvent"%ROWTYPE;
  present bigint;
BEGIN
  IF TG_OP <> 'INSERT' THEN
    RAISE EXCEPTION 'AuditArchive is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
  END IF;
  SELECT "lastSeq", "lastHash" INTO prev_seq, prev_hash FROM "AuditArchive" ORDER BY "lastSeq" DESC LIMIT 1;
  prev_seq := coalesce(prev_seq, 0);
  prev_hash := coalesce(prev_hash, repeat('0', 64));
  NEW."xid" := pg_current_xact_id()::text::bigint;
  IF NEW."firstSeq" <> prev_seq + 1 OR NEW."firstPrevHash" <> prev_hash OR NEW."lastSeq" < NEW."firstSeq" THEN
    RAISE EXCEPTION 'AuditArchive: the segment must start at position % after hash %', prev_seq + 1, prev_hash USING ERRCODE = 'insufficient_privilege';
  END IF;
  -- It ends at the oldest signed checkpoint after the previous boundary, with that checkpoint's head hash.
  IF NOT EXISTS (SELECT 1 FROM "AuditCheckpoint" c WHERE c."id" = NEW."checkpointId" AND c."count" = NEW."lastSeq" AND c."headHash" = NEW."lastHash")
     OR EXISTS (SELECT 1 FROM "AuditCheckpoint" c WHERE c."count" >= NEW."firstSeq" AND c."count" < NEW."lastSeq") THEN
    RAISE EXCEPTION 'AuditArchive: the segment must end at the oldest signed checkpoint after position %', prev_seq USING ERRCODE = 'insufficient_privilege';
  END IF;
  SELECT * INTO first_event FROM "AuditEvent" WHERE "seq" = NEW."firstSeq";
  SELECT * INTO last_event FROM "AuditEvent" WHERE "seq" = NEW."lastSeq";
  SELECT count(*) INTO present FROM "AuditEvent" WHERE "seq" BETWEEN NEW."firstSeq" AND NEW."lastSeq";
  IF first_event."id" IS NULL OR last_event."id" IS NULL OR first_event."prevHash" <> NEW."firstPrevHash" OR last_event."hash" <> NEW."lastHash"
     OR present <> NEW."lastSeq" - NEW."firstSeq" + 1 THEN
    RAISE EXCEPTION 'AuditArchive: the chain does not hold positions %..% as described', NEW."firstSeq", NEW."lastSeq" USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER audit_archive_guard
  BEFORE INSERT OR UPDATE OR DELETE ON "AuditArchive"
  FOR EACH ROW EXECUTE FUNCTION audit_archive_guard();

CREATE TRIGGER audit_archive_no_truncate
  BEFORE TRUNCATE ON "AuditArchive"
  FOR EACH STATEMENT EXECUTE FUNCTION audit_checkpoint_append_only();

-- The archival procedure (see above). Serialised with the sealer on its advisory lock ("mdm" "seal"), so the head
-- never moves under it. Returns the boundary row's id and how many events were removed.
CREATE FUNCTION audit_archive_segment(
  p_last_seq bigint, p_last_hash text, p_export_sha256 text, p_actor_id uuid, p_ip text, p_at timestamp(3), p_details jsonb,
  OUT archive_id bigint, OUT removed bigint
) LANGUAGE plpgsql AS $$
DECLARE
  boundary "AuditArchive"%ROWTYPE;
  checkpoint_id bigint;
  first_seq bigint;
  first_prev text;
BEGIN
  PERFORM pg_advisory_xact_lock(30791193711698284);
  SELECT coalesce(max("lastSeq"), 0) + 1 INTO first_seq FROM "AuditArchive";
  SELECT "prevHash" INTO first_prev FROM "AuditEvent" WHERE "seq" = first_seq;
  SELECT "id" INTO checkpoint_id FROM "AuditCheckpoint" WHERE "count" = p_last_seq AND "headHash" = p_last_hash ORDER BY "id" LIMIT 1;
  INSERT INTO "AuditArchive" ("firstSeq", "lastSeq", "firstPrevHash", "lastHash", "checkpointId", "exportSha256", "archivedById", "archivedAt")
  VALUES (first_seq, p_last_seq, coalesce(first_prev, ''), p_last_hash, coalesce(checkpoint_id, 0), p_export_sha256, p_actor_id, p_at)
  RETURNING * INTO boundary;
  PERFORM set_config('mdm.audit_archive', boundary."id"::text, true);
  DELETE FROM "AuditEvent" WHERE "seq" BETWEEN boundary."firstSeq" AND boundary."lastSeq";
  GET DIAGNOSTICS removed = ROW_COUNT;
  PERFORM set_config('mdm.audit_archive', '', true);
  INSERT INTO "AuditEvent" ("at", "actorType", "actorId", "action", "targetType", "targetId", "ip", "details")
  VALUES (p_at, 'user', p_actor_id::text, 'audit.archived', 'audit', boundary."id"::text, p_ip,
          p_details || jsonb_build_object('firstPosition', boundary."firstSeq"::text, 'lastPosition', boundary."lastSeq"::text,
                                          'firstPrevHash', boundary."firstPrevHash", 'lastHash', boundary."lastHash",
                                          'checkpointId', boundary."checkpointId"::text, 'exportSha256', p_export_sha256, 'removed', removed));
  archive_id := boundary."id";
END;
$$;
