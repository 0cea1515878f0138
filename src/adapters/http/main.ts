/**
 * `npm start`: serves the API and pages on 127.0.0.1:PORT (default 3000) with the registry shipped
 * in the repo and the officials directory in the database (`DATABASE_URL`, else PGlite in
 * `SANCTUARY_DATA_DIR`, default ./data). An empty directory is seeded from ../shared/data when that
 * folder is there; otherwise the server starts with it empty and says how to import.
 */
import { buildGazetteer } from '../../core/answers/index.ts'
import { formatDay, todayUtc } from '../../core/dates/index.ts'
import { createEngine } from '../../core/engine/index.ts'
import { toAppError } from '../../core/errors/index.ts'
import { describeTarget, directoryIsEmpty, openDatabase, targetFromEnv, type Database } from '../db/index.ts'
import { defaultRegistryDir, loadFederalOrThrow, loadRegistryOrThrow, loadUsAtlas, packageVersion, atlasWithUsGeo, sharedUsGeo } from '../fs/index.ts'
import { defaultCuratedDir, defaultSharedDataDir, GAZETTEER_VERSION, importOfficials } from '../officials-import/index.ts'
import { buildApp } from './app.ts'
import { DEFAULT_PETITION_LIMITS } from './routes-petitions.ts'
import { mailerFromEnv } from '../mail/index.ts'
import { retentionPolicy } from '../../core/petitions/index.ts'

const port = Number(process.env.PORT ?? 3000)
const host = process.env.HOST ?? '127.0.0.1'
const say = (line: string) => process.stdout.write(`sanctuary-atlas: ${line}\n`)
/** A per-minute limit from the environment: a whole number from 1, else the default; throws naming the variable. */
const limitFromEnv = (name: string, fallback: number): number => {
  const text = process.env[name]
  if (text === undefined || text === '') return fallback
  const n = Number(text)
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a whole number from 1 (requests per minute), got "${text}"`)
  return n
}

let database: Database | undefined
try {
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be an integer 0-65535, got "${process.env.PORT}"`)
  const root = process.env.REGISTRY_DIR ?? defaultRegistryDir()
  const registry = await loadRegistryOrThrow(root)
  const federal = await loadFederalOrThrow(root, registry)
  // us-atlas (states and counties for the map) is read once, here, so a missing package fails at startup.
  const atlas = await loadUsAtlas()
  const target = targetFromEnv()
  database = await openDatabase(target)
  say(`database: ${describeTarget(target)} (migrated)`)
  if (await directoryIsEmpty(database)) {
    const from = defaultSharedDataDir()
    if (from) {
      say(`the officials directory is empty; seeding it from ${from} …`)
      const gazetteer = buildGazetteer(registry, atlas.input)
      await importOfficials(database, { from, curatedDir: defaultCuratedDir(), gazetteer, gazetteerVersion: GAZETTEER_VERSION, asOf: formatDay(todayUtc()), onProgress: (line) => say(`  ${line}`) })
    } else say('the officials directory is empty and ../shared/data is not here; import it with: npx sanctuary officials import --from <shared data folder>')
  }
  // Census places and populations (us-geo) for the name resolver, when the shared data folder is here.
  const geo = await sharedUsGeo()
  say(geo ? `names: ${geo.places.length.toLocaleString('en-US')} Census places with populations from ${geo.dir}` : 'names: no Census places (../shared/data/us-geo is not here): the registry, states and counties only, and a name several counties share is a choice')
  // Petitions: mail through SMTP_URL, else .eml files in <data dir>/outbox; links in mail point at PUBLIC_URL.
  const mailer = mailerFromEnv()
  const retention = retentionPolicy({ pendingHours: process.env.SANCTUARY_PETITION_PENDING_HOURS, anonymiseAfterDays: process.env.SANCTUARY_PETITION_RETENTION_DAYS })
  // Per minute: POSTs per client IP (every POST route), sign-ups per IP and per petition.
  const postLimit = limitFromEnv('SANCTUARY_POST_LIMIT', 60)
  const limits = { perIp: limitFromEnv('SANCTUARY_PETITION_SIGNUPS_PER_IP', DEFAULT_PETITION_LIMITS.perIp), perPetition: limitFromEnv('SANCTUARY_PETITION_SIGNUPS_PER_PETITION', DEFAULT_PETITION_LIMITS.perPetition), timeWindow: '1 minute' }
  const publicUrl = process.env.SANCTUARY_PUBLIC_URL ?? process.env.PUBLIC_URL ?? `http://${host.includes(':') ? `[${host}]` : host}:${port}`
  say(`petitions: mail to ${mailer.describe()}; links to ${publicUrl}; pending signatures expire after ${retention.pendingHours} h, names and emails erased after ${retention.anonymiseAfterDays} days; at most ${limits.perIp} sign-ups a minute per IP, ${limits.perPetition} per petition`)
  const app = await buildApp({ engine: createEngine(registry, { version: packageVersion() }), federal, atlas: atlasWithUsGeo(atlas, geo), database, registryDir: root, trustProxy: process.env.TRUST_PROXY === '1', rateLimit: { max: postLimit, timeWindow: '1 minute' }, logger: { level: process.env.LOG_LEVEL ?? 'info' }, toolkit: { records: process.env.SANCTUARY_TOOLKIT_RECORDS?.split(',').filter(Boolean), crosswalks: defaultSharedDataDir() }, petitions: { mailer, publicUrl, retention, limits } })
  const stop = async () => {
    await app.close().catch(() => undefined)
    await database?.close().catch(() => undefined)
    process.exit(0)
  }
  process.once('SIGINT', () => void stop())
  process.once('SIGTERM', () => void stop())
  await app.listen({ port, host })
} catch (thrown) {
  process.stderr.write(`sanctuary-atlas: ${toAppError(thrown).oneLine()}\n`)
  await database?.close().catch(() => undefined)
  process.exit(1)
}
