// Fixtures for archive tests and the archive benchmark: Chinese filler text that shares no
// long run with any other filler (seeded), and an archive of departments, users and reports.
import type { KeystoneContext } from '@keystone-6/core/types'
import { createReport, ensureDepartment } from '../../src/keystone/report-store'
import { createUser, type TestUser } from './db'

// common characters, none of the words the tests plant (鑫 党 建 人 才 引 进 黨 進)
const POOL = [...'的一是在不了有和也这为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工经法面后自下定过民前开么理所机当点从业本去把性好应义方又如社化产重度加体被实现量都两事与行高长当此实制展相关各第质政由头情外线表向路力级条数解新但果取构物变流记门管技系目料强教权极结质社形维完先区打委院改选单验程领织常济步积效段系部落']
const PUNCT = ['，', '，', '，', '。', '；', '、']

/** Deterministic pseudo-random numbers (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** `length` characters of filler (punctuation included), unique to its seed. */
export function filler(seed: number, length: number): string {
  const next = rng(seed)
  let out = ''
  let sinceMark = 0
  while ([...out].length < length) {
    if (sinceMark > 6 && next() < 0.12) {
      out += PUNCT[Math.floor(next() * PUNCT.length)]
      sinceMark = 0
    } else {
      out += POOL[Math.floor(next() * POOL.length)]
      sinceMark++
    }
  }
  return out
}

export type ArchiveFixture = {
  departments: Record<'a' | 'a1' | 'b' | 'c', string>
  users: Record<'writerA' | 'writerB' | 'headA' | 'archivist' | 'admin', TestUser>
}

export async function archiveFixture(context: KeystoneContext): Promise<ArchiveFixture> {
  const a = await ensureDepartment(context, 'dept-a', '甲市委组织部')
  const a1 = await ensureDepartment(context, 'dept-a1', '甲市某区委组织部', a)
  const b = await ensureDepartment(context, 'dept-b', '乙县委组织部')
  const c = await ensureDepartment(context, 'dept-c', '丙县委组织部')
  return {
    departments: { a, a1, b, c },
    users: {
      writerA: await createUser(context, 'writer.a@test.local', 'writer', [a]),
      writerB: await createUser(context, 'writer.b@test.local', 'writer', [b]),
      headA: await createUser(context, 'head.a@test.local', 'head', [a]),
      archivist: await createUser(context, 'archivist@test.local', 'archivist', []),
      admin: await createUser(context, 'admin@test.local', 'admin', []),
    },
  }
}

export async function addReport(
  context: KeystoneContext,
  departmentId: string,
  year: number,
  sections: string[],
  status: 'draft' | 'approved' = 'approved',
  kind = 'annual'
): Promise<string> {
  return createReport(context, {
    departmentId,
    year,
    kind,
    title: `${year}年工作总结`,
    status,
    reason: '测试 / test',
    sections: sections.map((text, i) => ({ heading: `第${i + 1}部分`, text })),
  })
}
