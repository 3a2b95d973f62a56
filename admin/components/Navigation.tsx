// Navigation with Annals' own pages (待我审核, 年度比对) above the lists, and sign-out.
import { Divider } from '@keystar/ui/layout'
import { ActionButton } from '@keystar/ui/button'
import { gql, useMutation, useQuery } from '@keystone-6/core/admin-ui/apollo'
import { NavSearch } from '../archive/NavSearch'
import { getHrefFromList, NavContainer, NavFooter, NavItem, NavList, type NavigationProps } from '@keystone-6/core/admin-ui/components'

const WHO = gql`
  query AnnalsWho {
    authenticatedItem {
      ... on User {
        name
        role
      }
    }
  }
`
const END_SESSION = gql`
  mutation AnnalsSignOut {
    endSession
  }
`

export function AnnalsNavigation({ lists }: NavigationProps) {
  const { data } = useQuery<{ authenticatedItem: { name: string; role: string } | null }>(WHO)
  const [endSession] = useMutation(END_SESSION)
  const user = data?.authenticatedItem
  return (
    <NavContainer>
      <NavSearch />
      <NavList>
        <NavItem href="/">工作台 Dashboard</NavItem>
        {(user?.role === 'head' || user?.role === 'admin') && <NavItem href="/review-queue">待我审核 To review</NavItem>}
        {(user?.role === 'writer' || user?.role === 'admin') && <NavItem href="/write">撰写 Write</NavItem>}
        <NavItem href="/compare">年度比对 Compare</NavItem>
        {(user?.role === 'admin' || user?.role === 'archivist') && <NavItem href="/import">导入档案 Import</NavItem>}
        <Divider />
        {lists.map(list => (
          <NavItem key={list.key} href={getHrefFromList(list)}>
            {list.label}
          </NavItem>
        ))}
      </NavList>
      <NavFooter>
        {user && (
          <ActionButton
            onPress={async () => {
              await endSession()
              window.location.href = '/signin'
            }}
          >
            退出登录 Sign out（{user.name}）
          </ActionButton>
        )}
      </NavFooter>
    </NavContainer>
  )
}
