// Splitting a section's plain text into paragraphs and marked passages, and reading a browser
// selection back as offsets into that same plain text (so a quote is never retyped).

export type Mark = { start: number; end: number; id: string }
export type Piece = { text: string; start: number; marks: string[] }
export type Paragraph = { start: number; pieces: Piece[] }

/** Paragraphs (one per line of plain text), each cut where comment passages start and end. */
export function paragraphsOf(text: string, marks: Mark[]): Paragraph[] {
  const out: Paragraph[] = []
  let at = 0
  for (const line of text.split('\n')) {
    const start = at
    const end = start + line.length
    const cuts = new Set([start, end])
    for (const m of marks) {
      if (m.start > start && m.start < end) cuts.add(m.start)
      if (m.end > start && m.end < end) cuts.add(m.end)
    }
    const points = [...cuts].sort((a, b) => a - b)
    const pieces: Piece[] = []
    for (let i = 0; i + 1 < points.length; i++) {
      const [a, b] = [points[i], points[i + 1]]
      pieces.push({ text: text.slice(a, b), start: a, marks: marks.filter(m => m.start <= a && m.end >= b).map(m => m.id) })
    }
    out.push({ start, pieces })
    at = end + 1
  }
  return out
}

/** Offset of a DOM position inside a paragraph element that carries data-start. */
function offsetIn(node: Node, offset: number): number | undefined {
  const element = (node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement)?.closest('[data-start]')
  if (!element) return undefined
  const range = document.createRange()
  range.setStart(element, 0)
  range.setEnd(node, offset)
  return Number(element.getAttribute('data-start')) + range.toString().length
}

export type Selected = { sectionId: string; start: number; end: number }

/** The current selection as [start, end) of one section's plain text, if it lies in one section. */
export function selectionInSection(): Selected | undefined {
  const selection = window.getSelection()
  if (!selection || selection.isCollapsed || selection.rangeCount === 0) return undefined
  const range = selection.getRangeAt(0)
  const section = (n: Node) => (n.nodeType === Node.ELEMENT_NODE ? (n as Element) : n.parentElement)?.closest('[data-section-id]')
  const a = section(range.startContainer)
  const b = section(range.endContainer)
  if (!a || a !== b) return undefined
  const start = offsetIn(range.startContainer, range.startOffset)
  const end = offsetIn(range.endContainer, range.endOffset)
  if (start === undefined || end === undefined || end <= start) return undefined
  return { sectionId: a.getAttribute('data-section-id')!, start, end }
}
