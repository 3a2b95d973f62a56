// Which reports the archive shows a user: the same rule as reportReadFilter (src/access), in the
// shape raw SQL needs. Approved reports for every signed-in user, plus their own departments'
// other reports; admins read everything; nobody else reads anything.
import { departmentIdsOf, reportReadFilter, roleOf } from '../access'

export type ArchiveScope = { kind: 'none' } | { kind: 'all' } | { kind: 'approved'; departmentIds: string[] }

export function archiveScope(session: unknown): ArchiveScope {
  const filter = reportReadFilter({ session })
  if (filter === false || !roleOf({ session })) return { kind: 'none' }
  if (filter === true) return { kind: 'all' }
  // archivists: approved only; writers and heads: approved or their departments
  return { kind: 'approved', departmentIds: roleOf({ session }) === 'archivist' ? [] : departmentIdsOf({ session }) }
}
