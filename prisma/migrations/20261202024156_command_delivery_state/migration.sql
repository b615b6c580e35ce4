-- AlterEnum
ALTER TYPE "CommandStatus" ADD VALUE 'EXPIRED';

-- AlterTable
ALTER TABLE "Command" DROP COLUMN "leaseUntil",
ADD COLUMN     "expiredAt" TIMESTAMP(3),
ADD COLUMN     "expiresAt" TIMESTAMP(3),
ADD COLUMN     "nextPushAt" TIMESTAMP(3),
ADD COLUMN     "pushes" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "Command_status_nextPushAt_idx" ON "Command"("status", "nextPushAt");

-- Commands already waiting are due a wake-up now and get the default deadline (7 days from when they were queued).
UPDATE "Command" SET "nextPushAt" = now(), "expiresAt" = COALESCE("queuedAt", "requestedAt") + interval '7 days' WHERE "status" = 'QUEUED';
