import Link from 'next/link'
import { Heading } from '@keystar/ui/typography'

export function AnnalsLogo() {
  return (
    <Heading>
      <Link href="/" style={{ textDecoration: 'none', color: 'inherit' }}>
        年鉴 Annals
      </Link>
    </Heading>
  )
}
