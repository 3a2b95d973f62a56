// Text handling for Annals: cleaning pasted text, splitting summaries into sections,
// converting between document bodies and plain text.
export { parseSummary, INTRO_HEADING } from './parse'
export type { ParsedSection, ParsedSummary } from './parse'
export {
  cleanPastedText,
  countCharacters,
  normalizeLineEndings,
  removePinyinAnnotations,
  PINYIN_ANNOTATION,
} from './clean'
export { documentToPlainText, plainTextToDocument } from './document'
export { sectionKeyFor } from './section-key'
export { stripNumbering, numberingKindOf, numberingOf, markerFor, chineseOrdinal, DEFAULT_LEVEL, NUMBERING_DEPTH } from './numbering'
export type { HeadingLevel, Numbering, NumberingKind } from './numbering'
