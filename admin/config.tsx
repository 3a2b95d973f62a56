import type { AdminConfig } from '@keystone-6/core/types'
import { AnnalsLogo } from './components/Logo'
import { AnnalsNavigation } from './components/Navigation'

export const components: AdminConfig['components'] = {
  Logo: AnnalsLogo,
  Navigation: AnnalsNavigation,
}
