// HTTP routes for documents: Word export of reports and comparisons, print views, and the
// import uploads used by the import page. Each handler: session from the request → the
// user's own access rules (document-export.ts, document-import.ts) → response. Wired into
// keystone.ts with one line.
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { KeystoneContext } from '@keystone-6/core/types'
import { IMPORT_LIMITS } from '../import'
import { comparisonPrintHtml, PRINT_SCRIPT, reportPrintHtml } from '../print/html'
import { chineseDate } from '../docx/write'
import { comparisonQueryFrom, ExportError, exportComparisonDocx, exportReportDocx, loadComparison, loadReportForExport } from './document-export'
import { importIntoArchive, importIntoReport, ImportRequestError, previewUpload, type Upload } from './document-import'

type Request = IncomingMessage & { params: Record<string, string>; query: Record<string, unknown>; originalUrl: string }
type Response = ServerResponse
type Handler = (req: Request, res: Response) => Promise<void> | void
type App = { get: (path: string, handler: Handler) => unknown; post: (path: string, handler: Handler) => unknown }

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
/** Uploads must carry this header: a cross-site form cannot set it, so no other site can import as the user. */
export const IMPORT_HEADER = 'x-annals-import'

function send(res: Response, status: number, type: string, body: string | Buffer) {
  res.statusCode = status
  res.setHeader('Content-Type', type)
  res.setHeader('Cache-Control', 'private, no-store')
  res.end(body)
}

function sendJson(res: Response, status: number, value: unknown) {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value))
}

function sendDocx(res: Response, fileName: string, body: Buffer) {
  res.setHeader('Content-Disposition', `attachment; filename="annals.docx"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
  send(res, 200, DOCX_TYPE, body)
}

function errorStatus(error: unknown): { status: number; message: string } {
  if (error instanceof ExportError || error instanceof ImportRequestError) return { status: error.status, message: error.message }
  console.error(error)
  return { status: 500, message: '服务器出错，请稍后再试 / Server error, please try again later' }
}

/** `<id>.docx` → id */
function idFromFile(file: string | undefined): string | undefined {
  return file && /^[\w-]{1,64}\.docx$/.test(file) ? file.slice(0, -5) : undefined
}

/** The request body, refused past the limit without reading the rest. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0)
    const tooLarge = () => new ImportRequestError(`上传内容超过 ${Math.round(limit / 1024 / 1024)} MB / The upload is larger than ${Math.round(limit / 1024 / 1024)} MB`, 413)
    if (declared > limit) return reject(tooLarge())
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) {
        req.destroy()
        reject(tooLarge())
      } else chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

async function uploadOf(req: Request): Promise<Upload> {
  if (req.headers[IMPORT_HEADER] !== '1') throw new ImportRequestError(`缺少请求头 ${IMPORT_HEADER} / Missing the ${IMPORT_HEADER} header`, 400)
  const bytes = await readBody(req, IMPORT_LIMITS.maxFileBytes)
  const fileName = req.headers['x-file-name']
  if (typeof fileName !== 'string' || !fileName) return { pastedText: bytes.toString('utf8') }
  return { fileName: decodeURIComponent(fileName).slice(0, 255), bytes }
}

const one = (value: unknown) => (typeof value === 'string' ? value : undefined)

export function registerDocumentRoutes(app: App, commonContext: KeystoneContext) {
  const contextFor = (req: Request, res: Response) => commonContext.withRequest(req, res)
  const route = (handler: (context: KeystoneContext, req: Request, res: Response) => Promise<void>, asJson = false): Handler => async (req, res) => {
    try {
      await handler(await contextFor(req, res), req, res)
    } catch (error) {
      const { status, message } = errorStatus(error)
      if (asJson) sendJson(res, status, { error: message })
      else send(res, status, 'text/plain; charset=utf-8', message)
    }
  }

  app.get('/export/report/:file', route(async (context, req, res) => {
    const id = idFromFile(req.params.file)
    if (!id) throw new ExportError('地址无效 / Invalid address', 404)
    const { fileName, body } = await exportReportDocx(context, id)
    sendDocx(res, fileName, body)
  }))

  app.get('/export/compare/:file', route(async (context, req, res) => {
    const id = idFromFile(req.params.file)
    if (!id) throw new ExportError('地址无效 / Invalid address', 404)
    const { fileName, body } = await exportComparisonDocx(context, id, comparisonQueryFrom(req.query))
    sendDocx(res, fileName, body)
  }))

  app.get('/print/print.js', (_req, res) => send(res, 200, 'text/javascript; charset=utf-8', PRINT_SCRIPT))

  app.get('/print/report/:id', route(async (context, req, res) => {
    const report = await loadReportForExport(context, req.params.id)
    send(res, 200, 'text/html; charset=utf-8', reportPrintHtml({ ...report, dateText: chineseDate(report.date) }))
  }))

  app.get('/print/compare/:id', route(async (context, req, res) => {
    const comparison = await loadComparison(context, req.params.id, comparisonQueryFrom(req.query))
    const query = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?') + 1) : ''
    const layout = one(req.query.layout) === 'inline' || one(req.query.mode) === 'inline' ? 'inline' : 'side'
    send(res, 200, 'text/html; charset=utf-8', comparisonPrintHtml(comparison, layout, query))
  }))

  app.post('/api/import/preview', route(async (context, req, res) => {
    sendJson(res, 200, await previewUpload(context, await uploadOf(req)))
  }, true))

  app.post('/api/import/report/:id', route(async (context, req, res) => {
    const mode = one(req.query.mode) === 'append' ? 'append' : 'replace'
    const expectedVersion = Number(one(req.query.version))
    if (!Number.isInteger(expectedVersion)) throw new ImportRequestError('缺少报告版本号 / The report version is missing', 400)
    sendJson(res, 200, await importIntoReport(context, req.params.id, await uploadOf(req), { mode, expectedVersion }))
  }, true))

  app.post('/api/import/archive', route(async (context, req, res) => {
    const year = one(req.query.year)
    const outcome = await importIntoArchive(context, await uploadOf(req), {
      departmentCode: one(req.query.department) || undefined,
      departmentName: one(req.query.departmentName) || undefined,
      year: year ? Number(year) : undefined,
    })
    sendJson(res, outcome.status === 'failed' ? 422 : 200, outcome)
  }, true))
}
