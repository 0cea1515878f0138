/**
 * Three-valued evaluation of registry conditions against a case. Codes: 0 false, 1 true,
 * 2 unknown. `compileCondition` builds a closure once per provision; the explained path passes a
 * `missing` set to learn which facts were absent.
 */
import { parseDay, type Day } from '../dates/index.ts'
import type { Condition, FactPath, OffenseClass, OffenseMatch, Registry } from '../registry/index.ts'
import type { Offense, ParsedCase } from './case.ts'

export const NO = 0
export const YES = 1
export const UNKNOWN = 2
export type TriCode = 0 | 1 | 2

/** A compiled condition: the case in, a three-valued code out; absent facts added to `missing`. */
export type CompiledCondition = (c: ParsedCase, missing?: Set<string>) => TriCode

const DAYS_PER_YEAR = 365.2425

function factValue(c: ParsedCase, path: FactPath): unknown {
  switch (path) {
    case 'custody':
      return c.custody
    case 'detainer.form':
      return c.detainer?.form
    case 'detainer.judicialWarrant':
      return c.detainer?.judicialWarrant
    case 'detainer.judicialProbableCause':
      return c.detainer?.judicialProbableCause
    case 'detainer.reimbursementAgreement':
      return c.detainer?.reimbursementAgreement
    case 'detainer.writtenConsent':
      return c.detainer?.writtenConsent
    case 'person.age':
      return c.person?.age
    case 'person.lawfulStatusProof':
      return c.person?.lawfulStatusProof
    case 'person.gangDatabase':
      return c.person?.gangDatabase
  }
}

/**
 * Compiles a condition against the registry's offense classes.
 *
 * @example
 * ```ts
 * const test = compileCondition({ kind: 'fact', path: 'detainer.judicialWarrant', tests: [{ kind: 'equals', value: true }] }, registry)
 * test(parseCase({ jurisdiction: 'ocd-division/country:us', date: '2020-01-01' })) // 2 (unknown)
 * ```
 */
export function compileCondition(condition: Condition, registry: Registry): CompiledCondition {
  switch (condition.kind) {
    case 'all': {
      const parts = condition.parts.map((p) => compileCondition(p, registry))
      return (c, missing) => {
        let result: TriCode = YES
        for (const part of parts) {
          const v = part(c, missing)
          if (v === NO) return NO
          if (v === UNKNOWN) result = UNKNOWN
        }
        return result
      }
    }
    case 'any': {
      const parts = condition.parts.map((p) => compileCondition(p, registry))
      return (c, missing) => {
        let result: TriCode = NO
        for (const part of parts) {
          const v = part(c, missing)
          if (v === YES) return YES
          if (v === UNKNOWN) result = UNKNOWN
        }
        return result
      }
    }
    case 'not': {
      const part = compileCondition(condition.part, registry)
      return (c, missing) => {
        const v = part(c, missing)
        return v === UNKNOWN ? UNKNOWN : v === YES ? NO : YES
      }
    }
    case 'fact': {
      const { path, tests } = condition
      return (c, missing) => {
        const value = factValue(c, path)
        if (value === undefined) {
          missing?.add(path)
          return UNKNOWN
        }
        for (const t of tests) {
          const ok =
            t.kind === 'equals'
              ? value === t.value
              : t.kind === 'in'
                ? t.values.includes(value as string | number | boolean)
                : t.kind === 'at-least'
                  ? typeof value === 'number' && value >= t.value
                  : typeof value === 'number' && value < t.value
          if (!ok) return NO
        }
        return YES
      }
    }
    case 'offense': {
      const matcher = compileOffenseMatch(condition.match, registry)
      const list = condition.list
      const label = `person.${list}`
      return (c, missing) => {
        const offenses = c.person?.[list]
        if (offenses === undefined) {
          missing?.add(label)
          return UNKNOWN
        }
        let result: TriCode = NO
        for (let i = 0; i < offenses.length; i++) {
          const v = matcher(offenses[i]!, c.day, missing, `${label}[${i}]`)
          if (v === YES) return YES
          if (v === UNKNOWN) result = UNKNOWN
        }
        return result
      }
    }
  }
}

type OffenseMatcher = (o: Offense, day: Day, missing: Set<string> | undefined, label: string) => TriCode

function compileOffenseMatch(match: OffenseMatch, registry: Registry): OffenseMatcher {
  const cls: OffenseClass | undefined = match.class ? registry.offenseClasses.get(match.class) : undefined
  const categories = match.categories ? new Set(match.categories) : undefined
  const levels = match.levels ? new Set(match.levels) : undefined
  const windowDays = match.withinYears === undefined ? undefined : Math.round(match.withinYears * DAYS_PER_YEAR)
  const classCategories = cls ? new Set(cls.categories) : undefined
  const classLevels = cls?.levels ? new Set(cls.levels) : undefined
  return (o, day, missing, label) => {
    let result: TriCode = YES
    if (categories && !categories.has(o.category)) return NO
    if (levels) {
      if (o.level === undefined) {
        missing?.add(`${label}.level`)
        result = UNKNOWN
      } else if (!levels.has(o.level)) return NO
    }
    if (cls) {
      const pinned = o.statute !== undefined && cls.statutes.length > 0
      if (pinned) {
        if (!cls.statutes.some((s) => o.statute!.startsWith(s))) return NO
      } else {
        if (!classCategories!.has(o.category)) return NO
        if (classLevels) {
          if (o.level === undefined) {
            missing?.add(`${label}.level`)
            result = UNKNOWN
          } else if (!classLevels.has(o.level)) return NO
        }
      }
    }
    if (windowDays !== undefined) {
      const when = o.date === undefined ? undefined : parseDay(o.date)
      if (when === undefined) {
        missing?.add(`${label}.date`)
        return UNKNOWN
      }
      if (day - when > windowDays) return NO
    }
    return result
  }
}
