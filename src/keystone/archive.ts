// The archive over the database: search, passage sources and reuse checks for the signed-in user.
// Candidates come from the index tables kept by triggers (migrations/*/…_archive_index); only
// reports the user may read ever reach a count, a snippet or a source. The pure work (folding,
// snippets, exact shared passages) is in src/archive.
import type { KeystoneContext } from '@keystone-6/core/types'
import {
  ARCHIVE_CONFIG,
  archiveScope,
  archiveTag,
  ridRange,
  ridOfYear,
  yearOfRid,
  bigrams,
  excerptAround,
  ftsMatch,
  headingHighlights,
  headingHolds,
  kgramHashes,
  matchText,
  parseQuery,
  sharedPassages,
  similarity,
  snippetFor,
  spaced,
  type ArchiveScope,
  type MatchText,
  type ParsedQuery,
  type Range,
} from '../archive'
import { REPORT_STATUSES } from '../access'
import { REPORT_KINDS } from '../workflow'

export class ArchiveError extends Error {}

type Provider = 'sqlite' | 'postgresql'
type Row = Record<string, unknown>

/** Parameters as $1, $2 …; for SQLite (which binds `?` in text order) they are reordered when run. */
class Sql {
  params: unknown[] = []
  constructor(readonly provider: Provider) {}
  p(value: string | number): string {
    this.params.push(value)
    // PostgreSQL cannot always infer a parameter's type (e.g. in SELECT lists): say it
    const type = this.provider === 'sqlite' ? '' : typeof value === 'number' ? (Math.abs(value) < 2 ** 31 ? '::integer' : '::bigint') : '::text'
    return `$${this.params.length}${type}`
  }
  list(values: readonly (string | number)[]): string {
    return values.map(v => this.p(v)).join(', ')
  }
}

function providerOf(context: KeystoneContext): Provider {
  return (context.prisma as { _activeProvider?: string })._activeProvider === 'postgresql' ? 'postgresql' : 'sqlite'
}

async function rows<T = Row>(context: KeystoneContext, sql: Sql, text: string): Promise<T[]> {
  if (sql.provider === 'postgresql') return (await context.prisma.$queryRawUnsafe(text, ...sql.params)) as T[]
  const ordered: unknown[] = []
  const positional = text.replace(/\$(\d+)/g, (_, n: string) => {
    ordered.push(sql.params[Number(n) - 1])
    return '?'
  })
  return (await context.prisma.$queryRawUnsafe(positional, ...ordered)) as T[]
}

function scopeOrFail(context: KeystoneContext): Exclude<ArchiveScope, { kind: 'none' }> {
  const scope = archiveScope(context.session)
  if (scope.kind === 'none') throw new ArchiveError('请先登录 / Sign in first')
  return scope
}


// ---------- search ----------

export type SearchArgs = {
  query: string
  departmentId?: string | null
  yearFrom?: number | null
  yearTo?: number | null
  status?: string | null
  kind?: string | null
  take?: number | null
  skip?: number | null
}

export type SearchHit = {
  reportId: string
  sectionId: string
  reportTitle: string
  departmentName: string
  year: number
  status: string
  kind: string
  heading: string
  /** ranges in the heading (UTF-16 offsets) where a term stands */
  headingHighlights: Range[]
  snippet: string
  highlights: Range[]
  /** the snippet's offset in the section text (for links to the passage) */
  offset: number
}

/** `total` counts up to ARCHIVE_CONFIG.maxCounted matches; `totalExact` is false when there are more (shown as “10,000+”). */
export type SearchResult = { total: number; totalExact: boolean; hits: SearchHit[]; terms: string[] }

const MIN_YEAR = 1949
const MAX_YEAR = 2100

function checkYear(year: number | null | undefined, label: string) {
  if (year === null || year === undefined) return
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw new ArchiveError(`${label}无效（${MIN_YEAR}–${MAX_YEAR}）/ Invalid ${label === '起始年份' ? 'start' : 'end'} year (${MIN_YEAR}–${MAX_YEAR})`)
  }
}

/** A department and all departments below it. */
async function departmentTree(context: KeystoneContext, departmentId: string): Promise<string[]> {
  const all = (await context.sudo().db.Department.findMany({})) as { id: unknown; parentId?: unknown }[]
  if (!all.some(d => String(d.id) === departmentId)) throw new ArchiveError('部门不存在 / No such department')
  const children = new Map<string, string[]>()
  for (const d of all) if (d.parentId) children.set(String(d.parentId), [...(children.get(String(d.parentId)) ?? []), String(d.id)])
  const out: string[] = []
  const queue = [departmentId]
  while (queue.length) {
    const id = queue.shift() as string
    if (out.includes(id)) continue
    out.push(id)
    queue.push(...(children.get(id) ?? []))
  }
  return out
}


