/**
 * Who decides, in words: the plain-text form the CLI prints (and tests snapshot). Pure.
 */
import type { Contact, Organization } from './model.ts'
import type { DecidingBody, GovernmentLevel, Seat, WhoDecides } from './who-decides.ts'

const LEVEL_WORDS: Readonly<Record<GovernmentLevel, string>> = { local: 'Local', state: 'State', federal: 'Federal' }

/** One line of contacts, phones first: `phone (713) 755-6044 · website https://…`. */
export function contactLine(contacts: readonly Contact[], limit = 3): string {
  const order: Contact['kind'][] = ['phone', 'email', 'webform', 'website', 'address', 'fax']
  return [...contacts]
    .sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind))
    .slice(0, limit)
    .map((c) => `${c.kind} ${c.value}${c.label ? ` (${c.label})` : ''}`)
    .join(' · ')
}

function seatLines(seat: Seat): string[] {
  if (seat.holders.length === 0) return [`    ${seat.post.label}: no holder listed${seat.post.holderUnknownReason ? ` (${seat.post.holderUnknownReason})` : ''}`]
  return seat.holders.map(({ person }) => {
    const contacts = contactLine(person.contacts)
    return `    ${seat.post.label}: ${person.name}${person.party ? ` (${person.party})` : ''}${contacts ? ` — ${contacts}` : ''}`
  })
}

function officeLine(o: Organization): string {
  const contacts = contactLine(o.contacts)
  return `    ${o.name}${contacts ? ` — ${contacts}` : ''}`
}

function bodyLines(b: DecidingBody): string[] {
  return [`  ${b.name}: ${b.power}`, ...b.offices.map(officeLine), ...b.seats.flatMap(seatLines), ...(b.unknown ? [`    (${b.unknown})`] : [])]
}

/**
 * The whole answer as text: the bodies by level, then each question with who applies it and the
 * law in force at each level.
 *
 * @example
 * ```ts
 * process.stdout.write(describeWhoDecides(who))
 * ```
 */
export function describeWhoDecides(who: WhoDecides): string {
  const names = new Map(who.bodies.map((b) => [b.key, b.name]))
  const lines = [`Who decides in ${who.name} (as of ${who.asOf})`, ...who.notes.map((n) => `  ${n}`)]
  for (const level of ['local', 'state', 'federal'] as const) {
    const bodies = who.bodies.filter((b) => b.level === level)
    if (bodies.length) lines.push('', `${LEVEL_WORDS[level]}`, ...bodies.flatMap(bodyLines))
  }
  lines.push('', 'By question')
  for (const q of who.questions) {
    const applied = q.appliedBy.map((k) => names.get(k)).join(', ')
    lines.push(`  ${q.label}: applied by ${applied || 'no office the directory can name here'}`)
    for (const c of q.changedBy) {
      const law = c.law.length ? c.law.map((p) => `${p.title}${p.citation ? ` (${p.citation})` : ''}`).join('; ') : 'no provision in the registry at this level'
      lines.push(`    ${LEVEL_WORDS[c.level]}: ${c.bodies.map((k) => names.get(k)).join(', ')} — law in force: ${law}`)
    }
  }
  return `${lines.join('\n')}\n`
}
