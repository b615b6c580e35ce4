-- CreateEnum
CREATE TYPE "AppleManagedProfileState" AS ENUM ('INSTALLING', 'INSTALLED', 'VERIFIED', 'REFUSED', 'REMOVING');

-- AlterTable
ALTER TABLE "ComplianceNotification" ADD COLUMN     "episodeStartedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "AppleManagedProfile" (
    "deviceId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "identifier" TEXT NOT NULL,
    "payloadUuid" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    "settings" JSONB NOT NULL,
    "state" "AppleManagedProfileState" NOT NULL,
    "commandId" UUID,
    "error" JSONB,
    "installedAt" TIMESTAMP(3),
    "verifiedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AppleManagedProfile_pkey" PRIMARY KEY ("deviceId","kind")
);

-- CreateIndex
CREATE INDEX "AppleManagedProfile_commandId_idx" ON "AppleManagedProfile"("commandId");

-- CreateIndex
CREATE UNIQUE INDEX "ComplianceNotification_deviceId_recipientUserId_kind_episod_key" ON "ComplianceNotification"("deviceId", "recipientUserId", "kind", "episodeStartedAt");

-- AddForeignKey
ALTER TABLE "AppleManagedProfile" ADD CONSTRAINT "AppleManagedProfile_deviceId_fkey" FOREIGN KEY ("deviceId") REFERENCES "Device"("id") ON DELETE CASCADE ON UPDATE CASCADE;
