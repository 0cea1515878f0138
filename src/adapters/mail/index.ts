/**
 * Sending mail: through SMTP with nodemailer when `SMTP_URL` is set (`smtp://user:pass@host:587`,
 * `smtps://…` for TLS from the start), otherwise into `<data dir>/outbox/` as one `.eml` file per
 * message (RFC 5322, the same bytes SMTP would carry), so that `npm start` works with no mail
 * server and a person can open the link from the file. Nothing here logs an address.
 */
import { randomBytes } from 'node:crypto'
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import nodemailer from 'nodemailer'
import { AppError } from '../../core/errors/index.ts'

/** One message: plain text, one recipient. */
export interface Mail {
  readonly kind: 'mail'
  readonly to: string
  readonly subject: string
  readonly text: string
}

export interface Mailer {
  readonly kind: 'smtp' | 'outbox'
  /** Resolves once the server accepted the message (SMTP) or the file is in place (outbox). */
  send(mail: Mail): Promise<void>
  /** Where mail goes, without credentials: `SMTP at host:port`, `outbox /path`. */
  describe(): string
  close(): void
}

/** The sender address when `MAIL_FROM` is not set. */
export const DEFAULT_FROM = 'Sanctuary Atlas <no-reply@sanctuary-atlas.invalid>'

/**
 * A mailer over SMTP.
 *
 * @example
 * ```ts
 * const mailer = smtpMailer('smtp://127.0.0.1:2525')
 * await mailer.send({ kind: 'mail', to: 'a@example.org', subject: 'Hi', text: 'Hello' })
 * ```
 */
export function smtpMailer(url: string, from = DEFAULT_FROM): Mailer {
  let where: string
  try {
    const u = new URL(url)
    if (u.protocol !== 'smtp:' && u.protocol !== 'smtps:') throw new Error('scheme')
    where = `SMTP at ${u.hostname}${u.port ? `:${u.port}` : ''}`
  } catch {
    throw new AppError('invalid-input', 'SMTP_URL must be smtp://[user:pass@]host[:port] or smtps://…', { field: 'SMTP_URL' })
  }
  const transport = nodemailer.createTransport(url)
  return {
    kind: 'smtp',
    async send(mail) {
      await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text })
    },
    describe: () => where,
    close: () => transport.close(),
  }
}

/**
 * A mailer that writes each message as `<dir>/<time>-<random>.eml` (written to a temporary name
 * and renamed, so that a reader never sees half a message).
 *
 * @example
 * ```ts
 * const mailer = outboxMailer('./data/outbox')
 * ```
 */
export function outboxMailer(dir: string, from = DEFAULT_FROM): Mailer {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' })
  return {
    kind: 'outbox',
    async send(mail) {
      const info = await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text })
      await mkdir(dir, { recursive: true })
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(6).toString('hex')}.eml`
      const temp = join(dir, `.${name}.tmp`)
      await writeFile(temp, info.message as Buffer)
      await rename(temp, join(dir, name))
    },
    describe: () => `outbox ${dir}`,
    close: () => transport.close(),
  }
}

/** The data folder the app uses (`SANCTUARY_DATA_DIR`, default `./data`), also when the database is PostgreSQL. */
export function dataDirFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.SANCTUARY_DATA_DIR ?? 'data')
}

/**
 * SMTP when `SMTP_URL` is set, else the outbox in the data folder; `MAIL_FROM` sets the sender.
 *
 * @example
 * ```ts
 * mailerFromEnv({ SANCTUARY_DATA_DIR: '/tmp/atlas' }).describe() // 'outbox /tmp/atlas/outbox'
 * ```
 */
export function mailerFromEnv(env: NodeJS.ProcessEnv = process.env): Mailer {
  const from = env.MAIL_FROM || DEFAULT_FROM
  return env.SMTP_URL ? smtpMailer(env.SMTP_URL, from) : outboxMailer(join(dataDirFromEnv(env), 'outbox'), from)
}

/**
 * The messages in an outbox folder, oldest first, as text (for tests and for people reading it).
 *
 * @example
 * ```ts
 * const [first] = await readOutbox('./data/outbox')
 * ```
 */
export async function readOutbox(dir: string): Promise<{ readonly file: string; readonly text: string }[]> {
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.eml')).sort()
  return Promise.all(names.map(async (file) => ({ file, text: await readFile(join(dir, file), 'utf8') })))
}

/**
 * The plain-text body of a message as sent (headers dropped, quoted-printable soft breaks and
 * escapes undone), so that a link can be read from it.
 *
 * @example
 * ```ts
 * mailBody(raw).match(/https?:\/\/\S+/)
 * ```
 */
export function mailBody(raw: string): string {
  const at = raw.search(/\r?\n\r?\n/)
  const headers = raw.slice(0, at)
  let body = raw.slice(at).replace(/^\r?\n\r?\n/, '')
  if (/content-transfer-encoding:\s*quoted-printable/i.test(headers)) {
    body = body.replace(/=\r?\n/g, '')
    body = Buffer.from(body.replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8')
  } else if (/content-transfer-encoding:\s*base64/i.test(headers)) body = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
  return body.replace(/\r\n/g, '\n')
}
