-- CreateEnum
CREATE TYPE "EmailStatus" AS ENUM ('PENDING', 'QUEUED', 'SENT', 'DIGESTED', 'FAILED', 'SKIPPED');

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "locale" TEXT NOT NULL DEFAULT 'en';

-- CreateTable
CREATE TABLE "EmailDelivery" (
    "id" UUID NOT NULL,
    "userId" UUID,
    "toAddress" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "sourceTable" TEXT,
    "sourceId" UUID,
    "digest" BOOLEAN NOT NULL DEFAULT false,
    "digestId" UUID,
    "status" "EmailStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "lastErrorCode" INTEGER,
    "messageId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),
    "failedAt" TIMESTAMP(3),

    CONSTRAINT "EmailDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "EmailDelivery_status_digest_createdAt_idx" ON "EmailDelivery"("status", "digest", "createdAt");

-- CreateIndex
CREATE INDEX "EmailDelivery_userId_kind_sentAt_idx" ON "EmailDelivery"("userId", "kind", "sentAt");

-- CreateIndex
CREATE INDEX "EmailDelivery_createdAt_idx" ON "EmailDelivery"("createdAt");

-- Outbox: every notification written (whichever code writes it) gets its e-mails in the same transaction, one per
-- recipient, so none is lost or sent for a notification that rolled back. The worker sends them.
CREATE FUNCTION email_from_notification() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "EmailDelivery" ("id", "userId", "toAddress", "kind", "subject", "body", "sourceTable", "sourceId", "digest")
  SELECT gen_random_uuid(), u.id, u.email, NEW.kind, NEW.subject, NEW.body, 'Notification', NEW.id, false
  FROM "User" u
  WHERE u."disabledAt" IS NULL
    AND ((NEW."userId" IS NOT NULL AND u.id = NEW."userId") OR (NEW."userId" IS NULL AND u.role::text = NEW.audience));
  RETURN NULL;
END;
$$;

CREATE TRIGGER notification_email_outbox
  AFTER INSERT ON "Notification"
  FOR EACH ROW EXECUTE FUNCTION email_from_notification();

-- Team notifications to managers go into their periodic digest instead of one e-mail per device.
CREATE FUNCTION email_from_compliance_notification() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "EmailDelivery" ("id", "userId", "toAddress", "kind", "subject", "body", "sourceTable", "sourceId", "digest")
  SELECT gen_random_uuid(), u.id, u.email, NEW.kind, NEW.subject, NEW.body, 'ComplianceNotification', NEW.id, NEW.kind LIKE 'TEAM\_%'
  FROM "User" u
  WHERE u.id = NEW."recipientUserId" AND u."disabledAt" IS NULL;
  RETURN NULL;
END;
$$;

CREATE TRIGGER compliance_notification_email_outbox
  AFTER INSERT ON "ComplianceNotification"
  FOR EACH ROW EXECUTE FUNCTION email_from_compliance_notification();
