// Optimistic locking, in one place: a save moves a report's or section's version forward only
// from the version it was based on. Of concurrent saves of one version exactly one gets
// through; the others get a CONFLICT naming who saved in between and when.
import type { GraphQLSchema } from 'graphql'
import type { KeystoneContext } from '@keystone-6/core/types'
import type { TypedContext } from './types'
import { staleVersionProblem } from '../workflow'
import { AnnalsError } from './errors'
import { wrapMutation } from './mutations'

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

/**
 * The stock update mutations of versioned lists run in one transaction: the version claim (a
 * beforeOperation hook), the write and the after-hooks commit together. Without it, a second save
 * could claim the next version between a first save's claim and its write, and the first write
 * then stored its text and an older version over the second's (two answers naming one version).
 * The writing desk's saves already run this way (writing-store.ts saveSection).
 */
export function atomicVersionedUpdates(schema: GraphQLSchema, mutations = ['updateSection', 'updateReport']): GraphQLSchema {
  for (const name of mutations) wrapMutation(schema, name, original => (root, args, context, info) => context.transaction((tx: KeystoneContext) => original(root, args, tx, info)))
  return schema
}
