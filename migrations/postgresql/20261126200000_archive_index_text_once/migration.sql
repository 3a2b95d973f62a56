-- Hand-written patch of the archive index shape of the newest *_archive_index migration (npm run
-- reindex runs that file, then its *_archive_index_* patches in order). The search column is kept
-- once, in "ArchiveEntry"."text" (which the GIN index and the ranking read): a section save copies
-- its "searchText" into its entry and stores an empty string in "Section" (the two copies were a
-- third of the index), a move to another report keeps the entry's text, and a report's re-index
-- (status, department, year or kind changed) takes its sections' texts from their old entries.
-- No semicolons in statements or comments (the migration runner splits scripts on them):
-- function bodies are E'' strings with \073 where plpgsql needs one.

CREATE OR REPLACE FUNCTION annals_archive_put(section_id text, report_id text, search text) RETURNS void
    LANGUAGE plpgsql AS E'
BEGIN
    DELETE FROM "ArchiveEntry" WHERE "sectionId" = section_id\073
    INSERT INTO "ArchiveEntry"("rid", "sectionId", "reportId", "status", "department", "year", "kind", "text")
        SELECT ((3000 - coalesce(r."year", 0))::bigint << 32) + nextval(''"ArchiveEntry_seq"''), section_id, report_id, r."status", r."department", r."year", r."kind", search
        FROM (SELECT 1) AS one LEFT JOIN "Report" r ON r."id" = report_id\073
END\073';

-- before the row is written: its text goes to its entry (an empty "searchText" is a save that did
-- not change the text, e.g. a move to another report: the entry keeps its text), "Section" keeps ''
CREATE OR REPLACE FUNCTION annals_archive_section_text() RETURNS trigger
    LANGUAGE plpgsql AS E'
BEGIN
    PERFORM annals_archive_put(NEW."id", NEW."report",
        CASE WHEN NEW."searchText" <> '''' THEN NEW."searchText"
             ELSE coalesce((SELECT e."text" FROM "ArchiveEntry" e WHERE e."sectionId" = NEW."id"), '''') END)\073
    NEW."searchText" := ''''\073
    RETURN NEW\073
END\073';

CREATE OR REPLACE FUNCTION annals_archive_report() RETURNS trigger
    LANGUAGE plpgsql AS E'
BEGIN
    WITH previous AS (DELETE FROM "ArchiveEntry" WHERE "reportId" = NEW."id" RETURNING "sectionId", "text")
    INSERT INTO "ArchiveEntry"("rid", "sectionId", "reportId", "status", "department", "year", "kind", "text")
        SELECT ((3000 - coalesce(NEW."year", 0))::bigint << 32) + nextval(''"ArchiveEntry_seq"''), s."id", NEW."id", NEW."status", NEW."department", NEW."year", NEW."kind",
               coalesce(previous."text", nullif(s."searchText", ''''), '''')
        FROM "Section" s LEFT JOIN previous ON previous."sectionId" = s."id" WHERE s."report" = NEW."id"\073
    RETURN NULL\073
END\073';

-- after a delete the entry goes. The shape's version of this function also indexed inserts and
-- updates (annals_archive_section_text's work now) through annals_archive_index, now unused.
CREATE OR REPLACE FUNCTION annals_archive_section() RETURNS trigger
    LANGUAGE plpgsql AS E'
BEGIN
    DELETE FROM "ArchiveEntry" WHERE "sectionId" = OLD."id"\073
    RETURN NULL\073
END\073';
DROP FUNCTION IF EXISTS annals_archive_index(text, text);

DROP TRIGGER IF EXISTS "Section_archive" ON "Section";
DROP TRIGGER IF EXISTS "Section_archive_text" ON "Section";
CREATE TRIGGER "Section_archive_text" BEFORE INSERT OR UPDATE OF "searchText", "report" ON "Section"
    FOR EACH ROW EXECUTE FUNCTION annals_archive_section_text();
CREATE TRIGGER "Section_archive" AFTER DELETE ON "Section"
    FOR EACH ROW EXECUTE FUNCTION annals_archive_section();
