// What each kind of section pairing is called on every screen and document that shows a
// comparison (the view, the print view, the redline .docx): one vocabulary.
import type { SectionKind } from './types'

export const SECTION_KIND_LABELS: Record<SectionKind, string> = {
  same: '未改动',
  changed: '有修改',
  renamed: '标题改动',
  renumbered: '编号调整',
  relevelled: '层级调整',
  reordered: '位置调整',
  added: '新增一节',
  dropped: '删除一节',
  split: '拆分',
  merged: '合并',
}
