-- Hand-written (not generated from schema.ts): the archive's search and fingerprint indexes.
-- Both are GIN indexes over expressions of columns the server computes on every save
-- ("searchText", "fingerprints"), so PostgreSQL updates them in the same transaction as the write.
-- Idempotent: `npm run reindex` runs this file again. No semicolons inside statements or
-- comments: the migration runner splits scripts on them.

-- "人 才 引 进" → "人才 引进 才引 进": every bigram (tokens are single characters) one lexeme, so one- and
-- two-character words are index lookups (a one-character word is a prefix lookup) and longer phrases
-- AND their bigrams. Pairs from the first and from the second character: linear, no array walking.
-- Not inlined (SET search_path) so that its COST tells the planner to use the index, never to
-- compute it row by row for a common word.
CREATE OR REPLACE FUNCTION annals_bigrams(t text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE COST 100000 SET search_path = pg_catalog AS $$
    SELECT regexp_replace(r, '(.)(.)', '\1\2 ', 'g') || ' ' || regexp_replace(substr(r, 2), '(.)(.)', '\1\2 ', 'g')
    FROM (SELECT replace(t, ' ', '') AS r) x
$$;

CREATE INDEX IF NOT EXISTS "Section_archive_search_idx" ON "Section"
    USING gin (to_tsvector('simple'::regconfig, annals_bigrams("searchText")));

-- "[12,-7,…]" (winnowed k-gram hashes as JSON) → integer[] (parsing integers does not depend on settings)
CREATE OR REPLACE FUNCTION annals_hashes(t text) RETURNS integer[]
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT translate(coalesce(nullif(t, ''), '[]'), '[]', '{}')::integer[]
$$;

CREATE INDEX IF NOT EXISTS "Section_archive_fingerprints_idx" ON "Section"
    USING gin (annals_hashes("fingerprints"));
