// Item-page panel of a report: the headline of the comparison with the previous year and a
// link to the full comparison view.
import type { CellComponent, FieldProps } from '@keystone-6/core/types'
import { jsonPanelController } from './json-controller'
import { Link } from '@keystone-6/core/admin-ui/router'
import { headlineOf as headline, type ComparisonSummary } from '../lib/headline'

type Summary = ComparisonSummary & { reportId: string }

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
