-- Hand-written (not generated from schema.ts): the archive index, second shape (replaces the
-- tables and triggers of 20261126131759_archive_index, dropped below, so that a search needs no
-- join per match). The triggers delete a section's fingerprint rows by
-- rid = … AND hash IN (its hash list), a point lookup per hash in the (hash, rid) key. The row-value
-- form (hash, rid) IN (…) searched by hash alone and read every section sharing a set phrase's
-- hash: 25 ms of a 30 ms save at 10,000 reports.
--   * "ArchiveEntry": one row per section with its report's status, department, year and kind.
--     Its "rid" orders the index by recency: (3000 - year) << 32 plus a sequence number, so the
--     FTS5 rowid order is newest year first and a year range is a rowid range.
--   * "ArchiveIndex" (FTS5, contentless): the folded text (one token per character) followed by
--     the status, department and kind as hex tokens (zs…, zd…, zk…, never a single character,
--     so no query word or phrase matches them): access and filters are part of the MATCH
--     expression and cost no row lookups (one column: a column filter would read positions).
--   * "ArchiveHash": winnowed k-gram hashes per section.
-- Triggers on "Section" (text saved) and "Report" (status, department, year or kind changed)
-- keep all three in the same transaction as the write. Idempotent: `npm run reindex` runs the
-- newest *_archive_index file again (it also restores triggers a table rebuild dropped).

DROP TRIGGER IF EXISTS "Report_archive_update";
DROP TRIGGER IF EXISTS "Section_archive_insert";
DROP TRIGGER IF EXISTS "Section_archive_update";
DROP TRIGGER IF EXISTS "Section_archive_delete";
DROP TABLE IF EXISTS "ArchiveText";
DROP TABLE IF EXISTS "ArchiveFingerprint";
DROP TABLE IF EXISTS "ArchiveSection";

CREATE TABLE IF NOT EXISTS "ArchiveEntry" (
    "rid" INTEGER NOT NULL PRIMARY KEY,
    "sectionId" TEXT NOT NULL UNIQUE,
    "reportId" TEXT,
    "status" TEXT,
    "department" TEXT,
    "year" INTEGER,
    "kind" TEXT
);
CREATE INDEX IF NOT EXISTS "ArchiveEntry_reportId_idx" ON "ArchiveEntry"("reportId");

CREATE VIRTUAL TABLE IF NOT EXISTS "ArchiveIndex" USING fts5(
    "body", content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0'
);

