// The Unicode validity rule on its own (src/workflow/text-validity.ts).
import { describe, expect, test } from 'vitest'
import { invalidTextIn, textProblem } from '../src/workflow/text-validity'
import { jsonDepth, jsonDepthProblem } from '../src/workflow/input-bounds'

describe('text validity', () => {
  test.each([
    ['A\ud800B', /孤立代理项 U\+D800.*lone surrogate U\+D800 at position 2/s],
    ['A\udfffB', /U\+DFFF/],
    ['A\u0000', /控制字符 U\+0000.*control character U\+0000/s],
    ['\u001b[31m', /U\+001B/],
    ['A\u0085', /U\+0085/],
    ['A\u202eB', /双向.*bidirectional control character U\+202E/s],
    ['A\u2068B', /U\+2068/],
    ['A\rB', /U\+000D/],
  ])('%j is refused with its code point and position', (text, message) => {
    expect(textProblem(text)).toMatch(message)
  })

  test.each(['', '全年新引进大学生11230人', 'a\tb\nc', '𠀀𪚥😀', '\u200b零宽空格', '‘引号’—破折号…'])('%j is valid', text => {
    expect(textProblem(text)).toBeUndefined()
  })

  test('finds the first problem anywhere in a document', () => {
    const doc = [{ type: 'paragraph', children: [{ text: 'ok' }, { text: 'bad\u0000', bold: true }] }]
    expect(invalidTextIn(doc)).toMatch(/U\+0000/)
    expect(invalidTextIn({ [`key\u202e`]: 1 })).toMatch(/U\+202E/)
    expect(invalidTextIn({ a: [1, null, true, 'fine'] })).toBeUndefined()
  })
})

describe('JSON depth', () => {
  const nested = (levels: number) => {
    let node: unknown = { text: 'x' }
    for (let i = 0; i < levels; i++) node = { type: 'blockquote', children: [node] }
    return node
  }
  test('counts objects and arrays, stops early past the limit', () => {
    expect(jsonDepth('x')).toBe(0)
    expect(jsonDepth({ a: [1] })).toBe(2)
    expect(jsonDepth(nested(10))).toBe(21)
    expect(jsonDepth(nested(100_000), 64)).toBe(65)
  })
  test('a blockquote bomb is refused with a bilingual message', () => {
    expect(jsonDepthProblem(nested(300))).toMatch(/嵌套层级过深.*nested too deeply/s)
    expect(jsonDepthProblem(nested(10))).toBeUndefined()
  })
})
