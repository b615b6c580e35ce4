-- AlterEnum
ALTER TYPE "DeviceStatus" ADD VALUE 'RETIRING' AFTER 'ENROLLED';

-- CreateTable
CREATE TABLE "DeviceRetirement" (
    "deviceId" UUID NOT NULL,
    "requestedById" UUID NOT NULL,
    "requestedAt" TIMESTAMP(3) NOT NULL,
    "reason" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "commandId" UUID,
    "effect" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "outcome" TEXT,
    "finishedAt" TIMESTAMP(3),
    "confirmedAt" TIMESTAMP(3),
    "details" JSONB,

    CONSTRAINT "DeviceRetirement_pkey" PRIMARY KEY ("deviceId")
);

-- CreateTable
CREATE TABLE "IncidentFollowUpToken" (
    "id" UUID NOT NULL,
    "incidentId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "lastUsedAt" TIMESTAMP(3),

    CONSTRAINT "IncidentFollowUpToken_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "DeviceRetirement_commandId_key" ON "DeviceRetirement"("commandId");

-- CreateIndex
CREATE UNIQUE INDEX "IncidentFollowUpToken_tokenHash_key" ON "IncidentFollowUpToken"("tokenHash");

-- CreateIndex
CREATE INDEX "IncidentFollowUpToken_incidentId_idx" ON "IncidentFollowUpToken"("incidentId");

-- AddForeignKey
ALTER TABLE "DeviceRetirement" ADD CONSTRAINT "DeviceRetirement_deviceId_fkey" FOREIGN KEY ("deviceId") REFERENCES "Device"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentFollowUpToken" ADD CONSTRAINT "IncidentFollowUpToken_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;
