// What a first administrator's password must be: long, not a known or published one, not the
// account name. Pure, so create-admin and its tests share it.

export const MIN_PASSWORD_LENGTH = 12

// the demo's published password and the usual first guesses
const KNOWN = ['annals-demo-2025', 'password', 'passw0rd', 'admin', 'administrator', '123456', 'qwerty', 'letmein', 'welcome', 'changeme', 'iloveyou', 'abc123']

/** Why this password is refused (Chinese first, English after), or undefined when it is acceptable. */
export function weakPasswordProblem(password: string, email = ''): string | undefined {
  if (password.length < MIN_PASSWORD_LENGTH) return `密码至少 ${MIN_PASSWORD_LENGTH} 个字符 / The password must be at least ${MIN_PASSWORD_LENGTH} characters long`
  const lower = password.toLowerCase()
  if (KNOWN.some(known => lower.includes(known))) return '密码包含常见或已公开的密码，请换一个 / The password contains a common or published password; choose another'
  const name = email.split('@')[0]?.toLowerCase()
  if (name && name.length >= 3 && lower.includes(name)) return '密码不能包含账号名 / The password must not contain the account name'
  if (new Set(password).size < 6) return '密码字符种类太少 / The password repeats too few different characters'
  return undefined
}
