-- CreateTable
CREATE TABLE "DeviceComplianceResult" (
    "deviceId" UUID NOT NULL,
    "results" JSONB NOT NULL,

    CONSTRAINT "DeviceComplianceResult_pkey" PRIMARY KEY ("deviceId")
);

-- Keep the results already stored (hand-written: the diff would drop them).
INSERT INTO "DeviceComplianceResult" ("deviceId", "results") SELECT "deviceId", "results" FROM "DeviceCompliance";

-- AlterTable
ALTER TABLE "DeviceCompliance" DROP COLUMN "results";

-- CreateIndex
CREATE INDEX "DeviceCompliance_graceDeadline_deviceId_idx" ON "DeviceCompliance"("graceDeadline", "deviceId");

-- AddForeignKey
ALTER TABLE "DeviceComplianceResult" ADD CONSTRAINT "DeviceComplianceResult_deviceId_fkey" FOREIGN KEY ("deviceId") REFERENCES "DeviceCompliance"("deviceId") ON DELETE CASCADE ON UPDATE CASCADE;
