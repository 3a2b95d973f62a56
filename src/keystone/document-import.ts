// Importing documents for a signed-in user: a preview that writes nothing, a draft's sections
// replaced or appended through the same versioned, access-checked saves as the editor, and
// archive files for admins and archivists. Reading files is src/import's work.
import type { KeystoneContext } from '@keystone-6/core/types'
import { permissions, roleOf, userIdOf } from '../access'
import { plainTextToDocument } from '../text'
import { ImportFileError, planImport, previewOf, readImportFile, readPastedText, type ImportPreview, type ReadDocument } from '../import'
import { importPlannedReports, type ImportOutcome } from './report-store'

export class ImportRequestError extends Error {
  constructor(
    message: string,
    readonly status: number
  ) {
    super(message)
    this.name = 'ImportRequestError'
  }
}

const NOT_SIGNED_IN = '请先登录 / Please sign in'
const NOT_READABLE = '报告不存在或您无权查看 / The report does not exist or you may not read it'
const NOT_WRITABLE = '您不能向这份报告导入：只有本部门撰稿人可在草稿或退回修改时导入 / You may not import into this report: only its department’s writers may, while it is a draft or sent back'
const ARCHIVE_ONLY = '只有管理员和档案员可以导入档案 / Only admins and archivists may import into the archive'

export type Upload = { fileName?: string; bytes?: Uint8Array; pastedText?: string }

/** Read an upload or pasted text; refusals become 422 with the reader's message. */
export async function readUpload(upload: Upload): Promise<ReadDocument> {
  try {
    if (upload.pastedText !== undefined) return readPastedText(upload.pastedText)
    return await readImportFile(upload.fileName ?? '', upload.bytes ?? new Uint8Array())
  } catch (error) {
    if (error instanceof ImportFileError) throw new ImportRequestError(error.message, 422)
    throw error
  }
}

function requireSignedIn(context: KeystoneContext) {
  if (!roleOf(context)) throw new ImportRequestError(NOT_SIGNED_IN, 401)
}

/** What a file would become, for any signed-in user; nothing is written. */
export async function previewUpload(context: KeystoneContext, upload: Upload): Promise<ImportPreview> {
  requireSignedIn(context)
  return previewOf(await readUpload(upload))
}

type ReportRow = { id: string; version: number; status: string; title: string }

/** The report as this user may read it, and whether the Report update rules let them write it. */
async function writableReport(context: KeystoneContext, reportId: string): Promise<ReportRow> {
  requireSignedIn(context)
  const report = (await context.db.Report.findOne({ where: { id: reportId } })) as ReportRow | null
  if (!report) throw new ImportRequestError(NOT_READABLE, 404)
  if (!permissions.canAuthor(context)) throw new ImportRequestError(NOT_WRITABLE, 403)
  return report
}

export type DraftImportMode = 'replace' | 'append'
export type DraftImportResult = { reportId: string; version: number; sections: number; mode: DraftImportMode }

/**
 * Put an imported document into a draft: its sections replace the report's or follow them.
 * One transaction through the user's own access rules and hooks; the report's version must
 * still be the one the preview showed (a stale version is refused with who saved in between).
 */
export async function importIntoReport(
  context: KeystoneContext,
  reportId: string,
  upload: Upload,
  options: { mode: DraftImportMode; expectedVersion: number }
): Promise<DraftImportResult> {
  const report = await writableReport(context, reportId)
  const document = await readUpload(upload)
  try {
    return await context.transaction(
      async tx => {
        // the versioned save the editor uses: refuses a stale version, and non-writers by the update rules
        const claimed = await tx.db.Report.updateOne({ where: { id: reportId }, data: { version: options.expectedVersion } })
        if (!claimed) throw new ImportRequestError(NOT_WRITABLE, 403)
        const existing = await tx.db.Section.findMany({ where: { report: { id: { equals: reportId } } }, orderBy: { position: 'asc' } })
        let position = 0
        if (options.mode === 'replace') {
          if (existing.length) await tx.db.Section.deleteMany({ where: existing.map(s => ({ id: String(s.id) })) })
        } else {
          position = Math.max(0, ...existing.map(s => Number(s.position ?? 0)))
        }
        for (const section of document.sections) {
          await tx.db.Section.createOne({
            data: { report: { connect: { id: reportId } }, heading: section.heading, level: section.level, position: ++position, body: plainTextToDocument(section.text) },
          })
        }
        const after = (await tx.db.Report.findOne({ where: { id: reportId } })) as ReportRow
        return { reportId, version: after.version, sections: document.sections.length, mode: options.mode }
      },
      { timeout: 60_000, maxWait: 10_000 }
    )
  } catch (error) {
    throw asRequestError(error, report)
  }
}

/** Keystone's access and validation errors carry the rule's bilingual message after a prefix. */
function asRequestError(error: unknown, report: ReportRow): Error {
  if (error instanceof ImportRequestError) return error
  const message = error instanceof Error ? error.message : String(error)
  if (/保存冲突|Edit conflict/.test(message)) return new ImportRequestError(message.slice(message.indexOf('保存冲突')), 409)
  if (/Access denied|not have access|不能修改|cannot be edited|不属于部门/.test(message)) {
    return new ImportRequestError(`${NOT_WRITABLE}（当前状态 / status: ${report.status}）`, 403)
  }
  const validation = /- (.+)$/m.exec(message)?.[1]
  return new ImportRequestError(validation ?? message, 422)
}

export type ArchiveOverrides = { departmentCode?: string; departmentName?: string; year?: number; kind?: string }

/** One archive file, for admins and archivists: stored as an approved report unless it exists. */
export async function importIntoArchive(context: KeystoneContext, upload: Upload, overrides: ArchiveOverrides = {}): Promise<ImportOutcome & { preview?: ImportPreview }> {
  requireSignedIn(context)
  const role = roleOf(context)
  if (role !== 'admin' && role !== 'archivist') throw new ImportRequestError(ARCHIVE_ONLY, 403)
  const file = upload.fileName ?? '粘贴文本'
  const document = await readUpload(upload)
  const plan = planImport([{ name: file, document }], overrides)
  if (plan.problems.length) return { file, status: 'failed', message: plan.problems[0].message }
  // the role was checked above; the archive is written as the command line writes it (no
  // session: department membership rules are for writers), with the user as its author
  const [outcome] = await importPlannedReports(context.withSession(undefined).sudo(), plan.reports, undefined, userIdOf(context))
  return { ...outcome, preview: previewOf(document) }
}
