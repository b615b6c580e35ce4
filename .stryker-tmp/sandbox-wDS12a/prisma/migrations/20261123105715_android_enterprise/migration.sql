-- CreateTable
CREATE TABLE "AndroidDevice" (
    "deviceId" UUID NOT NULL,
    "amapiName" TEXT,
    "enrollmentTokenName" TEXT,
    "enrollmentTokenExpiresAt" TIMESTAMP(3),
    "managementMode" TEXT,
    "ownership" TEXT,
    "appliedState" TEXT,
    "policyName" TEXT,
    "appliedPolicyVersion" TEXT,
    "policyCompliant" BOOLEAN,
    "nonComplianceDetails" JSONB,
    "securityPosture" TEXT,
    "securityRisks" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "apiLevel" INTEGER,
    "lastStatusReportAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AndroidDevice_pkey" PRIMARY KEY ("deviceId")
);

-- CreateTable
CREATE TABLE "AndroidOperation" (
    "commandId" UUID NOT NULL,
    "operationName" TEXT,
    "claimedAt" TIMESTAMP(3) NOT NULL,
    "issuedAt" TIMESTAMP(3),
    "doneAt" TIMESTAMP(3),
    "lastPolledAt" TIMESTAMP(3),

    CONSTRAINT "AndroidOperation_pkey" PRIMARY KEY ("commandId")
);

-- CreateTable
CREATE TABLE "AndroidPubsubMessage" (
    "messageId" TEXT NOT NULL,
    "notificationType" TEXT NOT NULL,
    "publishTime" TIMESTAMP(3),
    "receivedAt" TIMESTAMP(3) NOT NULL,
    "outcome" TEXT NOT NULL,

    CONSTRAINT "AndroidPubsubMessage_pkey" PRIMARY KEY ("messageId")
);

-- CreateTable
CREATE TABLE "AndroidPolicy" (
    "name" TEXT NOT NULL,
    "ownership" "Ownership" NOT NULL,
    "version" TEXT,
    "maximumTimeToLockMs" INTEGER NOT NULL,
    "body" JSONB NOT NULL,
    "pushedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AndroidPolicy_pkey" PRIMARY KEY ("name")
);

-- CreateIndex
CREATE UNIQUE INDEX "AndroidDevice_amapiName_key" ON "AndroidDevice"("amapiName");

-- CreateIndex
CREATE UNIQUE INDEX "AndroidDevice_enrollmentTokenName_key" ON "AndroidDevice"("enrollmentTokenName");

-- CreateIndex
CREATE UNIQUE INDEX "AndroidOperation_operationName_key" ON "AndroidOperation"("operationName");

-- CreateIndex
CREATE INDEX "AndroidPubsubMessage_receivedAt_idx" ON "AndroidPubsubMessage"("receivedAt");

-- AddForeignKey
ALTER TABLE "AndroidDevice" ADD CONSTRAINT "AndroidDevice_deviceId_fkey" FOREIGN KEY ("deviceId") REFERENCES "Device"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AndroidOperation" ADD CONSTRAINT "AndroidOperation_commandId_fkey" FOREIGN KEY ("commandId") REFERENCES "Command"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Prisma lists are never null in this schema; the diff leaves the array column nullable.
ALTER TABLE "AndroidDevice" ALTER COLUMN "securityRisks" SET NOT NULL;
