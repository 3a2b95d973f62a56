// What a section derives from what a writer typed: its plain text and character count from
// the body, a trimmed heading, and (when new) the stable key that matches it across years.
// Pure; the Section list's resolveInput (src/keystone/report-hooks.ts) applies it.
import { countCharacters, documentToPlainText, sectionKeyFor } from '../text'

export type SectionInput = { heading?: unknown; body?: unknown; key?: unknown }
export type DerivedSectionFields = { heading?: string; plainText?: string; charCount?: number; key?: string }

export function derivedSectionFields(operation: 'create' | 'update', input: SectionInput): DerivedSectionFields {
  const derived: DerivedSectionFields = {}
  if (input.body !== undefined) {
    // Keystone hands the document over as JSON text or as the parsed value
    const plain = documentToPlainText(typeof input.body === 'string' ? JSON.parse(input.body) : input.body)
    derived.plainText = plain
    derived.charCount = countCharacters(plain)
  }
  if (typeof input.heading === 'string') derived.heading = input.heading.trim()
  if (operation === 'create' && !input.key && derived.heading !== undefined) derived.key = sectionKeyFor(derived.heading)
  return derived
}
