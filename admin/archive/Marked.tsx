// Text with marked ranges: every piece of report text is a React text node (never markup).
import type { CSSProperties, ReactElement } from 'react'

export type MarkRange = { start: number; end: number; title?: string }

const MARK: CSSProperties = { background: '#fff1a8', color: 'inherit', padding: 0, borderRadius: 2 }

export function Marked({ text, ranges, markStyle }: { text: string; ranges: readonly MarkRange[]; markStyle?: CSSProperties }) {
  const sorted = [...ranges].filter(r => r.end > r.start).sort((a, b) => a.start - b.start)
  const parts: ReactElement[] = []
  let at = 0
  sorted.forEach((r, i) => {
    const start = Math.max(r.start, at)
    if (start >= r.end) return
    if (start > at) parts.push(<span key={`t${i}`}>{text.slice(at, start)}</span>)
    parts.push(
      <mark key={`m${i}`} style={{ ...MARK, ...markStyle }} title={r.title}>
        {text.slice(start, r.end)}
      </mark>
    )
    at = r.end
  })
  if (at < text.length) parts.push(<span key="rest">{text.slice(at)}</span>)
  return <>{parts}</>
}

export function percent(share: number): string {
  return `${(share * 100).toFixed(1)}%`
}
