// A report's outline: sections in order, each at a level (一、 / （一） / 1.). The server keeps
// positions consecutive (1..n) after every structural change; these pure functions say what the
// new order is and which inputs are refused.

export const MIN_LEVEL = 1
export const MAX_LEVEL = 3

/** What each level's headings look like, for labels and hints. */
export const LEVEL_LABELS: Record<number, string> = { 1: '一、', 2: '（一）', 3: '1.' }

/** `ids` with `id` inserted so that it stands at 1-based `position` (clamped to the ends). */
export function insertAt(ids: readonly string[], id: string, position: number): string[] {
  const index = Math.min(Math.max(position - 1, 0), ids.length)
  return [...ids.slice(0, index), id, ...ids.slice(index)]
}

/** `ids` with `id` moved to 1-based `position` (clamped). */
export function moveTo(ids: readonly string[], id: string, position: number): string[] {
  const rest = ids.filter(other => other !== id)
  return insertAt(rest, id, position)
}

/** Positions that differ from the wanted order 1..n: only these rows need writing. */
export function positionChanges(order: readonly string[], current: ReadonlyMap<string, number | null>): { id: string; position: number }[] {
  return order.map((id, index) => ({ id, position: index + 1 })).filter(({ id, position }) => current.get(id) !== position)
}

export function levelProblem(level: unknown): string | undefined {
  if (typeof level !== 'number' || !Number.isInteger(level) || level < MIN_LEVEL || level > MAX_LEVEL) {
    return `层级必须是 ${MIN_LEVEL} 到 ${MAX_LEVEL} 之间的整数（收到 ${String(level)}）/ Level must be a whole number from ${MIN_LEVEL} to ${MAX_LEVEL} (got ${String(level)})`
  }
}

export function positionProblem(position: unknown, count: number): string | undefined {
  if (typeof position !== 'number' || !Number.isInteger(position) || position < 1 || position > count + 1) {
    return `位置必须是 1 到 ${count + 1} 之间的整数（收到 ${String(position)}）/ Position must be a whole number from 1 to ${count + 1} (got ${String(position)})`
  }
}

export function sectionNotInReportProblem(id: string): string {
  return `章节不存在或不属于这份报告（${id}）/ Section ${id} does not exist or is not part of this report`
}

export function writersOnlyProblem(): string {
  return '只有本部门的撰稿人可以撰写报告 / Only writers of the department write its reports'
}

export function notReadableProblem(): string {
  return '报告不存在或您无权查看 / The report does not exist or you may not read it'
}
