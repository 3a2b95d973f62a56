-- AlterTable
ALTER TABLE "Report" ADD COLUMN "contentVersion" INTEGER DEFAULT 0;
