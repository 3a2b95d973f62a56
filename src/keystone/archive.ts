// The archive over the database: search, passage sources and reuse checks for the signed-in user.
// Candidates come from the index tables kept by triggers (migrations/*/…_archive_index); only
// reports the user may read ever reach a count, a snippet or a source. The pure work (folding,
// snippets, exact shared passages) is in src/archive.
import type { KeystoneContext } from '@keystone-6/core/types'
import {
  ARCHIVE_CONFIG,
  archiveScope,
  bigrams,
  excerptAround,
  ftsMatch,
  ftsPhrase,
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
    const type = this.provider === 'sqlite' ? '' : typeof value === 'number' ? '::integer' : '::text'
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

/** The reports a user may read, as a condition on `r` (Report). */
function scopeCondition(sql: Sql, scope: Exclude<ArchiveScope, { kind: 'none' }>): string {
  if (scope.kind === 'all') return '1=1'
  const approved = `r."status" = ${sql.p('approved')}`
  if (scope.departmentIds.length === 0) return approved
  return `(${approved} OR r."department" IN (${sql.list(scope.departmentIds)}))`
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
  snippet: string
  highlights: Range[]
  /** the snippet's offset in the section text (for links to the passage) */
  offset: number
}

export type SearchResult = { total: number; hits: SearchHit[]; terms: string[] }

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

async function filterConditions(context: KeystoneContext, sql: Sql, args: SearchArgs): Promise<string[]> {
  checkYear(args.yearFrom, '起始年份')
  checkYear(args.yearTo, '截止年份')
  const where: string[] = []
  if (args.status) {
    if (!(REPORT_STATUSES as readonly string[]).includes(args.status)) throw new ArchiveError(`状态无效：${args.status} / Invalid status`)
    where.push(`r."status" = ${sql.p(args.status)}`)
  }
  if (args.kind) {
    if (!REPORT_KINDS.some(k => k.value === args.kind)) throw new ArchiveError(`类型无效：${args.kind} / Invalid kind`)
    where.push(`r."kind" = ${sql.p(args.kind)}`)
  }
  if (args.yearFrom) where.push(`r."year" >= ${sql.p(args.yearFrom)}`)
  if (args.yearTo) where.push(`r."year" <= ${sql.p(args.yearTo)}`)
  if (args.departmentId) where.push(`r."department" IN (${sql.list(await departmentTree(context, args.departmentId))})`)
  return where
}

/** FROM … WHERE … selecting matching sections (s), their reports (r) and departments (d), with `score` and `exact`. */
function matchClause(sql: Sql, query: ParsedQuery): { from: string; where: string[]; score: () => string; exact: () => string } {
  const joins = `JOIN "Report" r ON r."id" = s."report" LEFT JOIN "Department" d ON d."id" = r."department"`
  const whole = query.phrase
  if (sql.provider === 'sqlite') {
    const match = sql.p(ftsMatch(query))
    const from = `(SELECT rowid AS "rid", bm25("ArchiveText") AS "score" FROM "ArchiveText" WHERE "ArchiveText" MATCH ${match}) m
      JOIN "ArchiveSection" a ON a."rid" = m."rid" JOIN "Section" s ON s."id" = a."sectionId" ${joins}`
    const exact = () => (query.terms.length > 1 ? `(m."rid" IN (SELECT rowid FROM "ArchiveText" WHERE "ArchiveText" MATCH ${sql.p(ftsPhrase(whole))}))` : '0')
    // bm25 is lower for better matches
    return { from, where: [], score: () => `-m."score"`, exact }
  }
  const vector = `s."searchVector"`
  const where: string[] = []
  for (const term of query.terms) {
    if (term.tokens.length === 1) where.push(`${vector} @@ to_tsquery('simple'::regconfig, ${sql.p(`'${term.tokens[0]}':*`)})`)
    else {
      where.push(`${vector} @@ plainto_tsquery('simple'::regconfig, ${sql.p(bigrams(term.tokens).join(' '))})`)
      // bigrams all present is not yet the phrase (except one Chinese bigram, which is exact)
      if (!(term.tokens.length === 2 && term.tokens.every(t => /\p{Script=Han}/u.test(t)))) where.push(`strpos(s."searchText", ${sql.p(spaced(term.tokens))}) > 0`)
    }
  }
  const first = spaced(query.terms[0].tokens)
  const score = () => `((length(s."searchText") - length(replace(s."searchText", ${sql.p(first)}, '')))::float / ${first.length} / greatest(length(s."searchText"), 1) * 1000)`
  const exact = () => (query.terms.length > 1 ? `(CASE WHEN strpos(s."searchText", ${sql.p(spaced(whole))}) > 0 THEN 1 ELSE 0 END)` : '0')
  return { from: `"Section" s ${joins}`, where, score, exact }
}

export async function searchArchive(context: KeystoneContext, args: SearchArgs): Promise<SearchResult> {
  const scope = scopeOrFail(context)
  const query = parseQuery(args.query)
  const take = args.take ?? 20
  const skip = args.skip ?? 0
  if (!Number.isInteger(take) || take < 1 || take > ARCHIVE_CONFIG.maxTake) throw new ArchiveError(`每页条数应为 1–${ARCHIVE_CONFIG.maxTake} / take must be 1–${ARCHIVE_CONFIG.maxTake}`)
  if (!Number.isInteger(skip) || skip < 0 || skip > 10_000) throw new ArchiveError('翻页位置无效（0–10000）/ skip must be 0–10000')

  // every parameter must appear in its query's text (PostgreSQL refuses unused ones): rank terms only when listing
  const build = async (ranked: boolean, total = 0) => {
    const sql = new Sql(providerOf(context))
    const m = matchClause(sql, query)
    const exact = ranked ? m.exact() : ''
    // PostgreSQL's density score reads every candidate's text: affordable for up to maxRanked candidates
    const score = ranked ? (sql.provider === 'sqlite' || total <= ARCHIVE_CONFIG.maxRanked ? m.score() : '0') : ''
    const where = [...m.where, scopeCondition(sql, scope), ...(await filterConditions(context, sql, args))]
    return { sql, m, exact, score, where: where.join(' AND ') }
  }
  const counted = await build(false)
  const [{ n }] = await rows<{ n: unknown }>(context, counted.sql, `SELECT count(*) AS "n" FROM ${counted.m.from} WHERE ${counted.where}`)
  const total = Number(n ?? 0)
  const terms = query.terms.map(t => t.tokens)
  const result: SearchResult = { total, terms: terms.map(t => t.join('')), hits: [] }
  if (total === 0 || skip >= total) return result

  // the page's section ids first (small rows sort fast), then their texts for snippets
  const listed = await build(true, total)
  const page = await rows<{ sectionId: string }>(
    context,
    listed.sql,
    `SELECT s."id" AS "sectionId", ${listed.exact} AS "exact", ${listed.score} AS "score"
     FROM ${listed.m.from} WHERE ${listed.where}
     ORDER BY "exact" DESC, "score" DESC, r."year" DESC, r."id" ASC, s."position" ASC, s."id" ASC
     LIMIT ${listed.sql.p(take)} OFFSET ${listed.sql.p(skip)}`
  )
  const details = new Sql(providerOf(context))
  const found = await rows(
    context,
    details,
    `SELECT s."id" AS "sectionId", r."id" AS "reportId", r."title" AS "reportTitle", d."name" AS "departmentName", r."year" AS "year",
            r."status" AS "status", r."kind" AS "kind", s."heading" AS "heading", s."plainText" AS "plainText"
     FROM "Section" s JOIN "Report" r ON r."id" = s."report" LEFT JOIN "Department" d ON d."id" = r."department"
     WHERE s."id" IN (${details.list(page.map(p => p.sectionId))})`
  )
  const byId = new Map(found.map(row => [String(row.sectionId), row]))
  result.hits = page.flatMap(({ sectionId }) => {
    const row = byId.get(String(sectionId))
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

/** Sections sharing the most hashes with `hashes`, among reports the user may read. */
/** Without boilerplate: hashes in at most maxHashSections sections (counted on the index alone). */
async function distinctiveHashes(context: KeystoneContext, hashes: readonly number[]): Promise<number[]> {
  const sql = new Sql('sqlite')
  const counts = await rows<{ h: unknown; n: unknown }>(
    context,
    sql,
    `SELECT "hash" AS h, count(*) AS n FROM "ArchiveFingerprint" WHERE "hash" IN (${sql.list(hashes)}) GROUP BY "hash"`
  )
  const rare = counts.filter(c => Number(c.n) <= ARCHIVE_CONFIG.maxHashSections).map(c => Number(c.h))
  // all of them boilerplate: the rarest still tell where the text stands
  return rare.length > 0 ? rare : counts.sort((a, b) => Number(a.n) - Number(b.n)).slice(0, 20).map(c => Number(c.h))
}

/** A bottom-k sketch of a long text's hashes: the smallest values (copies share their minima). */
function sketch(hashes: readonly number[]): number[] {
  return hashes.length <= ARCHIVE_CONFIG.maxQueryHashes ? [...hashes] : [...hashes].sort((a, b) => a - b).slice(0, ARCHIVE_CONFIG.maxQueryHashes)
}

async function candidateSections(
  context: KeystoneContext,
  scope: Exclude<ArchiveScope, { kind: 'none' }>,
  hashes: number[],
  extra: (sql: Sql) => string[]
): Promise<SourceSection[]> {
  if (hashes.length === 0) return []
  const sql = new Sql(providerOf(context))
  let ranked: string
  if (sql.provider === 'sqlite') {
    hashes = await distinctiveHashes(context, hashes)
    const where = [`f."hash" IN (${sql.list(hashes)})`, scopeCondition(sql, scope), ...extra(sql)].join(' AND ')
    ranked = `SELECT a."sectionId" AS "sid", count(*) AS "shared" FROM "ArchiveFingerprint" f
             JOIN "ArchiveSection" a ON a."rid" = f."rid" JOIN "Section" s ON s."id" = a."sectionId" JOIN "Report" r ON r."id" = s."report"
             WHERE ${where} GROUP BY a."sectionId" ORDER BY "shared" DESC, a."sectionId" LIMIT ${ARCHIVE_CONFIG.maxCandidates}`
  } else {
    const wanted = `${sql.p(`{${hashes.join(',')}}`)}::integer[]`
    const where = [`annals_hashes(s."fingerprints") && ${wanted}`, scopeCondition(sql, scope), ...extra(sql)].join(' AND ')
    // shared hashes counted by a hash join (not ANY over the array for every stored hash)
    ranked = `SELECT s."id" AS "sid", count(*) AS "shared"
             FROM "Section" s JOIN "Report" r ON r."id" = s."report"
             CROSS JOIN LATERAL unnest(annals_hashes(s."fingerprints")) AS h(v)
             JOIN unnest(${wanted}) AS w(v) ON w.v = h.v
             WHERE ${where} GROUP BY s."id" ORDER BY "shared" DESC, s."id" LIMIT ${ARCHIVE_CONFIG.maxCandidates}`
  }
  const found = await rows<Row>(
    context,
    sql,
    `SELECT s."id" AS "sectionId", r."id" AS "reportId", r."title" AS "reportTitle", r."department" AS "departmentId", d."name" AS "departmentName",
            r."year" AS "year", s."heading" AS "heading", s."plainText" AS "plainText"
     FROM (${ranked}) c JOIN "Section" s ON s."id" = c."sid"
     JOIN "Report" r ON r."id" = s."report" LEFT JOIN "Department" d ON d."id" = r."department"
     ORDER BY c."shared" DESC, s."id"`
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
  const candidates = await candidateSections(context, scope, hashes, sql => (args.excludeReportId ? [`r."id" <> ${sql.p(args.excludeReportId)}`] : []))
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
  const hashes = sketch([...new Set(sections.flatMap(s => JSON.parse(s.fingerprints || '[]') as number[]))])
  const candidates = await candidateSections(context, scope, hashes, q => [`r."id" <> ${q.p(args.reportId)}`, `r."year" <= ${q.p(year)}`])

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
