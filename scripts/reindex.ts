// npm run reindex   rebuilds the archive's search and fingerprint index of DATABASE_URL, with progress.
// Safe to run while the app serves: each batch of sections is one transaction.
import { createAnnalsContext } from '../src/keystone/context'
import { rebuildArchiveIndex, type ReindexProgress } from '../src/keystone/archive-reindex'
import { preventPrismaDownloads } from './offline-prisma'

/** Rebuilds the archive index of DATABASE_URL, printing progress on one line. */
export async function reindexArchive() {
  const { context, target, disconnect } = await createAnnalsContext()
  try {
    const result = await rebuildArchiveIndex(context.prisma, target, { onProgress: printProgress })
    console.log(`\n✓ ${result.done} 节已重建索引 sections reindexed in ${result.seconds.toFixed(1)} s`)
  } finally {
    await disconnect()
  }
}

function printProgress(p: ReindexProgress) {
  process.stdout.write(`\r重建索引 Reindexing: ${p.done}/${p.total} 节 sections, ${(p.chars / 1e6).toFixed(1)}M 字 chars, ${Math.round(p.chars / Math.max(p.seconds, 0.001) / 1000)}k 字/秒 chars/s   `)
}

if (require.main === module) {
  preventPrismaDownloads()
  reindexArchive().catch(error => {
    console.error(error instanceof Error ? error.message : error)
    process.exit(1)
  })
}
