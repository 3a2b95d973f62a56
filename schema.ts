// Annals data model. Each list reads as a declaration: fields, access and hooks.
// The rules themselves live in src/access (who), src/workflow (what is valid) and
// src/text (document ↔ plain text); hooks here only wire them in.

import { list } from '@keystone-6/core'
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
} from '@keystone-6/core/fields'
import { document } from '@keystone-6/fields-document'

import {
  permissions,
  reportDeleteFilter,
  reportReadFilter,
  reportWriteFilter,
  userReadFilter,
  viaReport,
  isSelf,
  ROLES,
} from './src/access'
import { countCharacters, documentToPlainText, sectionKeyFor } from './src/text'
import { REPORT_KINDS, STATUS_LABELS, headingProblem, sectionLengthProblem } from './src/workflow'
import {
  checkReportInput,
  checkSectionInput,
  claimReportVersion,
  claimSectionVersion,
  nextSectionPosition,
} from './src/keystone/report-hooks'

const ROLE_LABELS: Record<string, string> = {
  admin: '管理员 Admin',
  writer: '撰稿人 Writer',
  head: '部门负责人 Head',
  archivist: '档案员 Archivist',
}

const isAdmin = permissions.isAdmin
const isSignedIn = permissions.isSignedIn
const createdAt = (label = '创建时间') =>
  timestamp({ label, defaultValue: { kind: 'now' }, ui: { createView: { fieldMode: 'hidden' }, itemView: { fieldMode: 'read' } } })
const readOnly = { createView: { fieldMode: 'hidden' as const }, itemView: { fieldMode: 'read' as const } }
const reportLink = (ref: string) =>
  relationship({ ref, label: '报告', ui: { hideCreate: true } })

