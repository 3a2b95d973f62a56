// Bounds every request before any work: body size and JSON nesting, valid Unicode in every
// string, GraphQL depth / aliases / tokens / cost (GraphQL Armor), and a budget of expensive
// fields (comparisons) per request. The numbers and messages are in src/workflow/input-bounds.ts
// and src/workflow/text-validity.ts; this file wires them into Express and Apollo.
import express, { type Express, type NextFunction, type Request, type Response } from 'express'
import { GraphQLError, type ASTVisitor, type ValidationContext } from 'graphql'
import { ApolloArmor } from '@escape.tech/graphql-armor'
import type { ApolloServerPlugin } from '@apollo/server'
import { GRAPHQL_LIMITS, MAX_JSON_DEPTH, MAX_REQUEST_BYTES, QUERY_TOO_COMPLEX_MESSAGE, bodyTooLargeProblem, jsonDepthProblem } from '../workflow/input-bounds'
import { invalidTextIn } from '../workflow/text-validity'

function refuse(res: Response, status: number, message: string, code: string) {
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
      next()
    })
  })
}

/** Security headers for every response; Express and Next.js do not announce themselves. */
export function securityHeaders(app: Express, contentSecurityPolicy: string) {
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