/** The index expression of the access check and the filters (tags), for the FTS5 MATCH or the tsquery. */
type TagFilter = { anyOf: string[] }[]

function tagFilters(scope: Exclude<ArchiveScope, { kind: 'none' }>, args: SearchArgs, departments: string[] | null): TagFilter {
  const out: TagFilter = []
  if (scope.kind === 'approved') out.push({ anyOf: [archiveTag.status('approved'), ...scope.departmentIds.map(archiveTag.department)] })
  if (args.status) out.push({ anyOf: [archiveTag.status(args.status)] })
  if (args.kind) out.push({ anyOf: [archiveTag.kind(args.kind)] })
  if (departments) out.push({ anyOf: departments.map(archiveTag.department) })
  return out
}

function checkFilters(args: SearchArgs) {
  checkYear(args.yearFrom, '起始年份')
  checkYear(args.yearTo, '截止年份')
  if (args.status && !(REPORT_STATUSES as readonly string[]).includes(args.status)) throw new ArchiveError(`状态无效：${args.status} / Invalid status`)
  if (args.kind && !REPORT_KINDS.some(k => k.value === args.kind)) throw new ArchiveError(`类型无效：${args.kind} / Invalid kind`)
}

/** The FTS5 MATCH expression: the terms and the tags (multi-character tokens after the text, which no term can match). */
function ftsExpression(terms: string, tags: TagFilter): string {
  return [`(${terms})`, ...tags.map(t => `(${t.anyOf.map(x => `"${x}"`).join(' OR ')})`)].join(' AND ')
}

/** The tsquery of the terms (bigrams; one character as a prefix of its bigrams) and the tags. */
function tsQuery(sql: Sql, query: ParsedQuery, tags: TagFilter): string {
  const parts = query.terms.map(term =>
    term.tokens.length === 1
      ? `to_tsquery('simple'::regconfig, ${sql.p(`'${term.tokens[0]}':*`)})`
      : `plainto_tsquery('simple'::regconfig, ${sql.p(bigrams(term.tokens).join(' '))})`
  )
  for (const t of tags) parts.push(`to_tsquery('simple'::regconfig, ${sql.p(t.anyOf.join(' | '))})`)
  return `(${parts.join(' && ')})`
}

function phraseChecksNeeded(query: ParsedQuery): boolean {
  return query.terms.some(t => t.tokens.length > 1 && !(t.tokens.length === 2 && t.tokens.every(x => /\p{Script=Han}/u.test(x))))
}

/**
 * Terms whose bigrams all present do not yet make the phrase (except one Chinese bigram, which is
 * exact): checked on `column`, the entry's copy of the search column (PostgreSQL keeps it only there).
 */
function phraseChecks(sql: Sql, query: ParsedQuery, column: string): string[] {
  return query.terms
    .filter(t => phraseChecksNeeded({ terms: [t], phrase: t.tokens }))
    .map(t => `strpos(${column}, ${sql.p(spaced(t.tokens))}) > 0`)
}

type Ranked = { rid: number; exact: number; /** 1: the whole phrase stands in the heading */ heading?: number; score: number; /** false: a long phrase's bigrams, not the phrase (PostgreSQL) */ ok?: boolean }

/**
 * SQLite: matches in index order (newest year first) from `offset`, at most `limit`. The index
 * does the work: the terms, the access check and the filters are one MATCH. With `scored`, bm25
 * when every term is one character: its weights count each term's rows in the whole index, cheap
 * without positions, but for a phrase they merge the positions of every match (150 ms for 人才 at
 * 10,000 reports): a phrase's window is scored from its texts instead, as on PostgreSQL.
 */
async function indexMatches(context: KeystoneContext, query: ParsedQuery, tags: TagFilter, range: { min: number; max: number }, offset: number, limit: number, scored = false): Promise<Ranked[] & { scored?: boolean }> {
  const sql = new Sql('sqlite')
  const bm25 = scored && query.terms.every(t => t.tokens.length === 1)
  const found = await rows<{ rid: unknown; score: unknown }>(
    context,
    sql,
    `SELECT rowid AS "rid", ${bm25 ? '-bm25("ArchiveIndex")' : '0'} AS "score" FROM "ArchiveIndex" WHERE "ArchiveIndex" MATCH ${sql.p(ftsExpression(ftsMatch(query), tags))}
     AND rowid >= ${sql.p(range.min)} AND rowid <= ${sql.p(range.max)} ORDER BY rowid LIMIT ${sql.p(limit)} OFFSET ${sql.p(offset)}`
  )
  const out: Ranked[] & { scored?: boolean } = found.map(r => ({ rid: Number(r.rid), score: Number(r.score), exact: 0 }))
  out.scored = bm25
  return out
}

