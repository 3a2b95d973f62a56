// 登录 / Sign in, in Chinese with English: a wrong email or password is said plainly, and the
// email stays in its field. Replaces the page @keystone-6/auth writes (src/keystone/signin-page.ts).
import { useState, type FormEvent } from 'react'
import { gql, useMutation } from '@keystone-6/core/admin-ui/apollo'
import { userMessage } from './format'

const SIGN_IN = gql`
  mutation AnnalsSignIn($email: String!, $password: String!) {
    authenticate: authenticateUserWithPassword(email: $email, password: $password) {
      ... on UserAuthenticationWithPasswordSuccess {
        item {
          id
        }
      }
      ... on UserAuthenticationWithPasswordFailure {
        message
      }
    }
  }
`

export const WRONG_CREDENTIALS = '邮箱或密码不正确，请重新输入 / The email or password is wrong'

const field = { display: 'block', width: '100%', boxSizing: 'border-box', fontSize: 16, padding: '8px 10px', border: '1px solid #afb8c1', borderRadius: 6, marginTop: 4 } as const
const label = { display: 'block', fontSize: 14, color: '#1f2328', marginBottom: 16 } as const

export default function SigninPage() {
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const [authenticate, { loading }] = useMutation<{ authenticate: { item?: { id: string }; message?: string } }>(SIGN_IN)
  const [done, setDone] = useState(false)

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault()
    setProblem(null)
    if (!email.trim() || !password) return setProblem('请输入邮箱和密码 / Enter your email and password')
    try {
      const { data } = await authenticate({ variables: { email: email.trim(), password } })
      if (data?.authenticate.item) {
        setDone(true)
        // a full load, so the Admin UI starts with this user's lists and the 工作台 (refetching
        // the admin metadata in place instead remounts this page and clears the form)
        window.location.assign('/')
        return
      }
      setPassword('')
      setProblem(WRONG_CREDENTIALS)
    } catch (error) {
      setProblem(userMessage(error))
    }
  }

  return (
    <main style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: '#f6f8fa', fontFamily: '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif' }}>
      <title>登录 Sign in · 年鉴 Annals</title>
      <form onSubmit={onSubmit} noValidate style={{ width: 360, background: '#fff', border: '1px solid #d0d7de', borderRadius: 10, padding: 28 }} data-testid="signin-form">
        <div style={{ fontSize: 22, fontWeight: 700, marginBottom: 2 }}>年鉴 Annals</div>
        <div style={{ fontSize: 13, color: '#57606a', marginBottom: 20 }}>年度工作总结撰写、审核与比对 / Annual work summaries</div>
        <h1 style={{ fontSize: 18, margin: '0 0 16px' }}>登录 Sign in</h1>
        {problem && (
          <div role="alert" data-testid="signin-error" style={{ background: '#ffebe9', border: '1px solid #ff8182', color: '#82071e', borderRadius: 6, padding: '8px 10px', marginBottom: 16, fontSize: 14 }}>
            {problem}
          </div>
        )}
        <label style={label}>
          邮箱 Email
          <input type="email" name="email" autoComplete="username" autoFocus value={email} onChange={e => setEmail(e.target.value)} style={field} />
        </label>
        <label style={label}>
          密码 Password
          <input type="password" name="password" autoComplete="current-password" value={password} onChange={e => setPassword(e.target.value)} style={field} />
        </label>
        <button type="submit" disabled={loading || done} style={{ width: '100%', fontSize: 16, padding: '9px 0', borderRadius: 6, border: 'none', background: '#1f6feb', color: '#fff', cursor: 'pointer' }}>
          {loading || done ? '正在登录… Signing in…' : '登录 Sign in'}
        </button>
      </form>
    </main>
  )
}
