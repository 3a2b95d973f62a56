// The Section columns the archive index is built from; computed by the server on every save.
import { fingerprints, matchTokens, sectionSearchColumn } from '../archive'

/** The search column holds the heading and the body; fingerprints (reuse, passage sources) the body only. */
export function archiveColumns(plainText: string, heading = ''): { searchText: string; fingerprints: string } {
  return { searchText: sectionSearchColumn(heading, plainText), fingerprints: JSON.stringify(fingerprints(matchTokens(plainText).tokens)) }
}

type SectionData = { heading?: unknown; plainText?: unknown }

/**
 * The archive columns of a section save: recomputed when its text or its heading changes (a
 * heading-only save re-indexes), from the saved values and, for the one not saved, the stored one.
 */
export function sectionArchiveColumns(data: SectionData, stored?: SectionData | null): { searchText: string; fingerprints: string } | null {
  if (typeof data.plainText !== 'string' && typeof data.heading !== 'string') return null
  const pick = (key: keyof SectionData) => {
    const value = typeof data[key] === 'string' ? data[key] : stored?.[key]
    return typeof value === 'string' ? value : ''
  }
  return archiveColumns(pick('plainText'), pick('heading'))
}