/**
 * PostgreSQL: the first `need` matches of the terms' bigrams in index order (newest year first;
 * long phrases are checked on the texts afterwards, see scoreWindow and checkedRids), read in
 * slices of years (the newest year, then as many years as its matches say are needed, then the
 * rest; straight to the rest after two years with under 1/16 of `need` each, a rare word or a
 * narrow filter) so that a common word stops after its newest year or two: each slice is one GIN
 * lookup of the terms, the access check, the filters and the slice's year tags (zy…), and visits
 * only that slice's matches (reindex writes the table in rid order, so also a narrow part of it).
 * `complete`: there are no more matches than returned.
 */
async function slicedMatches(context: KeystoneContext, query: ParsedQuery, tags: TagFilter, range: { min: number; max: number }, need: number): Promise<{ rids: number[]; complete: boolean }> {
  const [bounds] = await rows<{ newest: unknown }>(context, new Sql('postgresql'), `SELECT min("rid") AS "newest" FROM "ArchiveEntry"`)
  if (bounds?.newest === null || bounds?.newest === undefined) return { rids: [], complete: true }
  // the newest year to read: the filter's end, or the newest year indexed
  let year = Math.min(yearOfRid(Math.max(Number(bounds.newest), range.min)), MAX_YEAR)
  const oldest = range.max < Number.MAX_SAFE_INTEGER ? yearOfRid(range.max) : null
  const rids: number[] = []
  let yearsRead = 0
  for (let span = 1; rids.length < need; ) {
    const sql = new Sql('postgresql')
    const last = year - span + 1
    // the last slice: every older year (also entries of no year) down to the filter's start
    const rest = span >= 16 || (oldest !== null && last <= oldest)
    const years: TagFilter = rest ? [] : [{ anyOf: Array.from({ length: span }, (_, i) => archiveTag.year(year - i)) }]
    const within = rest ? ridConditions(sql, { min: ridOfYear(year), max: range.max }) : ''
    const found = await bitmapOnly<{ rid: unknown }>(
      context,
      sql,
      `SELECT e."rid" AS "rid" FROM "ArchiveEntry" e
       WHERE annals_archive_vector(e."text", e."status", e."department", e."kind", e."year") @@ ${tsQuery(sql, query, [...tags, ...years])} ${within}
       ORDER BY e."rid" LIMIT ${sql.p(need - rids.length)}`
    )
    rids.push(...found.map(r => Number(r.rid)))
    if (rest) return { rids, complete: rids.length < need }
    yearsRead += span
    // on to the next year that has entries (a year without any costs a whole lookup: 8 ms for a prefix)
    const probe = new Sql('postgresql')
    const [next] = await rows<{ rid: unknown }>(context, probe, `SELECT min("rid") AS "rid" FROM "ArchiveEntry" WHERE "rid" >= ${probe.p(ridOfYear(last - 1))}`)
    if (next?.rid === null || next?.rid === undefined) return { rids, complete: true }
    year = yearOfRid(Number(next.rid))
    if (oldest !== null && year < oldest) return { rids, complete: true }
    // the next slice: as many years as the last slice's matches say are still needed, and a
    // quarter more (each slice is one GIN lookup with a cost of its own: a phrase found 90 times a
    // year took five slices of 1, 2, 4, 8 years and the rest); a word this rare (or a narrow
    // filter) needs 16 years or more: the rest at once. A thin newest year is not yet the rate:
    // it may be the current one, mostly drafts the reader does not see (all of its searches then
    // read the whole archive): the year before decides.
    const perYear = found.length / span
    if (yearsRead === span && perYear * 16 < need) span = 1
    else span = perYear === 0 ? 16 : Math.max(1, Math.ceil(((need - rids.length) / perYear) * 1.25))
  }
  return { rids, complete: false }
}

/** The year range as rid conditions (none when open). */
function ridConditions(sql: Sql, range: { min: number; max: number }): string {
  return [range.min > 0 ? `AND e."rid" >= ${sql.p(range.min)}::bigint` : '', range.max < Number.MAX_SAFE_INTEGER ? `AND e."rid" <= ${sql.p(range.max)}::bigint` : ''].join(' ')
}

/**
 * A PostgreSQL query run with bitmap scans only and without JIT compiling (the vector's cost makes
 * every estimate pass JIT's threshold: 5–100 ms of compiling for a lookup of a few ms). In its own
 * transaction, the settings in one statement: they end with it.
 */
async function bitmapOnly<T>(context: KeystoneContext, sql: Sql, text: string): Promise<T[]> {
  const prisma = context.prisma
  const [, found] = await prisma.$transaction([
    prisma.$queryRawUnsafe(`SELECT set_config('enable_indexscan', 'off', true), set_config('enable_seqscan', 'off', true), set_config('jit', 'off', true)`),
    prisma.$queryRawUnsafe(text, ...sql.params),
  ])
  return found as T[]
}

