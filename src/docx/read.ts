// .docx → a flat list of blocks (paragraphs with what their formatting says, tables), read
// with mammoth's document model. Which blocks are headings is decided elsewhere
// (src/import/outline.ts): this module only reports what the file holds.
import JSZip from 'jszip'
import mammoth from 'mammoth'
import { ImportFileError } from '../import/decode'

export type DocxRun = { text: string; bold: boolean; font: string | null }
export type DocxParagraph = {
  kind: 'paragraph'
  text: string
  runs: DocxRun[]
  styleName: string | null
  alignment: string | null
  /** Word's automatic list numbering (the number itself is not in the text) */
  listLevel: number | null
}
export type DocxTable = { kind: 'table'; rows: string[][] }
export type DocxBlock = DocxParagraph | DocxTable
export type DocxContent = { blocks: DocxBlock[]; images: number }

/** Limits that keep one upload from taking the server's memory (a zip bomb unpacks to gigabytes). */
export const DOCX_LIMITS = { maxUnpackedBytes: 60 * 1024 * 1024, maxEntries: 2000 }

type MammothNode = {
  type: string
  value?: string
  children?: MammothNode[]
  styleName?: string | null
  alignment?: string | null
  numbering?: { level?: string | number } | null
  isBold?: boolean
  font?: string | null
  body?: MammothNode[]
}

const CORRUPT = '文件已损坏或不是 Word 文档（.docx）/ The file is damaged or not a Word document (.docx)'

/** Refuse a file that is not a zip, has no document part, or unpacks to more than the limit. */
async function checkPackage(bytes: Uint8Array): Promise<void> {
  let zip: JSZip
  try {
    zip = await JSZip.loadAsync(bytes)
  } catch {
    throw new ImportFileError(CORRUPT)
  }
  const entries = Object.values(zip.files)
  if (!zip.file('word/document.xml')) throw new ImportFileError(CORRUPT)
  // sizes from the zip's central directory, read before anything is unpacked
  const unpacked = entries.reduce((n, e) => n + ((e as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize ?? 0), 0)
  if (entries.length > DOCX_LIMITS.maxEntries || unpacked > DOCX_LIMITS.maxUnpackedBytes) {
    throw new ImportFileError('文档解压后过大，未导入 / The document unpacks to too much data and was not imported')
  }
}

function runsOf(node: MammothNode, inherited: { bold: boolean; font: string | null } = { bold: false, font: null }, images = { count: 0 }): DocxRun[] {
  const runs: DocxRun[] = []
  for (const child of node.children ?? []) {
    if (child.type === 'text') runs.push({ text: child.value ?? '', ...inherited })
    else if (child.type === 'tab') runs.push({ text: '\t', ...inherited })
    else if (child.type === 'break') runs.push({ text: '\n', ...inherited })
    else if (child.type === 'image') images.count++
    else if (child.type === 'run') runs.push(...runsOf(child, { bold: !!child.isBold, font: child.font ?? null }, images))
    else if (child.children) runs.push(...runsOf(child, inherited, images))
  }
  return runs
}

function cellText(cell: MammothNode, images: { count: number }): string {
  return (cell.children ?? [])
    .filter(c => c.type === 'paragraph')
    .map(p => runsOf(p, undefined, images).map(r => r.text).join('').replace(/[\t\n]+/g, ' ').trim())
    .filter(Boolean)
    .join(' ')
}

function blocksOf(nodes: MammothNode[], images: { count: number }): DocxBlock[] {
  const blocks: DocxBlock[] = []
  for (const node of nodes) {
    if (node.type === 'paragraph') {
      const runs = runsOf(node, undefined, images)
      const level = node.numbering?.level
      blocks.push({
        kind: 'paragraph',
        text: runs.map(r => r.text).join(''),
        runs,
        styleName: node.styleName ?? null,
        alignment: node.alignment ?? null,
        listLevel: level === undefined || level === null ? null : Number(level),
      })
    } else if (node.type === 'table') {
      const rows = (node.children ?? []).filter(r => r.type === 'tableRow').map(row => (row.children ?? []).filter(c => c.type === 'tableCell').map(c => cellText(c, images)))
      blocks.push({ kind: 'table', rows })
    } else if (node.children) {
      blocks.push(...blocksOf(node.children, images))
    }
  }
  return blocks
}

/** Paragraphs and tables of the document body, in order; images are counted, not kept. */
export async function readDocx(bytes: Uint8Array): Promise<DocxContent> {
  await checkPackage(bytes)
  let root: MammothNode | undefined
  try {
    await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes) },
      {
        // keep the document model and give mammoth nothing to write as HTML (we never use it)
        transformDocument: (document: MammothNode) => {
          root = document
          return { ...document, children: [] }
        },
        convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })),
      }
    )
  } catch {
    throw new ImportFileError(CORRUPT)
  }
  if (!root) throw new ImportFileError(CORRUPT)
  const images = { count: 0 }
  const blocks = blocksOf(root.children ?? [], images)
  return { blocks, images: images.count }
}
