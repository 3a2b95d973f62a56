// The `version` field in Keystone's stock item forms: loaded and always sent back (its update
// input is non-null), never shown. A concurrent save of the same version is then refused by
// the server instead of silently overwriting the first one.
import { controller as integerController } from '@keystone-6/core/fields/types/integer/views'

export const controller = integerController

export function Field() {
  return null
}
