-- AlterTable
ALTER TABLE "Revision" ADD COLUMN     "event" TEXT NOT NULL DEFAULT '';
