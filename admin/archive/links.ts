// Links into the archive pages, for any page that wants them (reading view, comparison, review).

/** "Where else does this passage appear" for a selected passage; exclude the report it was selected in. */
export function passageSourcesHref(text: string, excludeReportId?: string): string {
  const params = new URLSearchParams({ text })
  if (excludeReportId) params.set('exclude', excludeReportId)
  return `/passage-sources?${params.toString()}`
}

/** The printable 查重 page of a report. */
export function reuseCheckHref(reportId: string): string {
  return `/reuse-check?${new URLSearchParams({ id: reportId }).toString()}`
}
