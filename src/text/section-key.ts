// A section's stable key lets the same section be matched across years even when it is
// renumbered (“三、” → “二、”) or its punctuation changes. Derived from the heading once,
// then kept when the heading is reworded.

const NUMBERING_PREFIX =
  /^(?:第[一二三四五六七八九十百]+(?:部分|章|节|篇)|[一二三四五六七八九十]{1,3}[、．.]|[（(][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[、．.])\s*/u

export function sectionKeyFor(heading: string): string {
  const bare = heading
    .normalize('NFKC')
    .replace(NUMBERING_PREFIX, '')
    .replace(/[\p{P}\p{S}\s]+/gu, '')
    .toLowerCase()
  return bare.slice(0, 40) || 'section'
}
