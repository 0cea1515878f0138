/**
 * Probe cases for a draft clause: a person with no record held on an administrative detainer,
 * then one case per exception the clause names (a judicial warrant, written consent, a listed
 * conviction...). The preemption check runs them through the engine; the same probes, on the day
 * before the draft takes effect and on that day, are the rule cases the drafter can keep.
 */
import { formatDay, parseDay } from '../dates/index.ts'
import type { CaseFacts } from '../engine/index.ts'
import type { Condition, OffenseCategory, OffenseLevel, Registry } from '../registry/index.ts'
import type { DraftProvision } from './draft.ts'

export interface Probe {
  readonly label: string
  readonly facts: CaseFacts
}

type Custody = 'county-jail' | 'city-jail' | 'state-prison'

/** The baseline facts: no record, administrative detainer, nothing else given. */
export function baseFacts(date: string, custody: Custody): CaseFacts {
  return {
    custody,
    detainer: { form: date >= '2017-04-03' ? 'I-247A' : 'I-247', judicialWarrant: false, judicialProbableCause: false, reimbursementAgreement: false, writtenConsent: false },
    person: { age: 30, convictions: [], pendingCharges: [], lawfulStatusProof: false, gangDatabase: false },
  }
}

function yearsBefore(date: string, years: number): string {
  const day = parseDay(date)!
  return formatDay(day - Math.round(years * 365.25))
}

function leafTests(c: Condition | undefined, out: Condition[] = []): Condition[] {
  if (!c) return out
  if (c.kind === 'all' || c.kind === 'any') c.parts.forEach((p) => leafTests(p, out))
  else if (c.kind === 'not') leafTests(c.part, out)
  else out.push(c)
  return out
}

const BOOLEAN_FACTS: Record<string, { detainer?: string; person?: string; label: string }> = {
  'detainer.judicialWarrant': { detainer: 'judicialWarrant', label: 'with a judicial warrant' },
  'detainer.judicialProbableCause': { detainer: 'judicialProbableCause', label: 'with a judicial probable-cause finding' },
  'detainer.reimbursementAgreement': { detainer: 'reimbursementAgreement', label: 'with a reimbursement agreement' },
  'detainer.writtenConsent': { detainer: 'writtenConsent', label: 'with the person’s written consent' },
  'person.lawfulStatusProof': { person: 'lawfulStatusProof', label: 'with proof of lawful status' },
  'person.gangDatabase': { person: 'gangDatabase', label: 'listed in a gang database' },
}

/**
 * The probes for one clause, baseline first.
 *
 * @example
 * ```ts
 * probesFor(draftProvision, registry, '2018-06-01', 'county-jail').map((p) => p.label)
 * // ['no record, administrative detainer', 'with a judicial warrant']
 * ```
 */
export function probesFor(p: DraftProvision, registry: Registry, date: string, custody: Custody): Probe[] {
  const base = baseFacts(date, custody)
  const probes: Probe[] = [{ label: 'no record, administrative detainer', facts: base }]
  const seen = new Set<string>()
  for (const test of [...leafTests(p.when), ...leafTests(p.unless)]) {
    if (test.kind === 'fact') {
      const b = BOOLEAN_FACTS[test.path]
      if (!b || seen.has(test.path)) continue
      seen.add(test.path)
      if (b.detainer) probes.push({ label: b.label, facts: { ...base, detainer: { ...base.detainer, [b.detainer]: true } } })
      else probes.push({ label: b.label, facts: { ...base, person: { ...base.person, [b.person!]: true } } })
    } else if (test.kind === 'offense') {
      const m = test.match
      const cls = m.class ? registry.offenseClasses.get(m.class) : undefined
      const category: OffenseCategory = m.categories?.[0] ?? cls?.categories[0] ?? 'other'
      const level: OffenseLevel = m.levels?.[0] ?? cls?.levels?.[0] ?? 'felony'
      const within = m.withinYears !== undefined ? Math.min(1, m.withinYears / 2) : 1
      const offense = { category, level, date: yearsBefore(date, within) }
      const key = `${test.list}:${category}:${level}`
      if (seen.has(key)) continue
      seen.add(key)
      const label = `${test.list === 'convictions' ? 'a conviction' : 'a pending charge'} for ${category} (${level})`
      probes.push({ label, facts: { ...base, person: { ...base.person, [test.list]: [offense] } } })
    }
  }
  return probes
}

/** The custody a draft for a jurisdiction level is checked in. */
export function custodyFor(level: string): Custody {
  return level === 'place' ? 'city-jail' : 'county-jail'
}
