-- Hand-written (not generated from schema.ts): the archive's search and fingerprint indexes.
-- Both are GIN indexes over columns the server computes on every save ("searchText",
-- "fingerprints") or derived from them by PostgreSQL ("searchVector", a generated column), so they
-- change in the same transaction as the write.
-- Idempotent: `npm run reindex` runs this file again. No semicolons inside statements or
-- comments: the migration runner splits scripts on them.

-- "人 才 引 进" → "人才 引进 才引 进": every bigram (tokens are single characters) one lexeme, so one- and
-- two-character words are index lookups (a one-character word is a prefix lookup) and longer phrases
-- AND their bigrams. Pairs from the first and from the second character: linear, no array walking.
CREATE OR REPLACE FUNCTION annals_bigrams(t text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path = pg_catalog AS $$
    SELECT regexp_replace(r, '(.)(.)', '\1\2 ', 'g') || ' ' || regexp_replace(substr(r, 2), '(.)(.)', '\1\2 ', 'g')
    FROM (SELECT replace(t, ' ', '') AS r) x
$$;

-- stored (without positions, which no query needs) so that checking a row never recomputes it
ALTER TABLE "Section" ADD COLUMN IF NOT EXISTS "searchVector" tsvector
    GENERATED ALWAYS AS (strip(to_tsvector('simple'::regconfig, annals_bigrams("searchText")))) STORED;

CREATE INDEX IF NOT EXISTS "Section_archive_search_idx" ON "Section" USING gin ("searchVector");

-- "[12,-7,…]" (winnowed k-gram hashes as JSON) → integer[] (parsing integers does not depend on settings)
CREATE OR REPLACE FUNCTION annals_hashes(t text) RETURNS integer[]
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT translate(coalesce(nullif(t, ''), '[]'), '[]', '{}')::integer[]
$$;

CREATE INDEX IF NOT EXISTS "Section_archive_fingerprints_idx" ON "Section"
    USING gin (annals_hashes("fingerprints"));
