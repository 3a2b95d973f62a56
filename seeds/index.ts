// Demo data: a fictional city organisation department (明湖市委组织部) with approved
// summaries for 2021–2024 and a 2025 draft, a neighbouring department with its own draft,
// and one demo user per role. Texts are in seeds/demo/ and were written for this project.
import { readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import type { KeystoneContext } from '@keystone-6/core/types'
import { planImport } from '../src/import'
import { parseSummary } from '../src/text'
import { createReport, ensureDepartment, findReportId } from '../src/keystone/report-store'

export const DEMO_PASSWORD = 'annals-demo-2025'

export const DEMO_USERS = [
  { email: 'admin@annals.local', name: '系统管理员', role: 'admin', departments: [] },
  { email: 'writer@annals.local', name: '李文（撰稿人）', role: 'writer', departments: ['minghu'] },
  { email: 'head@annals.local', name: '王明（部门负责人）', role: 'head', departments: ['minghu'] },
  { email: 'archivist@annals.local', name: '陈档（档案员）', role: 'archivist', departments: [] },
  { email: 'writer.chengxi@annals.local', name: '赵溪（澄溪撰稿人）', role: 'writer', departments: ['chengxi'] },
] as const

const DEMO_DIR = path.join(__dirname, 'demo')

function readDemo(file: string) {
  return { name: path.basename(file), text: readFileSync(path.join(DEMO_DIR, file), 'utf8') }
}

export type SeedResult = { created: boolean; departmentId: string; reportIds: Record<number, string> }

export async function seedDemo(context: KeystoneContext): Promise<SeedResult> {
  const sudo = context.sudo()
  const province = await ensureDepartment(sudo, 'dongchuan', '东川省委组织部')
  const minghu = await ensureDepartment(sudo, 'minghu', '明湖市委组织部', province)
  const chengxi = await ensureDepartment(sudo, 'chengxi', '澄溪市委组织部', province)
  const departmentIds: Record<string, string> = { minghu, chengxi }

  let created = false
  const userIds: Record<string, string> = {}
  for (const user of DEMO_USERS) {
    const existing = await sudo.db.User.findOne({ where: { email: user.email } })
    if (existing) {
      userIds[user.email] = String(existing.id)
      continue
    }
    const row = await sudo.db.User.createOne({
      data: {
        email: user.email,
        name: user.name,
        role: user.role,
        password: DEMO_PASSWORD,
        departments: { connect: user.departments.map(code => ({ id: departmentIds[code] })) },
      },
    })
    userIds[user.email] = String(row.id)
    created = true
  }

  const reportIds: Record<number, string> = {}
  const archive = planImport(readdirSync(DEMO_DIR).filter(f => f.endsWith('.txt')).map(readDemo))
  for (const planned of archive.reports) {
    const existing = await findReportId(sudo, minghu, planned.year)
    reportIds[planned.year] =
      existing ??
      (await createReport(sudo, {
        departmentId: minghu,
        year: planned.year,
        title: planned.summary.title,
        status: 'approved',
        sections: planned.summary.sections,
        reason: '归档 / archived',
        authorId: userIds['writer@annals.local'],
      }))
  }

  const drafts: { code: string; year: number; file: string; writer: string }[] = [
    { code: 'minghu', year: 2025, file: 'drafts/minghu-2025.txt', writer: 'writer@annals.local' },
    { code: 'chengxi', year: 2025, file: 'drafts/chengxi-2025.txt', writer: 'writer.chengxi@annals.local' },
  ]
  for (const draft of drafts) {
    const departmentId = departmentIds[draft.code]
    const existing = await findReportId(sudo, departmentId, draft.year)
    if (existing) {
      if (draft.code === 'minghu') reportIds[draft.year] = existing
      continue
    }
    const summary = parseSummary(readDemo(draft.file).text)
    const id = await createReport(sudo, {
      departmentId,
      year: draft.year,
      title: summary.title,
      status: 'draft',
      sections: summary.sections,
      reason: '起草 / drafted',
      authorId: userIds[draft.writer],
    })
    if (draft.code === 'minghu') reportIds[draft.year] = id
  }
  return { created, departmentId: minghu, reportIds }
}
