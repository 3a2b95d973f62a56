-- Hand-written (not generated from schema.ts): the archive index, second shape (replaces the
-- tables and triggers of 20261126131759_archive_index, dropped below). The GIN vector also carries the report's year as a tag
-- (zy2024), so that a search reads its matches newest year first in slices of years, each slice
-- one GIN lookup that stops at the slice (a common word no longer visits, counts and sorts all its
-- ~100,000 matches: the first year or two give the ranked window and the capped count).
--   * "rid" orders the index by recency: (3000 - year) << 32 plus a sequence number, so rid order
--     is newest year first and a year range is a rid range.
--   * a GIN index over the folded text's bigrams (see annals_bigrams) and the report's status,
--     department and kind as hex tokens (zs…, zd…, zk…) and its year (zy…), so that access, filters
--     and the year slice are part of the one GIN lookup. The vector itself is not stored: "text" is
--     a copy of "Section"."searchText" and the index is over annals_archive_vector(…) of it.
-- Triggers on "Section" (text saved) and "Report" (status, department, year or kind changed)
-- keep it in the same transaction as the write. The fingerprint GIN index on "Section" stays;
-- "ArchiveCommonHash" lists hashes found in very many sections, refreshed by `npm run reindex`.
-- Idempotent: `npm run reindex` runs the newest *_archive_index file again.
-- No semicolons in statements or comments (the migration runner splits scripts on them):
-- function bodies are E'' strings with \073 where plpgsql needs one.

DROP INDEX IF EXISTS "Section_archive_search_idx";
ALTER TABLE "Section" DROP COLUMN IF EXISTS "searchVector";

CREATE SEQUENCE IF NOT EXISTS "ArchiveEntry_seq";

CREATE TABLE IF NOT EXISTS "ArchiveEntry" (
    "rid" bigint NOT NULL PRIMARY KEY,
    "sectionId" text NOT NULL UNIQUE,
    "reportId" text,
    "status" text,
    "department" text,
    "year" integer,
    "kind" text,
    "text" text NOT NULL
);
CREATE INDEX IF NOT EXISTS "ArchiveEntry_reportId_idx" ON "ArchiveEntry"("reportId");

CREATE TABLE IF NOT EXISTS "ArchiveCommonHash" ("hash" integer NOT NULL PRIMARY KEY);

-- an index over a vector without the year (from an earlier build of this migration) is replaced
DO E'
BEGIN
    IF EXISTS (SELECT 1 FROM pg_indexes WHERE indexname = ''ArchiveEntry_vector_idx'' AND indexdef NOT LIKE ''%year%'') THEN
        DROP INDEX "ArchiveEntry_vector_idx"\073
    END IF\073
END\073';
DROP FUNCTION IF EXISTS annals_archive_vector(text, text, text, text);

-- COST: computing it is a regular expression over the whole text, so that the planner never
-- prefers evaluating it row by row (e.g. after a rid range) to the GIN index
CREATE OR REPLACE FUNCTION annals_archive_vector(search text, status text, department text, kind text, year integer) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE COST 100000 SET search_path FROM CURRENT AS $$
    SELECT strip(to_tsvector('simple'::regconfig, annals_bigrams(coalesce(search, '')) || ' zs' || encode(convert_to(coalesce(status, ''), 'UTF8'), 'hex')
        || ' zd' || encode(convert_to(coalesce(department, ''), 'UTF8'), 'hex') || ' zk' || encode(convert_to(coalesce(kind, ''), 'UTF8'), 'hex')
        || ' zy' || coalesce(year, 0)::text))
$$;

CREATE INDEX IF NOT EXISTS "ArchiveEntry_vector_idx" ON "ArchiveEntry"
    USING gin (annals_archive_vector("text", "status", "department", "kind", "year"));

-- (re)indexes one section, or every section of one report (two branches, so that each
-- statement is one index lookup whatever plan plpgsql caches)
CREATE OR REPLACE FUNCTION annals_archive_index(report_id text, section_id text) RETURNS void
    LANGUAGE plpgsql AS E'
BEGIN
    IF section_id IS NOT NULL THEN
        DELETE FROM "ArchiveEntry" WHERE "sectionId" = section_id\073
        INSERT INTO "ArchiveEntry"("rid", "sectionId", "reportId", "status", "department", "year", "kind", "text")
            SELECT ((3000 - coalesce(r."year", 0))::bigint << 32) + nextval(''"ArchiveEntry_seq"''), s."id", s."report", r."status", r."department", r."year", r."kind",
                   s."searchText"
            FROM "Section" s LEFT JOIN "Report" r ON r."id" = s."report" WHERE s."id" = section_id\073
    ELSE
        DELETE FROM "ArchiveEntry" WHERE "reportId" = report_id\073
        INSERT INTO "ArchiveEntry"("rid", "sectionId", "reportId", "status", "department", "year", "kind", "text")
            SELECT ((3000 - coalesce(r."year", 0))::bigint << 32) + nextval(''"ArchiveEntry_seq"''), s."id", s."report", r."status", r."department", r."year", r."kind",
                   s."searchText"
            FROM "Section" s JOIN "Report" r ON r."id" = s."report" WHERE s."report" = report_id\073
    END IF\073
END\073';

CREATE OR REPLACE FUNCTION annals_archive_section() RETURNS trigger
    LANGUAGE plpgsql AS E'
BEGIN
    IF TG_OP = ''DELETE'' THEN
        DELETE FROM "ArchiveEntry" WHERE "sectionId" = OLD."id"\073
    ELSE
        PERFORM annals_archive_index(NULL, NEW."id")\073
    END IF\073
    RETURN NULL\073
END\073';

CREATE OR REPLACE FUNCTION annals_archive_report() RETURNS trigger
    LANGUAGE plpgsql AS E'
BEGIN
    PERFORM annals_archive_index(NEW."id", NULL)\073
    RETURN NULL\073
END\073';

DROP TRIGGER IF EXISTS "Section_archive" ON "Section";
CREATE TRIGGER "Section_archive" AFTER INSERT OR DELETE OR UPDATE OF "searchText", "report" ON "Section"
    FOR EACH ROW EXECUTE FUNCTION annals_archive_section();

DROP TRIGGER IF EXISTS "Report_archive" ON "Report";
CREATE TRIGGER "Report_archive" AFTER UPDATE OF "status", "department", "year", "kind" ON "Report"
    FOR EACH ROW WHEN (OLD."status" IS DISTINCT FROM NEW."status" OR OLD."department" IS DISTINCT FROM NEW."department"
                       OR OLD."year" IS DISTINCT FROM NEW."year" OR OLD."kind" IS DISTINCT FROM NEW."kind")
    EXECUTE FUNCTION annals_archive_report();

-- sections saved before this migration (or missing): indexed now
INSERT INTO "ArchiveEntry"("rid", "sectionId", "reportId", "status", "department", "year", "kind", "text")
    SELECT ((3000 - coalesce(r."year", 0))::bigint << 32) + nextval('"ArchiveEntry_seq"'), s."id", s."report", r."status", r."department", r."year", r."kind",
           s."searchText"
    FROM "Section" s LEFT JOIN "Report" r ON r."id" = s."report"
    WHERE NOT EXISTS (SELECT 1 FROM "ArchiveEntry" e WHERE e."sectionId" = s."id");
