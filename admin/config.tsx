import type { AdminConfig } from '@keystone-6/core/types'
import { AnnalsLogo } from './components/Logo'

export const components: AdminConfig['components'] = {
  Logo: AnnalsLogo,
}
