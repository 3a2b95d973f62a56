// Optimistic locking, in one place: a save moves a report's or section's version forward only
// from the version it was based on. Of concurrent saves of one version exactly one gets
// through; the others get a CONFLICT naming who saved in between and when.
import type { KeystoneContext } from '@keystone-6/core/types'
import { staleVersionProblem } from '../workflow'
import { AnnalsError } from './errors'

type Prisma = KeystoneContext['prisma']
export type Versioned = 'report' | 'section'

export type Claim = {
  /** the version the save was based on */
  expected: number
  /** further conditions the row must still meet (a workflow move: its status) */
  where?: Record<string, unknown>
  /** written together with the new version */
  data?: Record<string, unknown>
}

/** Moves `id` from version `expected` to `expected + 1`, or throws CONFLICT. */
export async function claimVersion(prisma: Prisma, list: Versioned, id: string, claim: Claim): Promise<number> {
  const next = claim.expected + 1
  const { count } = await prisma[list].updateMany({ where: { ...claim.where, id, version: claim.expected }, data: { ...claim.data, version: next } })
  if (count !== 1) throw await conflictError(prisma, list, id, claim.expected)
  return next
}

/** The CONFLICT error for a save based on `expected`, naming who saved the current version. */
export async function conflictError(prisma: Prisma, list: Versioned, id: string, expected: number): Promise<AnnalsError> {
  const current = await prisma[list].findUnique({ where: { id }, include: { lastEditedBy: true } })
  return new AnnalsError('CONFLICT', staleVersionProblem(expected, current?.version ?? -1, current?.lastEditedBy?.name, current?.updatedAt ?? undefined))
}
