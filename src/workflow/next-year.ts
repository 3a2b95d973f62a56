// Starting next year's report from an approved one: which year, which title, which sections.
// Pure: the caller loads the source report and writes the result in one transaction.

export type NextYearMode = 'OUTLINE' | 'FULL_TEXT'
export const NEXT_YEAR_MODES: readonly NextYearMode[] = ['OUTLINE', 'FULL_TEXT']

export type SourceSection = { key: string; heading: string; level: number; body: unknown }
export type PlannedSection = { key: string; heading: string; level: number; position: number; body: unknown }

/** An empty document body: one empty paragraph (what Keystone's document field starts with). */
export const EMPTY_BODY = [{ type: 'paragraph', children: [{ text: '' }] }]

/**
 * Years in a title or heading that move with the report: the report's own year and the one
 * after it (a 2024 summary's "2025年工作打算" becomes 2025's "2026年工作打算"). Both are
 * replaced in one pass so 2024→2025 and 2025→2026 never chain. Other years ("2021年以来")
 * stay as written.
 */
function shiftYears(text: string, fromYear: number): string {
  const moving = new Set([fromYear, fromYear + 1])
  return text.replace(/(?<!\d)(\d{4})(?=\s*年)/g, (match, digits: string) => (moving.has(Number(digits)) ? String(Number(digits) + 1) : match))
}

/**
 * The department's own title pattern with the year moved on ("…2024年工作总结" →
 * "…2025年工作总结"); a title without its year gets the generic one.
 */
export function nextYearTitle(title: string, fromYear: number, fallback: string): string {
  const trimmed = title.trim()
  if (!new RegExp(`(?<!\\d)${fromYear}(?=\\s*年)`).test(trimmed)) return fallback
  return shiftYears(trimmed, fromYear)
}

/**
 * Sections of the new report, in the source's order with fresh consecutive positions.
 * Keys stay as they were so the years keep matching; OUTLINE empties every body, FULL_TEXT
 * copies it to be updated.
 */
export function nextYearSections(sections: readonly SourceSection[], fromYear: number, mode: NextYearMode): PlannedSection[] {
  return sections.map((section, index) => ({
    key: section.key,
    heading: shiftYears(section.heading, fromYear),
    level: section.level,
    position: index + 1,
    body: mode === 'FULL_TEXT' ? section.body : EMPTY_BODY,
  }))
}

export function notApprovedSourceProblem(status: string): string {
  return `只能从已批准的报告开始下一年的报告（该报告状态为 ${status}）/ Next year's report starts from an approved report (this one is ${status})`
}

export function unknownModeProblem(mode: string): string {
  return `未知的方式“${mode}”，请选择 OUTLINE（仅提纲）或 FULL_TEXT（全文）/ Unknown mode ${mode}: choose OUTLINE or FULL_TEXT`
}
