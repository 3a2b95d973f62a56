// Who is told about a workflow step. Pure: the glue loads the people, this chooses.
import type { WorkflowAction } from '../workflow'

export type Person = { id: string; email: string; role: string }

export type RecipientFacts = {
  /** writers and heads of the report's department */
  departmentMembers: readonly Person[]
  /** people who edited or submitted the report in this round */
  roundParticipants: readonly Person[]
}

/**
 * A submission goes to the department's heads; a decision to the writers who worked on this
 * round; a reopened report to the department's writers and heads. Each address once.
 */
export function workflowRecipients(action: WorkflowAction, facts: RecipientFacts): Person[] {
  const chosen =
    action === 'submit'
      ? facts.departmentMembers.filter(p => p.role === 'head')
      : action === 'reopen'
        ? facts.departmentMembers.filter(p => p.role === 'writer' || p.role === 'head')
        : facts.roundParticipants.filter(p => p.role === 'writer')
  return [...new Map(chosen.map(p => [p.email, p])).values()]
}
