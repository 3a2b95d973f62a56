// The rule for SESSION_SECRET, in plain CommonJS so that scripts/serve.cjs can apply it before it
// starts any worker, and keystone.ts applies the same rule (one rule, two callers).
'use strict'

const MIN_LENGTH = 32
const MIN_DISTINCT = 8

/** Why this environment's SESSION_SECRET cannot be used (Chinese first), or undefined when it can. */
function sessionSecretProblem(env) {
  const secret = env.SESSION_SECRET
  if (secret) {
    if (secret.length < MIN_LENGTH) return `SESSION_SECRET 至少 ${MIN_LENGTH} 个字符 / SESSION_SECRET must be at least ${MIN_LENGTH} characters long`
    if (new Set(secret).size < MIN_DISTINCT) return `SESSION_SECRET 过于简单，请使用随机生成的值（如 openssl rand -hex 32）/ SESSION_SECRET is too simple; use a random value (e.g. openssl rand -hex 32)`
    return undefined
  }
  if (env.NODE_ENV === 'production') {
    return `生产环境必须设置 SESSION_SECRET（至少 ${MIN_LENGTH} 个字符，如 openssl rand -hex 32）/ SESSION_SECRET must be set (${MIN_LENGTH}+ characters, e.g. openssl rand -hex 32) when NODE_ENV=production`
  }
  return undefined
}

module.exports = { sessionSecretProblem, MIN_LENGTH }
