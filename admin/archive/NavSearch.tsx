// The search box in the navigation: submits to the 档案检索 page.
import { useState } from 'react'
import { useRouter } from '@keystone-6/core/admin-ui/router'

export function NavSearch() {
  const router = useRouter()
  const [query, setQuery] = useState('')
  return (
    <form
      role="search"
      aria-label="档案检索 Search the archive"
      onSubmit={event => {
        event.preventDefault()
        if (query.trim()) router.push(`/search?${new URLSearchParams({ q: query.trim() }).toString()}`)
      }}
      style={{ padding: '4px 12px 8px', display: 'flex', gap: 4 }}
    >
      <input
        type="search"
        name="q"
        value={query}
        onChange={event => setQuery(event.target.value)}
        placeholder="检索档案 Search…"
        aria-label="检索词 Search words"
        style={{ flex: 1, minWidth: 0, padding: '5px 8px', border: '1px solid #c9ced6', borderRadius: 6, font: 'inherit' }}
      />
      <button type="submit" style={{ padding: '4px 8px', border: '1px solid #c9ced6', borderRadius: 6, background: '#f6f8fa', cursor: 'pointer' }}>
        检索
      </button>
    </form>
  )
}
