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

/** Writers may change a report's text only in these statuses. */
export function isEditableStatus(status: string): boolean {
  return (EDITABLE_STATUSES as readonly string[]).includes(status)
}

/** What a signed-in request carries (read by loadSessionUser in keystone.ts, src/auth/sessions.ts). */
export type AnnalsSession = {
  itemId: string
  data: {
    id: string
    name: string
    role: Role
    departments: { id: string }[]
    /** sessions started before this are over (src/auth/sessions.ts) */
    sessionsValidAfter?: string | null
  }
}

/** The one session type: what Keystone passes to access functions and hooks. */
export type Session = AnnalsSession

export type Filter = Record<string, unknown>
export type SessionArg = { session?: unknown }

/** The session narrowed to ours (Keystone types it as `any`), or undefined when signed out. */
export function sessionOf({ session }: SessionArg): Session | undefined {
  const s = session as Session | undefined
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

/**
 * History is never deleted: only a draft that was never submitted may be deleted (its only
 * revision, if any, is the one written at creation; every submission, approval, import and
 * reopening writes another), by its department's writers or an admin. A reopened, formerly
 * approved report keeps its history.
 */
export function reportDeleteFilter(args: SessionArg): boolean | Filter {
  const role = roleOf(args)
  const neverSubmitted = { status: { equals: 'draft' }, revisions: { none: { NOT: [{ event: { equals: 'create' } }] } } }
  if (role === 'admin') return neverSubmitted
  if (role !== 'writer') return false
  return { AND: [neverSubmitted, { department: { id: { in: departmentIdsOf(args) } } }] }
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

/** A change of password, role or departments ends the user's sessions (their rights changed). */
export function endsSessions(inputData: Record<string, unknown>): boolean {
  return ['password', 'role', 'departments'].some(field => inputData[field] !== undefined)
}

export function isSelf(args: SessionArg, itemId: string | number | undefined): boolean {
  return itemId !== undefined && String(itemId) === userIdOf(args)
}

// ---------- comments ----------
/** Only the author (or an admin) changes what a comment says. */
export function isCommentAuthor(args: SessionArg & { item: { [field: string]: unknown } }): boolean {
  return permissions.isAdmin(args) || (args.item.authorId != null && String(args.item.authorId) === userIdOf(args))
}

/** The author edits a comment; members of the report's department may mark it resolved. */
export function commentUpdateFilter(args: SessionArg): boolean | Filter {
  if (permissions.isAdmin(args)) return true
  const userId = userIdOf(args)
  if (!userId) return false
  return { OR: [{ author: { id: { equals: userId } } }, { report: { department: { id: { in: departmentIdsOf(args) } } } }] }
}

/**
 * Comment only on a report one may read and that belongs to one's own department (admins: any
 * readable report). `report` is the target as loaded by the caller, `readable` whether the
 * session's read filter admits it.
 */
export function mayCommentOn(args: SessionArg, report: { departmentId: string | null } | null, readable: boolean): boolean {
  if (!report || !readable || !permissions.canComment(args)) return false
  return permissions.isAdmin(args) || (report.departmentId !== null && departmentIdsOf(args).includes(report.departmentId))
}

/** A Report filter narrowed to one id (for "may this session read / edit that report?" counts). */
export function oneReport(id: string, filter: boolean | Filter): Filter | false {
  if (filter === false) return false
  return filter === true ? { id: { equals: id } } : { AND: [{ id: { equals: id } }, filter] }
}

// ---------- fields: who may write or filter by them ----------
/** Nobody writes it through the API (history, ownership, server-owned values); the server does with sudo. */
export const serverOwned = { create: () => false, update: () => false } as const

/**
 * A relationship or field that anyone who reads the item may read, but only admins may filter or
 * sort by: its targets can include items the user cannot read (another department's drafts,
 * users outside one's departments), and Keystone applies only the top list's read rules to `where`.
 */
export const adminFilterOnly = {
  read: { item: () => true, filter: (args: SessionArg) => permissions.isAdmin(args), order: (args: SessionArg) => permissions.isAdmin(args) },
} as const
