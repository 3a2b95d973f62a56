// Text handling for Annals: cleaning pasted text, splitting summaries into sections,
// converting between document bodies and plain text.
export { parseSummary, numberingOf, INTRO_HEADING } from './parse'
export type { NumberingKind, ParsedSection, ParsedSummary } from './parse'
export {
  cleanPastedText,
  countCharacters,
  normalizeLineEndings,
  removePinyinAnnotations,
  PINYIN_ANNOTATION,
} from './clean'
export { documentToPlainText, plainTextToDocument } from './document'
export { sectionKeyFor } from './section-key'
