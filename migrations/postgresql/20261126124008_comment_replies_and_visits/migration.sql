-- AlterTable
ALTER TABLE "User" ADD COLUMN     "lastVisitAt" TIMESTAMP(3),
ADD COLUMN     "previousVisitAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Comment" ADD COLUMN     "replyTo" TEXT;

-- CreateIndex
CREATE INDEX "Comment_replyTo_idx" ON "Comment"("replyTo");

-- AddForeignKey
ALTER TABLE "Comment" ADD CONSTRAINT "Comment_replyTo_fkey" FOREIGN KEY ("replyTo") REFERENCES "Comment"("id") ON DELETE SET NULL ON UPDATE CASCADE;
