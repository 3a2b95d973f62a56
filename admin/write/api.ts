// GraphQL documents of the writing desk and one call that survives leaving the page.
import { gql } from '@keystone-6/core/admin-ui/apollo'
import { REPORT_HEAD, SIGNED_IN_USER } from '../lib/fragments'
import type { LastYearBeside } from '../../src/workflow/last-year'
import type { DiffOp } from '../../src/compare/types'

export type { LastYearBeside, DiffOp }

export type OutlineSection = { id: string; position: number; heading: string; level: number; key: string; version: number }
export type Outline = { reportId: string; reportVersion: number; sectionId?: string | null; sections: OutlineSection[] }
export type SectionState = { id: string; heading: string; level: number; version: number; body: unknown; plainText: string; savedBy: string | null; savedAt: string | null }
export type SaveResult = { status: 'SAVED' | 'CONFLICT'; message: string | null; section: SectionState; diff: DiffOp[] | null }
export type Presence = { userId: string; name: string; sectionId: string | null; seenAt: string }

/** The report and its sections; the body selection is the document field's own (its controller's). */
export function deskQuery(bodySelection: string) {
  return gql`
    query AnnalsWritingDesk($id: ID!) {
      authenticatedItem {
        ...AnnalsSignedInUser
      }
      report(where: { id: $id }) {
        ...AnnalsReportHead
        sections(orderBy: [{ position: asc }]) {
          id
          key
          position
          heading
          level
          version
          ${bodySelection}
        }
      }
    }
    ${SIGNED_IN_USER}
    ${REPORT_HEAD}
  `
}

const OUTLINE_FIELDS = 'reportId reportVersion sectionId sections { id position heading level key version }'

export const ADD_SECTION = gql`
  mutation AnnalsAddSection($reportId: ID!, $reportVersion: Int!, $position: Int!, $heading: String!, $level: Int) {
    addReportSection(reportId: $reportId, reportVersion: $reportVersion, position: $position, heading: $heading, level: $level) { ${OUTLINE_FIELDS} }
  }
`
export const DELETE_SECTION = gql`
  mutation AnnalsDeleteSection($reportId: ID!, $id: ID!, $reportVersion: Int!, $version: Int!) {
    deleteReportSection(reportId: $reportId, id: $id, reportVersion: $reportVersion, version: $version) { ${OUTLINE_FIELDS} }
  }
`
export const MOVE_SECTION = gql`
  mutation AnnalsMoveSection($reportId: ID!, $id: ID!, $reportVersion: Int!, $toPosition: Int!) {
    moveReportSection(reportId: $reportId, id: $id, reportVersion: $reportVersion, toPosition: $toPosition) { ${OUTLINE_FIELDS} }
  }
`
const SAVE_TEXT = `
  mutation AnnalsSaveSection($id: ID!, $version: Int!, $heading: String, $body: JSON, $level: Int) {
    saveReportSection(id: $id, version: $version, heading: $heading, body: $body, level: $level) {
      status
      message
      diff
      section { id heading level version body plainText savedBy savedAt }
    }
  }
`
export const SAVE_SECTION = gql(SAVE_TEXT)

const PRESENCE_TEXT = `
  mutation AnnalsPresence($reportId: ID!, $sectionId: ID, $leaving: Boolean) {
    writingPresence(reportId: $reportId, sectionId: $sectionId, leaving: $leaving) { userId name sectionId seenAt }
  }
`
export const PRESENCE = gql(PRESENCE_TEXT)

export const LAST_YEAR = gql`
  query AnnalsLastYear($reportId: ID!) {
    lastYearBeside(reportId: $reportId)
  }
`

export const SUBMIT = gql`
  mutation AnnalsSubmit($id: ID!, $expectedVersion: Int) {
    transitionReport(id: $id, action: submit, expectedVersion: $expectedVersion) {
      id
      status
    }
  }
`

/** A request that the browser finishes even while the page unloads (pagehide). */
function sendOnLeave(query: string, variables: Record<string, unknown>) {
  try {
    void fetch('/api/graphql', {
      method: 'POST',
      keepalive: true,
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    })
  } catch {
    // the local copy still holds the text
  }
}

export const saveOnLeave = (variables: Record<string, unknown>) => sendOnLeave(SAVE_TEXT, variables)
export const leaveOnLeave = (reportId: string) => sendOnLeave(PRESENCE_TEXT, { reportId, leaving: true })

/** Times as writers read them: China's time zone, 24-hour clock. */
export function chinaTime(iso: string | null | undefined): string {
  if (!iso) return ''
  return new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })
}
