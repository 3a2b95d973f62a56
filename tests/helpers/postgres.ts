import { Client } from 'pg'

export const POSTGRES_HOST_URL = process.env.TEST_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432'
export const POSTGRES_ADMIN_URL = `${POSTGRES_HOST_URL}/postgres`

let available: Promise<boolean> | undefined

export function postgresAvailable(): Promise<boolean> {
  available ??= (async () => {
    const client = new Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 2000 })
    try {
      await client.connect()
      await client.query('SELECT 1')
      return true
    } catch {
      return false
    } finally {
      await client.end().catch(() => {})
    }
  })()
  return available
}

/** An empty database of this name (dropped and created again). */
export async function freshPostgresDatabase(name: string): Promise<string> {
  const client = new Client({ connectionString: POSTGRES_ADMIN_URL })
  await client.connect()
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
    await client.query(`CREATE DATABASE "${name}"`)
  } finally {
    await client.end()
  }
  return `${POSTGRES_HOST_URL}/${name}`
}