/** Matches counted up to `cap`, on the index alone (SQLite: FTS5 phrases are exact). */
async function countMatches(context: KeystoneContext, query: ParsedQuery, tags: TagFilter, range: { min: number; max: number }, cap: number): Promise<number> {
  const sql = new Sql('sqlite')
  const [{ n }] = await rows<{ n: unknown }>(
    context,
    sql,
    `SELECT count(*) AS "n" FROM (SELECT 1 FROM "ArchiveIndex" WHERE "ArchiveIndex" MATCH ${sql.p(ftsExpression(ftsMatch(query), tags))}
     AND rowid >= ${sql.p(range.min)} AND rowid <= ${sql.p(range.max)} LIMIT ${sql.p(cap)}) x`
  )
  return Number(n ?? 0)
}

/**
 * Scores of the ranked window, read from its texts (one rule on both providers): a whole-phrase
 * match first, then the whole phrase in the section's heading (a heading match ranks at least as
 * well as a body match), then the first term's occurrences per 1,000 bytes of the text.
 */
async function scoreWindow(context: KeystoneContext, query: ParsedQuery, window: Ranked[] & { scored?: boolean }): Promise<void> {
  if (window.length === 0) return
  const multi = query.terms.length > 1
  const sql = new Sql(providerOf(context))
  const pg = sql.provider === 'postgresql'
  const first = spaced(query.terms[0].tokens)
  // PostgreSQL: the entry's copy of the column, decompressed once per row (each function reading a
  // compressed value decompresses it again: that was half of this query)
  const t = pg ? 'x."t"' : 's."searchText"'
  const position = pg ? 'strpos' : 'instr'
  const exact = multi ? `(CASE WHEN ${position}(${t}, ${sql.p(spaced(query.phrase))}) > 0 THEN 1 ELSE 0 END)` : '0'
  // in bytes (the same on both providers): counting characters of 500 texts was most of a search's time on PostgreSQL
  const bytes = (x: string) => (pg ? `octet_length(${x})` : `length(CAST(${x} AS BLOB))`)
  // SQLite's bm25 scored one-character terms
  const score = window.scored
    ? '0'
    : `((${bytes(t)} - ${bytes(`replace(${t}, ${sql.p(first)}, '')`)}) * ${pg ? '1.0::float' : '1.0'} / ${Buffer.byteLength(first)} / ${pg ? 'greatest' : 'max'}(${bytes(t)}, 1) * 1000)`
  const checks = pg ? phraseChecks(sql, query, t) : []
  const ok = checks.length ? `(CASE WHEN ${checks.join(' AND ')} THEN 1 ELSE 0 END)` : '1'
  // the heading as written (folded here: reading it from the search column read every text again on SQLite)
  const columns = `${exact} AS "exact", ${score} AS "score", ${ok} AS "ok"`
  const scored = await rows<{ rid: unknown; heading: unknown; exact: unknown; score: unknown; ok: unknown }>(
    context,
    sql,
    pg
      ? // rids as one array joined to the key: a list of 500 in IN (…) was planned as a parallel scan of every entry
        `SELECT x."rid" AS "rid", x."heading" AS "heading", ${columns}
         FROM (SELECT e."rid", s."heading", e."text" || '' AS "t" FROM unnest(${sql.p(`{${window.map(w => w.rid).join(',')}}`)}::bigint[]) AS w("rid")
               JOIN "ArchiveEntry" e ON e."rid" = w."rid" JOIN "Section" s ON s."id" = e."sectionId" OFFSET 0) x`
      : `SELECT e."rid" AS "rid", s."heading" AS "heading", ${columns}
         FROM "ArchiveEntry" e JOIN "Section" s ON s."id" = e."sectionId"
         WHERE e."rid" IN (${window.map(w => sql.p(w.rid)).join(', ')})`
  )
  const byRid = new Map(scored.map(r => [Number(r.rid), r]))
  for (const w of window) {
    const r = byRid.get(w.rid)
    w.exact = Number(r?.exact ?? 0)
    w.heading = headingHolds(String(r?.heading ?? ''), query.phrase) ? 1 : 0
    if (!window.scored) w.score = Number(r?.score ?? 0)
    w.ok = Number(r?.ok ?? 0) === 1
  }
}

