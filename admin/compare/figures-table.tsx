// 数字对照: the figures of the two versions side by side, changes first.
import { useState } from 'react'
import type { FigureChange } from '../../src/compare/types'

type Figure = FigureChange

export function FiguresTable({ figures, left, right }: { figures: Figure[]; left: string; right: string }) {
  const [all, setAll] = useState(false)
  const shown = figures.filter(f => all || f.status !== 'same')
  const arrow = (f: Figure) => (f.delta === undefined ? '' : f.delta === 0 ? '＝' : `${f.delta > 0 ? '↑' : '↓'} ${f.deltaText || f.delta}`)
  const statusText: Record<Figure['status'], string> = { same: '未变', changed: '变化', added: '新增', removed: '删除' }
  return (
    <section className="figures" id="figures">
      <h3>
        数字对照 Figures <span className="muted">（{figures.filter(f => f.status === 'changed').length} 处变化）</span>
        <label className="no-print toggle">
          <input type="checkbox" checked={all} onChange={e => setAll(e.target.checked)} /> 显示未变化的数字
        </label>
      </h3>
      <table>
        <thead>
          <tr>
            <th>事项</th>
            <th>{left}</th>
            <th>{right}</th>
            <th>变化</th>
            <th>状态</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((f, i) => (
            <tr key={i} className={`figure ${f.status}`}>
              <td>{f.label}</td>
              <td title={f.before?.sentence}>{f.before?.text ?? '—'}</td>
              <td title={f.after?.sentence}>{f.after?.text ?? '—'}</td>
              <td className={f.delta && f.delta > 0 ? 'up' : f.delta && f.delta < 0 ? 'down' : ''}>{arrow(f)}</td>
              <td>{statusText[f.status]}</td>
            </tr>
          ))}
          {shown.length === 0 && (
            <tr>
              <td colSpan={5}>没有数字变化</td>
            </tr>
          )}
        </tbody>
      </table>
    </section>
  )
}
