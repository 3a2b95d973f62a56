-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Revision" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "label" TEXT NOT NULL DEFAULT '',
    "report" TEXT,
    "number" INTEGER,
    "author" TEXT,
    "reason" TEXT NOT NULL DEFAULT '',
    "event" TEXT NOT NULL DEFAULT '',
    "snapshot" JSONB,
    "contentHash" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Revision_report_fkey" FOREIGN KEY ("report") REFERENCES "Report" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Revision_author_fkey" FOREIGN KEY ("author") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Revision" ("author", "contentHash", "createdAt", "id", "label", "number", "reason", "report", "snapshot") SELECT "author", "contentHash", "createdAt", "id", "label", "number", "reason", "report", "snapshot" FROM "Revision";
DROP TABLE "Revision";
ALTER TABLE "new_Revision" RENAME TO "Revision";
CREATE INDEX "Revision_report_idx" ON "Revision"("report");
CREATE INDEX "Revision_author_idx" ON "Revision"("author");
CREATE INDEX "Revision_contentHash_idx" ON "Revision"("contentHash");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
