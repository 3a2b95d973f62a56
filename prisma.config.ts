// Read by the Prisma CLI when Keystone runs `prisma generate`. Annals never runs Prisma's
// migrate commands: migrations are applied by src/db/migrations.ts (WebAssembly engine).
import { defineConfig } from 'prisma/config'

export default defineConfig({
  schema: 'generated/sqlite/schema.prisma',
  migrations: { path: 'migrations/sqlite' },
})
