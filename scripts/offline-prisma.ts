// The Prisma CLI looks for its native schema engine on every command and tries to download
// it when missing, which fails offline (and in our users' air-gapped intranets). `prisma
// generate` never runs that engine, so pointing the variable at any executable stops the
// download. Migrations use the WebAssembly engine instead (src/db/migrations.ts).
export function preventPrismaDownloads() {
  process.env.PRISMA_SCHEMA_ENGINE_BINARY ||= process.execPath
  process.env.PRISMA_HIDE_UPDATE_MESSAGE = '1'
  process.env.CHECKPOINT_DISABLE = '1'
  process.env.KEYSTONE_TELEMETRY_DISABLED = '1'
  process.env.NEXT_TELEMETRY_DISABLED = '1'
}
