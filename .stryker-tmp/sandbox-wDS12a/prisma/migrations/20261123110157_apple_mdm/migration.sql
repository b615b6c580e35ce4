-- CreateEnum
CREATE TYPE "AppleEnrollmentType" AS ENUM ('DEVICE', 'USER');

-- AlterTable
ALTER TABLE "Command" ADD COLUMN     "notNowAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "AppleEnrollment" (
    "id" UUID NOT NULL,
    "deviceId" UUID NOT NULL,
    "userEnrollment" BOOLEAN NOT NULL DEFAULT false,
    "tokenHash" TEXT NOT NULL,
    "tokenExpiresAt" TIMESTAMP(3) NOT NULL,
    "tokenUsedAt" TIMESTAMP(3),
    "accessRights" INTEGER NOT NULL,
    "profileIdentifier" TEXT,
    "type" "AppleEnrollmentType",
    "enrollmentId" TEXT,
    "udid" TEXT,
    "appleEnrollmentId" TEXT,
    "certSha256" TEXT,
    "topic" TEXT,
    "pushMagic" TEXT,
    "pushTokenHex" TEXT,
    "pushTokenInvalidAt" TIMESTAMP(3),
    "awaitingConfiguration" BOOLEAN NOT NULL DEFAULT false,
    "authenticatedAt" TIMESTAMP(3),
    "tokenUpdatedAt" TIMESTAMP(3),
    "checkedOutAt" TIMESTAMP(3),
    "lastSeenAt" TIMESTAMP(3),
    "lastAuthenticate" JSONB,
    "lastDeviceInformation" JSONB,
    "lastDeviceInfoAt" TIMESTAMP(3),
    "lastSecurityInfo" JSONB,
    "lastSecurityInfoAt" TIMESTAMP(3),
    "lastProfileList" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AppleEnrollment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AppleCertificate" (
    "serial" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "enrollmentId" UUID,
    "notBefore" TIMESTAMP(3) NOT NULL,
    "notAfter" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),
    "revokedReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AppleCertificate_pkey" PRIMARY KEY ("serial")
);

-- CreateIndex
CREATE UNIQUE INDEX "AppleEnrollment_deviceId_key" ON "AppleEnrollment"("deviceId");

-- CreateIndex
CREATE UNIQUE INDEX "AppleEnrollment_tokenHash_key" ON "AppleEnrollment"("tokenHash");

-- CreateIndex
CREATE UNIQUE INDEX "AppleEnrollment_enrollmentId_key" ON "AppleEnrollment"("enrollmentId");

-- CreateIndex
CREATE UNIQUE INDEX "AppleEnrollment_certSha256_key" ON "AppleEnrollment"("certSha256");

-- CreateIndex
CREATE INDEX "AppleEnrollment_tokenUpdatedAt_idx" ON "AppleEnrollment"("tokenUpdatedAt");

-- CreateIndex
CREATE UNIQUE INDEX "AppleCertificate_sha256_key" ON "AppleCertificate"("sha256");

-- CreateIndex
CREATE INDEX "AppleCertificate_enrollmentId_idx" ON "AppleCertificate"("enrollmentId");

-- AddForeignKey
ALTER TABLE "AppleEnrollment" ADD CONSTRAINT "AppleEnrollment_deviceId_fkey" FOREIGN KEY ("deviceId") REFERENCES "Device"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AppleCertificate" ADD CONSTRAINT "AppleCertificate_enrollmentId_fkey" FOREIGN KEY ("enrollmentId") REFERENCES "AppleEnrollment"("id") ON DELETE SET NULL ON UPDATE CASCADE;
