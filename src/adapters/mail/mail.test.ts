import { mkdtemp, rm } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SMTPServer } from 'smtp-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mailBody, mailerFromEnv, outboxMailer, readOutbox, smtpMailer } from './index.ts'

const LINK = 'http://127.0.0.1:3000/signatures/confirm?token=AbCdEfGhIjKlMnOpQrStUvWxYz012345'
const mail = { kind: 'mail' as const, to: 'signer@example.org', subject: 'Confirm your signature', text: `Open this link to confirm — it is yours alone:\n\n${LINK}\n\n${'A long line. '.repeat(12)}` }

describe('SMTP through a real server on a loopback port', () => {
  const received: { to: string[]; raw: string }[] = []
  let server: SMTPServer
  let port: number
  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = []
        stream.on('data', (c: Buffer) => chunks.push(c))
        stream.on('end', () => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') })
          callback()
        })
      },
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    port = (server.server.address() as AddressInfo).port
  })
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()))
  })

  it('delivers the message; the link reads back from what the server received', async () => {
    const mailer = smtpMailer(`smtp://127.0.0.1:${port}`)
    expect(mailer.describe()).toBe(`SMTP at 127.0.0.1:${port}`)
    await mailer.send(mail)
    mailer.close()
    expect(received).toHaveLength(1)
    expect(received[0]!.to).toEqual(['signer@example.org'])
    expect(received[0]!.raw).toMatch(/^Subject: Confirm your signature$/m)
    expect(mailBody(received[0]!.raw).match(/https?:\/\/\S+/)?.[0]).toBe(LINK)
  })

  it('refuses a URL that is not SMTP, naming the variable; a refused delivery rejects', async () => {
    expect(() => smtpMailer('http://example.org')).toThrow(/SMTP_URL/)
    const mailer = smtpMailer('smtp://127.0.0.1:1')
    await expect(mailer.send(mail)).rejects.toThrow()
    mailer.close()
  })
})

describe('the outbox', () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'atlas-outbox-'))
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('writes one .eml per message into <data dir>/outbox, links intact', async () => {
    const mailer = mailerFromEnv({ SANCTUARY_DATA_DIR: dir })
    expect(mailer.describe()).toBe(`outbox ${join(dir, 'outbox')}`)
    await mailer.send(mail)
    await outboxMailer(join(dir, 'outbox')).send({ ...mail, subject: 'Second' })
    const messages = await readOutbox(join(dir, 'outbox'))
    expect(messages.map((m) => m.file.endsWith('.eml'))).toEqual([true, true])
    expect(messages[0]!.text).toMatch(/^To: signer@example\.org\r$/m)
    expect(mailBody(messages[0]!.text)).toContain(LINK)
    expect(messages.map((m) => /^Subject: (.*)\r$/m.exec(m.text)?.[1]).sort()).toEqual(['Confirm your signature', 'Second'])
  })
})
