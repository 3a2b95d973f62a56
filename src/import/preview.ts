// What the import page shows before anything is written: the outline read from a file, with
// sizes and what was left out. The server builds it; the page types its answer with it.
import { countCharacters } from '../text'
import type { ReadDocument } from './read'

export type ImportPreview = {
  format: ReadDocument['format']
  encoding: string | null
  title: string
  sections: { heading: string; level: number; chars: number }[]
  totalChars: number
  discarded: string[]
  notes: string[]
}

export function previewOf(document: ReadDocument): ImportPreview {
  const sections = document.sections.map(s => ({ heading: s.heading, level: s.level, chars: countCharacters(s.text) }))
  return {
    format: document.format,
    encoding: document.encoding ?? null,
    title: document.title,
    sections,
    totalChars: sections.reduce((n, s) => n + s.chars, 0),
    discarded: document.discarded,
    notes: document.notes,
  }
}
