-- Hand-written (not generated from schema.ts): the archive's search and fingerprint index.
-- Triggers on "Section" keep it in the same transaction as every insert, update and delete;
-- the columns they read ("searchText", "fingerprints") are computed by the server (src/archive).
-- Idempotent: `npm run reindex` runs this file again (a later table rebuild of "Section" drops triggers).

-- a stable integer per section (FTS5 rows need one; "Section".rowid changes on VACUUM)
CREATE TABLE IF NOT EXISTS "ArchiveSection" (
    "rid" INTEGER NOT NULL PRIMARY KEY,
    "sectionId" TEXT NOT NULL UNIQUE
);

-- one unicode61 token per folded character (the column is space-separated), so phrases of any
-- length, including one and two characters, are exact index lookups; nothing stored twice
CREATE VIRTUAL TABLE IF NOT EXISTS "ArchiveText" USING fts5(
    "body", content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0'
);

-- winnowed k-gram hashes per section (distinct)
CREATE TABLE IF NOT EXISTS "ArchiveFingerprint" (
    "hash" INTEGER NOT NULL,
    "rid" INTEGER NOT NULL,
    PRIMARY KEY ("hash", "rid")
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS "ArchiveFingerprint_rid_idx" ON "ArchiveFingerprint"("rid");

CREATE TRIGGER IF NOT EXISTS "Section_archive_insert" AFTER INSERT ON "Section" BEGIN
    INSERT OR IGNORE INTO "ArchiveSection"("sectionId") VALUES (new."id");
    INSERT INTO "ArchiveText"(rowid, "body") SELECT "rid", new."searchText" FROM "ArchiveSection" WHERE "sectionId" = new."id";
    INSERT OR IGNORE INTO "ArchiveFingerprint"("hash", "rid")
        SELECT j.value, a."rid" FROM "ArchiveSection" a, json_each(coalesce(nullif(new."fingerprints", ''), '[]')) j WHERE a."sectionId" = new."id";
END;

CREATE TRIGGER IF NOT EXISTS "Section_archive_update" AFTER UPDATE OF "searchText", "fingerprints" ON "Section" BEGIN
    INSERT OR IGNORE INTO "ArchiveSection"("sectionId") VALUES (new."id");
    DELETE FROM "ArchiveText" WHERE rowid = (SELECT "rid" FROM "ArchiveSection" WHERE "sectionId" = old."id");
    DELETE FROM "ArchiveFingerprint" WHERE "rid" = (SELECT "rid" FROM "ArchiveSection" WHERE "sectionId" = old."id");
    INSERT INTO "ArchiveText"(rowid, "body") SELECT "rid", new."searchText" FROM "ArchiveSection" WHERE "sectionId" = new."id";
    INSERT OR IGNORE INTO "ArchiveFingerprint"("hash", "rid")
        SELECT j.value, a."rid" FROM "ArchiveSection" a, json_each(coalesce(nullif(new."fingerprints", ''), '[]')) j WHERE a."sectionId" = new."id";
END;

CREATE TRIGGER IF NOT EXISTS "Section_archive_delete" AFTER DELETE ON "Section" BEGIN
    DELETE FROM "ArchiveText" WHERE rowid = (SELECT "rid" FROM "ArchiveSection" WHERE "sectionId" = old."id");
    DELETE FROM "ArchiveFingerprint" WHERE "rid" = (SELECT "rid" FROM "ArchiveSection" WHERE "sectionId" = old."id");
    DELETE FROM "ArchiveSection" WHERE "sectionId" = old."id";
END;
