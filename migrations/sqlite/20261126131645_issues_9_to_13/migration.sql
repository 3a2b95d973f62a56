-- AlterTable
ALTER TABLE "User" ADD COLUMN "lastVisitAt" DATETIME;
ALTER TABLE "User" ADD COLUMN "previousVisitAt" DATETIME;
ALTER TABLE "User" ADD COLUMN "sessionsValidAfter" DATETIME;

-- CreateTable
CREATE TABLE "Presence" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "report" TEXT,
    "user" TEXT,
    "sectionId" TEXT NOT NULL DEFAULT '',
    "seenAt" DATETIME DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Presence_report_fkey" FOREIGN KEY ("report") REFERENCES "Report" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Presence_user_fkey" FOREIGN KEY ("user") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SignInThrottle" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "points" INTEGER NOT NULL,
    "expire" DATETIME
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Section" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "report" TEXT,
    "position" INTEGER,
    "heading" TEXT NOT NULL DEFAULT '',
    "level" INTEGER NOT NULL DEFAULT 1,
    "key" TEXT NOT NULL DEFAULT '',
    "body" JSONB NOT NULL,
    "plainText" TEXT NOT NULL DEFAULT '',
    "searchText" TEXT NOT NULL DEFAULT '',
    "fingerprints" TEXT NOT NULL DEFAULT '',
    "charCount" INTEGER DEFAULT 0,
    "version" INTEGER DEFAULT 1,
    "lastEditedBy" TEXT,
    "updatedAt" DATETIME,
    CONSTRAINT "Section_report_fkey" FOREIGN KEY ("report") REFERENCES "Report" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Section_lastEditedBy_fkey" FOREIGN KEY ("lastEditedBy") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Section" ("body", "charCount", "heading", "id", "key", "lastEditedBy", "plainText", "position", "report", "updatedAt", "version") SELECT "body", "charCount", "heading", "id", "key", "lastEditedBy", "plainText", "position", "report", "updatedAt", "version" FROM "Section";
DROP TABLE "Section";
ALTER TABLE "new_Section" RENAME TO "Section";
CREATE INDEX "Section_report_idx" ON "Section"("report");
CREATE INDEX "Section_lastEditedBy_idx" ON "Section"("lastEditedBy");
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

-- CreateIndex
CREATE INDEX "Presence_report_idx" ON "Presence"("report");

-- CreateIndex
CREATE INDEX "Presence_user_idx" ON "Presence"("user");

-- CreateIndex
CREATE UNIQUE INDEX "Presence_report_user_key" ON "Presence"("report", "user");
