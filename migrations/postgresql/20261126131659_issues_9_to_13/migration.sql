-- AlterTable
ALTER TABLE "User" ADD COLUMN     "lastVisitAt" TIMESTAMP(3),
ADD COLUMN     "previousVisitAt" TIMESTAMP(3),
ADD COLUMN     "sessionsValidAfter" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Section" ADD COLUMN     "fingerprints" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "level" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "searchText" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "Comment" ADD COLUMN     "replyTo" TEXT;

-- CreateTable
CREATE TABLE "Presence" (
    "id" TEXT NOT NULL,
    "report" TEXT,
    "user" TEXT,
    "sectionId" TEXT NOT NULL DEFAULT '',
    "seenAt" TIMESTAMP(3) DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Presence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SignInThrottle" (
    "key" TEXT NOT NULL,
    "points" INTEGER NOT NULL,
    "expire" TIMESTAMP(3),

    CONSTRAINT "SignInThrottle_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "Presence_report_idx" ON "Presence"("report");

-- CreateIndex
CREATE INDEX "Presence_user_idx" ON "Presence"("user");

-- CreateIndex
CREATE UNIQUE INDEX "Presence_report_user_key" ON "Presence"("report", "user");

-- CreateIndex
CREATE INDEX "Comment_replyTo_idx" ON "Comment"("replyTo");

-- AddForeignKey
ALTER TABLE "Presence" ADD CONSTRAINT "Presence_report_fkey" FOREIGN KEY ("report") REFERENCES "Report"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Presence" ADD CONSTRAINT "Presence_user_fkey" FOREIGN KEY ("user") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Comment" ADD CONSTRAINT "Comment_replyTo_fkey" FOREIGN KEY ("replyTo") REFERENCES "Comment"("id") ON DELETE SET NULL ON UPDATE CASCADE;
