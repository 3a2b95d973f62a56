// /write/<report id>: the writing desk (admin/write/WritingDesk.tsx).
import { useRouter } from '@keystone-6/core/admin-ui/router'
import { PageContainer } from '@keystone-6/core/admin-ui/components'
import { Heading } from '@keystar/ui/typography'
import { WritingDesk } from '../../write/WritingDesk'

export default function WritePage() {
  const router = useRouter()
  const id = typeof router.query.id === 'string' ? router.query.id : ''
  return (
    <PageContainer header={<Heading type="h3">撰写 Write</Heading>} title="撰写报告">
      {id ? <WritingDesk reportId={id} /> : <p>加载中… Loading…</p>}
    </PageContainer>
  )
}
