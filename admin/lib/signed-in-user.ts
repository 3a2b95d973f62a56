// The signed-in user as the reading view and the writing desk ask for it: one selection
// (spread it inside `authenticatedItem { ... }` and append the fragment) and one type.
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
