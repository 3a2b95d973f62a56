// Wrapping a mutation Keystone (or its auth) defines: the sign-in throttle, transactions around
// versioned updates. The schema object is changed in place, as extendGraphqlSchema hands it on.
import type { GraphQLFieldResolver, GraphQLSchema } from 'graphql'
import type { KeystoneContext } from '@keystone-6/core/types'

export type MutationResolver = GraphQLFieldResolver<unknown, KeystoneContext>

/** Replaces mutation `name`'s resolver with `wrap(original)`; a mutation that is missing is a configuration error. */
export function wrapMutation(schema: GraphQLSchema, name: string, wrap: (original: MutationResolver) => MutationResolver): GraphQLSchema {
  const field = schema.getMutationType()?.getFields()[name]
  if (!field?.resolve) throw new Error(`mutation ${name} not found`)
  field.resolve = wrap(field.resolve as MutationResolver)
  return schema
}
