-- Hand-written (not generated from schema.ts): the archive's search and fingerprint indexes.
-- Both are GIN indexes over expressions of columns the server computes on every save
-- ("searchText", "fingerprints"), so PostgreSQL updates them in the same transaction as the write.
-- Idempotent: `npm run reindex` runs this file again. No semicolons inside statements or
-- comments: the migration runner splits scripts on them.

-- "人 才 引 进" → "人才 才引 引进 进": every bigram one lexeme, so one- and two-character words are
-- index lookups (a one-character word is a prefix lookup) and longer phrases AND their bigrams
CREATE OR REPLACE FUNCTION annals_bigrams(t text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT coalesce(string_agg(a[i] || coalesce(a[i + 1], ''), ' '), '')
    FROM (SELECT string_to_array(t, ' ') AS a) x, generate_subscripts(x.a, 1) AS i
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