/** PostgreSQL: the rids (in their order) whose texts hold every long phrase of the query. */
async function checkedRids(context: KeystoneContext, query: ParsedQuery, rids: number[]): Promise<Ranked[]> {
  if (rids.length === 0 || !phraseChecksNeeded(query)) return rids.map(rid => ({ rid, exact: 0, score: 0 }))
  const sql = new Sql('postgresql')
  const checks = phraseChecks(sql, query, 'e."text"')
  const ok = await rows<{ rid: unknown }>(
    context,
    sql,
    `SELECT e."rid" AS "rid" FROM "ArchiveEntry" e WHERE e."rid" IN (${rids.map(r => sql.p(r) + '::bigint').join(', ')}) AND ${checks.join(' AND ')}`
  )
  const set = new Set(ok.map(r => Number(r.rid)))
  return rids.filter(r => set.has(r)).map(rid => ({ rid, exact: 0, score: 0 }))
}

export async function searchArchive(context: KeystoneContext, args: SearchArgs): Promise<SearchResult> {
  const scope = scopeOrFail(context)
  const query = parseQuery(args.query)
  const take = args.take ?? 20
  const skip = args.skip ?? 0
  if (!Number.isInteger(take) || take < 1 || take > ARCHIVE_CONFIG.maxTake) throw new ArchiveError(`每页条数应为 1–${ARCHIVE_CONFIG.maxTake} / take must be 1–${ARCHIVE_CONFIG.maxTake}`)
  if (!Number.isInteger(skip) || skip < 0 || skip > ARCHIVE_CONFIG.maxSkip) throw new ArchiveError(`翻页位置无效（0–${ARCHIVE_CONFIG.maxSkip}）/ skip must be 0–${ARCHIVE_CONFIG.maxSkip}`)
  checkFilters(args)
  const tags = tagFilters(scope, args, args.departmentId ? await departmentTree(context, args.departmentId) : null)
  const range = ridRange(args.yearFrom, args.yearTo)
  const terms = query.terms.map(t => t.tokens)

  // the ranked window: the newest maxRanked matches, ordered by whole phrase, relevance, recency
  const R = ARCHIVE_CONFIG.maxRanked
  const cap = ARCHIVE_CONFIG.maxCounted + 1
  let window: Ranked[] & { scored?: boolean }
  let complete: boolean
  let counted: number
  // PostgreSQL: the first `cap` matches in index order give the window, the count and any later page
  let sliced: number[] = []
  if (providerOf(context) === 'postgresql') {
    const found = await slicedMatches(context, query, tags, range, cap)
    sliced = found.rids
    window = sliced.slice(0, R).map(rid => ({ rid, exact: 0, score: 0 }))
    complete = found.complete && sliced.length <= R
    counted = sliced.length
  } else {
    window = await indexMatches(context, query, tags, range, 0, R, true)
    complete = window.length < R
    counted = complete ? window.length : await countMatches(context, query, tags, range, cap)
  }
  await scoreWindow(context, query, window)
  // PostgreSQL: a long phrase's bigrams were counted; the window's texts were checked
  const checked = window.filter(w => w.ok !== false)
  let exactCount = true
  if (complete) counted = checked.length
  else if (providerOf(context) === 'postgresql') exactCount = phraseChecksNeeded(query) === false
  window = checked
  const result: SearchResult = {
    total: Math.min(counted, ARCHIVE_CONFIG.maxCounted),
    totalExact: exactCount && counted <= ARCHIVE_CONFIG.maxCounted,
    terms: terms.map(t => t.join('')),
    hits: [],
  }
  if (window.length === 0 || skip >= result.total) return result
  window.sort((a, b) => b.exact - a.exact || (b.heading ?? 0) - (a.heading ?? 0) || b.score - a.score || a.rid - b.rid)
  let page = window.slice(skip, skip + take)
  // past the window: the remaining matches in index order (newest first)
  if (page.length < take && !complete) {
    const from = Math.max(skip, R)
    const more =
      providerOf(context) === 'postgresql'
        ? await checkedRids(context, query, sliced.slice(from, Math.min(from + take - page.length, ARCHIVE_CONFIG.maxCounted)))
        : await indexMatches(context, query, tags, range, from, take - page.length)
    page = [...page, ...more]
  }
  if (page.length === 0) return result

  const details = new Sql(providerOf(context))
  const found = await rows(
    context,
    details,
    `SELECT e."rid" AS "rid", s."id" AS "sectionId", r."id" AS "reportId", r."title" AS "reportTitle", d."name" AS "departmentName", r."year" AS "year",
            r."status" AS "status", r."kind" AS "kind", s."heading" AS "heading", s."plainText" AS "plainText"
     FROM "ArchiveEntry" e JOIN "Section" s ON s."id" = e."sectionId" JOIN "Report" r ON r."id" = s."report" LEFT JOIN "Department" d ON d."id" = r."department"
     WHERE e."rid" IN (${page.map(p => details.p(p.rid) + (details.provider === 'postgresql' ? '::bigint' : '')).join(', ')})`
  )
  const byRid = new Map(found.map(row => [Number(row.rid), row]))
  result.hits = page.flatMap(({ rid }) => {
    const row = byRid.get(rid)
    if (!row) return []
    const snippet = snippetFor(String(row.plainText ?? ''), terms, query.phrase)
    return [{
      reportId: String(row.reportId),
      sectionId: String(row.sectionId),
      reportTitle: String(row.reportTitle ?? ''),
      departmentName: String(row.departmentName ?? ''),
      year: Number(row.year),
      status: String(row.status),
      kind: String(row.kind),
      heading: String(row.heading ?? ''),
      headingHighlights: headingHighlights(String(row.heading ?? ''), terms),
      snippet: snippet.text,
      highlights: snippet.highlights,
      offset: snippet.offset,
    }]
  })
  return result
}

