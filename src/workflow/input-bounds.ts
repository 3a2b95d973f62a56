// Bounds on what one request may ask the server to do, checked before any work is done.
// Pure numbers and checks; src/keystone/request-guard.ts applies them to HTTP requests.

import { MAX_SECTION_CHARS } from './validation'

/**
 * Request body limit. A 200,000-character Chinese section is 600 kB of UTF-8, or 1.2 MB when a
 * client escapes every character as \uXXXX, plus its document JSON (about 60 bytes a paragraph):
 * 3 MB leaves room for both.
 */
export const MAX_REQUEST_BYTES = 3 * 1024 * 1024

/**
 * JSON nesting of a request body. A document's lists nested ten deep take about 45 levels
 * with the GraphQL envelope; a blockquote bomb (300 levels) is refused before parsing its content.
 */
export const MAX_JSON_DEPTH = 64

/** GraphQL limits (GraphQL Armor): the Admin UI's own queries stay well inside them. */
export const GRAPHQL_LIMITS = {
  depth: 12,
  aliases: 15,
  tokens: 5000,
  directives: 20,
  cost: 20_000,
  /** comparisons resolved in one request (compareReport, compareRevisions, Report.comparison) */
  expensiveFields: 4,
} as const

/** Deepest nesting of objects and arrays in a JSON value (a string or number is depth 0). */
export function jsonDepth(value: unknown, limit = Infinity): number {
  let deepest = 0
  const stack: [unknown, number][] = [[value, 0]]
  while (stack.length) {
    const [item, depth] = stack.pop()!
    if (item === null || typeof item !== 'object') continue
    if (depth + 1 > deepest) deepest = depth + 1
    if (deepest > limit) return deepest
    for (const child of Object.values(item)) stack.push([child, depth + 1])
  }
  return deepest
}

export function jsonDepthProblem(value: unknown, limit = MAX_JSON_DEPTH): string | undefined {
  return jsonDepth(value, limit) > limit
    ? `内容嵌套层级过深（上限 ${limit} 层），请简化格式后再保存 / The content is nested too deeply (limit ${limit} levels); simplify its formatting and save again`
    : undefined
}

export function bodyTooLargeProblem(limitBytes = MAX_REQUEST_BYTES): string {
  const mb = Math.round(limitBytes / 1024 / 1024)
  return `提交的内容过大（上限 ${mb} MB，足够一节 ${MAX_SECTION_CHARS} 字的正文）/ The request is too large (limit ${mb} MB, enough for a ${MAX_SECTION_CHARS}-character section)`
}

export const QUERY_TOO_COMPLEX_MESSAGE = '查询过于复杂，请拆分为较小的查询 / Query too complex; split it into smaller queries'
