// GraphQL fragments the reading view and the writing desk share: the signed-in user and a
// report's heading fields, each selected once (spread it, then append the fragment to the
// document) and typed once.
import { gql } from '@keystone-6/core/admin-ui/apollo'
import type { Role } from '../../src/access'

export type SignedInUser = { id: string; name: string; role: Role; departments: { id: string }[] }

export const SIGNED_IN_USER = gql`
  fragment AnnalsSignedInUser on User {
    id
    name
    role
    departments {
      id
    }
  }
`

export type ReportHead = { id: string; title: string; year: number; status: string; version: number; department: { id: string; name: string } | null }

export const REPORT_HEAD = gql`
  fragment AnnalsReportHead on Report {
    id
    title
    year
    status
    version
    department {
      id
      name
    }
  }
`
