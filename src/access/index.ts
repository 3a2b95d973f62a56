// Who may do what. Pure predicates and Prisma-style filters over the session:
// nothing here imports Keystone, so every rule can be read (and tested) on its own.
// Filters narrow reads in the database rather than in JavaScript.

export type Role = 'admin' | 'writer' | 'head' | 'archivist'
export const ROLES: readonly Role[] = ['admin', 'writer', 'head', 'archivist']

export type ReportStatus = 'draft' | 'in_review' | 'changes_requested' | 'approved'
export const REPORT_STATUSES: readonly ReportStatus[] = [
  'draft',
  'in_review',
  'changes_requested',
  'approved',
]
/** Statuses in which writers may change a report's text. */
export const EDITABLE_STATUSES: readonly ReportStatus[] = ['draft', 'changes_requested']

/** What Keystone's auth puts in the session (see `sessionData` in keystone.ts). */
export type AnnalsSession = {
  itemId: string
  data: {
    id: string
    name: string
    role: Role
    departments: { id: string }[]
  }
}

type Filter = Record<string, unknown>
type SessionArg = { session?: unknown }

function sessionOf({ session }: SessionArg): AnnalsSession | undefined {
  const s = session as AnnalsSession | undefined
  return s?.data?.role ? s : undefined
}

export function roleOf(args: SessionArg): Role | undefined {
  return sessionOf(args)?.data.role
}

export function departmentIdsOf(args: SessionArg): string[] {
  return sessionOf(args)?.data.departments.map(d => d.id) ?? []
}

export function userIdOf(args: SessionArg): string | undefined {
  return sessionOf(args)?.itemId
}

// ---------- permissions: booleans ----------
export const permissions = {
  isSignedIn: (args: SessionArg) => sessionOf(args) !== undefined,
  isAdmin: (args: SessionArg) => roleOf(args) === 'admin',
  isWriter: (args: SessionArg) => roleOf(args) === 'writer',
  isHead: (args: SessionArg) => roleOf(args) === 'head',
  /** Writers and admins author reports; heads and archivists never change text. */
  canAuthor: (args: SessionArg) => {
    const role = roleOf(args)
    return role === 'writer' || role === 'admin'
  },
  /** Department members who take part in the review conversation. */
  canComment: (args: SessionArg) => {
    const role = roleOf(args)
    return role === 'writer' || role === 'head' || role === 'admin'
  },
}

/** May this session write a report of the given department at all (ignoring status)? */
export function mayAuthorForDepartment(args: SessionArg, departmentId: string): boolean {
  const role = roleOf(args)
  if (role === 'admin') return true
  return role === 'writer' && departmentIdsOf(args).includes(departmentId)
}

export function isEditableStatus(status: string): boolean {
  return (EDITABLE_STATUSES as readonly string[]).includes(status)
}

// ---------- rules: filters on Report ----------
/**
 * Approved reports are the archive: every signed-in user reads them.
 * Unapproved ones: only their own department's writers and heads, and admins.
 */
export function reportReadFilter(args: SessionArg): boolean | Filter {
  const role = roleOf(args)
  if (!role) return false
  if (role === 'admin') return true
  const approved = { status: { equals: 'approved' } }
  if (role === 'archivist') return approved
  return { OR: [approved, { department: { id: { in: departmentIdsOf(args) } } }] }
}

/** Writers edit their own departments' reports while draft or changes_requested; admins any unapproved one. */
export function reportWriteFilter(args: SessionArg): boolean | Filter {
  const role = roleOf(args)
  const editable = { status: { in: [...EDITABLE_STATUSES] } }
  if (role === 'admin') return { status: { not: { equals: 'approved' } } }
  if (role !== 'writer') return false
  return { AND: [editable, { department: { id: { in: departmentIdsOf(args) } } }] }
}

/** Only drafts are deleted, by their writers (or admins); approved reports never. */
export function reportDeleteFilter(args: SessionArg): boolean | Filter {
  const role = roleOf(args)
  if (role === 'admin') return { status: { not: { equals: 'approved' } } }
  if (role !== 'writer') return false
  return { AND: [{ status: { equals: 'draft' } }, { department: { id: { in: departmentIdsOf(args) } } }] }
}

/** Lift a Report filter to lists that hang off a report (Section, Revision, Review, Comment, AuditEvent). */
export function viaReport(filter: boolean | Filter): boolean | Filter {
  return typeof filter === 'boolean' ? filter : { report: filter }
}

// ---------- rules: people ----------
/** Admins see everyone; others see themselves and the members of their departments (names only: see field rules). */
export function userReadFilter(args: SessionArg): boolean | Filter {
  const role = roleOf(args)
  if (!role) return false
  if (role === 'admin') return true
  return {
    OR: [
      { id: { equals: userIdOf(args) } },
      { departments: { some: { id: { in: departmentIdsOf(args) } } } },
    ],
  }
}

export function isSelf(args: SessionArg, itemId: string | number | undefined): boolean {
  return itemId !== undefined && String(itemId) === userIdOf(args)
}
