// Cleaning of pasted or imported text. Keeps the writer's words; removes only what no
// writer typed: line-ending variants, invisible characters and converter garbage.

/**
 * Pinyin that a bad Traditional-Chinese converter inserted after a Han character:
 * `奮進(jìn)`, `藍（lán）`. Only lower-case syllables with at least one vowel, so `(AI)`,
 * `(试行)` and `(1)` are left alone.
 */
export const PINYIN_ANNOTATION =
  /(?<=\p{Script=Han})[(（](?=[a-zü]*[aeiouüāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ])[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}[)）]/gu

// Zero-width and byte-order marks that come along with web pages and Word.
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g

export function normalizeLineEndings(text: string): string {
  return text.replace(/\r\n?|\u2028|\u2029|\u0085/g, '\n')
}

export function removePinyinAnnotations(text: string): string {
  return text.replace(PINYIN_ANNOTATION, '')
}

/** Line endings to `\n`, invisible characters and pinyin garbage removed. */
export function cleanPastedText(text: string): string {
  return removePinyinAnnotations(normalizeLineEndings(text).replace(INVISIBLE, ''))
}

/** Characters a reader counts: code points that are not white space. */
export function countCharacters(text: string): number {
  let count = 0
  for (const ch of text) if (!/\s/u.test(ch)) count++
  return count
}
