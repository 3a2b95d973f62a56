// A section's stable key lets the same section be matched across years even when it is
// renumbered (“三、” → “二、”), moved under another parent, or its punctuation changes.
// Derived from the heading once, then kept when the heading is reworded.
import { stripNumbering } from './numbering'

export function sectionKeyFor(heading: string): string {
  const bare = stripNumbering(heading.normalize('NFKC'))
    .replace(/[\p{P}\p{S}\s]+/gu, '')
    .toLowerCase()
  return bare.slice(0, 40) || 'section'
}
