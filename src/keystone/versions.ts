// Optimistic locking, in one place: a save moves a report's or section's version forward only
// from the version it was based on. Of concurrent saves of one version exactly one gets
// through; the others get a CONFLICT naming who saved in between and when.
import type { TypedContext } from './types'
import { staleVersionProblem } from '../workflow'
import { AnnalsError } from './errors'

type Prisma = TypedContext['prisma']
export type Versioned = 'report' | 'section'

export type Claim = {
  /** the version the save was based on */
  expected: number
  /** further conditions the row must still meet (a workflow move: its status) */
  where?: { status?: string }
  /** written together with the new version (a workflow move: status and who moved it) */
  data?: { status?: string; lastEditedById?: string }
}

/** Moves `id` from version `expected` to `expected + 1`, or throws CONFLICT. */
export async function claimVersion(prisma: Prisma, list: Versioned, id: string, claim: Claim): Promise<number> {
  const next = claim.expected + 1
  const where = { ...claim.where, id, version: claim.expected }
  const data = { ...claim.data, version: next }
  const { count } = list === 'report' ? await prisma.report.updateMany({ where, data }) : await prisma.section.updateMany({ where, data })
  if (count !== 1) throw await conflictError(prisma, list, id, claim.expected)
  return next
}

/** The CONFLICT error for a save based on `expected`, naming who saved the current version. */
export async function conflictError(prisma: Prisma, list: Versioned, id: string, expected: number): Promise<AnnalsError> {
  const query = { where: { id }, include: { lastEditedBy: true } } as const
  const current = list === 'report' ? await prisma.report.findUnique(query) : await prisma.section.findUnique(query)
  return new AnnalsError('CONFLICT', staleVersionProblem(expected, current?.version ?? -1, current?.lastEditedBy?.name, current?.updatedAt ?? undefined))
}
