// Unsaved text kept in the browser until the server confirms it: survives a reload, a lost
// connection and a server restart. One entry per section, keyed by report and section.

export type LocalDraft = {
  heading: string
  /** the section body as the document field serializes it */
  body: unknown
  /** the server version this text was based on */
  baseVersion: number
  changedAt: string
}

const PREFIX = 'annals:write:'
const keyOf = (reportId: string, sectionId: string) => `${PREFIX}${reportId}:${sectionId}`

export function readDraft(reportId: string, sectionId: string): LocalDraft | null {
  try {
    const raw = window.localStorage.getItem(keyOf(reportId, sectionId))
    return raw ? (JSON.parse(raw) as LocalDraft) : null
  } catch {
    return null
  }
}

export function writeDraft(reportId: string, sectionId: string, draft: LocalDraft) {
  try {
    window.localStorage.setItem(keyOf(reportId, sectionId), JSON.stringify(draft))
  } catch {
    // storage full or disabled: the autosave still runs, only the offline copy is missing
  }
}

/** Forget the copy once the server holds exactly this text (a newer edit keeps its copy). */
export function clearDraftIfSaved(reportId: string, sectionId: string, saved: { heading: string; body: unknown }) {
  const current = readDraft(reportId, sectionId)
  if (!current) return
  if (current.heading === saved.heading && JSON.stringify(current.body) === JSON.stringify(saved.body)) {
    window.localStorage.removeItem(keyOf(reportId, sectionId))
  }
}

export function dropDraft(reportId: string, sectionId: string) {
  window.localStorage.removeItem(keyOf(reportId, sectionId))
}
