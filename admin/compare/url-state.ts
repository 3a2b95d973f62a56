// URL state of the comparison view: every switch is in the query string, so a link reopens
// the same view.
export type ViewState = { report: string; from: string; to: string; against: string[]; mode: 'side' | 'inline'; changesOnly: boolean; trad: boolean; punct: boolean; numbering: boolean; swap: boolean; later: boolean }

export function readState(query: Record<string, string | string[] | undefined>): ViewState {
  const one = (key: string) => (Array.isArray(query[key]) ? query[key]?.[0] : (query[key] as string | undefined))
  return {
    report: one('report') ?? '',
    from: one('from') ?? '',
    to: one('to') ?? '',
    against: (one('against') ?? '').split(',').filter(Boolean),
    mode: one('mode') === 'inline' ? 'inline' : 'side',
    changesOnly: one('changes') === '1',
    trad: one('trad') !== '0',
    punct: one('punct') !== '0',
    numbering: one('numbering') === '1',
    swap: one('swap') === '1',
    later: one('later') === '1',
  }
}

export function writeState(state: ViewState): Record<string, string> {
  const query: Record<string, string> = { report: state.report }
  if (state.from) query.from = state.from
  if (state.to) query.to = state.to
  if (state.against.length) query.against = state.against.join(',')
  if (state.mode === 'inline') query.mode = 'inline'
  if (state.changesOnly) query.changes = '1'
  if (!state.trad) query.trad = '0'
  if (!state.punct) query.punct = '0'
  if (state.numbering) query.numbering = '1'
  if (state.swap) query.swap = '1'
  if (state.later) query.later = '1'
  return query
}

