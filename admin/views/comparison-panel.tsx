// Item-page panel of a report: the headline of the comparison with the previous year and a
// link to the full comparison view.
import type { CellComponent, FieldProps } from '@keystone-6/core/types'
import { jsonPanelController } from './json-controller'
import { Link } from '@keystone-6/core/admin-ui/router'

type Summary = {
  reportId: string
  againstYear: number | null
  similarity: number
  reusedPassages: number
  addedSections: number
  droppedSections: number
  changedSections: number
  moves: number
  figuresChanged: number
}

export function headline(summary: Summary): string {
  if (summary.againstYear === null) return '没有可比对的往年报告 / no earlier report to compare with'
  const parts = [
    `相似度 ${Math.round(summary.similarity * 100)}%`,
    `复用 ${summary.reusedPassages} 段`,
    `新增 ${summary.addedSections} 节`,
    `删除 ${summary.droppedSections} 节`,
    `修改 ${summary.changedSections} 节`,
  ]
  if (summary.moves) parts.push(`移动 ${summary.moves} 处`)
  if (summary.figuresChanged) parts.push(`数字变化 ${summary.figuresChanged} 处`)
  return `与${summary.againstYear}年相比：${parts.join('，')}`
}

export function Field({ field, value }: FieldProps<typeof controller>) {
  if (!value || typeof value !== 'object') return null
  const summary = value as Summary
  return (
    <div data-testid="comparison-panel" style={{ border: '1px solid #d0d7de', borderRadius: 8, padding: 12, background: '#f6f8fa' }}>
      <div style={{ fontWeight: 600, marginBottom: 6 }}>{field.label}</div>
      <div style={{ marginBottom: 8, lineHeight: 1.6 }}>{headline(summary)}</div>
      <Link href={`/compare?report=${encodeURIComponent(summary.reportId)}`} style={{ fontWeight: 600 }}>
        打开比对视图 Open comparison →
      </Link>
    </div>
  )
}

export const Cell: CellComponent<typeof controller> = ({ value }) =>
  value && typeof value === 'object' ? <span>{headline(value as Summary)}</span> : null

export const controller = jsonPanelController