CREATE TABLE IF NOT EXISTS "ArchiveHash" (
    "hash" INTEGER NOT NULL,
    "rid" INTEGER NOT NULL,
    PRIMARY KEY ("hash", "rid")
) WITHOUT ROWID;
-- (no index by rid: a section's rows are deleted by its own hash list, (hash, rid) lookups)

-- hashes found in very many sections (set phrases), refreshed by `npm run reindex`: skipped by
-- passage and reuse queries (a hash that became common since is still bounded per query)
CREATE TABLE IF NOT EXISTS "ArchiveCommonHash" ("hash" INTEGER NOT NULL PRIMARY KEY) WITHOUT ROWID;

CREATE TRIGGER IF NOT EXISTS "Section_archive_insert" AFTER INSERT ON "Section" BEGIN
    INSERT INTO "ArchiveEntry"("rid", "sectionId", "reportId", "status", "department", "year", "kind")
        SELECT ((3000 - coalesce(r."year", 0)) << 32)
               + coalesce((SELECT max(e."rid") FROM "ArchiveEntry" e WHERE e."rid" >= ((3000 - coalesce(r."year", 0)) << 32) AND e."rid" < ((3001 - coalesce(r."year", 0)) << 32)) - ((3000 - coalesce(r."year", 0)) << 32), 0) + 1,
               new."id", new."report", r."status", r."department", r."year", r."kind"
        FROM (SELECT 1) LEFT JOIN "Report" r ON r."id" = new."report";
    INSERT INTO "ArchiveIndex"(rowid, "body")
        SELECT e."rid", new."searchText" || ' zs' || hex(coalesce(e."status", '')) || ' zd' || hex(coalesce(e."department", '')) || ' zk' || hex(coalesce(e."kind", ''))
        FROM "ArchiveEntry" e WHERE e."sectionId" = new."id";
    INSERT OR IGNORE INTO "ArchiveHash"("hash", "rid")
        SELECT j.value, e."rid" FROM "ArchiveEntry" e, json_each(coalesce(nullif(new."fingerprints", ''), '[]')) j WHERE e."sectionId" = new."id";
END;

-- a saved text: the section's entry again (also when it moved to another report)
CREATE TRIGGER IF NOT EXISTS "Section_archive_update" AFTER UPDATE OF "searchText", "fingerprints", "report" ON "Section" BEGIN
    DELETE FROM "ArchiveIndex" WHERE rowid = (SELECT "rid" FROM "ArchiveEntry" WHERE "sectionId" = old."id");
    DELETE FROM "ArchiveHash" WHERE "rid" = (SELECT "rid" FROM "ArchiveEntry" WHERE "sectionId" = old."id")
        AND "hash" IN (SELECT j.value FROM json_each(coalesce(nullif(old."fingerprints", ''), '[]')) j);
    DELETE FROM "ArchiveEntry" WHERE "sectionId" = old."id";
    INSERT INTO "ArchiveEntry"("rid", "sectionId", "reportId", "status", "department", "year", "kind")
        SELECT ((3000 - coalesce(r."year", 0)) << 32)
               + coalesce((SELECT max(e."rid") FROM "ArchiveEntry" e WHERE e."rid" >= ((3000 - coalesce(r."year", 0)) << 32) AND e."rid" < ((3001 - coalesce(r."year", 0)) << 32)) - ((3000 - coalesce(r."year", 0)) << 32), 0) + 1,
               new."id", new."report", r."status", r."department", r."year", r."kind"
        FROM (SELECT 1) LEFT JOIN "Report" r ON r."id" = new."report";
    INSERT INTO "ArchiveIndex"(rowid, "body")
        SELECT e."rid", new."searchText" || ' zs' || hex(coalesce(e."status", '')) || ' zd' || hex(coalesce(e."department", '')) || ' zk' || hex(coalesce(e."kind", ''))
        FROM "ArchiveEntry" e WHERE e."sectionId" = new."id";
    INSERT OR IGNORE INTO "ArchiveHash"("hash", "rid")
        SELECT j.value, e."rid" FROM "ArchiveEntry" e, json_each(coalesce(nullif(new."fingerprints", ''), '[]')) j WHERE e."sectionId" = new."id";
END;

CREATE TRIGGER IF NOT EXISTS "Section_archive_delete" AFTER DELETE ON "Section" BEGIN
    DELETE FROM "ArchiveIndex" WHERE rowid = (SELECT "rid" FROM "ArchiveEntry" WHERE "sectionId" = old."id");
    DELETE FROM "ArchiveHash" WHERE "rid" = (SELECT "rid" FROM "ArchiveEntry" WHERE "sectionId" = old."id")
        AND "hash" IN (SELECT j.value FROM json_each(coalesce(nullif(old."fingerprints", ''), '[]')) j);
    DELETE FROM "ArchiveEntry" WHERE "sectionId" = old."id";
END;

-- a report approved, moved to another department or year, or of another kind: its sections'
-- entries again (new tags; a new year is a new rid)
CREATE TRIGGER IF NOT EXISTS "Report_archive_update" AFTER UPDATE OF "status", "department", "year", "kind" ON "Report"
WHEN old."status" IS NOT new."status" OR old."department" IS NOT new."department" OR old."year" IS NOT new."year" OR old."kind" IS NOT new."kind"
BEGIN
    DELETE FROM "ArchiveIndex" WHERE rowid IN (SELECT "rid" FROM "ArchiveEntry" WHERE "reportId" = new."id");
    DELETE FROM "ArchiveHash" WHERE ("hash", "rid") IN
        (SELECT j.value, e."rid" FROM "ArchiveEntry" e JOIN "Section" s ON s."id" = e."sectionId", json_each(coalesce(nullif(s."fingerprints", ''), '[]')) j WHERE e."reportId" = new."id");
    DELETE FROM "ArchiveEntry" WHERE "reportId" = new."id";
    INSERT INTO "ArchiveEntry"("rid", "sectionId", "reportId", "status", "department", "year", "kind")
        SELECT ((3000 - coalesce(new."year", 0)) << 32)
               + coalesce((SELECT max(e."rid") FROM "ArchiveEntry" e WHERE e."rid" >= ((3000 - coalesce(new."year", 0)) << 32) AND e."rid" < ((3001 - coalesce(new."year", 0)) << 32)) - ((3000 - coalesce(new."year", 0)) << 32), 0)
               + row_number() OVER (ORDER BY s."position", s."id"),
               s."id", new."id", new."status", new."department", new."year", new."kind"
        FROM "Section" s WHERE s."report" = new."id";
    INSERT INTO "ArchiveIndex"(rowid, "body")
        SELECT e."rid", s."searchText" || ' zs' || hex(coalesce(e."status", '')) || ' zd' || hex(coalesce(e."department", '')) || ' zk' || hex(coalesce(e."kind", ''))
        FROM "ArchiveEntry" e JOIN "Section" s ON s."id" = e."sectionId" WHERE e."reportId" = new."id";
    INSERT OR IGNORE INTO "ArchiveHash"("hash", "rid")
        SELECT j.value, e."rid" FROM "ArchiveEntry" e JOIN "Section" s ON s."id" = e."sectionId", json_each(coalesce(nullif(s."fingerprints", ''), '[]')) j WHERE e."reportId" = new."id";
END;

-- sections saved before this migration: indexed now (only when the index is empty, so that
-- running this file again changes nothing)
CREATE TEMP TABLE "archive_fill" AS SELECT NOT EXISTS (SELECT 1 FROM "ArchiveEntry") AS "go";
INSERT INTO "ArchiveEntry"("rid", "sectionId", "reportId", "status", "department", "year", "kind")
    SELECT ((3000 - coalesce(r."year", 0)) << 32) + row_number() OVER (PARTITION BY coalesce(r."year", 0) ORDER BY s."report", s."position", s."id"),
           s."id", s."report", r."status", r."department", r."year", r."kind"
    FROM "Section" s LEFT JOIN "Report" r ON r."id" = s."report" WHERE (SELECT "go" FROM temp."archive_fill");
INSERT INTO "ArchiveIndex"(rowid, "body")
    SELECT e."rid", s."searchText" || ' zs' || hex(coalesce(e."status", '')) || ' zd' || hex(coalesce(e."department", '')) || ' zk' || hex(coalesce(e."kind", ''))
    FROM "ArchiveEntry" e JOIN "Section" s ON s."id" = e."sectionId" WHERE (SELECT "go" FROM temp."archive_fill");
INSERT OR IGNORE INTO "ArchiveHash"("hash", "rid")
    SELECT j.value, e."rid" FROM "ArchiveEntry" e JOIN "Section" s ON s."id" = e."sectionId", json_each(coalesce(nullif(s."fingerprints", ''), '[]')) j
    WHERE (SELECT "go" FROM temp."archive_fill");
DROP TABLE temp."archive_fill";
