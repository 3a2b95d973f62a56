// Mail: composing workflow messages, the outbox worker, and delivery.
export { composeWorkflowMail, describeChanges } from './compose'
export type { ChangeCounts, WorkflowMailInput } from './compose'
export { deliverDue, backoffMs, MAX_ATTEMPTS } from './outbox'
export type { OutboxMessage, OutboxStore, Send, DeliveryReport } from './outbox'
export { createSender, mailSettingsFrom } from './transport'
export type { MailSettings } from './transport'
export { workflowRecipients } from './recipients'
export type { Person, RecipientFacts } from './recipients'
