-- CreateTable
CREATE TABLE "Department" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL DEFAULT '',
    "code" TEXT NOT NULL DEFAULT '',
    "parent" TEXT,
    CONSTRAINT "Department_parent_fkey" FOREIGN KEY ("parent") REFERENCES "Department" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL DEFAULT '',
    "email" TEXT NOT NULL DEFAULT '',
    "password" TEXT NOT NULL,
    "role" TEXT NOT NULL DEFAULT 'writer'
);

-- CreateTable
CREATE TABLE "Report" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "title" TEXT NOT NULL DEFAULT '',
    "department" TEXT,
    "year" INTEGER NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'annual',
    "status" TEXT NOT NULL DEFAULT 'draft',
    "version" INTEGER NOT NULL DEFAULT 1,
    "lastEditedBy" TEXT,
    "createdAt" DATETIME DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME,
    CONSTRAINT "Report_department_fkey" FOREIGN KEY ("department") REFERENCES "Department" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Report_lastEditedBy_fkey" FOREIGN KEY ("lastEditedBy") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Section" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "report" TEXT,
    "position" INTEGER,
    "heading" TEXT NOT NULL DEFAULT '',
    "key" TEXT NOT NULL DEFAULT '',
    "body" JSONB NOT NULL,
    "plainText" TEXT NOT NULL DEFAULT '',
    "charCount" INTEGER DEFAULT 0,
    "version" INTEGER DEFAULT 1,
    "updatedAt" DATETIME,
    CONSTRAINT "Section_report_fkey" FOREIGN KEY ("report") REFERENCES "Report" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Revision" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "label" TEXT NOT NULL DEFAULT '',
    "report" TEXT,
    "number" INTEGER,
    "author" TEXT,
    "reason" TEXT NOT NULL DEFAULT '',
    "snapshot" JSONB,
    "contentHash" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Revision_report_fkey" FOREIGN KEY ("report") REFERENCES "Report" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Revision_author_fkey" FOREIGN KEY ("author") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Review" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "report" TEXT,
    "revision" TEXT,
    "reviewer" TEXT,
    "decision" TEXT NOT NULL,
    "comment" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Review_report_fkey" FOREIGN KEY ("report") REFERENCES "Report" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Review_revision_fkey" FOREIGN KEY ("revision") REFERENCES "Revision" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Review_reviewer_fkey" FOREIGN KEY ("reviewer") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Comment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "report" TEXT,
    "section" TEXT,
    "author" TEXT,
    "quote" TEXT NOT NULL DEFAULT '',
    "prefix" TEXT NOT NULL DEFAULT '',
    "suffix" TEXT NOT NULL DEFAULT '',
    "body" TEXT NOT NULL DEFAULT '',
    "resolved" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Comment_report_fkey" FOREIGN KEY ("report") REFERENCES "Report" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Comment_section_fkey" FOREIGN KEY ("section") REFERENCES "Section" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Comment_author_fkey" FOREIGN KEY ("author") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "report" TEXT,
    "actor" TEXT,
    "action" TEXT NOT NULL DEFAULT '',
    "fromStatus" TEXT NOT NULL DEFAULT '',
    "toStatus" TEXT NOT NULL DEFAULT '',
    "comment" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AuditEvent_report_fkey" FOREIGN KEY ("report") REFERENCES "Report" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "AuditEvent_actor_fkey" FOREIGN KEY ("actor") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OutboundEmail" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "to" TEXT NOT NULL DEFAULT '',
    "subject" TEXT NOT NULL DEFAULT '',
    "text" TEXT NOT NULL DEFAULT '',
    "report" TEXT,
    "status" TEXT DEFAULT 'queued',
    "attempts" INTEGER DEFAULT 0,
    "lastError" TEXT NOT NULL DEFAULT '',
    "nextAttemptAt" DATETIME,
    "sentAt" DATETIME,
    "dedupeKey" TEXT,
    "createdAt" DATETIME DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "OutboundEmail_report_fkey" FOREIGN KEY ("report") REFERENCES "Report" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "_Department_members" (
    "A" TEXT NOT NULL,
    "B" TEXT NOT NULL,
    CONSTRAINT "_Department_members_A_fkey" FOREIGN KEY ("A") REFERENCES "Department" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "_Department_members_B_fkey" FOREIGN KEY ("B") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Department_code_key" ON "Department"("code");

-- CreateIndex
CREATE INDEX "Department_parent_idx" ON "Department"("parent");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "Report_department_idx" ON "Report"("department");

-- CreateIndex
CREATE INDEX "Report_lastEditedBy_idx" ON "Report"("lastEditedBy");

-- CreateIndex
CREATE UNIQUE INDEX "Report_department_year_kind_key" ON "Report"("department", "year", "kind");

-- CreateIndex
CREATE INDEX "Section_report_idx" ON "Section"("report");

-- CreateIndex
CREATE INDEX "Revision_report_idx" ON "Revision"("report");

-- CreateIndex
CREATE INDEX "Revision_author_idx" ON "Revision"("author");

-- CreateIndex
CREATE INDEX "Revision_contentHash_idx" ON "Revision"("contentHash");

-- CreateIndex
CREATE INDEX "Review_report_idx" ON "Review"("report");

-- CreateIndex
CREATE INDEX "Review_revision_idx" ON "Review"("revision");

-- CreateIndex
CREATE INDEX "Review_reviewer_idx" ON "Review"("reviewer");

-- CreateIndex
CREATE INDEX "Comment_report_idx" ON "Comment"("report");

-- CreateIndex
CREATE INDEX "Comment_section_idx" ON "Comment"("section");

-- CreateIndex
CREATE INDEX "Comment_author_idx" ON "Comment"("author");

-- CreateIndex
CREATE INDEX "AuditEvent_report_idx" ON "AuditEvent"("report");

-- CreateIndex
CREATE INDEX "AuditEvent_actor_idx" ON "AuditEvent"("actor");

-- CreateIndex
CREATE UNIQUE INDEX "OutboundEmail_dedupeKey_key" ON "OutboundEmail"("dedupeKey");

-- CreateIndex
CREATE INDEX "OutboundEmail_report_idx" ON "OutboundEmail"("report");

-- CreateIndex
CREATE UNIQUE INDEX "_Department_members_AB_unique" ON "_Department_members"("A", "B");

-- CreateIndex
CREATE INDEX "_Department_members_B_index" ON "_Department_members"("B");
