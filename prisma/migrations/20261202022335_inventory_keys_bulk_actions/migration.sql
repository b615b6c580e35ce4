-- Inventory search matches substrings of names, models and serial numbers through trigram indexes.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateEnum
CREATE TYPE "BulkActionStatus" AS ENUM ('AWAITING_APPROVAL', 'QUEUED', 'RUNNING', 'DONE');

-- CreateEnum
CREATE TYPE "BulkActionItemStatus" AS ENUM ('PENDING', 'REFUSED', 'QUEUED', 'DONE', 'FAILED');

-- AlterTable
ALTER TABLE "Device" ADD COLUMN     "assetTag" TEXT,
ADD COLUMN     "notes" TEXT;

-- CreateTable
CREATE TABLE "ServiceAccount" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ServiceAccount_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" UUID NOT NULL,
    "serviceAccountId" UUID NOT NULL,
    "prefix" TEXT NOT NULL,
    "secretHash" TEXT NOT NULL,
    "scopes" TEXT[] NOT NULL,
    "allowedCidrs" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
    "expiresAt" TIMESTAMP(3),
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    "lastUsedIp" TEXT,
    "revokedAt" TIMESTAMP(3),
    "revokedReason" TEXT,
    "replacedById" UUID,

    CONSTRAINT "ApiKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BulkAction" (
    "id" UUID NOT NULL,
    "action" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "selection" JSONB NOT NULL,
    "status" "BulkActionStatus" NOT NULL,
    "total" INTEGER NOT NULL,
    "requestedById" UUID,
    "serviceAccountId" UUID,
    "approvedById" UUID,
    "approvedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "BulkAction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BulkActionItem" (
    "bulkActionId" UUID NOT NULL,
    "deviceId" UUID NOT NULL,
    "status" "BulkActionItemStatus" NOT NULL DEFAULT 'PENDING',
    "refusal" TEXT,
    "commandId" UUID,
    "error" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BulkActionItem_pkey" PRIMARY KEY ("bulkActionId","deviceId")
);

-- CreateIndex
CREATE UNIQUE INDEX "ServiceAccount_name_key" ON "ServiceAccount"("name");

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_prefix_key" ON "ApiKey"("prefix");

-- CreateIndex
CREATE INDEX "ApiKey_serviceAccountId_idx" ON "ApiKey"("serviceAccountId");

-- CreateIndex
CREATE INDEX "BulkAction_action_createdAt_idx" ON "BulkAction"("action", "createdAt");

-- CreateIndex
CREATE INDEX "BulkActionItem_bulkActionId_status_idx" ON "BulkActionItem"("bulkActionId", "status");

-- CreateIndex
CREATE INDEX "User_name_trgm_idx" ON "User" USING GIN ("name" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "User_email_trgm_idx" ON "User" USING GIN ("email" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Device_lastSeenAt_id_idx" ON "Device"("lastSeenAt", "id");

-- CreateIndex
CREATE INDEX "Device_enrolledAt_id_idx" ON "Device"("enrolledAt", "id");

-- CreateIndex
CREATE INDEX "Device_displayName_id_idx" ON "Device"("displayName", "id");

-- CreateIndex
CREATE INDEX "Device_displayName_trgm_idx" ON "Device" USING GIN ("displayName" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Device_model_trgm_idx" ON "Device" USING GIN ("model" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Device_serialNumber_trgm_idx" ON "Device" USING GIN ("serialNumber" gin_trgm_ops);

-- AddForeignKey
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_serviceAccountId_fkey" FOREIGN KEY ("serviceAccountId") REFERENCES "ServiceAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BulkActionItem" ADD CONSTRAINT "BulkActionItem_bulkActionId_fkey" FOREIGN KEY ("bulkActionId") REFERENCES "BulkAction"("id") ON DELETE CASCADE ON UPDATE CASCADE;
