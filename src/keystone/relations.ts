// Reading and writing Keystone's relationship writes ({ connect: { id } }) in hooks and access checks.
import { userIdOf } from '../access'

/** The id a relationship write connects to, if it connects one. */
export function connectedId(value: unknown): string | undefined {
  // an untrusted input value: read as a possible { connect: { id } }, anything else has no id
  const id = (value as { connect?: { id?: string | number } } | null | undefined)?.connect?.id
  return id === undefined ? undefined : String(id)
}

/** A write that removes the relationship ({ disconnect: true }). */
export function isDisconnect(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'disconnect' in value
}

/** A write connecting the signed-in user (who saved, who wrote); none for scripts without a session. */
export function connectSignedInUser(context: { session?: unknown }) {
  const id = userIdOf(context)
  return id ? { connect: { id } } : undefined
}
