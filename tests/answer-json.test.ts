// Large parts of answers serialised once (src/keystone/answer-json.ts): the text of an answer
// is what plain JSON.stringify gives, wherever and however often a marked object appears.
import { describe, expect, test } from 'vitest'
import { serialisedOnce, stringifyAnswer } from '../src/keystone/answer-json'

const plain = (value: unknown) => JSON.parse(JSON.stringify(value))

describe('answers with parts serialised once', () => {
  test('an answer carrying a marked object twice, nested and beside other fields, reads as plain JSON', () => {
    const inner = serialisedOnce({ ops: [{ op: 'equal', before: '加强“党建”\\u0000引领\n' }], n: 1.5, none: null })
    const diff = serialisedOnce({ sections: [inner, { plain: true }], title: '二〇二四年 "quoted" \u0000 text' })
    const answer = { data: { a: { cached: true, result: { diff, history: null } }, b: { result: { diff } }, c: inner } }
    const text = stringifyAnswer(answer)
    expect(JSON.parse(text)).toEqual(plain({ data: { a: { cached: true, result: { diff: { ...diff }, history: null } }, b: { result: { diff: { ...diff } } }, c: { ...inner } } }))
    // the same again (now from the stored text)
    expect(stringifyAnswer(answer)).toBe(text)
    expect(text).not.toContain('annals-json-')
  })

  test('outside an answer a marked object serialises as itself', () => {
    const value = serialisedOnce({ a: [1, 2, 3], b: '文本' })
    expect(JSON.stringify(value)).toBe('{"a":[1,2,3],"b":"文本"}')
    expect(Object.keys(value)).toEqual(['a', 'b'])
    expect(stringifyAnswer({ value })).toBe('{"value":{"a":[1,2,3],"b":"文本"}}')
  })

  test('text that looks like a marker (without the process nonce) is left as it is', () => {
    const forged = { text: '\u0000annals-json-0123456789abcdef01234567-0', other: '"\\u0000annals-json-x-0"' }
    expect(JSON.parse(stringifyAnswer({ data: forged, marked: serialisedOnce({ x: 1 }) }))).toEqual({ data: forged, marked: { x: 1 } })
  })
})
