// Last year beside each section of a draft: the matching section of the department's latest
// earlier approved report (aligned by the comparison engine: key, heading, then content), as
// paragraphs whose passages the draft no longer has are marked. Pure; the wire format below is
// what the API sends and the writing view renders.
import { compareReports, compareTexts, type DiffOp, type ReportInput } from '../compare'

export type LastYearSegment = { text: string; changed: boolean }
export type LastYearParagraph = { text: string; segments: LastYearSegment[] }
export type LastYearSection = {
  /** the draft section this belongs to */
  sectionId: string
  heading: string
  matchedBy: string | null
  similarity: number
  paragraphs: LastYearParagraph[]
}
export type LastYearBeside = {
  year: number | null
  reportId: string | null
  title: string | null
  /** one entry per draft section that has a counterpart; missing ones have none (无对应章节) */
  sections: LastYearSection[]
}

/** Last year's text as paragraphs, each split into what the draft kept and what it changed or dropped. */
export function paragraphsOf(ops: readonly DiffOp[]): LastYearParagraph[] {
  const paragraphs: LastYearParagraph[] = [{ text: '', segments: [] }]
  for (const op of ops) {
    if (op.before === undefined) continue
    // a passage moved elsewhere in the section is still in the draft
    const changed = op.op === 'delete' && !op.moveId
    op.before.split('\n').forEach((piece, index) => {
      if (index > 0) paragraphs.push({ text: '', segments: [] })
      if (!piece) return
      const current = paragraphs[paragraphs.length - 1]
      current.text += piece
      const last = current.segments[current.segments.length - 1]
      if (last && last.changed === changed) last.text += piece
      else current.segments.push({ text: piece, changed })
    })
  }
  return paragraphs.filter(p => p.text.trim())
}

type DraftSection = { id: string; key: string; heading: string; text: string }

export function lastYearBeside(draft: readonly DraftSection[], earlier: (ReportInput & { id: string; year: number; title: string }) | null): LastYearBeside {
  if (!earlier) return { year: null, reportId: null, title: null, sections: [] }
  const diff = compareReports(earlier, { sections: draft.map(({ key, heading, text }) => ({ key, heading, text })) })
  const sections: LastYearSection[] = []
  for (const pair of diff.sections) {
    if (!pair.before.length || !pair.after.length) continue
    const oneToOne = pair.before.length === 1 && pair.after.length === 1
    for (const afterIndex of pair.after) {
      const draftSection = draft[afterIndex]
      const before = pair.before.map(i => earlier.sections[i])
      const beforeText = before.map(s => s.text).join('\n')
      // a split or merge: diff this draft section against all its counterparts' text
      const ops = oneToOne ? pair.diff.ops : compareTexts(beforeText, draftSection.text).ops
      sections.push({
        sectionId: draftSection.id,
        heading: before.map(s => s.heading).join(' / '),
        matchedBy: pair.matchedBy ?? null,
        similarity: pair.similarity,
        paragraphs: paragraphsOf(ops),
      })
    }
  }
  return { year: earlier.year, reportId: earlier.id, title: earlier.title ?? null, sections }
}
