// Keystone's generated types for Annals' lists (generated/keystone/types.ts, written by
// `npm run generate`), bound to Annals' session. Hooks, access functions and resolvers receive
// the typed context; glue that reads or writes lists takes it too.
import type { KeystoneContext } from '@keystone-6/core/types'
import type { Context, Lists, TypeInfo } from '../../generated/keystone/types'
import type { AnnalsSession } from '../access'

export type AnnalsTypeInfo = TypeInfo<AnnalsSession>
export type TypedContext = Context<AnnalsSession>
export type { Lists }
export type ListKey = keyof AnnalsTypeInfo['lists']
/** One list's type information, for `list<ListTypeInfo<'Report'>>({ … })` in schema.ts. */
export type ListTypeInfo<Key extends ListKey> = AnnalsTypeInfo['lists'][Key]
/** Any of Annals' lists: for field helpers shared by several lists in schema.ts. */
export type AnyList = ListTypeInfo<ListKey>

/**
 * A context from either side: Keystone's untyped one (getContext in src/keystone/context.ts, which
 * scripts and tests use) or the typed one. They are the same kind of object, built from schema.ts,
 * which is why the two casts below are sound; they are the only ones between the two views.
 */
export type AnyContext = KeystoneContext | TypedContext

/** The context with Annals' list types, for entry points that scripts and tests call. */
export function typedContext(context: AnyContext): TypedContext {
  return context as TypedContext
}

/** The context as the modules still typed with KeystoneContext take it (comparison, archive, document import/export). */
export function untypedContext(context: AnyContext): KeystoneContext {
  return context as KeystoneContext
}
