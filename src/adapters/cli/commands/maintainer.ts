/**
 * `sanctuary maintainer add <email>`: adds a maintainer (who may sign in at /sign-in and review
 * corrections). The password is read from standard input (its first line) when that is not a
 * terminal, else prompted for twice without echo; it is stored only as its Argon2id hash.
 */
import type { Command } from 'commander'
import { createInterface } from 'node:readline'
import { Writable } from 'node:stream'
import { AppError } from '../../../core/errors/index.ts'
import { addMaintainer, describeTarget, openDatabase, targetFromEnv } from '../../db/index.ts'
import { guard } from '../output.ts'

async function readStdinLine(): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? ''
}

/** Asks for a line on the terminal without echoing what is typed. */
function promptHidden(question: string): Promise<string> {
  let muted = false
  const output = new Writable({
    write(chunk, _encoding, done) {
      if (!muted) process.stderr.write(chunk)
      done()
    },
  })
  const rl = createInterface({ input: process.stdin, output, terminal: true })
  return new Promise((resolve) => {
    rl.question(question, (answer) => {
      rl.close()
      process.stderr.write('\n')
      resolve(answer)
    })
    muted = true
  })
}

/** Registers `sanctuary maintainer …` on the program. */
export function registerMaintainerCommands(program: Command): void {
  const maintainer = program.command('maintainer').description('maintainer accounts (sign-in at /sign-in to review corrections), in the database of `sanctuary db`')
  maintainer
    .command('add <email>')
    .description('add a maintainer; the password (12–256 characters) comes from stdin, or a prompt on a terminal')
    .option('--replace', 'set a new password for an existing maintainer (signs out their sessions)')
    .action(
      guard(async (email: string, opts: { replace?: boolean }) => {
        let password: string
        if (process.stdin.isTTY) {
          password = await promptHidden('Password (12 or more characters): ')
          const again = await promptHidden('Password again: ')
          if (again !== password) throw new AppError('invalid-input', 'password: the two passwords differ', { field: 'password' })
        } else password = await readStdinLine()
        const database = await openDatabase(targetFromEnv())
        try {
          const added = await addMaintainer(database, email, password, { replace: opts.replace === true })
          process.stdout.write(`${opts.replace ? 'updated' : 'added'} maintainer ${added.email} in ${describeTarget(database.target)}\n`)
        } finally {
          await database.close()
        }
      }),
    )
}
