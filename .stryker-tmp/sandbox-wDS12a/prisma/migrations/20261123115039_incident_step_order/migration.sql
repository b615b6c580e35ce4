-- AlterTable
ALTER TABLE "IncidentStep" ADD COLUMN     "seq" BIGSERIAL NOT NULL;
