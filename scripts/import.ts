// npm run import -- <folder or file> [--department <code>] [--department-name <名称>] [--year <yyyy>] [--kind annual]
// Loads every .docx, .txt (UTF-8, UTF-16, GB18030/GBK) and .md summary in the folder as an
// approved report. Files that cannot be read are listed and skipped. Safe to run again.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { formatOf, ImportFileError, planImport, readImportFile, type ImportFile } from '../src/import'
import { createAnnalsContext } from '../src/keystone/context'
import { importPlannedReports } from '../src/keystone/report-store'
import { applyPendingMigrations } from '../src/db/migrations'

export async function runImport(argv: string[], databaseUrl?: string) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      department: { type: 'string' },
      'department-name': { type: 'string' },
      year: { type: 'string' },
      kind: { type: 'string' },
    },
  })
  const dir = positionals[0]
  if (!dir) throw new Error('用法 / usage: npm run import -- <folder or file> [--department code] [--department-name 名称] [--year 2024]')
  const paths = statSync(dir).isDirectory() ? readdirSync(dir).sort().map(n => path.join(dir, n)) : [dir]
  const files: ImportFile[] = []
  const unreadable: { file: string; message: string }[] = []
  for (const file of paths.filter(f => formatOf(f) && statSync(f).isFile())) {
    try {
      files.push({ name: path.basename(file), document: await readImportFile(file, readFileSync(file)) })
    } catch (error) {
      if (!(error instanceof ImportFileError)) throw error
      unreadable.push({ file: path.basename(file), message: error.message })
    }
  }
  const plan = planImport(files, {
    departmentCode: values.department,
    departmentName: values['department-name'],
    year: values.year ? Number(values.year) : undefined,
    kind: values.kind,
  })
  plan.problems.unshift(...unreadable)
  for (const p of plan.problems) console.error(`✗ ${p.file}: ${p.message}`)

  const annals = await createAnnalsContext(databaseUrl)
  try {
    await applyPendingMigrations(annals.target)
    const outcomes = await importPlannedReports(annals.context, plan.reports, (o, i, total) => {
      const mark = o.status === 'created' ? '✓' : o.status === 'skipped' ? '=' : '✗'
      console.log(`[${i + 1}/${total}] ${mark} ${o.file}: ${o.message}`)
    })
    const count = (status: string) => outcomes.filter(o => o.status === status).length
    console.log(
      `导入完成 / done: ${count('created')} 新建 created, ${count('skipped')} 跳过 skipped, ${count('failed') + plan.problems.length} 失败 failed`
    )
    return { outcomes, problems: plan.problems }
  } finally {
    await annals.disconnect()
  }
}

if (require.main === module) {
  runImport(process.argv.slice(2)).then(
    ({ outcomes, problems }) => process.exit(problems.length || outcomes.some(o => o.status === 'failed') ? 1 : 0),
    error => {
      console.error(error instanceof Error ? error.message : error)
      process.exit(1)
    }
  )
}
