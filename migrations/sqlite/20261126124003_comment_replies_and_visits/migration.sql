-- AlterTable
ALTER TABLE "User" ADD COLUMN "lastVisitAt" DATETIME;
ALTER TABLE "User" ADD COLUMN "previousVisitAt" DATETIME;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Comment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "report" TEXT,
    "section" TEXT,
    "author" TEXT,
    "quote" TEXT NOT NULL DEFAULT '',
    "prefix" TEXT NOT NULL DEFAULT '',
    "suffix" TEXT NOT NULL DEFAULT '',
    "body" TEXT NOT NULL DEFAULT '',
    "resolved" BOOLEAN NOT NULL DEFAULT false,
    "replyTo" TEXT,
    "createdAt" DATETIME DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Comment_report_fkey" FOREIGN KEY ("report") REFERENCES "Report" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Comment_section_fkey" FOREIGN KEY ("section") REFERENCES "Section" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Comment_author_fkey" FOREIGN KEY ("author") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Comment_replyTo_fkey" FOREIGN KEY ("replyTo") REFERENCES "Comment" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Comment" ("author", "body", "createdAt", "id", "prefix", "quote", "report", "resolved", "section", "suffix") SELECT "author", "body", "createdAt", "id", "prefix", "quote", "report", "resolved", "section", "suffix" FROM "Comment";
DROP TABLE "Comment";
ALTER TABLE "new_Comment" RENAME TO "Comment";
CREATE INDEX "Comment_report_idx" ON "Comment"("report");
CREATE INDEX "Comment_section_idx" ON "Comment"("section");
CREATE INDEX "Comment_author_idx" ON "Comment"("author");
CREATE INDEX "Comment_replyTo_idx" ON "Comment"("replyTo");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
