-- AlterTable
ALTER TABLE "User" ADD COLUMN     "idpMfaAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Session" ADD COLUMN     "idpMfa" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "method" TEXT NOT NULL DEFAULT 'password';

-- CreateTable
CREATE TABLE "AuditStreamCursor" (
    "url" TEXT NOT NULL,
    "position" BIGINT NOT NULL DEFAULT 0,
    "hash" TEXT,
    "deliveredAt" TIMESTAMP(3),
    "failures" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AuditStreamCursor_pkey" PRIMARY KEY ("url")
);
