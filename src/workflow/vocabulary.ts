// The words Annals shows for its statuses, report kinds and roles, Chinese and English, in
// one place: schema options, workflow messages, mail, panels and pages all read them here.
import type { ReportStatus, Role } from '../access'

type Words = { zh: string; en: string }

export const STATUS_WORDS: Record<ReportStatus, Words> = {
  draft: { zh: '草稿', en: 'draft' },
  in_review: { zh: '审核中', en: 'in review' },
  changes_requested: { zh: '退回修改', en: 'changes requested' },
  approved: { zh: '已批准', en: 'approved' },
}

/** Chinese status labels by value (the Report.status select's options). */
export const STATUS_LABELS: Record<ReportStatus, string> = mapWords(STATUS_WORDS, w => w.zh)

function wordsOf<K extends string, W>(table: Record<K, W>, key: string): W | undefined {
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key as K] : undefined
}

/** 草稿, 审核中 …; an unknown status is shown as it is. */
export function statusLabel(status: string): string {
  return wordsOf(STATUS_WORDS, status)?.zh ?? status
}

export function statusLabelEn(status: string): string {
  return wordsOf(STATUS_WORDS, status)?.en ?? status
}

export type ReportKind = 'annual' | 'half_year' | 'special'

/** The Report.kind select's options. */
export const REPORT_KINDS: readonly { value: ReportKind; label: string }[] = [
  { value: 'annual', label: '年度工作总结' },
  { value: 'half_year', label: '半年工作总结' },
  { value: 'special', label: '专项工作总结' },
]

export function kindLabel(kind: string): string {
  return REPORT_KINDS.find(k => k.value === kind)?.label ?? kind
}

/** The one title format for a report nobody named (imports without a title, new reports): 明湖市委组织部2025年年度工作总结. */
export function defaultReportTitle(departmentName: string, year: number, kind: string = 'annual'): string {
  return `${departmentName}${year}年${kindLabel(kind)}`
}

export const ROLE_WORDS: Record<Role, Words> = {
  admin: { zh: '管理员', en: 'Admin' },
  writer: { zh: '撰稿人', en: 'Writer' },
  head: { zh: '部门负责人', en: 'Head' },
  archivist: { zh: '档案员', en: 'Archivist' },
}

/** 管理员, 撰稿人 …; an unknown role is shown as it is. */
export function roleLabel(role: string): string {
  return wordsOf(ROLE_WORDS, role)?.zh ?? role
}

/** “管理员 Admin” … (the User.role select's options). */
export const ROLE_OPTIONS: readonly { value: Role; label: string }[] = (Object.keys(ROLE_WORDS) as Role[]).map(value => ({
  value,
  label: `${ROLE_WORDS[value].zh} ${ROLE_WORDS[value].en}`,
}))

function mapWords<K extends string, T>(table: Record<K, Words>, pick: (words: Words) => T): Record<K, T> {
  return Object.fromEntries(Object.entries<Words>(table).map(([key, words]) => [key, pick(words)])) as Record<K, T>
}
