-- AlterTable
ALTER TABLE "Section" ADD COLUMN     "level" INTEGER NOT NULL DEFAULT 1;

-- CreateTable
CREATE TABLE "Presence" (
    "id" TEXT NOT NULL,
    "report" TEXT,
    "user" TEXT,
    "sectionId" TEXT NOT NULL DEFAULT '',
    "seenAt" TIMESTAMP(3) DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Presence_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Presence_report_idx" ON "Presence"("report");

-- CreateIndex
CREATE INDEX "Presence_user_idx" ON "Presence"("user");

-- CreateIndex
CREATE UNIQUE INDEX "Presence_report_user_key" ON "Presence"("report", "user");

-- AddForeignKey
ALTER TABLE "Presence" ADD CONSTRAINT "Presence_report_fkey" FOREIGN KEY ("report") REFERENCES "Report"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Presence" ADD CONSTRAINT "Presence_user_fkey" FOREIGN KEY ("user") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
