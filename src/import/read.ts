// One uploaded or archived file → an outline, by its kind: .docx (Word, WPS), .txt in any
// of the encodings archives use, .md, or pasted text. Refusals are ImportFileError with a
// message for the user.
import { readDocx } from '../docx/read'
import { decodeTextFile, ImportFileError, type TextEncoding } from './decode'
import { outlineFromDocx, outlineFromMarkdown, outlineFromText, type ImportedDocument } from './outline'

export type ImportFormat = 'docx' | 'txt' | 'md' | 'text'
export type ReadDocument = ImportedDocument & { format: ImportFormat; encoding?: TextEncoding }

export const IMPORT_LIMITS = {
  /** one file; a year's summary is well under 1 MB even with pictures */
  maxFileBytes: 10 * 1024 * 1024,
  /** decoded text; the longest real summaries are about 30,000 characters */
  maxTextChars: 2_000_000,
}

export const IMPORT_EXTENSIONS = ['.docx', '.txt', '.md'] as const

export function formatOf(fileName: string): ImportFormat | undefined {
  const ext = /\.[^.]+$/.exec(fileName.toLowerCase())?.[0]
  if (ext === '.docx') return 'docx'
  if (ext === '.txt' || ext === '.text') return 'txt'
  if (ext === '.md' || ext === '.markdown') return 'md'
  return undefined
}

function checkSize(bytes: number) {
  if (bytes > IMPORT_LIMITS.maxFileBytes) {
    throw new ImportFileError(`文件超过 ${IMPORT_LIMITS.maxFileBytes / 1024 / 1024} MB，未导入 / The file is larger than ${IMPORT_LIMITS.maxFileBytes / 1024 / 1024} MB and was not imported`)
  }
}

function checkText(text: string) {
  if (text.length > IMPORT_LIMITS.maxTextChars) {
    throw new ImportFileError(`文本超过 ${IMPORT_LIMITS.maxTextChars} 个字符，未导入 / The text has more than ${IMPORT_LIMITS.maxTextChars} characters and was not imported`)
  }
}

function checkHasText(document: ReadDocument): ReadDocument {
  if (!document.sections.some(s => s.text.trim() || s.heading.trim())) {
    throw new ImportFileError('文件中没有正文 / The file has no text')
  }
  return document
}

/** Read a file by its name's extension; throws ImportFileError with a bilingual message. */
export async function readImportFile(fileName: string, bytes: Uint8Array): Promise<ReadDocument> {
  checkSize(bytes.length)
  const format = formatOf(fileName)
  if (!format) {
    throw new ImportFileError(`不支持的文件类型“${fileName}”：请用 .docx、.txt 或 .md / Unsupported file type "${fileName}": use .docx, .txt or .md`)
  }
  if (bytes.length === 0) throw new ImportFileError('文件是空的 / The file is empty')
  if (format === 'docx') {
    const { blocks, images } = await readDocx(bytes)
    checkText(blocks.map(b => (b.kind === 'paragraph' ? b.text : b.rows.flat().join(''))).join(''))
    return checkHasText({ ...outlineFromDocx(blocks, images), format })
  }
  const { text, encoding } = decodeTextFile(bytes)
  checkText(text)
  const outline = format === 'md' ? outlineFromMarkdown(text) : outlineFromText(text)
  return checkHasText({ ...outline, format, encoding })
}

/** Text pasted into the import page. */
export function readPastedText(text: string): ReadDocument {
  checkText(text)
  if (!text.trim()) throw new ImportFileError('没有粘贴任何文字 / Nothing was pasted')
  return checkHasText({ ...outlineFromText(text), format: 'text' })
}