// ---------- candidates by fingerprint ----------

type SourceSection = {
  sectionId: string
  reportId: string
  reportTitle: string
  departmentId: string
  departmentName: string
  year: number
  heading: string
  plainText: string
}

/** The reports a user may read, as a condition on `e` (ArchiveEntry). */
function entryScope(sql: Sql, scope: Exclude<ArchiveScope, { kind: 'none' }>): string {
  if (scope.kind === 'all') return '1=1'
  const approved = `e."status" = ${sql.p('approved')}`
  if (scope.departmentIds.length === 0) return approved
  return `(${approved} OR e."department" IN (${sql.list(scope.departmentIds)}))`
}

/**
 * The hashes worth looking up: not set phrases (ArchiveCommonHash), and of a long text only a
 * bottom-k sketch (the smallest values: copies share their minima). Bounded work per request.
 */
async function queryHashes(context: KeystoneContext, hashes: readonly number[]): Promise<number[]> {
  if (hashes.length === 0) return []
  const sql = new Sql(providerOf(context))
  const common =
    sql.provider === 'sqlite'
      ? await rows<{ h: unknown }>(context, sql, `SELECT "hash" AS "h" FROM "ArchiveCommonHash" WHERE "hash" IN (SELECT value FROM json_each(${sql.p(JSON.stringify(hashes))}))`)
      : // a join, not "= ANY($1::integer[])": that array cast is not folded into a constant, and was parsed again for every row read (90 ms of a reuse check)
        await rows<{ h: unknown }>(context, sql, `SELECT c."hash" AS "h" FROM unnest(${sql.p(`{${hashes.join(',')}}`)}::integer[]) AS w("v") JOIN "ArchiveCommonHash" c ON c."hash" = w."v"`)
  const skip = new Set(common.map(c => Number(c.h)))
  const rare = hashes.filter(h => !skip.has(h)).sort((a, b) => a - b)
  return rare.slice(0, ARCHIVE_CONFIG.maxQueryHashes)
}

/**
 * Sections sharing the most of `hashes` among reports the user may read: each hash's postings
 * are read up to maxHashSections + 1 (a hash in more sections is a set phrase and left out), so
 * one request reads at most hashes × maxHashSections postings; the best maxCandidates are verified.
 */
async function candidateSections(
  context: KeystoneContext,
  scope: Exclude<ArchiveScope, { kind: 'none' }>,
  allHashes: number[],
  extra: (sql: Sql) => string[]
): Promise<SourceSection[]> {
  const hashes = await queryHashes(context, allHashes)
  if (hashes.length === 0) return []
  const sql = new Sql(providerOf(context))
  const cap = ARCHIVE_CONFIG.maxHashSections + 1
  let ranked: string
  if (sql.provider === 'sqlite') {
    ranked = `WITH "w"("v") AS (SELECT value FROM json_each(${sql.p(JSON.stringify(hashes))})),
      "ok"("v") AS (SELECT "v" FROM "w" WHERE (SELECT count(*) FROM (SELECT 1 FROM "ArchiveHash" h WHERE h."hash" = "w"."v" LIMIT ${cap})) < ${cap})
      SELECT e."sectionId" AS "sid", count(*) AS "shared" FROM "ok" JOIN "ArchiveHash" h ON h."hash" = "ok"."v" JOIN "ArchiveEntry" e ON e."rid" = h."rid"
      WHERE ${[entryScope(sql, scope), ...extra(sql)].join(' AND ')}
      GROUP BY e."sectionId" ORDER BY "shared" DESC, e."sectionId" LIMIT ${ARCHIVE_CONFIG.maxCandidates}`
  } else {
    ranked = `WITH "p" AS (SELECT w."v", x."id" FROM unnest(${sql.p(`{${hashes.join(',')}}`)}::integer[]) AS w("v")
        CROSS JOIN LATERAL (SELECT s."id" FROM "Section" s WHERE annals_hashes(s."fingerprints") @> ARRAY[w."v"] LIMIT ${cap}) x),
      "ok" AS (SELECT "v" FROM "p" GROUP BY "v" HAVING count(*) < ${cap})
      SELECT "p"."id" AS "sid", count(*) AS "shared" FROM "p" JOIN "ok" ON "ok"."v" = "p"."v" JOIN "ArchiveEntry" e ON e."sectionId" = "p"."id"
      WHERE ${[entryScope(sql, scope), ...extra(sql)].join(' AND ')}
      GROUP BY "p"."id" ORDER BY "shared" DESC, "p"."id" LIMIT ${ARCHIVE_CONFIG.maxCandidates}`
  }
  const found = await rows<Row>(
    context,
    sql,
    `WITH "c" AS (${ranked})
     SELECT s."id" AS "sectionId", r."id" AS "reportId", r."title" AS "reportTitle", r."department" AS "departmentId", d."name" AS "departmentName",
            r."year" AS "year", s."heading" AS "heading", s."plainText" AS "plainText"
     FROM "c" JOIN "Section" s ON s."id" = "c"."sid"
     JOIN "Report" r ON r."id" = s."report" LEFT JOIN "Department" d ON d."id" = r."department"
     ORDER BY "c"."shared" DESC, s."id"`
  )
  return found.map(row => ({
    sectionId: String(row.sectionId),
    reportId: String(row.reportId),
    reportTitle: String(row.reportTitle ?? ''),
    departmentId: String(row.departmentId ?? ''),
    departmentName: String(row.departmentName ?? ''),
    year: Number(row.year),
    heading: String(row.heading ?? ''),
    plainText: String(row.plainText ?? ''),
  }))
}

