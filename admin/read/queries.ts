// GraphQL of the reading view: one query for the document and its review history, the checks
// separately (they compare with last year and may take longer), and the writes it makes.
import { gql } from '@keystone-6/core/admin-ui/apollo'
import { REPORT_HEAD, SIGNED_IN_USER, type ReportHead, type SignedInUser } from '../lib/fragments'

export const READ_REPORT = gql`
  query AnnalsReadReport($id: ID!) {
    authenticatedItem {
      ...AnnalsSignedInUser
    }
    report(where: { id: $id }) {
      ...AnnalsReportHead
      kind
      sections(orderBy: [{ position: asc }]) {
        id
        heading
        level
        plainText
      }
      revisions(orderBy: { number: desc }) {
        id
        number
        label
        reason
        createdAt
        author {
          name
        }
      }
      auditEvents(orderBy: { createdAt: desc }, take: 50) {
        id
        action
        fromStatus
        toStatus
        comment
        createdAt
        actor {
          name
        }
      }
      comments(where: { replyTo: null }, orderBy: { createdAt: asc }) {
        id
        body
        quote
        resolved
        createdAt
        anchor
        section {
          id
        }
        author {
          name
        }
        replies(orderBy: { createdAt: asc }) {
          id
          body
          createdAt
          author {
            name
          }
        }
      }
    }
  }
  ${SIGNED_IN_USER}
  ${REPORT_HEAD}
`

export const REPORT_CHECKS = gql`
  query AnnalsReportChecks($id: ID!) {
    reportChecks(id: $id) {
      code
      severity
      sectionId
      message
      excerpt
    }
  }
`

export const TRANSITION = gql`
  mutation AnnalsTransition($id: ID!, $action: ReportWorkflowAction!, $comment: String, $expectedVersion: Int) {
    transitionReport(id: $id, action: $action, comment: $comment, expectedVersion: $expectedVersion) {
      id
    }
  }
`

export const CREATE_COMMENT = gql`
  mutation AnnalsCreateComment($data: CommentCreateInput!) {
    createComment(data: $data) {
      id
    }
  }
`

export const SET_RESOLVED = gql`
  mutation AnnalsResolveComment($id: ID!, $resolved: Boolean!) {
    updateComment(where: { id: $id }, data: { resolved: $resolved }) {
      id
      resolved
    }
  }
`

export type Anchor = { status: 'found' | 'moved' | 'missing'; start?: number; end?: number; message: string; heading: string | null } | null
export type Reply = { id: string; body: string; createdAt: string; author: { name: string } | null }
export type CommentRow = Reply & { quote: string; resolved: boolean; anchor: Anchor; section: { id: string } | null; replies: Reply[] }
export type SectionRow = { id: string; heading: string; level: number; plainText: string }
export type ReportRow = ReportHead & {
  kind: string
  sections: SectionRow[]
  revisions: { id: string; number: number; label: string; reason: string; createdAt: string; author: { name: string } | null }[]
  auditEvents: { id: string; action: string; fromStatus: string; toStatus: string; comment: string; createdAt: string; actor: { name: string } | null }[]
  comments: CommentRow[]
}
export type Viewer = SignedInUser
export type Check = { code: string; severity: 'error' | 'warning' | 'info'; sectionId: string | null; message: string; excerpt: string }
