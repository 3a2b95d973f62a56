-- Hand-written: section headings joined the archive's search column (heading tokens, the end
-- mark ǀ, then the body's: src/archive/text.ts), a column only the application can compute
-- (folding is code, not SQL). An archive that already holds sections is marked for one rebuild
-- of its index, which the app runs when it starts (scripts/start.ts), and npm run reindex clears
-- the mark too. A new database has no sections here, so nothing is due.
CREATE TABLE IF NOT EXISTS "ArchiveMaintenance" ("task" TEXT NOT NULL PRIMARY KEY);
INSERT INTO "ArchiveMaintenance" ("task") SELECT 'reindex' WHERE EXISTS (SELECT 1 FROM "Section");
