-- AlterTable
ALTER TABLE "Section" ADD COLUMN     "fingerprints" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "searchText" TEXT NOT NULL DEFAULT '';
