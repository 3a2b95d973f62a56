// Annals data model. Each list reads as a declaration: fields, access and hooks.
// The rules themselves live in src/access (who), src/workflow (what is valid) and
// src/text (document ↔ plain text); hooks here only wire them in.

import { action, gWithContext, list } from '@keystone-6/core'
import type { JSONValue } from '@keystone-6/core/types'
import { denyAll } from '@keystone-6/core/access'
import {
  checkbox,
  integer,
  json,
  password,
  relationship,
  select,
  text,
  timestamp,
  virtual,
} from '@keystone-6/core/fields'
import { document } from '@keystone-6/fields-document'

import {
  adminFilterOnly,
  commentUpdateFilter,
  isCommentAuthor,
  permissions,
  reportDeleteFilter,
  reportReadFilter,
  reportWriteFilter,
  serverOwned,
  endsSessions,
  userIdOf,
  userReadFilter,
  viaReport,
  isSelf,
} from './src/access'
import { REPORT_KINDS, ROLE_OPTIONS, STATUS_LABELS, headingProblem, sectionLengthProblem } from './src/workflow'
import { invalidTextIn } from './src/workflow/text-validity'
import { compareReportForSession } from './src/keystone/comparison'
import { sectionArchiveColumns } from './src/keystone/archive-index'
import { performTransition, recordEdit } from './src/keystone/workflow'
import { anchorOf, checkNewComment, mayCreateComment, withAnchorContext } from './src/keystone/comments'
import { workflowPanel } from './src/keystone/workflow-panel'
import { connectSignedInUser } from './src/keystone/relations'
import { checkReply } from './src/keystone/comment-replies'
import { availableActions, TRANSITIONS, type WorkflowAction } from './src/workflow'
import { departmentIdsOf, roleOf } from './src/access'
import {
  checkReportInput,
  checkSectionInput,
  claimReportVersion,
  claimSectionVersion,
  resolveReportInput,
  resolveSectionInput,
  touchContent,
} from './src/keystone/report-hooks'
import { untypedContext, type AnyList, type ListTypeInfo, type Lists, type TypedContext } from './src/keystone/types'
import { restartSession } from './src/auth/sessions'
import type { AnnalsSession } from './src/access'

const g = gWithContext<TypedContext>()

type ReportInfo = ListTypeInfo<'Report'>

/** A workflow transition as a Keystone action: a GraphQL mutation and, where allowed, a button. */
function workflowAction(key: WorkflowAction, messages: { success: string; prompt: string }, withComment?: { label: string; required: boolean }) {
  const transition = TRANSITIONS[key]
  const verb = transition.label.split(' ')[0]
  const shared = {
    // any signed-in user may ask; the workflow rules answer with a specific reason (src/workflow)
    access: ({ session }: { session?: unknown }) => roleOf({ session }) !== undefined,
    ui: {
      label: transition.label,
      messages: { promptTitle: transition.label, success: messages.success, prompt: messages.prompt, promptConfirmLabel: verb, fail: `未能${verb}：{itemLabel}` },
      itemView: {
        // only the transitions this user may take now are shown
        actionMode: ({ session, item }: { session?: unknown; item: { status?: unknown; departmentId?: unknown } | null }) =>
          item && availableActions(roleOf({ session }), String(item.status), departmentIdsOf({ session }).includes(String(item.departmentId))).includes(key)
            ? ('enabled' as const)
            : ('hidden' as const),
        navigation: 'refetch' as const,
      },
      listView: { actionMode: 'hidden' as const },
    },
  }
  const transitionReport = async (where: { id?: string | null }, comment: string | null | undefined, context: TypedContext) => {
    const id = String(where?.id ?? '')
    await performTransition(context, key, id, { comment })
    return context.db.Report.findOne({ where: { id } })
  }
  // `action` has two overloads: with a comment argument and without
  if (!withComment) return action<ReportInfo>({ ...shared, resolve: ({ where }, context) => transitionReport(where, undefined, context) })
  const args = {
    comment: {
      graphql: withComment.required ? g.arg({ type: g.nonNull(g.String) }) : g.arg({ type: g.String }),
      ui: { source: { field: text<ReportInfo>({ validation: { isRequired: withComment.required }, ui: { label: withComment.label, displayMode: 'textarea' } }) } },
    },
  }
  return action<ReportInfo, typeof args>({ ...shared, args, resolve: ({ where, args }, context) => transitionReport(where, args.comment, context) })
}

