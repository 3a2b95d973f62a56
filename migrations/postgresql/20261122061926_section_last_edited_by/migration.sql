-- AlterTable
ALTER TABLE "Section" ADD COLUMN     "lastEditedBy" TEXT;

-- CreateIndex
CREATE INDEX "Section_lastEditedBy_idx" ON "Section"("lastEditedBy");

-- AddForeignKey
ALTER TABLE "Section" ADD CONSTRAINT "Section_lastEditedBy_fkey" FOREIGN KEY ("lastEditedBy") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
