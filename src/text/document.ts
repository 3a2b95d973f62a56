// Section bodies are Slate documents (Keystone's document field). Comparison, search and
// counting work on their plain text: one line per block.

type SlateNode = { text?: string; children?: SlateNode[]; type?: string }

function nodeText(node: SlateNode): string {
  if (typeof node.text === 'string') return node.text
  return (node.children ?? []).map(nodeText).join('')
}

function blockLines(node: SlateNode): string[] {
  const children = node.children ?? []
  // a block whose children are blocks (lists, layouts, quotes) contributes one line per child block
  if (children.some(c => Array.isArray(c.children) && typeof c.type === 'string')) {
    return children.flatMap(blockLines)
  }
  return [nodeText(node)]
}

/**
 * Plain text of a document: blocks joined by `\n`. Empty blocks at either end (the editor
 * keeps an empty paragraph after a list) are not text.
 */
export function documentToPlainText(document: unknown): string {
  if (!Array.isArray(document)) return ''
  const lines = (document as SlateNode[]).flatMap(blockLines)
  while (lines.length && !lines[lines.length - 1].trim()) lines.pop()
  while (lines.length && !lines[0].trim()) lines.shift()
  return lines.join('\n')
}

/** A document with one paragraph per line of text. */
export function plainTextToDocument(text: string): { type: 'paragraph'; children: { text: string }[] }[] {
  return text.split('\n').map(line => ({ type: 'paragraph' as const, children: [{ text: line }] }))
}
