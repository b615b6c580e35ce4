-- AlterTable
ALTER TABLE "Command" ADD COLUMN     "expiryAlertedAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "Command_status_expiryAlertedAt_idx" ON "Command"("status", "expiryAlertedAt");

-- Commands that expired before this release were announced by webhook and audit already: no e-mail for them now.
UPDATE "Command" SET "expiryAlertedAt" = "expiredAt" WHERE "status" = 'EXPIRED';