// ---------- where else does this passage appear ----------

export type PassageSource = {
  reportId: string
  sectionId: string
  reportTitle: string
  departmentName: string
  year: number
  heading: string
  start: number
  end: number
  similarity: number
  context: string
  contextStart: number
}

export async function passageSources(context: KeystoneContext, args: { text: string; excludeReportId?: string | null }): Promise<PassageSource[]> {
  const scope = scopeOrFail(context)
  if ([...args.text].length > ARCHIVE_CONFIG.maxPassageChars) {
    throw new ArchiveError(`选段过长（最多 ${ARCHIVE_CONFIG.maxPassageChars} 个字符）/ Selection too long (at most ${ARCHIVE_CONFIG.maxPassageChars} characters)`)
  }
  const selection = matchText(args.text)
  if (selection.mapped.tokens.length < ARCHIVE_CONFIG.kgram) {
    throw new ArchiveError(`选段太短（至少 ${ARCHIVE_CONFIG.kgram} 个字）/ Selection too short (at least ${ARCHIVE_CONFIG.kgram} characters)`)
  }
  // every k-gram of the selection: any stored (winnowed) hash of a shared run of 25+ characters is among them
  const hashes = [...new Set(kgramHashes(selection.mapped.tokens))]
  const candidates = await candidateSections(context, scope, hashes, sql => (args.excludeReportId ? [`e."reportId" <> ${sql.p(args.excludeReportId)}`] : []))
  const found: PassageSource[] = []
  for (const c of candidates) {
    const passages = sharedPassages(selection, matchText(c.plainText), ARCHIVE_CONFIG.kgram)
    const share = similarity(selection, passages)
    if (passages.length === 0 || share < ARCHIVE_CONFIG.minSimilarity) continue
    const start = Math.min(...passages.map(p => p.sourceStart))
    const end = Math.max(...passages.map(p => p.sourceEnd))
    const excerpt = excerptAround(c.plainText, start, end, 30)
    found.push({
      reportId: c.reportId,
      sectionId: c.sectionId,
      reportTitle: c.reportTitle,
      departmentName: c.departmentName,
      year: c.year,
      heading: c.heading,
      start,
      end,
      similarity: Math.round(share * 1000) / 1000,
      context: excerpt.text,
      contextStart: excerpt.offset,
    })
  }
  // earliest first: who wrote it first
  return found.sort((a, b) => a.year - b.year || b.similarity - a.similarity || a.departmentName.localeCompare(b.departmentName, 'zh') || a.sectionId.localeCompare(b.sectionId))
}

// ---------- reuse check (查重) ----------

export type ReusePassage = { text: string; sectionId: string; start: number; end: number; sourceSectionId: string; sourceStart: number; sourceEnd: number }
export type ReuseSource = {
  reportId: string
  reportTitle: string
  departmentName: string
  year: number
  ownDepartment: boolean
  sharedChars: number
  share: number
  passages: ReusePassage[]
}
export type ReuseCheck = {
  reportId: string
  reportTitle: string
  departmentName: string
  year: number
  totalChars: number
  reusedShare: number
  ownDepartmentShare: number
  otherDepartmentsShare: number
  sources: ReuseSource[]
}

type ReportSection = { id: string; plainText: string; fingerprints: string }