const isAdmin = permissions.isAdmin
const isSignedIn = permissions.isSignedIn
const createdAt = <L extends AnyList>(label = '创建时间') =>
  timestamp<L>({ defaultValue: { kind: 'now' }, ui: { label, createView: { fieldMode: 'hidden' }, itemView: { fieldMode: 'read' } } })
// the Admin UI offers create and delete buttons only to those the API would let through
const adminManaged = { hideCreate: (args: { session?: unknown }) => !isAdmin(args), hideDelete: (args: { session?: unknown }) => !isAdmin(args) }
const authored = { hideCreate: (args: { session?: unknown }) => !permissions.canAuthor(args), hideDelete: (args: { session?: unknown }) => !permissions.canAuthor(args) }
/** A read-only panel in the item page's sidebar, fed by a JSON virtual field and a custom view. */
function sidebarPanel<L extends AnyList>(label: string, description: string, views: string, resolve: (id: string, context: TypedContext) => Promise<JSONValue>) {
  return virtual<L>({
    field: g.field({ type: g.JSON, resolve: (item: { id: unknown }, _args, context) => resolve(String(item.id), context) }),
    ui: {
      label,
      description,
      views,
      createView: { fieldMode: 'hidden' },
      listView: { fieldMode: 'hidden' },
      itemView: { fieldMode: 'read', fieldPosition: 'sidebar' },
    },
  })
}

/** Report fields are editable in the Admin UI only for those who may author (heads and archivists read). */
const authorEditable = { fieldMode: (args: { session?: unknown }) => (permissions.canAuthor(args) ? ('edit' as const) : ('read' as const)) }
const readOnly = { createView: { fieldMode: 'hidden' as const }, itemView: { fieldMode: 'read' as const } }
/**
 * Optimistic locking: every update must say which version it edited (the stock item form then
 * always sends it back, see admin/write/version-view.tsx), and a stale one is refused.
 */
const versionField = <L extends AnyList>(description: string, validation: { isRequired?: boolean } = {}) =>
  integer<L>({
    defaultValue: 1,
    validation,
    // sent on update as the version edited (optimistic locking); never chosen on create
    access: { create: denyAll },
    graphql: { isNonNull: { update: true } },
    ui: { label: '版本', description, views: './admin/write/version-view', createView: { fieldMode: 'hidden' }, listView: { fieldMode: 'hidden' } },
  })
/** History (revisions, reviews, audit events): read through its report's rules; written by the server (workflow) only, never edited or deleted. */
const historyAccess = {
  operation: { query: isSignedIn, create: denyAll, update: denyAll, delete: denyAll },
  filter: { query: (args: { session?: unknown }) => viaReport(reportReadFilter(args)) },
}
const reportLink = <L extends AnyList>(ref: `Report.${string}`) =>
  relationship<L, `Report.${string}`>({ ref, ui: { label: '报告', hideCreate: true } })

