-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "sealedAt" TIMESTAMP(3),
ADD COLUMN     "seq" BIGINT,
ADD COLUMN     "xid" BIGINT NOT NULL DEFAULT (pg_current_xact_id())::text::bigint;

-- CreateTable
CREATE TABLE "AuditCheckpoint" (
    "id" BIGSERIAL NOT NULL,
    "count" BIGINT NOT NULL,
    "headHash" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "keyId" TEXT NOT NULL,
    "signature" TEXT NOT NULL,

    CONSTRAINT "AuditCheckpoint_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AuditCheckpoint_at_idx" ON "AuditCheckpoint"("at");

-- CreateIndex
CREATE UNIQUE INDEX "AuditEvent_seq_key" ON "AuditEvent"("seq");


-- ============================================================================================================
-- Audit chain: tamper protection. ALL trigger logic guarding "AuditEvent" and "AuditCheckpoint" lives in this
-- migration. A later procedure (e.g. archiving old events) should change these functions in a new migration that
-- replaces them whole (CREATE OR REPLACE), so the rules stay readable in one place.
--
-- Writers only INSERT events, unsealed (seq, prevHash, hash, sealedAt all NULL); the database stamps each with the
-- id of the inserting transaction (xid). One sealer (src/storage/audit-sealer.ts) later links events into the hash
-- chain, batch by batch, through audit_seal(). The only UPDATE allowed is that one transition, unsealed -> sealed,
-- touching only the sealing columns, and only as the next link after the current head of the chain, so even the
-- sealer cannot fork or re-order the chain. Sealed events can never change; no event can be deleted or truncated.
-- A database superuser who disables these triggers is still caught by GET /v1/audit/verify (hash chain) and by the
-- signed checkpoints held outside the database.
-- ============================================================================================================

-- Events chained before this migration were linked in id order under a global lock: give them their positions.
-- (The old trigger forbids UPDATE; it is replaced below, inside this same transaction.)
DROP TRIGGER audit_event_no_update_delete ON "AuditEvent";
UPDATE "AuditEvent" AS e SET "seq" = n.seq, "sealedAt" = e."at"
  FROM (SELECT "id", row_number() OVER (ORDER BY "id") AS seq FROM "AuditEvent" WHERE "hash" IS NOT NULL) AS n
 WHERE e."id" = n."id";

CREATE FUNCTION audit_event_guard() RETURNS trigger LANGUAGE plpgsql AS $$
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
    RAISE EXCEPTION 'AuditEvent is append-only: DELETE is not allowed' USING ERRCODE = 'insufficient_privilege';
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
  -- The new link must extend the head: next position, previous hash = head's hash (genesis: 64 zeros). Rows updated
  -- earlier in the same statement are visible here, so audit_seal() may seal a whole batch in order.
  SELECT "seq", "hash" INTO head_seq, head_hash FROM "AuditEvent" WHERE "seq" IS NOT NULL ORDER BY "seq" DESC LIMIT 1;
  IF NEW."seq" <> coalesce(head_seq, 0) + 1 OR NEW."prevHash" <> coalesce(head_hash, repeat('0', 64)) THEN
    RAISE EXCEPTION 'AuditEvent is append-only: event % must be sealed as position % after hash %', NEW."id", coalesce(head_seq, 0) + 1, coalesce(head_hash, repeat('0', 64))
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER audit_event_guard
  BEFORE INSERT OR UPDATE OR DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION audit_event_guard();
-- audit_event_no_truncate (from the operations migration) stays: TRUNCATE fires no row triggers.

-- Seals a batch in one round trip, in the given order: positions first_seq, first_seq + 1, ... The hashes are
-- computed by the sealer (canonical JSON in the application); the trigger above checks every link.
CREATE FUNCTION audit_seal(ids bigint[], prev_hashes text[], hashes text[], first_seq bigint) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  i integer;
BEGIN
  FOR i IN 1 .. coalesce(array_length(ids, 1), 0) LOOP
    UPDATE "AuditEvent" SET "seq" = first_seq + i - 1, "prevHash" = prev_hashes[i], "hash" = hashes[i], "sealedAt" = now()
     WHERE "id" = ids[i] AND "seq" IS NULL;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'audit_seal: event % is missing or already sealed', ids[i] USING ERRCODE = 'serialization_failure';
    END IF;
  END LOOP;
  RETURN coalesce(array_length(ids, 1), 0);
END;
$$;

-- Checkpoints are statements already signed and handed out: never edited or removed.
CREATE FUNCTION audit_checkpoint_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'AuditCheckpoint is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_checkpoint_no_update_delete
  BEFORE UPDATE OR DELETE ON "AuditCheckpoint"
  FOR EACH ROW EXECUTE FUNCTION audit_checkpoint_append_only();

CREATE TRIGGER audit_checkpoint_no_truncate
  BEFORE TRUNCATE ON "AuditCheckpoint"
  FOR EACH STATEMENT EXECUTE FUNCTION audit_checkpoint_append_only();
