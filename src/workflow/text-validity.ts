// Text is valid Unicode: no lone surrogates, no NUL or other control characters (tab and
// newline aside), no bidirectional embedding, override or isolate characters (they can make a
// passage display differently from what it says). Pure, and the same on every database:
// PostgreSQL refuses NUL and SQLite stores anything, so the rule is applied before either.

// C0 controls but tab (U+0009) and newline (U+000A); DEL and the C1 controls
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/
// LRE RLE PDF LRO RLO (U+202A–U+202E) and LRI RLI FSI PDI (U+2066–U+2069)
const BIDI = /[\u202A-\u202E\u2066-\u2069]/
// a high surrogate not followed by a low one, or a low one not preceded by a high one
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

function codePoint(text: string, index: number): string {
  return `U+${text.charCodeAt(index).toString(16).toUpperCase().padStart(4, '0')}`
}

/** Why this text is not acceptable (Chinese first, English after), or undefined when it is. */
export function textProblem(text: string): string | undefined {
  let match = LONE_SURROGATE.exec(text)
  if (match) return `文本含有无效的 Unicode 字符（孤立代理项 ${codePoint(text, match.index)}，第 ${match.index + 1} 个字符）/ Text contains an invalid Unicode character (lone surrogate ${codePoint(text, match.index)} at position ${match.index + 1})`
  match = CONTROL.exec(text)
  if (match) return `文本含有控制字符 ${codePoint(text, match.index)}（第 ${match.index + 1} 个字符），请删除后再保存 / Text contains the control character ${codePoint(text, match.index)} at position ${match.index + 1}; remove it and save again`
  match = BIDI.exec(text)
  if (match) return `文本含有双向文字控制符 ${codePoint(text, match.index)}（第 ${match.index + 1} 个字符），请删除后再保存 / Text contains the bidirectional control character ${codePoint(text, match.index)} at position ${match.index + 1}; remove it and save again`
  return undefined
}

/** The first problem in any string inside a JSON-like value (a document, a request's variables). */
export function invalidTextIn(value: unknown, depth = 0): string | undefined {
  if (typeof value === 'string') return textProblem(value)
  if (depth > 200 || value === null || typeof value !== 'object') return undefined
  for (const [key, item] of Object.entries(value)) {
    const problem = textProblem(key) ?? invalidTextIn(item, depth + 1)
    if (problem) return problem
  }
  return undefined
}
