// One of two processes saving sections on one SQLite file at once (tests/security-contention.test.ts).
// argv: <database url> <json {email, own: [section ids], shared: section id, rounds, tag}>
// Prints one JSON line: every save's outcome (the version it got, CONFLICT, or the error's code and message).
import { createAnnalsContext } from '../src/keystone/context'
import { plainTextToDocument } from '../src/text'
import { formatAnnalsError } from '../src/keystone/errors'
import { sessionOf } from './helpers/db'

type Job = { email: string; own: string[]; shared: string; rounds: number; tag: string }
export type Outcome = { section: string; text: string; version?: number; code?: string; message?: string }

const SAVE = 'mutation($id: ID!, $version: Int!, $body: JSON!) { updateSection(where: { id: $id }, data: { version: $version, body: $body }) { id version } }'
const VERSION = 'query($id: ID!) { section(where: { id: $id }) { version } }'

async function main() {
  const [url, jobJson] = process.argv.slice(2)
  const job = JSON.parse(jobJson) as Job
  const annals = await createAnnalsContext(url)
  const context = annals.context.withSession(await sessionOf(annals.context, job.email))
  const outcomes: Outcome[] = []
  const versionOf = async (id: string) => Number(((await context.graphql.raw({ query: VERSION, variables: { id } })).data as { section: { version: number } }).section.version)
  const save = async (section: string, version: number, text: string) => {
    const result = await context.graphql.raw({ query: SAVE, variables: { id: section, version, body: plainTextToDocument(text) } })
    // the server's own translation (stable codes: CONFLICT, BUSY …) of what the save threw
    const error = result.errors?.[0] && formatAnnalsError(result.errors[0].toJSON(), result.errors[0])
    const outcome: Outcome = error
      ? { section, text, code: String(error.extensions?.code ?? ''), message: error.message.slice(0, 300) }
      : { section, text, version: (result.data as { updateSection: { version: number } }).updateSection.version }
    outcomes.push(outcome)
    return outcome
  }
  // one loop per own section (each knows its version), plus one loop on the section both processes edit
  const ownLoop = async (section: string) => {
    let version = await versionOf(section)
    for (let round = 0; round < job.rounds; round++) {
      const outcome = await save(section, version, `${job.tag}：${section} 第${round}次保存。`)
      version = outcome.version ?? (await versionOf(section))
    }
  }
  const sharedLoop = async () => {
    for (let round = 0; round < job.rounds; round++) await save(job.shared, await versionOf(job.shared), `${job.tag}：共同章节第${round}次保存。`)
  }
  await Promise.all([...job.own.map(ownLoop), sharedLoop()])
  await annals.disconnect()
  process.stdout.write(`${JSON.stringify(outcomes)}\n`)
}

main().catch(error => {
  console.error(error)
  process.exit(1)
})
