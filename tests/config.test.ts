// Start-up configuration that a deployment gets wrong first: the session secret and DATABASE_URL.
import { describe, expect, test } from 'vitest'
import { sessionSecretFrom } from '../keystone'
import { databaseTarget } from '../src/db/database-url'

describe('SESSION_SECRET', () => {
  test('required in production, with a message that says what to set', () => {
    expect(() => sessionSecretFrom({ NODE_ENV: 'production' })).toThrow(/生产环境必须设置 SESSION_SECRET.*SESSION_SECRET must be set/s)
  })
  test('too short is refused; a good one is used as given', () => {
    expect(() => sessionSecretFrom({ NODE_ENV: 'production', SESSION_SECRET: 'short' })).toThrow(/至少 32 个字符/)
    expect(() => sessionSecretFrom({ NODE_ENV: 'production', SESSION_SECRET: 'a'.repeat(40) })).toThrow(/过于简单.*too simple/s)
    const secret = 'f3a9c1e07b2d4856a9e0c3b7d1f2e4a6b5'
    expect(sessionSecretFrom({ NODE_ENV: 'production', SESSION_SECRET: secret })).toBe(secret)
  })
  test('development gets a random one per process', () => {
    const a = sessionSecretFrom({ NODE_ENV: 'development' })
    expect(a).toMatch(/^[0-9a-f]{64}$/)
    expect(sessionSecretFrom({})).not.toBe(a)
  })
})

describe('DATABASE_URL', () => {
  test('file: is SQLite, postgres:// is PostgreSQL, anything else is a clear error', () => {
    expect(databaseTarget('file:./var/x.db')).toEqual({ provider: 'sqlite', url: 'file:./var/x.db', filename: './var/x.db' })
    expect(databaseTarget('postgresql://u@h/db').provider).toBe('postgresql')
    expect(() => databaseTarget('mysql://u@h/db')).toThrow(/DATABASE_URL 无法识别.*must start with file:/s)
    expect(() => databaseTarget('file:')).toThrow(/no file name/)
  })
})
