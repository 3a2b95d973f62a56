// Planning an archive import: which department, year and sections each file becomes.
// Pure: reading files (read.ts) and writing the database (src/keystone) happen elsewhere.
import { yearProblem } from '../workflow'
import { outlineFromText, type ImportedDocument } from './outline'

export { decodeTextFile, ImportFileError, type DecodedText, type TextEncoding } from './decode'
export { outlineFromDocx, outlineFromMarkdown, outlineFromText, type ImportedDocument, type ImportedSection, type SectionLevel } from './outline'
export { previewOf, type ImportPreview } from './preview'
export { readImportFile, readPastedText, formatOf, IMPORT_EXTENSIONS, IMPORT_LIMITS, type ImportFormat, type ReadDocument } from './read'

/** A file to import: its text (parsed here) or the outline already read from it. */
export type ImportFile = { name: string; text: string } | { name: string; document: ImportedDocument }
export type ImportOverrides = { departmentCode?: string; departmentName?: string; year?: number; kind?: string }
export type PlannedReport = {
  file: string
  departmentCode: string
  departmentName?: string
  year: number
  kind: string
  /** the outline to store (levels default to 1) */
  summary: Pick<ImportedDocument, 'title' | 'discarded'> & { sections: { heading: string; text: string; level?: number }[] }
}
export type ImportPlan = { reports: PlannedReport[]; problems: { file: string; message: string }[] }

const FILE_NAME = /^(?<code>[a-z0-9][a-z0-9-]*?)-(?<year>\d{4})\.(?:txt|docx|md)$/i

/** `<department-code>-<year>.txt|docx|md` → code and year. */
export function parseImportFileName(name: string): { code: string; year: number } | undefined {
  const match = FILE_NAME.exec(name)
  if (!match?.groups) return undefined
  return { code: match.groups.code.toLowerCase(), year: Number(match.groups.year) }
}

export function planImport(files: ImportFile[], overrides: ImportOverrides = {}): ImportPlan {
  const plan: ImportPlan = { reports: [], problems: [] }
  for (const file of [...files].sort((a, b) => a.name.localeCompare(b.name))) {
    const fromName = parseImportFileName(file.name)
    const departmentCode = overrides.departmentCode ?? fromName?.code
    const year = overrides.year ?? fromName?.year
    if (!departmentCode || year === undefined) {
      plan.problems.push({
        file: file.name,
        message: '文件名应为“部门代码-年份.docx/.txt/.md”，或指定部门和年份 / name files <department-code>-<year>.docx|txt|md or give the department and year',
      })
      continue
    }
    const badYear = yearProblem(year)
    if (badYear) {
      plan.problems.push({ file: file.name, message: badYear })
      continue
    }
    const summary = 'document' in file ? file.document : outlineFromText(file.text)
    if (summary.sections.length === 0) {
      plan.problems.push({ file: file.name, message: '文件中没有正文 / the file has no text' })
      continue
    }
    plan.reports.push({ file: file.name, departmentCode, departmentName: overrides.departmentName, year, kind: overrides.kind ?? 'annual', summary })
  }
  const seen = new Map<string, string>()
  for (const report of plan.reports) {
    const key = `${report.departmentCode}/${report.year}/${report.kind}`
    const first = seen.get(key)
    if (first) plan.problems.push({ file: report.file, message: `与 ${first} 是同一部门同一年份 / same department and year as ${first}` })
    else seen.set(key, report.file)
  }
  plan.reports = plan.reports.filter(r => seen.get(`${r.departmentCode}/${r.year}/${r.kind}`) === r.file)
  return plan
}
