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

/** Plain text of a document: blocks joined by `\n`. */
export function documentToPlainText(document: unknown): string {
  if (!Array.isArray(document)) return ''
  return (document as SlateNode[]).flatMap(blockLines).join('\n')
}

/** A document with one paragraph per line of text. */
export function plainTextToDocument(text: string): { type: 'paragraph'; children: { text: string }[] }[] {
  return text.split('\n').map(line => ({ type: 'paragraph' as const, children: [{ text: line }] }))
}