/** Sections of one report as one matching text; tokens remember their section (a separator keeps runs inside one). */
function combine(sections: readonly ReportSection[]): { text: MatchText; owner: number[] } {
  const tokens: string[] = []
  const start: number[] = []
  const end: number[] = []
  const owner: number[] = []
  sections.forEach((section, index) => {
    const m = matchText(section.plainText).mapped
    if (index > 0) {
      tokens.push('\u0001')
      start.push(-1)
      end.push(-1)
      owner.push(-1)
    }
    tokens.push(...m.tokens)
    start.push(...m.start)
    end.push(...m.end)
    for (let i = 0; i < m.tokens.length; i++) owner.push(index)
  })
  return { text: { mapped: { tokens, start, end }, key: tokens.join('') }, owner }
}

export async function reuseCheck(context: KeystoneContext, args: { reportId: string }): Promise<ReuseCheck> {
  const scope = scopeOrFail(context)
  // the user's own read rules decide whether the report exists for them
  const report = (await context.db.Report.findOne({ where: { id: args.reportId } })) as { id: unknown; title?: unknown; year?: unknown; departmentId?: unknown } | null
  if (!report) throw new ArchiveError('报告不存在或无权查看 / No such report, or not yours to read')
  const departmentId = String(report.departmentId ?? '')
  const year = Number(report.year)
  const sql = new Sql(providerOf(context))
  const sections = await rows<ReportSection>(
    context,
    sql,
    `SELECT "id", "plainText", "fingerprints" FROM "Section" WHERE "report" = ${sql.p(args.reportId)} ORDER BY "position", "id"`
  )
  const department = departmentId ? await context.sudo().db.Department.findOne({ where: { id: departmentId } }) : null
  const { text, owner } = combine(sections)
  const totalChars = owner.filter(o => o >= 0).length
  const hashes = [...new Set(sections.flatMap(s => JSON.parse(s.fingerprints || '[]') as number[]))]
  const candidates = await candidateSections(context, scope, hashes, q => [`e."reportId" <> ${q.p(args.reportId)}`, `e."year" <= ${q.p(year)}`])

  const own = new Uint8Array(text.mapped.tokens.length)
  const other = new Uint8Array(text.mapped.tokens.length)
  const bySource = new Map<string, { source: SourceSection; covered: Uint8Array; passages: ReusePassage[] }>()
  for (const c of candidates) {
    const ownDepartment = c.departmentId === departmentId
    const passages = sharedPassages(text, matchText(c.plainText), ARCHIVE_CONFIG.minPassage)
    if (passages.length === 0) continue
    const entry = bySource.get(c.reportId) ?? { source: c, covered: new Uint8Array(text.mapped.tokens.length), passages: [] }
    bySource.set(c.reportId, entry)
    for (const p of passages) {
      const section = sections[owner[p.tokenStart]]
      entry.covered.fill(1, p.tokenStart, p.tokenStart + p.length)
      ;(ownDepartment ? own : other).fill(1, p.tokenStart, p.tokenStart + p.length)
      entry.passages.push({
        text: section.plainText.slice(p.start, p.end),
        sectionId: section.id,
        start: p.start,
        end: p.end,
        sourceSectionId: c.sectionId,
        sourceStart: p.sourceStart,
        sourceEnd: p.sourceEnd,
      })
    }
  }
  const count = (mask: (i: number) => boolean) => {
    let n = 0
    for (let i = 0; i < owner.length; i++) if (owner[i] >= 0 && mask(i)) n++
    return n
  }
  const share = (n: number) => (totalChars === 0 ? 0 : Math.round((n / totalChars) * 1000) / 1000)
  const sources = [...bySource.values()]
    .map(({ source, covered, passages }) => {
      const sharedChars = count(i => covered[i] === 1)
      return {
        reportId: source.reportId,
        reportTitle: source.reportTitle,
        departmentName: source.departmentName,
        year: source.year,
        ownDepartment: source.departmentId === departmentId,
        sharedChars,
        share: share(sharedChars),
        passages: passages.sort((a, b) => a.sectionId.localeCompare(b.sectionId) || a.start - b.start).slice(0, 200),
      }
    })
    .sort((a, b) => b.sharedChars - a.sharedChars || a.year - b.year || a.reportId.localeCompare(b.reportId))
    .slice(0, ARCHIVE_CONFIG.maxSources)
  return {
    reportId: args.reportId,
    reportTitle: String(report.title ?? ''),
    departmentName: String((department as { name?: unknown } | null)?.name ?? ''),
    year,
    totalChars,
    reusedShare: share(count(i => own[i] === 1 || other[i] === 1)),
    // a passage found in both counts as the department's own
    ownDepartmentShare: share(count(i => own[i] === 1)),
    otherDepartmentsShare: share(count(i => own[i] === 0 && other[i] === 1)),
    sources,
  }
}
