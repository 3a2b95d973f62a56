// A stale save never overwrites: both texts side by side with the differences marked (the
// comparison engine's ops, computed on the server), and three ways out.
import type { DiffOp, SectionState } from './api'
import { chinaTime } from './api'

type Props = {
  theirs: SectionState
  diff: DiffOp[]
  onKeepMine: () => void
  onTakeTheirs: () => void
  onMerge: () => void
}

function Side({ ops, side }: { ops: DiffOp[]; side: 'before' | 'after' }) {
  return (
    <div className="annals-conflict-text">
      {ops.map((op, i) => {
        const text = side === 'before' ? op.before : op.after
        if (text === undefined) return null
        if (op.op === 'equal') return <span key={i}>{text}</span>
        return side === 'before' ? (
          <del key={i} className="annals-diff-del">
            {text}
          </del>
        ) : (
          <ins key={i} className="annals-diff-ins">
            {text}
          </ins>
        )
      })}
    </div>
  )
}

export function ConflictPanel({ theirs, diff, onKeepMine, onTakeTheirs, onMerge }: Props) {
  return (
    <div role="alertdialog" aria-label="保存冲突 Edit conflict" className="annals-conflict" data-testid="conflict">
      <p className="annals-conflict-title">
        <strong>保存冲突</strong>：{theirs.savedBy ?? '其他用户'} 于 {chinaTime(theirs.savedAt)} 保存了这一节（第 {theirs.version} 版）。您的修改尚未保存，也没有覆盖对方的内容。请选择如何处理。
        <br />
        <span className="annals-en">Edit conflict: someone saved this section while you were editing. Nothing was overwritten; choose what to keep.</span>
      </p>
      <div className="annals-conflict-columns">
        <section>
          <h4>对方的版本 Theirs（{theirs.savedBy ?? ''}）</h4>
          <Side ops={diff} side="before" />
        </section>
        <section>
          <h4>我的版本 Mine</h4>
          <Side ops={diff} side="after" />
        </section>
      </div>
      <div className="annals-buttons">
        <button type="button" onClick={onKeepMine}>
          保留我的 Keep mine
        </button>
        <button type="button" onClick={onTakeTheirs}>
          采用对方的 Take theirs
        </button>
        <button type="button" onClick={onMerge}>
          手动合并 Merge by hand
        </button>
      </div>
    </div>
  )
}
