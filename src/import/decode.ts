// Bytes of an imported text file → text, or a clear refusal. Archives hold summaries in
// UTF-8 (with or without BOM), UTF-16 (Windows Notepad's "Unicode") and GB18030/GBK (older
// Windows and WPS); anything else — binary files, random bytes, other encodings decoded
// into garbage — is refused rather than imported as nonsense.
import chardet from 'chardet'
import iconv from 'iconv-lite'

export type TextEncoding = 'UTF-8' | 'UTF-16LE' | 'UTF-16BE' | 'GB18030' | 'Big5'
export type DecodedText = { text: string; encoding: TextEncoding; bom: boolean }

/** A file that cannot be imported; the message is for the user (Chinese first). */
export class ImportFileError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ImportFileError'
  }
}

// Binary formats people put in archive folders by mistake, by their first bytes.
const MAGIC: { bytes: number[]; zh: string; en: string }[] = [
  { bytes: [0x25, 0x50, 0x44, 0x46], zh: 'PDF 文件', en: 'a PDF file' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], zh: '旧版 Word（.doc）或 WPS 文件，请先另存为 .docx', en: 'an old Word .doc or WPS file: save it as .docx first' },
  { bytes: [0x50, 0x4b, 0x03, 0x04], zh: 'ZIP 压缩包（或改了扩展名的 .docx）', en: 'a ZIP archive (or a renamed .docx)' },
  { bytes: [0x89, 0x50, 0x4e, 0x47], zh: 'PNG 图片', en: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], zh: 'JPEG 图片', en: 'a JPEG image' },
  { bytes: [0x47, 0x49, 0x46, 0x38], zh: 'GIF 图片', en: 'a GIF image' },
  { bytes: [0x7b, 0x5c, 0x72, 0x74, 0x66], zh: 'RTF 文件，请先另存为 .docx', en: 'an RTF file: save it as .docx first' },
]

/** At most this share of characters may be unusual (controls, private use, unassigned) in real text. */
const MAX_ODD_SHARE = 0.001
const ODD_CHARACTER = /[\u0000-\u0008\u000B\u000E-\u001F\u007F-\u009F\uFFFD\uE000-\uF8FF\p{Cn}]/gu

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.length <= bytes.length && prefix.every((b, i) => bytes[i] === b)
}

function binaryKind(bytes: Uint8Array) {
  return MAGIC.find(m => startsWith(bytes, m.bytes))
}

function strictUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes)
  } catch {
    return undefined
  }
}

// Characters of Chinese or English prose: Han, ASCII, white space, CJK and general punctuation, full-width forms.
// (Latin with pinyin tones, Greek and Cyrillic as in GB2312, symbols, circled numbers)
const PROSE_CHARACTER = /[\p{Script=Han}\u0020-\u007E\s\u2000-\u206F\u3000-\u303F\uFF00-\uFFEF\u00A0-\u024F\u02C7-\u02DD\u0300-\u036F\u0391-\u03C9\u0401-\u0451\u2100-\u23FF\u2460-\u25FF\u2160-\u217F]/u
const MIN_PROSE_SHARE = 0.95

function proseShare(text: string): number {
  const chars = [...text]
  if (!chars.length) return 1
  return chars.filter(ch => PROSE_CHARACTER.test(ch)).length / chars.length
}

/**
 * UTF-16 without a BOM (NUL bytes, or CJK-only text with none): decode a sample both ways
 * and keep the reading that is prose; random or legacy bytes read as UTF-16 are not.
 */
function utf16WithoutBom(bytes: Uint8Array): 'UTF-16LE' | 'UTF-16BE' | undefined {
  if (bytes.length < 4 || bytes.length % 2 !== 0) return undefined
  const sample = Buffer.from(bytes.subarray(0, Math.min(bytes.length, 8192)))
  const encodings = ['UTF-16LE', 'UTF-16BE'] as const
  return encodings.find(encoding => proseShare(iconv.decode(sample, encoding)) >= MIN_PROSE_SHARE)
}

function oddShare(text: string): number {
  if (!text.length) return 0
  return (text.match(ODD_CHARACTER)?.length ?? 0) / text.length
}

/** chardet's candidates mapped to the legacy Chinese encodings we decode. */
function legacyChineseGuess(bytes: Uint8Array): TextEncoding {
  const guesses = chardet.analyse(bytes.subarray(0, 64 * 1024))
  const big5 = guesses.find(g => g.name === 'Big5')
  const gb = guesses.find(g => g.name === 'GB18030')
  return big5 && (!gb || big5.confidence > gb.confidence + 10) ? 'Big5' : 'GB18030'
}

/** `中文 / English` reason → the whole message, Chinese first, English after. */
function refuse(reason: string): never {
  const [zh, en] = reason.split(' / ')
  throw new ImportFileError(`无法导入：${zh}。请用 UTF-8、UTF-16 或 GB18030/GBK 编码的文本文件，或 .docx / Cannot import: ${en}. Use a text file in UTF-8, UTF-16 or GB18030/GBK, or a .docx`)
}

/**
 * Detect the encoding and decode. Order: byte-order marks; strict UTF-8 (which random or
 * legacy bytes almost never pass); UTF-16 by its zero bytes; then GB18030 (a superset of
 * GBK and GB2312) or Big5. Whatever the decoder, text with control or undecodable characters
 * is refused: such a file is binary or in an encoding we do not know.
 */
export function decodeTextFile(bytes: Uint8Array): DecodedText {
  const binary = binaryKind(bytes)
  if (binary) refuse(`不是文本文件，而是${binary.zh} / this is not a text file but ${binary.en}`)
  let decoded: DecodedText
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    const text = strictUtf8(bytes.subarray(3))
    if (text === undefined) refuse('文件以 UTF-8 标记开头，但内容不是有效的 UTF-8 / the file starts with a UTF-8 mark but is not valid UTF-8')
    decoded = { text, encoding: 'UTF-8', bom: true }
  } else if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    const encoding = bytes[0] === 0xff ? 'UTF-16LE' : 'UTF-16BE'
    decoded = { text: iconv.decode(Buffer.from(bytes.subarray(2)), encoding), encoding, bom: true }
  } else {
    const utf8 = strictUtf8(bytes)
    const utf16 = utf8 === undefined || utf8.includes('\u0000') ? utf16WithoutBom(bytes) : undefined
    if (utf16) decoded = { text: iconv.decode(Buffer.from(bytes), utf16), encoding: utf16, bom: false }
    else if (utf8 !== undefined) decoded = { text: utf8, encoding: 'UTF-8', bom: false }
    else {
      const encoding = legacyChineseGuess(bytes)
      decoded = { text: iconv.decode(Buffer.from(bytes), encoding), encoding, bom: false }
    }
  }
  if (oddShare(decoded.text) > MAX_ODD_SHARE) {
    refuse('文件含有控制字符或无法识别的字节，可能是二进制文件或未知编码 / the file holds control characters or undecodable bytes: it is binary or in an unknown encoding')
  }
  return decoded
}
