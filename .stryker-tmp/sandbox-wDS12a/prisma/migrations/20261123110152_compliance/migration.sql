-- CreateEnum
CREATE TYPE "ComplianceState" AS ENUM ('COMPLIANT', 'IN_GRACE', 'NONCOMPLIANT', 'UNKNOWN');

-- CreateEnum
CREATE TYPE "EscalationActionKind" AS ENUM ('NOTIFY_USER', 'NOTIFY_MANAGER', 'BLOCK', 'LOCK', 'WIPE_SELECTIVE');

-- CreateEnum
CREATE TYPE "EscalationActionStatus" AS ENUM ('PENDING', 'REQUESTING', 'DONE', 'SKIPPED', 'FAILED');

-- CreateTable
CREATE TABLE "CompliancePolicyVersion" (
    "version" INTEGER NOT NULL,
    "preset" TEXT,
    "document" JSONB NOT NULL,
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CompliancePolicyVersion_pkey" PRIMARY KEY ("version")
);

-- CreateTable
CREATE TABLE "DeviceCompliance" (
    "deviceId" UUID NOT NULL,
    "userId" UUID,
    "platform" "Platform" NOT NULL,
    "ownership" "Ownership" NOT NULL,
    "state" "ComplianceState" NOT NULL,
    "graceDeadline" TIMESTAMP(3),
    "episodeStartedAt" TIMESTAMP(3),
    "failingRules" TEXT[] NOT NULL,
    "unknownRules" TEXT[] NOT NULL,
    "results" JSONB NOT NULL,
    "policyVersion" INTEGER NOT NULL,
    "evaluatedAt" TIMESTAMP(3) NOT NULL,
    "stateChangedAt" TIMESTAMP(3) NOT NULL,
    "blocked" BOOLEAN NOT NULL DEFAULT false,
    "blockedAt" TIMESTAMP(3),

    CONSTRAINT "DeviceCompliance_pkey" PRIMARY KEY ("deviceId")
);

-- CreateTable
CREATE TABLE "DeviceRuleFailure" (
    "deviceId" UUID NOT NULL,
    "rule" TEXT NOT NULL,
    "firstFailedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DeviceRuleFailure_pkey" PRIMARY KEY ("deviceId","rule")
);

-- CreateTable
CREATE TABLE "ComplianceStateChange" (
    "id" BIGSERIAL NOT NULL,
    "deviceId" UUID NOT NULL,
    "fromState" "ComplianceState",
    "toState" "ComplianceState" NOT NULL,
    "reason" TEXT NOT NULL,
    "failingRules" TEXT[] NOT NULL,
    "policyVersion" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ComplianceStateChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ComplianceEscalationAction" (
    "id" UUID NOT NULL,
    "deviceId" UUID NOT NULL,
    "episodeStartedAt" TIMESTAMP(3) NOT NULL,
    "action" "EscalationActionKind" NOT NULL,
    "status" "EscalationActionStatus" NOT NULL DEFAULT 'PENDING',
    "detail" TEXT,
    "commandId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "claimedAt" TIMESTAMP(3),
    "completedAt" TIMESTAMP(3),

    CONSTRAINT "ComplianceEscalationAction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ComplianceNotification" (
    "id" UUID NOT NULL,
    "recipientUserId" UUID NOT NULL,
    "deviceId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "readAt" TIMESTAMP(3),

    CONSTRAINT "ComplianceNotification_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DeviceCompliance_userId_idx" ON "DeviceCompliance"("userId");

-- CreateIndex
CREATE INDEX "DeviceCompliance_state_graceDeadline_idx" ON "DeviceCompliance"("state", "graceDeadline");

-- CreateIndex
CREATE INDEX "DeviceCompliance_platform_ownership_state_idx" ON "DeviceCompliance"("platform", "ownership", "state");

-- CreateIndex
CREATE INDEX "DeviceCompliance_failingRules_idx" ON "DeviceCompliance" USING GIN ("failingRules");

-- CreateIndex
CREATE INDEX "ComplianceStateChange_deviceId_at_idx" ON "ComplianceStateChange"("deviceId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "ComplianceEscalationAction_deviceId_episodeStartedAt_action_key" ON "ComplianceEscalationAction"("deviceId", "episodeStartedAt", "action");

-- CreateIndex
CREATE INDEX "ComplianceNotification_recipientUserId_createdAt_idx" ON "ComplianceNotification"("recipientUserId", "createdAt");

-- AddForeignKey
ALTER TABLE "DeviceCompliance" ADD CONSTRAINT "DeviceCompliance_deviceId_fkey" FOREIGN KEY ("deviceId") REFERENCES "Device"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeviceRuleFailure" ADD CONSTRAINT "DeviceRuleFailure_deviceId_fkey" FOREIGN KEY ("deviceId") REFERENCES "Device"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ComplianceStateChange" ADD CONSTRAINT "ComplianceStateChange_deviceId_fkey" FOREIGN KEY ("deviceId") REFERENCES "Device"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ComplianceEscalationAction" ADD CONSTRAINT "ComplianceEscalationAction_deviceId_fkey" FOREIGN KEY ("deviceId") REFERENCES "Device"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ComplianceNotification" ADD CONSTRAINT "ComplianceNotification_recipientUserId_fkey" FOREIGN KEY ("recipientUserId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
