// The sign-in page users see is Annals' own (admin/read/SigninPage.tsx, in Chinese): the file
// @keystone-6/auth writes at pages/signin.js is replaced, keeping everything else it adds.
import type { AdminFileToWrite, BaseKeystoneTypeInfo, KeystoneConfig } from '@keystone-6/core/types'

// relative to .keystone/admin/pages/signin.js
const SIGNIN_PAGE = "export { default } from '../../../admin/read/SigninPage'\n"

export function withAnnalsSignin<T extends BaseKeystoneTypeInfo>(config: KeystoneConfig<T>): KeystoneConfig<T> {
  const original = config.ui.getAdditionalFiles
  return {
    ...config,
    ui: {
      ...config.ui,
      getAdditionalFiles: async (): Promise<AdminFileToWrite[]> =>
        ((await original?.()) ?? []).map(file => (file.outputPath === 'pages/signin.js' ? { mode: 'write', outputPath: file.outputPath, src: SIGNIN_PAGE } : file)),
    },
  }
}
