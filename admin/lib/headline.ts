// The one-line comparison headline: “与2023年相比：相似度 87%，复用 56 段，新增 0 节…”
import type { ComparisonSummary } from '../../src/keystone/comparison'

export type { ComparisonSummary }

export function headlineOf(summary: ComparisonSummary): string {
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