export const lists = {
  Department: list({
    ui: { label: '部门', singular: '部门', plural: '部门', path: 'departments', labelField: 'name', listView: { initialColumns: ['name', 'code', 'parent'] } },
    graphql: { description: 'Department (部门): an organisation unit that writes one summary a year' },
    access: {
      operation: { query: isSignedIn, create: isAdmin, update: isAdmin, delete: isAdmin },
    },
    fields: {
      name: text({ label: '名称', validation: { isRequired: true }, graphql: { description: 'Name' } }),
      code: text({
        label: '代码',
        isIndexed: 'unique',
        validation: { isRequired: true, match: { regex: /^[a-z0-9][a-z0-9-]{0,62}$/, explanation: '代码只能包含小写字母、数字和连字符 / Code: lower-case letters, digits and hyphens' } },
        graphql: { description: 'Unique code, also used in import file names (<code>-<year>.txt)' },
      }),
      parent: relationship({ ref: 'Department.children', label: '上级部门', graphql: { description: 'Parent department (a province contains cities)' } }),
      children: relationship({ ref: 'Department.parent', many: true, label: '下级部门', ui: { createView: { fieldMode: 'hidden' } } }),
      members: relationship({ ref: 'User.departments', many: true, label: '成员' }),
      reports: relationship({ ref: 'Report.department', many: true, label: '报告', ui: { createView: { fieldMode: 'hidden' }, itemView: { fieldMode: 'read' } } }),
    },
  }),

  User: list({
    ui: { label: '用户', singular: '用户', plural: '用户', path: 'users', listView: { initialColumns: ['name', 'email', 'role', 'departments'] } },
    graphql: { description: 'User (用户) with one role' },
    access: {
      operation: { query: isSignedIn, create: isAdmin, update: isSignedIn, delete: isAdmin },
      filter: {
        query: userReadFilter,
        update: args => (isAdmin(args) ? true : { id: { equals: (args.session as { itemId?: string })?.itemId } }),
      },
    },
    fields: {
      name: text({ label: '姓名', validation: { isRequired: true } }),
      email: text({
        label: '邮箱',
        isIndexed: 'unique',
        validation: { isRequired: true, match: { regex: /^[^\s@]+@[^\s@]+$/, explanation: '请输入有效的邮箱 / Enter a valid email address' } },
        access: { read: ({ session, item, ...rest }) => isAdmin({ session }) || isSelf({ session, ...rest }, item.id as string), update: isAdmin },
        graphql: { description: 'Sign-in name; visible to admins and the user only' },
      }),
      password: password({ label: '密码', validation: { isRequired: true, length: { min: 8 } }, access: { read: isAdmin } }),
      role: select({
        label: '角色',
        type: 'string',
        options: ROLES.map(value => ({ value, label: ROLE_LABELS[value] })),
        defaultValue: 'writer',
        validation: { isRequired: true },
        access: { update: isAdmin, create: isAdmin },
        graphql: { description: 'admin 管理员 / writer 撰稿人 / head 部门负责人 / archivist 档案员' },
      }),
      departments: relationship({ ref: 'Department.members', many: true, label: '所属部门', access: { update: isAdmin, create: isAdmin } }),
    },
  }),

  Report: list({
    ui: {
      label: '报告',
      singular: '报告',
      plural: '报告',
      path: 'reports',
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
      resolveInput: async ({ operation, resolvedData, item, context }) => {
        if (operation === 'update' && item) {
          return { ...resolvedData, version: (item.version as number) + 1, lastEditedBy: lastEditor(context) }
        }
        return { ...resolvedData, lastEditedBy: lastEditor(context) }
      },
      validate: {
        create: args => checkReportInput(args),
        update: args => checkReportInput(args),
      },
      beforeOperation: {
        update: ({ item, inputData, context }) =>
          claimReportVersion(context, String(item.id), item.version as number, inputData.version as number | undefined),
      },
    },
    fields: {
      title: text({ label: '标题', graphql: { description: 'Title; defaults to <department><year>年<kind>' } }),
      department: relationship({ ref: 'Department.reports', label: '部门', graphql: { description: 'Department' } }),
      year: integer({ label: '年份', validation: { isRequired: true }, graphql: { description: 'Year (1949–2100)' } }),
      kind: select({
        label: '类型',
        type: 'string',
        options: REPORT_KINDS.map(k => ({ ...k })),
        defaultValue: 'annual',
        validation: { isRequired: true },
        graphql: { description: 'Kind: annual summary by default' },
      }),
      status: select({
        label: '状态',
        type: 'string',
        options: Object.entries(STATUS_LABELS).map(([value, label]) => ({ value, label })),
        defaultValue: 'draft',
        validation: { isRequired: true },
        // status changes only through the review workflow, never by editing the field
        access: { create: denyAll, update: denyAll },
        ui: { createView: { fieldMode: 'hidden' }, itemView: { fieldMode: 'read' } },
        graphql: { description: 'draft 草稿 → in_review 审核中 → changes_requested 退回修改 → approved 已批准' },
      }),
      sections: relationship({
        ref: 'Section.report',
        many: true,
        label: '章节',
        ui: { displayMode: 'cards', cardFields: ['position', 'heading', 'charCount'], inlineEdit: { fields: ['heading', 'position', 'body'] }, linkToItem: true, inlineCreate: { fields: ['heading', 'position', 'body'] }, removeMode: 'none' },
      }),
      version: integer({
        label: '版本',
        defaultValue: 1,
        validation: { isRequired: true },
        ui: { createView: { fieldMode: 'hidden' }, itemView: { fieldMode: 'read' } },
        graphql: { description: 'Optimistic-locking counter: send the version you edited; a stale one is refused' },
      }),
      lastEditedBy: relationship({ ref: 'User', label: '最后编辑人', access: { create: denyAll, update: denyAll }, ui: readOnly }),
      revisions: relationship({ ref: 'Revision.report', many: true, label: '修订记录', ui: readOnly }),
      reviews: relationship({ ref: 'Review.report', many: true, label: '审核意见', ui: readOnly }),
      comments: relationship({ ref: 'Comment.report', many: true, label: '批注', ui: readOnly }),
      auditEvents: relationship({ ref: 'AuditEvent.report', many: true, label: '操作记录', ui: readOnly }),
      createdAt: createdAt(),
      updatedAt: timestamp({ label: '更新时间', db: { updatedAt: true }, ui: readOnly }),
    },
  }),

  Section: list({
    ui: {
      label: '章节',
      singular: '章节',
      plural: '章节',
      path: 'sections',
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
      resolveInput: async ({ operation, resolvedData, item, context }) => {
        const data = { ...resolvedData }
        if (data.body !== undefined) {
          const plain = documentToPlainText(typeof data.body === 'string' ? JSON.parse(data.body) : data.body)
          data.plainText = plain
          data.charCount = countCharacters(plain)
        }
        if (operation === 'create') {
          if (typeof data.heading === 'string') data.heading = data.heading.trim()
          if (!data.key && typeof data.heading === 'string') data.key = sectionKeyFor(data.heading)
          if (data.position === undefined || data.position === null) data.position = await nextSectionPosition(context, data)
        } else if (item) {
          if (typeof data.heading === 'string') data.heading = data.heading.trim()
          data.version = (item.version as number) + 1
        }
        return data
      },
      validate: async args => {
        if (args.operation === 'delete') return
        const { resolvedData, addValidationError } = args
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
          claimSectionVersion(context, String(item.id), item.version as number, inputData.version as number | undefined),
      },
    },
    fields: {
      report: relationship({ ref: 'Report.sections', label: '所属报告' }),
      position: integer({ label: '顺序', validation: { min: 0 }, graphql: { description: 'Order within the report (ascending)' } }),
      heading: text({ label: '标题', validation: { isRequired: true }, graphql: { description: 'Heading, e.g. 一、政治建设' } }),
      key: text({
        label: '稳定键',
        graphql: { description: 'Stable key for matching this section across years; derived from the first heading' },
        ui: { itemView: { fieldMode: 'read' }, createView: { fieldMode: 'hidden' } },
      }),
      body: document({ label: '正文', formatting: true, dividers: true, links: true }),
      plainText: text({
        label: '纯文本',
        ui: { ...readOnly, displayMode: 'textarea', listView: { fieldMode: 'hidden' } },
        access: { create: denyAll, update: denyAll },
        graphql: { description: 'Plain text of the body (one line per paragraph), kept up to date for search and comparison' },
      }),
      charCount: integer({ label: '字数', defaultValue: 0, ui: readOnly, access: { create: denyAll, update: denyAll }, graphql: { description: 'Characters in the body, white space not counted' } }),
      version: integer({ label: '版本', defaultValue: 1, ui: readOnly, graphql: { description: 'Optimistic-locking counter for this section' } }),
      updatedAt: timestamp({ label: '更新时间', db: { updatedAt: true }, ui: readOnly }),
    },
  }),

  Revision: list({
    ui: { label: '修订', singular: '修订', plural: '修订', path: 'revisions', labelField: 'label', hideCreate: true, hideDelete: true, listView: { initialColumns: ['report', 'number', 'reason', 'author', 'createdAt'] } },
    graphql: { description: 'Revision (修订): immutable snapshot of a report' },
    access: {
      // written by the server (workflow); nobody edits or deletes history
      operation: { query: isSignedIn, create: denyAll, update: denyAll, delete: denyAll },
      filter: { query: args => viaReport(reportReadFilter(args)) },
    },
    fields: {
      label: text({ label: '名称', ui: readOnly }),
      report: reportLink('Report.revisions'),
      number: integer({ label: '序号', ui: readOnly }),
      author: relationship({ ref: 'User', label: '作者', ui: readOnly }),
      reason: text({ label: '原因', ui: readOnly }),
      snapshot: json({ label: '快照', ui: readOnly, graphql: { description: '{ title, sections: [{ key, heading, text }] }' } }),
      contentHash: text({ label: '内容哈希', isIndexed: true, ui: readOnly }),
      createdAt: createdAt(),
    },
  }),

  Review: list({
    ui: { label: '审核', singular: '审核', plural: '审核', path: 'reviews', hideCreate: true, listView: { initialColumns: ['report', 'decision', 'reviewer', 'createdAt'] } },
    graphql: { description: 'Review (审核): a head’s decision and comment on a revision' },
    access: {
      operation: { query: isSignedIn, create: denyAll, update: denyAll, delete: denyAll },
      filter: { query: args => viaReport(reportReadFilter(args)) },
    },
    fields: {
      report: reportLink('Report.reviews'),
      revision: relationship({ ref: 'Revision', label: '修订' }),
      reviewer: relationship({ ref: 'User', label: '审核人' }),
      decision: select({
        label: '结论',
        type: 'string',
        options: [
          { value: 'approved', label: '批准' },
          { value: 'changes_requested', label: '退回修改' },
          { value: 'comment', label: '意见' },
        ],
        validation: { isRequired: true },
      }),
      comment: text({ label: '意见', ui: { displayMode: 'textarea' } }),
      createdAt: createdAt(),
    },
  }),

  Comment: list({
    ui: { label: '批注', singular: '批注', plural: '批注', path: 'comments', labelField: 'body', listView: { initialColumns: ['report', 'section', 'quote', 'body', 'resolved', 'author'] } },
    graphql: { description: 'Comment (批注) anchored to a section and a quoted passage' },
    access: {
      operation: { query: isSignedIn, create: permissions.canComment, update: permissions.canComment, delete: denyAll },
      filter: {
        query: args => viaReport(reportReadFilter(args)),
        update: args => (isAdmin(args) ? true : { author: { id: { equals: (args.session as { itemId?: string })?.itemId } } }),
      },
      item: {
        // comment only on reports one may read and that belong to one's own department
        create: async ({ inputData, context, session }) => {
          const reportId = (inputData.report as { connect?: { id?: string } } | undefined)?.connect?.id
          if (!reportId) return false
          const filter = reportReadFilter({ session })
          const where = typeof filter === 'boolean' ? { id: { equals: reportId } } : { AND: [{ id: { equals: reportId } }, filter] }
          return (await context.sudo().db.Report.count({ where })) === 1
        },
      },
    },
    hooks: {
      resolveInput: { create: ({ resolvedData, context }) => ({ ...resolvedData, author: lastEditor(context) }) },
    },
    fields: {
      report: reportLink('Report.comments'),
      section: relationship({ ref: 'Section', label: '章节' }),
      author: relationship({ ref: 'User', label: '作者', access: { create: denyAll, update: denyAll }, ui: readOnly }),
      quote: text({ label: '引文', graphql: { description: 'The exact quoted passage' } }),
      prefix: text({ label: '引文前文', graphql: { description: 'Text just before the quote, to re-anchor after edits' } }),
      suffix: text({ label: '引文后文', graphql: { description: 'Text just after the quote' } }),
      body: text({ label: '内容', validation: { isRequired: true }, ui: { displayMode: 'textarea' } }),
      resolved: checkbox({ label: '已解决' }),
      createdAt: createdAt(),
    },
  }),

  AuditEvent: list({
    ui: { label: '操作记录', singular: '操作记录', plural: '操作记录', path: 'audit-events', hideCreate: true, hideDelete: true, listView: { initialColumns: ['createdAt', 'actor', 'action', 'report', 'fromStatus', 'toStatus'], initialSort: { field: 'createdAt', direction: 'DESC' } } },
    graphql: { description: 'AuditEvent (操作记录): who did what to which report' },
    access: {
      operation: { query: isSignedIn, create: denyAll, update: denyAll, delete: denyAll },
      filter: { query: args => viaReport(reportReadFilter(args)) },
    },
    fields: {
      report: reportLink('Report.auditEvents'),
      actor: relationship({ ref: 'User', label: '操作人' }),
      action: text({ label: '操作' }),
      fromStatus: text({ label: '原状态' }),
      toStatus: text({ label: '新状态' }),
      comment: text({ label: '说明', ui: { displayMode: 'textarea' } }),
      createdAt: createdAt('时间'),
    },
  }),

  OutboundEmail: list({
    ui: { label: '外发邮件', singular: '外发邮件', plural: '外发邮件', path: 'outbound-emails', hideCreate: true, listView: { initialColumns: ['subject', 'to', 'status', 'attempts', 'createdAt'] } },
    graphql: { description: 'OutboundEmail (外发邮件): mail queued in the outbox' },
    access: {
      operation: { query: isAdmin, create: denyAll, update: denyAll, delete: denyAll },
    },
    fields: {
      to: text({ label: '收件人', validation: { isRequired: true } }),
      subject: text({ label: '主题', validation: { isRequired: true } }),
      text: text({ label: '正文', ui: { displayMode: 'textarea' } }),
      report: relationship({ ref: 'Report', label: '报告' }),
      status: select({
        label: '状态',
        type: 'string',
        options: [
          { value: 'queued', label: '待发送' },
          { value: 'sending', label: '发送中' },
          { value: 'sent', label: '已发送' },
          { value: 'failed', label: '失败' },
        ],
        defaultValue: 'queued',
      }),
      attempts: integer({ label: '尝试次数', defaultValue: 0 }),
      lastError: text({ label: '最近错误', ui: { displayMode: 'textarea' } }),
      nextAttemptAt: timestamp({ label: '下次尝试' }),
      sentAt: timestamp({ label: '发送时间' }),
      dedupeKey: text({ label: '去重键', isIndexed: 'unique', db: { isNullable: true }, validation: { isRequired: false } }),
      createdAt: createdAt(),
    },
  }),
}

function lastEditor(context: { session?: unknown }) {
  const id = (context.session as { itemId?: string } | undefined)?.itemId
  return id ? { connect: { id } } : undefined
}
