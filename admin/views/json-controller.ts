// Controller for read-only panels backed by a virtual JSON field.
import type { FieldController, FieldControllerConfig } from '@keystone-6/core/types'

export function jsonPanelController(config: FieldControllerConfig<{ query: string }>): FieldController<unknown> {
  return {
    fieldKey: config.fieldKey,
    label: config.label,
    description: config.description,
    graphqlSelection: config.fieldKey,
    defaultValue: null,
    deserialize: data => data[config.fieldKey],
    serialize: () => ({}),
  }
}
