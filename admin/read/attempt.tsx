// A write the reader starts (reply, resolve, comment, workflow action): its failure shown in
// words under the form, cleared when the reader tries again.
import { useCallback, useState } from 'react'
import { userMessage } from './format'
import { ui } from './styles'

export function useAttempt() {
  const [error, setError] = useState<string | null>(null)
  /** Runs `work`; a failure becomes the message shown. Resolves to whether it succeeded. */
  const attempt = useCallback(async (work: () => Promise<unknown>): Promise<boolean> => {
    setError(null)
    try {
      await work()
      return true
    } catch (e) {
      setError(userMessage(e))
      return false
    }
  }, [])
  return { error, setError, attempt }
}

export function ErrorNote({ error }: { error: string | null }) {
  return error ? (
    <div role="alert" style={ui.error}>
      {error}
    </div>
  ) : null
}
