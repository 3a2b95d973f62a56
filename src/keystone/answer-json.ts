// Answers are serialised with JSON.stringify. A large part of an answer that many requests
// send unchanged — a cached comparison's diff and history, 90 KB and more — is serialised
// once instead: `serialisedOnce` marks the object; while an answer is serialised
// (`stringifyAnswer`) a marked object stands as a marker string, then its stored text replaces
// the marker. Everywhere else (server-side GraphQL runs, tests) the object is itself.
import { randomBytes } from 'node:crypto'

// Markers carry a random nonce: no text of a user's can contain one.
const NONCE = randomBytes(12).toString('hex')
const MARKER_PREFIX = `\u0000annals-json-${NONCE}-`
const MARKER_IN_ANSWER = new RegExp(`"\\\\u0000annals-json-${NONCE}-(\\d+)"`, 'g')

const texts = new WeakMap<object, string>()
let marked: object[] | null = null

function textOf(value: object): string {
  let text = texts.get(value)
  if (text === undefined) texts.set(value, (text = JSON.stringify(value)))
  return text
}

/** Marks `value` (never changed afterwards) to be serialised once, however many answers carry it. */
export function serialisedOnce<T extends object>(value: T): T {
  if (!Object.prototype.hasOwnProperty.call(value, 'toJSON')) {
    Object.defineProperty(value, 'toJSON', {
      enumerable: false,
      value(this: object) {
        if (!marked) return this
        marked.push(this)
        return MARKER_PREFIX + (marked.length - 1)
      },
    })
  }
  return value
}

/** Apollo's `stringifyResult`: JSON.stringify, with the stored text of marked objects. */
export function stringifyAnswer(answer: unknown): string {
  const outer = marked
  marked = []
  let text: string
  let used: object[]
  try {
    text = JSON.stringify(answer)
  } finally {
    used = marked
    marked = outer
  }
  if (used.length === 0) return text
  return text.replace(MARKER_IN_ANSWER, (_, index: string) => textOf(used[Number(index)]))
}
