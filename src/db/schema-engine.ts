// Prisma's schema engine compiled to WebAssembly (@prisma/schema-engine-wasm): migrations
// without the native binary that the Prisma CLI would try to download.
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils'
import type { SchemaEngine } from '@prisma/schema-engine-wasm'
import { driverAdapterFor } from './adapter'
import type { DatabaseTarget } from './database-url'

type Bindings = typeof import('@prisma/schema-engine-wasm')
let bindings: Promise<Bindings> | undefined

// The package's entry imports the .wasm file as an ES module, which Node 20 refuses;
// instantiate it by hand and hand the instance to the generated JS glue.
async function loadBindings(): Promise<Bindings> {
  const require = createRequire(__filename)
  const gluePath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg')
  const packageDir = path.dirname(gluePath)
  const glue = (await import(pathToFileURL(gluePath).href)) as Bindings & {
    __wbg_set_wasm: (exports: WebAssembly.Exports) => void
  }
  const module = await WebAssembly.compile(await readFile(path.join(packageDir, 'schema_engine_bg.wasm')))
  const instance = new WebAssembly.Instance(module, { './schema_engine_bg.js': glue as unknown as WebAssembly.ModuleImports })
  glue.__wbg_set_wasm(instance.exports)
  ;(instance.exports.__wbindgen_start as () => void)()
  return glue
}

export const NO_FILTERS = { externalTables: [], externalEnums: [] }

type Disposable = { dispose?: () => Promise<void> }

/**
 * Runs `work` with a schema engine connected (lazily) to the target database, then frees the
 * engine and closes its connections: `free()` alone leaves a SQLite write lock behind.
 */
export async function withSchemaEngine<T>(target: DatabaseTarget, work: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  bindings ??= loadBindings()
  const { SchemaEngine } = await bindings
  const factory = driverAdapterFor(target) as unknown as { connect: () => Promise<Disposable>; [key: string]: unknown }
  const opened: Disposable[] = []
  const tracking = Object.assign(Object.create(Object.getPrototypeOf(factory)), factory, {
    connect: async () => {
      const adapter = await factory.connect()
      opened.push(adapter)
      return adapter
    },
  })
  const log = (message: string) => {
    if (process.env.ANNALS_DEBUG_MIGRATIONS) console.error('[schema-engine]', message)
  }
  const engine = await SchemaEngine.new({ datamodels: undefined }, log, bindMigrationAwareSqlAdapterFactory(tracking))
  try {
    return await work(engine)
  } finally {
    engine.free()
    await Promise.all(opened.map(adapter => adapter.dispose?.().catch(() => {})))
  }
}