export const lists = {
  Department: list<ListTypeInfo<'Department'>>({
    ui: { label: '部门', singular: '部门', plural: '部门', path: 'departments', labelField: 'name', ...adminManaged, listView: { initialColumns: ['name', 'code', 'parent'] } },
    graphql: { description: 'Department (部门): an organisation unit that writes one summary a year' },
    access: {
      operation: { query: isSignedIn, create: isAdmin, update: isAdmin, delete: isAdmin },
    },
    fields: {
      name: text({ ui: { label: '名称', description: 'Name' }, validation: { isRequired: true } }),
      code: text({
        ui: { label: '代码', description: 'Unique code, also used in import file names (<code>-<year>.txt)' },
        isIndexed: 'unique',
        validation: { isRequired: true, match: { regex: /^[a-z0-9][a-z0-9-]{0,62}$/, explanation: '代码只能包含小写字母、数字和连字符 / Code: lower-case letters, digits and hyphens' } },
      }),
      parent: relationship({ ui: { label: '上级部门', description: 'Parent department (a province contains cities)' }, ref: 'Department.children' }),
      children: relationship({ ref: 'Department.parent', many: true, ui: { label: '下级部门', createView: { fieldMode: 'hidden' } } }),
      // members of other departments and other departments' drafts are not readable: no filtering through them
      members: relationship({ ui: { label: '成员' }, ref: 'User.departments', many: true, access: adminFilterOnly }),
      reports: relationship({ ref: 'Report.department', many: true, access: { ...serverOwned, ...adminFilterOnly }, ui: { label: '报告', createView: { fieldMode: 'hidden' }, itemView: { fieldMode: 'read' } } }),
    },
  }),

  User: list<ListTypeInfo<'User'>>({
    ui: { label: '用户', singular: '用户', plural: '用户', path: 'users', ...adminManaged, listView: { initialColumns: ['name', 'email', 'role', 'departments'] } },
    graphql: { description: 'User (用户) with one role' },
    access: {
      operation: { query: isSignedIn, create: isAdmin, update: isSignedIn, delete: isAdmin },
      filter: {
        query: userReadFilter,
        update: args => (isAdmin(args) ? true : { id: { equals: userIdOf(args) ?? '' } }),
      },
    },
    fields: {
      name: text({ ui: { label: '姓名' }, validation: { isRequired: true } }),
      email: text({
        ui: { label: '邮箱', description: 'Sign-in name; visible to admins and the user only' },
        isIndexed: 'unique',
        validation: { isRequired: true, match: { regex: /^[^\s@]+@[^\s@]+$/, explanation: '请输入有效的邮箱 / Enter a valid email address' } },
        // filtering or sorting by email is for admins only, so emails cannot be guessed by probing
        access: { read: args => isAdmin(args) || ('item' in args && isSelf(args, args.item.id)), update: isAdmin },
      }),
      password: password({ ui: { label: '密码' }, validation: { isRequired: true, length: { min: 8 } }, access: { read: isAdmin } }),
      role: select({
        ui: { label: '角色', description: 'admin 管理员 / writer 撰稿人 / head 部门负责人 / archivist 档案员' },
        type: 'string',
        options: ROLE_OPTIONS.map(o => ({ ...o })),
        defaultValue: 'writer',
        validation: { isRequired: true },
        access: { update: isAdmin, create: isAdmin },
      }),
      departments: relationship({ ui: { label: '所属部门' }, ref: 'Department.members', many: true, access: { update: isAdmin, create: isAdmin } }),
      // sessions started before this time are over (src/auth/sessions.ts)
      sessionsValidAfter: timestamp({ access: { read: isAdmin, ...serverOwned }, ui: { createView: { fieldMode: 'hidden' }, itemView: { fieldMode: 'hidden' }, listView: { fieldMode: 'hidden' } } }),
      // 工作台 “since your last visit”: set only by the recordVisit mutation (src/keystone/dashboard.ts)
      lastVisitAt: timestamp({ access: { read: selfOrAdmin, create: denyAll, update: denyAll }, ui: { label: '最近访问', ...readOnly } }),
      previousVisitAt: timestamp({ access: { read: selfOrAdmin, create: denyAll, update: denyAll }, ui: { label: '上次访问', ...readOnly } }),
    },
    hooks: {
      resolveInput: {
        update: ({ resolvedData, inputData }) => (endsSessions(inputData) ? { ...resolvedData, sessionsValidAfter: new Date() } : resolvedData),
      },
      afterOperation: {
        // changing one's own password keeps this session: a fresh one replaces it
        update: async ({ item, inputData, context }) => {
          if (endsSessions(inputData) && String(item.id) === userIdOf(context)) await restartSession(untypedContext(context), String(item.id))
        },
      },
    },
  }),

  Report: list<ListTypeInfo<'Report'>>({
    ui: {
      label: '报告',
      singular: '报告',
      plural: '报告',
      path: 'reports',
      ...authored,
      labelField: 'title',
      listView: { initialColumns: ['title', 'department', 'year', 'kind', 'status', 'updatedAt'], initialSort: { field: 'year', direction: 'DESC' } },
    },
    graphql: { description: 'Report (报告): one summary of a department for one year and kind' },
    db: {
      // one report per department, year and kind, also under concurrent creates
      extendPrismaSchema: schema => schema.replace(/\n}\s*$/, '\n  @@unique([departmentId, year, kind])\n}'),
    },
    access: {
      operation: { query: isSignedIn, create: permissions.canAuthor, update: permissions.canAuthor, delete: permissions.canAuthor },
      filter: { query: reportReadFilter, update: reportWriteFilter, delete: reportDeleteFilter },
    },
    hooks: {
      resolveInput: { create: args => resolveReportInput(args), update: args => resolveReportInput(args) },
      validate: {
        create: args => checkReportInput(args),
        update: args => checkReportInput(args),
      },
      beforeOperation: {
        update: ({ item, inputData, context }) =>
          claimReportVersion(context, item.id, item.version, inputData.version),
      },
      afterOperation: {
        update: async ({ item, context }) => {
          await touchContent(context, String(item?.id))
          await recordEdit(context, String(item?.id), '修改报告 / report edited')
        },
      },
    },
    actions: {
      submit: workflowAction('submit', { success: '已提交审核：{itemLabel}', prompt: '提交“{itemLabel}”给部门负责人审核？提交后在审核结束前不能再修改。' }),
      approve: workflowAction('approve', { success: '已批准：{itemLabel}', prompt: '批准“{itemLabel}”？批准后报告成为定稿，不能再修改。' }, { label: '审核意见（可选）Comment', required: false }),
      requestChanges: workflowAction('requestChanges', { success: '已退回修改：{itemLabel}', prompt: '将“{itemLabel}”退回给撰稿人修改。请填写意见。' }, { label: '修改意见 Comment', required: true }),
      reopen: workflowAction('reopen', { success: '已重新打开：{itemLabel}', prompt: '重新打开已批准的“{itemLabel}”？请填写原因；原批准记录保留。' }, { label: '原因 Reason', required: true }),
    },
    fields: {
      title: text({ ui: { label: '标题', description: 'Title; defaults to <department><year>年<kind>', itemView: authorEditable } }),
      department: relationship({ ui: { label: '部门', description: 'Department', itemView: authorEditable }, ref: 'Department.reports' }),
      year: integer({ ui: { label: '年份', description: 'Year (1949–2100)', itemView: authorEditable }, validation: { isRequired: true } }),
      kind: select({
        ui: { label: '类型', description: 'Kind: annual summary by default', itemView: authorEditable },
        type: 'string',
        options: REPORT_KINDS.map(k => ({ ...k })),
        defaultValue: 'annual',
        validation: { isRequired: true },
      }),
      status: select({
        type: 'string',
        options: Object.entries(STATUS_LABELS).map(([value, label]) => ({ value, label })),
        defaultValue: 'draft',
        validation: { isRequired: true },
        // status changes only through the review workflow, never by editing the field
        access: { create: denyAll, update: denyAll },
        ui: { label: '状态', description: 'draft 草稿 → in_review 审核中 → changes_requested 退回修改 → approved 已批准', createView: { fieldMode: 'hidden' }, itemView: { fieldMode: 'read' } },
      }),
      // sections are added, changed and removed through Section's own rules, which check the report
      sections: relationship({
        ref: 'Section.report',
        many: true,
        access: serverOwned,
        ui: { label: '章节', displayMode: 'table', columns: ['position', 'heading', 'charCount', 'updatedAt'], initialSort: { field: 'position', direction: 'ASC' }, createView: { fieldMode: 'hidden' }, itemView: { fieldMode: 'read' } },
      }),
      version: versionField('Optimistic-locking counter: send the version you edited; a stale one is refused', { isRequired: true }),
      lastEditedBy: relationship({ ref: 'User', access: { ...serverOwned, ...adminFilterOnly }, ui: { label: '最后编辑人', ...readOnly } }),
      contentVersion: integer({
        defaultValue: 0,
        access: { create: denyAll, update: denyAll },
        ui: { label: '内容版本', description: 'Counts every change to the report or its sections (keys the comparison cache)', ...readOnly, listView: { fieldMode: 'hidden' } },
      }),
      // history: written by the server only, never moved or emptied through nested writes
      revisions: relationship({ ref: 'Revision.report', many: true, access: serverOwned, ui: { label: '修订记录', ...readOnly } }),
      reviews: relationship({ ref: 'Review.report', many: true, access: serverOwned, ui: { label: '审核意见', ...readOnly } }),
      comments: relationship({ ref: 'Comment.report', many: true, access: serverOwned, ui: { label: '批注', ...readOnly } }),
      auditEvents: relationship({ ref: 'AuditEvent.report', many: true, access: serverOwned, ui: { label: '操作记录', ...readOnly } }),
      createdAt: createdAt(),
      updatedAt: timestamp({ db: { updatedAt: true }, ui: { label: '更新时间', ...readOnly } }),
      workflow: sidebarPanel('审核流程', 'Review: revisions, comments, audit trail', './admin/views/workflow-panel', (id, context) => workflowPanel(context, id)),
      // headline figures against the previous year, with a link to the comparison view
      comparison: sidebarPanel('年度比对', 'Comparison with earlier years', './admin/views/comparison-panel', async (id, context) => {
        const { summary, primary, cached } = await compareReportForSession(untypedContext(context), { id })
        return { reportId: id, primaryId: primary?.id ?? null, cached, ...summary }
      }),
    },
  }),

  Section: list<ListTypeInfo<'Section'>>({
    ui: {
      label: '章节',
      singular: '章节',
      plural: '章节',
      path: 'sections',
      ...authored,
      labelField: 'heading',
      listView: { initialColumns: ['heading', 'report', 'position', 'charCount'], initialSort: { field: 'position', direction: 'ASC' } },
    },
    graphql: { description: 'Section (章节) of a report, in order by position' },
    access: {
      operation: { query: isSignedIn, create: permissions.canAuthor, update: permissions.canAuthor, delete: permissions.canAuthor },
      filter: {
        query: args => viaReport(reportReadFilter(args)),
        update: args => viaReport(reportWriteFilter(args)),
        delete: args => viaReport(reportWriteFilter(args)),
      },
    },
    hooks: {
      resolveInput: { create: args => withArchiveColumns(resolveSectionInput(args)), update: args => withArchiveColumns(resolveSectionInput(args), args.item) },
      validate: async args => {
        if (args.operation === 'delete') return
        const { resolvedData, addValidationError } = args
        const invalidText = invalidTextIn(resolvedData)
        if (invalidText) return addValidationError(invalidText)
        if (resolvedData.heading !== undefined || args.operation === 'create') {
          const problem = headingProblem(resolvedData.heading)
          if (problem) addValidationError(problem)
        }
        if (typeof resolvedData.plainText === 'string') {
          const problem = sectionLengthProblem(resolvedData.plainText)
          if (problem) addValidationError(problem)
        }
        await checkSectionInput(args)
      },
      beforeOperation: {
        update: ({ item, inputData, context }) =>
          claimSectionVersion(context, item.id, item.version ?? 1, inputData.version),
      },
      afterOperation: async ({ operation, item, originalItem, context }) => {
        const section = item ?? originalItem
        const what = { create: '新增章节', update: '修改章节', delete: '删除章节' }[operation]
        await touchContent(context, section?.reportId)
        await recordEdit(context, section?.reportId, `${what}：${section?.heading ?? ''}`)
      },
    },
    fields: {
      // chosen once on create (checked by checkSectionInput); a section never moves to another report
      report: relationship({ ui: { label: '所属报告', itemView: { fieldMode: 'read' } }, ref: 'Report.sections', access: { update: () => false } }),
      position: integer({ ui: { label: '顺序', description: 'Order within the report (ascending)' }, validation: { min: 0 } }),
      heading: text({ ui: { label: '标题', description: 'Heading, e.g. 一、政治建设' }, validation: { isRequired: true } }),
      level: integer({ defaultValue: 1, validation: { isRequired: true, min: 1, max: 3 }, ui: { label: '层级' } }),
      key: text({
        access: serverOwned,
        ui: { label: '稳定键', description: 'Stable key for matching this section across years; derived from the first heading', itemView: { fieldMode: 'read' }, createView: { fieldMode: 'hidden' } },
      }),
      body: document({ ui: { label: '正文' }, formatting: true, dividers: true, links: true }),
      plainText: text({
        ui: { label: '纯文本', description: 'Plain text of the body (one line per paragraph), kept up to date for search and comparison', ...readOnly, displayMode: 'textarea', listView: { fieldMode: 'hidden' } },
        access: { create: denyAll, update: denyAll },
      }),
      // the archive index (src/archive): folded search tokens and winnowed fingerprints, written with
      // every save; database triggers keep the search and fingerprint tables in the same transaction
      searchText: text({ access: { read: denyAll, create: denyAll, update: denyAll }, graphql: { omit: true }, ui: { createView: { fieldMode: 'hidden' }, itemView: { fieldMode: 'hidden' }, listView: { fieldMode: 'hidden' } } }),
      fingerprints: text({ access: { read: denyAll, create: denyAll, update: denyAll }, graphql: { omit: true }, ui: { createView: { fieldMode: 'hidden' }, itemView: { fieldMode: 'hidden' }, listView: { fieldMode: 'hidden' } } }),
      charCount: integer({ defaultValue: 0, ui: { label: '字数', description: 'Characters in the body, white space not counted', ...readOnly }, access: { create: denyAll, update: denyAll } }),
      version: versionField('Optimistic-locking counter for this section'),
      lastEditedBy: relationship({ ref: 'User', access: { ...serverOwned, ...adminFilterOnly }, ui: { label: '最后编辑人', ...readOnly } }),
      updatedAt: timestamp({ db: { updatedAt: true }, ui: { label: '更新时间', ...readOnly } }),
    },
  }),

  // who has a report open in the writing view, and in which section: short-lived rows, written
  // and read only through the writingPresence mutation (department members only)
  Presence: list<ListTypeInfo<'Presence'>>({
    graphql: { omit: true },
    access: { operation: { query: denyAll, create: denyAll, update: denyAll, delete: denyAll } },
    db: { extendPrismaSchema: schema => schema.replace(/\n}\s*$/, '\n  @@unique([reportId, userId])\n}') },
    fields: {
      report: relationship({ ref: 'Report' }),
      user: relationship({ ref: 'User' }),
      sectionId: text(),
      seenAt: timestamp({ defaultValue: { kind: 'now' } }),
    },
  }),

  Revision: list<ListTypeInfo<'Revision'>>({
    ui: { label: '修订', singular: '修订', plural: '修订', path: 'revisions', labelField: 'label', hideCreate: true, hideDelete: true, listView: { initialColumns: ['report', 'number', 'reason', 'author', 'createdAt'] } },
    graphql: { description: 'Revision (修订): immutable snapshot of a report' },
    access: historyAccess,
    fields: {
      label: text({ ui: { label: '名称', ...readOnly } }),
      report: reportLink('Report.revisions'),
      number: integer({ ui: { label: '序号', ...readOnly } }),
      author: relationship({ ref: 'User', access: adminFilterOnly, ui: { label: '作者', ...readOnly } }),
      reason: text({ ui: { label: '原因', ...readOnly } }),
      event: text({ ui: { label: '事件', description: 'What made this snapshot: import, submit, approve, requestChanges, reopen', ...readOnly } }),
      snapshot: json({ ui: { label: '快照', description: '{ title, sections: [{ key, heading, text }] }', ...readOnly } }),
      contentHash: text({ isIndexed: true, ui: { label: '内容哈希', ...readOnly } }),
      createdAt: createdAt(),
    },
  }),

  Review: list<ListTypeInfo<'Review'>>({
    ui: { label: '审核', singular: '审核', plural: '审核', path: 'reviews', hideCreate: true, hideDelete: true, listView: { initialColumns: ['report', 'decision', 'reviewer', 'createdAt'] } },
    graphql: { description: 'Review (审核): a head’s decision and comment on a revision' },
    access: historyAccess,
    fields: {
      report: reportLink('Report.reviews'),
      revision: relationship({ ui: { label: '修订' }, ref: 'Revision' }),
      reviewer: relationship({ ui: { label: '审核人' }, ref: 'User', access: adminFilterOnly }),
      decision: select({
        ui: { label: '结论' },
        type: 'string',
        options: [
          { value: 'approved', label: '批准' },
          { value: 'changes_requested', label: '退回修改' },
          { value: 'comment', label: '意见' },
        ],
        validation: { isRequired: true },
      }),
      comment: text({ ui: { label: '意见', displayMode: 'textarea' } }),
      createdAt: createdAt(),
    },
  }),

  Comment: list<ListTypeInfo<'Comment'>>({
    ui: { label: '批注', singular: '批注', plural: '批注', path: 'comments', hideDelete: true, hideCreate: (args: { session?: unknown }) => !permissions.canComment(args), labelField: 'body', listView: { initialColumns: ['report', 'section', 'quote', 'body', 'resolved', 'author'] } },
    graphql: { description: 'Comment (批注) anchored to a section and a quoted passage' },
    access: {
      operation: { query: isSignedIn, create: permissions.canComment, update: permissions.canComment, delete: denyAll },
      filter: { query: args => viaReport(reportReadFilter(args)), update: commentUpdateFilter },
      item: { create: ({ inputData, context }) => mayCreateComment(context, inputData) },
    },
    hooks: {
      resolveInput: {
        create: async ({ resolvedData, context }) => ({ ...(await withAnchorContext(context, resolvedData)), author: connectSignedInUser(context) }),
      },
      validate: {
        create: async ({ resolvedData, context, addValidationError }) => {
          await checkNewComment(context, resolvedData, addValidationError)
          await checkReply(context, resolvedData, addValidationError)
        },
        update: ({ resolvedData, addValidationError }) => {
          const invalidText = invalidTextIn(resolvedData)
          if (invalidText) addValidationError(invalidText)
        },
      },
    },
    fields: {
      // a comment stays where it was made
      report: relationship({ ref: 'Report.comments', access: { update: () => false }, ui: { label: '报告', hideCreate: true, itemView: { fieldMode: 'read' } } }),
      section: relationship({ ui: { label: '章节', itemView: { fieldMode: 'read' } }, ref: 'Section', access: { update: () => false } }),
      author: relationship({ ref: 'User', access: { ...serverOwned, ...adminFilterOnly }, ui: { label: '作者', ...readOnly } }),
      quote: text({ access: { update: denyAll }, ui: { label: '引文', description: 'The exact quoted passage' } }),
      prefix: text({ access: { update: denyAll }, ui: { label: '引文前文', description: 'Text just before the quote, to re-anchor after edits', itemView: { fieldMode: 'hidden' } } }),
      suffix: text({ access: { update: denyAll }, ui: { label: '引文后文', description: 'Text just after the quote', itemView: { fieldMode: 'hidden' } } }),
      body: text({ validation: { isRequired: true }, access: { update: isCommentAuthor }, ui: { label: '内容', displayMode: 'textarea' } }),
      resolved: checkbox({ ui: { label: '已解决' } }),
      // one level of replies: a reply names its comment at creation and never moves (checkReply)
      replyTo: relationship({ ref: 'Comment.replies', access: { update: denyAll }, ui: { label: '回复批注', ...readOnly } }),
      replies: relationship({ ref: 'Comment.replyTo', many: true, access: { create: denyAll, update: denyAll }, ui: { label: '回复', ...readOnly } }),
      anchor: virtual({
        field: g.field({ type: g.JSON, resolve: (item, _args, context) => anchorOf(context, item) }),
        ui: { label: '引文位置', description: 'Where the quoted passage stands in the section now', createView: { fieldMode: 'hidden' }, listView: { fieldMode: 'hidden' } },
      }),
      createdAt: createdAt(),
    },
  }),

  AuditEvent: list<ListTypeInfo<'AuditEvent'>>({
    ui: { label: '操作记录', singular: '操作记录', plural: '操作记录', path: 'audit-events', hideCreate: true, hideDelete: true, listView: { initialColumns: ['createdAt', 'actor', 'action', 'report', 'fromStatus', 'toStatus'], initialSort: { field: 'createdAt', direction: 'DESC' } } },
    graphql: { description: 'AuditEvent (操作记录): who did what to which report' },
    access: historyAccess,
    fields: {
      report: reportLink('Report.auditEvents'),
      actor: relationship({ ui: { label: '操作人' }, ref: 'User', access: adminFilterOnly }),
      action: text({ ui: { label: '操作' } }),
      fromStatus: text({ ui: { label: '原状态' } }),
      toStatus: text({ ui: { label: '新状态' } }),
      comment: text({ ui: { label: '说明', displayMode: 'textarea' } }),
      createdAt: createdAt('时间'),
    },
  }),

  OutboundEmail: list<ListTypeInfo<'OutboundEmail'>>({
    ui: { label: '外发邮件', singular: '外发邮件', plural: '外发邮件', path: 'outbound-emails', hideCreate: true, hideDelete: true, hideNavigation: (args: { session?: unknown }) => !isAdmin(args), listView: { initialColumns: ['subject', 'to', 'status', 'attempts', 'createdAt'] } },
    graphql: { description: 'OutboundEmail (外发邮件): mail queued in the outbox' },
    access: {
      operation: { query: isAdmin, create: denyAll, update: denyAll, delete: denyAll },
    },
    fields: {
      to: text({ ui: { label: '收件人' }, validation: { isRequired: true } }),
      subject: text({ ui: { label: '主题' }, validation: { isRequired: true } }),
      text: text({ ui: { label: '正文', displayMode: 'textarea' } }),
      report: relationship({ ui: { label: '报告' }, ref: 'Report' }),
      status: select({
        ui: { label: '状态' },
        type: 'string',
        options: [
          { value: 'queued', label: '待发送' },
          { value: 'sending', label: '发送中' },
          { value: 'sent', label: '已发送' },
          { value: 'failed', label: '失败' },
        ],
        defaultValue: 'queued',
      }),
      attempts: integer({ ui: { label: '尝试次数' }, defaultValue: 0 }),
      lastError: text({ ui: { label: '最近错误', displayMode: 'textarea' } }),
      nextAttemptAt: timestamp({ ui: { label: '下次尝试' } }),
      sentAt: timestamp({ ui: { label: '发送时间' } }),
      dedupeKey: text({ ui: { label: '去重键' }, isIndexed: 'unique', db: { isNullable: true }, validation: { isRequired: false } }),
      createdAt: createdAt(),
    },
  }),
} satisfies Lists<AnnalsSession>

/** A section's archive index columns follow its plain text and heading (src/keystone/archive-index.ts). */
async function withArchiveColumns<R extends { plainText?: unknown; heading?: unknown }>(resolved: Promise<R>, stored?: { plainText?: unknown; heading?: unknown }): Promise<R> {
  const data = await resolved
  const columns = sectionArchiveColumns(data, stored)
  return columns ? { ...data, ...columns } : data
}

/** A user's own visit times are theirs (and admins'). */
function selfOrAdmin(args: { session?: unknown } & ({ item: { id: string } } | object)): boolean {
  return isAdmin(args) || ('item' in args && isSelf(args, args.item.id))
}

