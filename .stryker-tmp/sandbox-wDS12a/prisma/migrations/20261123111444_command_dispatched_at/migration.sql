-- AlterTable
ALTER TABLE "Command" ADD COLUMN     "dispatchedAt" TIMESTAMP(3);
