import { createHash } from 'node:crypto'

/** What a revision freezes: the report's headings and section texts, in order. */
export type ReportSnapshot = {
  title: string
  sections: { key: string; heading: string; level?: number; text: string }[]
}

export function snapshotOf(title: string, sections: ReportSnapshot['sections']): ReportSnapshot {
  // level 1 is left out, so snapshots (and hashes) written before sections had levels stay valid
  return { title, sections: sections.map(({ key, heading, level, text }) => ({ key, heading, ...(level && level > 1 ? { level } : {}), text })) }
}

/** SHA-256 over a canonical JSON form, so equal content always hashes equal. */
export function contentHash(snapshot: ReportSnapshot): string {
  return createHash('sha256').update(JSON.stringify(snapshotOf(snapshot.title, snapshot.sections))).digest('hex')
}

/** Revisions of a report are numbered 1, 2, 3 … in the order they were saved. */
export function nextRevisionNumber(existing: readonly { number: number }[]): number {
  return existing.reduce((max, r) => Math.max(max, r.number), 0) + 1
}

/** “#3 提交审核 Submit”: the number and what made the snapshot. */
export function revisionLabel(number: number, what: string): string {
  return `#${number} ${what}`
}
