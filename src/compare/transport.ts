// Comparison results on the wire: equal ops whose two sides are identical carry `before` only
// (about half the text of a year-over-year diff). Pure and dependency-free, so the Admin UI
// bundles the same code that the API uses to pack.

type WireOp = { op: string; before?: string; after?: string; moveId?: string }
type WireDiff = { ops: WireOp[]; moves?: { ops: WireOp[] }[] }
type WithSections = { diff: { sections: { diff: WireDiff }[] } | null }

function mapOps<T extends WithSections>(result: T, map: (op: WireOp) => WireOp): T {
  if (!result.diff) return result
  const each = (ops: WireOp[]) => ops.map(map)
  return {
    ...result,
    diff: {
      ...result.diff,
      sections: result.diff.sections.map(pair => ({
        ...pair,
        diff: { ...pair.diff, ops: each(pair.diff.ops), moves: pair.diff.moves?.map(m => ({ ...m, ops: each(m.ops) })) },
      })),
    },
  }
}

export function packOps<T extends WithSections>(result: T): T {
  return mapOps(result, op => (op.op === 'equal' && op.before === op.after ? { op: 'equal', before: op.before } : op))
}

export function unpackOps<T extends WithSections>(result: T): T {
  return mapOps(result, op => (op.op === 'equal' && op.after === undefined ? { ...op, after: op.before } : op))
}
