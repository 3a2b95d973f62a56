// Last year's matching section beside a draft section: folded by default, the passages the
// draft no longer has marked, one click copies a paragraph into the draft.
import type { LastYearBeside } from './api'

type Props = {
  beside: LastYearBeside | null
  sectionId: string
  onCopy: (paragraph: string) => void
}

export function LastYear({ beside, sectionId, onCopy }: Props) {
  if (!beside) return null
  if (beside.year === null) return <p className="annals-last-year-none">没有更早的已批准报告 No earlier approved report</p>
  const match = beside.sections.find(s => s.sectionId === sectionId)
  if (!match) return <p className="annals-last-year-none" data-testid="no-counterpart">{beside.year}年：无对应章节 No matching section last year</p>
  return (
    <details className="annals-last-year" data-testid="last-year">
      <summary>
        {beside.year}年对应章节：{match.heading}（相似度 {Math.round(match.similarity * 100)}%）Last year
      </summary>
      {match.paragraphs.map((paragraph, i) => (
        <div key={i} className="annals-last-year-paragraph">
          <p>
            {paragraph.segments.map((segment, j) =>
              segment.changed ? (
                <mark key={j} className="annals-changed" title="今年的稿中已改动或删去 Changed or dropped this year">
                  {segment.text}
                </mark>
              ) : (
                <span key={j}>{segment.text}</span>
              )
            )}
          </p>
          <button type="button" className="annals-small" onClick={() => onCopy(paragraph.text)}>
            复制到草稿 Copy into draft
          </button>
        </div>
      ))}
    </details>
  )
}
