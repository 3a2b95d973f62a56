// Bounds every request before any work: body size and JSON nesting, valid Unicode in every
// string, GraphQL depth / aliases / tokens / cost (GraphQL Armor), and a budget of expensive
// fields (comparisons) per request. The numbers and messages are in src/workflow/input-bounds.ts
// and src/workflow/text-validity.ts; this file wires them into Express and Apollo.
import { readFileSync } from 'node:fs'
import express, { type Express, type NextFunction, type Request, type Response } from 'express'
import { GraphQLError, Kind, parse, type ASTVisitor, type SelectionSetNode, type ValidationContext } from 'graphql'
import { ApolloArmor } from '@escape.tech/graphql-armor'
import { LRUCache } from 'lru-cache'
import type { ApolloServerPlugin } from '@apollo/server'
import { GRAPHQL_LIMITS, MAX_JSON_DEPTH, MAX_REQUEST_BYTES, QUERY_TOO_COMPLEX_MESSAGE, bodyTooLargeProblem, jsonDepthProblem } from '../workflow/input-bounds'
import { invalidTextIn } from '../workflow/text-validity'
import { SCRIPT_HASHES_FILE, withScriptHashes } from '../auth/content-security-policy'

function refuse(res: Response, status: number, message: string, code: string) {
  // a refused upload is not read to its end: the connection closes instead of draining it
  if (status === 413) res.setHeader('Connection', 'close')
  res.status(status).type('application/json').send(JSON.stringify({ errors: [{ message, extensions: { code } }] }))
}

/**
 * Parses GraphQL request bodies ahead of Keystone (its own parser then skips them) with the
 * app's limit, and answers a too-large, malformed, too-deep or invalid-text body in the app's
 * own bilingual words instead of an HTML error page.
 */
export function guardGraphqlBodies(app: Express, path = '/api/graphql') {
  const parse = express.json({ limit: MAX_REQUEST_BYTES })
  app.use(path, (req: Request, res: Response, next: NextFunction) => {
    parse(req, res, (error?: unknown) => {
      if (error) {
        const type = (error as { type?: string }).type
        if (type === 'entity.too.large') return refuse(res, 413, bodyTooLargeProblem(), 'INVALID_INPUT')
        return refuse(res, 400, '请求格式无效 / Malformed request body', 'INVALID_INPUT')
      }
      const problem = jsonDepthProblem(req.body, MAX_JSON_DEPTH) ?? invalidTextIn(req.body)
      if (problem) return refuse(res, 400, problem, 'INVALID_INPUT')
      // the obviously too complex query is refused here, before Keystone looks up the session
      const complex = typeof req.body?.query === 'string' ? operationBoundsProblem(req.body.query) : undefined
      if (complex) return refuse(res, 400, complex, 'QUERY_TOO_COMPLEX')
      next()
    })
  })
}

/** The build's inline script hashes (scripts/build.ts), or undefined when it has none. */
function builtScriptHashes(): string[] | undefined {
  try {
    return (JSON.parse(readFileSync(SCRIPT_HASHES_FILE, 'utf8')) as { scriptHashes?: string[] }).scriptHashes
  } catch {
    console.warn(`⚠ ${SCRIPT_HASHES_FILE} not found: the Content-Security-Policy allows inline scripts (run npm run build)`)
    return undefined
  }
}

/**
 * Security headers for every response; Express and Next.js do not announce themselves. The
 * policy's script-src is completed with the hashes of the built Admin UI's inline scripts.
 */
export function securityHeaders(app: Express, policy: string) {
  const contentSecurityPolicy = withScriptHashes(policy, builtScriptHashes())
  app.disable('x-powered-by')
  app.use((_req: Request, res: Response, next: NextFunction) => {
    res.setHeader('Content-Security-Policy', contentSecurityPolicy)
    res.setHeader('X-Content-Type-Options', 'nosniff')
    res.setHeader('Referrer-Policy', 'same-origin')
    res.setHeader('X-Frame-Options', 'SAMEORIGIN')
    // Next.js sets X-Powered-By itself later in the response: drop it whoever sets it
    const setHeader = res.setHeader.bind(res)
    res.setHeader = ((name: string, value: number | string | readonly string[]) =>
      name.toLowerCase() === 'x-powered-by' ? res : setHeader(name, value)) as typeof res.setHeader
    next()
  })
}

const COMPLEX_MARKER = '查询过于复杂'
const armorMessage = (what: string) => `${COMPLEX_MARKER}（${what}），请拆分为较小的查询 / Query too complex (${what}); split it into smaller queries`

// ---------- the cheap pre-check in front of Keystone ----------
//
// Armor (below) is the authority: it validates against the schema, follows fragments and
// computes cost, but only after Apollo has built the request's context, which costs a session
// lookup in the database. Most attacks are refused earlier by this pre-check on the query text
// alone: the same limits, counted so that it never refuses more than Armor would (named
// fragments are not followed, only top-level comparisons are counted), and the same messages.
// Verdicts on short query texts are remembered, so the Admin UI's repeated queries are parsed once here.

const ROOT_COMPARISONS = new Set(['compareReport', 'compareRevisions'])
/** Remembered verdicts ('' for a query that passes), least recently used dropped first. */
const verdicts = new LRUCache<string, string>({ max: 1000 })
/** Longer query texts are checked every time rather than remembered (the memory stays bounded). */
const MAX_REMEMBERED_QUERY = 16 * 1024

/** Deepest nesting of fields and inline fragments below `set` (as Armor counts, fragments not followed). */
function selectionDepth(set: SelectionSetNode | undefined, depth: number, limit: number): number {
  if (!set || depth > limit) return depth
  let deepest = depth
  for (const child of set.selections) {
    const childSet = child.kind === Kind.FRAGMENT_SPREAD ? undefined : child.selectionSet
    deepest = Math.max(deepest, selectionDepth(childSet, depth + 1, limit))
    if (deepest > limit) break
  }
  return deepest
}

function aliasesIn(set: SelectionSetNode | undefined): number {
  let count = 0
  for (const child of set?.selections ?? []) {
    if (child.kind === Kind.FIELD && child.alias) count++
    if (child.kind !== Kind.FRAGMENT_SPREAD) count += aliasesIn(child.selectionSet)
  }
  return count
}

function checkOperations(query: string): string | undefined {
  let document
  try {
    document = parse(query, { noLocation: true, maxTokens: GRAPHQL_LIMITS.tokens })
  } catch (error) {
    // over the token limit: refused; any other syntax error is Apollo's to report
    return /tokens\. Parsing aborted/.test((error as Error).message) ? armorMessage(`超过 ${GRAPHQL_LIMITS.tokens} 个词元 / over ${GRAPHQL_LIMITS.tokens} tokens`) : undefined
  }
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue
    if (selectionDepth(definition.selectionSet, 0, GRAPHQL_LIMITS.depth) > GRAPHQL_LIMITS.depth)
      return armorMessage(`嵌套超过 ${GRAPHQL_LIMITS.depth} 层 / depth over ${GRAPHQL_LIMITS.depth}`)
    if (aliasesIn(definition.selectionSet) > GRAPHQL_LIMITS.aliases) return armorMessage(`别名超过 ${GRAPHQL_LIMITS.aliases} 个 / over ${GRAPHQL_LIMITS.aliases} aliases`)
    const comparisons = definition.selectionSet.selections.filter(s => s.kind === Kind.FIELD && ROOT_COMPARISONS.has(s.name.value)).length
    if (comparisons > GRAPHQL_LIMITS.expensiveFields) return budgetError().message
  }
  return undefined
}

/** Why this query text is refused before any work (depth, aliases, tokens, comparisons), if it is. */
export function operationBoundsProblem(query: string): string | undefined {
  const known = verdicts.get(query)
  if (known !== undefined) return known || undefined
  const verdict = checkOperations(query)
  if (query.length <= MAX_REMEMBERED_QUERY) verdicts.set(query, verdict ?? '')
  return verdict
}

/** Fields that each run a comparison: at most GRAPHQL_LIMITS.expensiveFields per request. */
const EXPENSIVE_FIELDS = new Set(['Query.compareReport', 'Query.compareRevisions', 'Report.comparison'])

const budgetError = () =>
  new GraphQLError(armorMessage(`比对最多 ${GRAPHQL_LIMITS.expensiveFields} 次 / at most ${GRAPHQL_LIMITS.expensiveFields} comparisons`), {
    extensions: { code: 'QUERY_TOO_COMPLEX' },
  })

/** Refuses, before anything runs, an operation that names more comparisons than the budget. */
function expensiveFieldRule(context: ValidationContext): ASTVisitor {
  let named = 0
  return {
    Field(node) {
      const parent = context.getParentType()
      if (parent && EXPENSIVE_FIELDS.has(`${parent.name}.${node.name.value}`) && ++named === GRAPHQL_LIMITS.expensiveFields + 1) context.reportError(budgetError())
    },
  }
}

/** The same budget at run time, where one named field resolves many times (a list of reports' comparisons). */
function expensiveFieldBudget(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      let used = 0
      return {
        async executionDidStart() {
          return {
            willResolveField({ info }) {
              if (!EXPENSIVE_FIELDS.has(`${info.parentType.name}.${info.fieldName}`)) return
              if (++used > GRAPHQL_LIMITS.expensiveFields) throw budgetError()
            },
          }
        },
      }
    },
  }
}

/**
 * Armor's refusals come back as parse or validation errors: give them the app's code and no
 * "Syntax Error:" prefix (Apollo's formatError; compose it with any other error translator).
 */
export function withComplexityCode<E extends { message: string; extensions?: Record<string, unknown> }>(formatted: E): E {
  if (!formatted.message.includes(COMPLEX_MARKER)) return formatted
  return { ...formatted, message: formatted.message.replace(/^Syntax Error: /, ''), extensions: { ...formatted.extensions, code: 'QUERY_TOO_COMPLEX' } }
}

/** Apollo Server options: Armor's validation rules and plugins, and ours. */
export function boundedApolloConfig() {
  const armor = new ApolloArmor({
    maxDepth: { exposeLimits: false, n: GRAPHQL_LIMITS.depth, errorMessage: armorMessage(`嵌套超过 ${GRAPHQL_LIMITS.depth} 层 / depth over ${GRAPHQL_LIMITS.depth}`) },
    maxAliases: { exposeLimits: false, n: GRAPHQL_LIMITS.aliases, errorMessage: armorMessage(`别名超过 ${GRAPHQL_LIMITS.aliases} 个 / over ${GRAPHQL_LIMITS.aliases} aliases`) },
    maxTokens: { exposeLimits: false, n: GRAPHQL_LIMITS.tokens, errorMessage: armorMessage(`超过 ${GRAPHQL_LIMITS.tokens} 个词元 / over ${GRAPHQL_LIMITS.tokens} tokens`) },
    maxDirectives: { exposeLimits: false, n: GRAPHQL_LIMITS.directives, errorMessage: armorMessage(`指令过多 / too many directives`) },
    costLimit: { exposeLimits: false, maxCost: GRAPHQL_LIMITS.cost, errorMessage: armorMessage(`开销超过 ${GRAPHQL_LIMITS.cost} / cost over ${GRAPHQL_LIMITS.cost}`) },
    // Keystone's Admin UI relies on field suggestions only in development tools; keep errors terse
    blockFieldSuggestion: { enabled: true },
  })
  const protection = armor.protect()
  return {
    validationRules: [...protection.validationRules, expensiveFieldRule],
    allowBatchedHttpRequests: false as const,
    plugins: [...protection.plugins, expensiveFieldBudget()],
    formatError: withComplexityCode,
  }
}
