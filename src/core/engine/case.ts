/**
 * The engine's input: a case. The TypeBox schema here validates it at every edge (CLI, HTTP, rule
 * cases); the engine itself trusts a validated case.
 */
import { Type, type Static } from 'typebox'
import { Compile } from 'typebox/compile'
import { parseDay, type Day } from '../dates/index.ts'
import { AppError } from '../errors/index.ts'
import { parseOcdId } from '../ocd/index.ts'
import { OFFENSE_CATEGORIES } from '../registry/index.ts'

const strict = { additionalProperties: false } as const
const DateText = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' })

export const OffenseSchema = Type.Object(
  {
    category: Type.Enum(OFFENSE_CATEGORIES, { description: `One of: ${OFFENSE_CATEGORIES.join(', ')}` }),
    level: Type.Optional(Type.Union([Type.Literal('felony'), Type.Literal('misdemeanor'), Type.Literal('infraction')])),
    date: Type.Optional(DateText),
    statute: Type.Optional(Type.String({ minLength: 1, description: 'Pins the offense to a statute, e.g. "Cal. Penal Code 187".' })),
  },
  strict,
)

export const CaseFactsSchema = Type.Object(
  {
    custody: Type.Optional(Type.Union([Type.Literal('county-jail'), Type.Literal('city-jail'), Type.Literal('state-prison')])),
    detainer: Type.Optional(
      Type.Object(
        {
          form: Type.Optional(Type.String({ minLength: 1 })),
          judicialWarrant: Type.Optional(Type.Boolean()),
          judicialProbableCause: Type.Optional(Type.Boolean()),
          reimbursementAgreement: Type.Optional(Type.Boolean()),
          writtenConsent: Type.Optional(Type.Boolean()),
        },
        strict,
      ),
    ),
    person: Type.Optional(
      Type.Object(
        {
          age: Type.Optional(Type.Integer({ minimum: 0, maximum: 130 })),
          convictions: Type.Optional(Type.Array(OffenseSchema)),
          pendingCharges: Type.Optional(Type.Array(OffenseSchema)),
          lawfulStatusProof: Type.Optional(Type.Boolean()),
          gangDatabase: Type.Optional(Type.Boolean()),
        },
        strict,
      ),
    ),
  },
  strict,
)

/** The case the engine answers: where, when, and the facts. Absent facts are unknown. */
export const CaseSchema = Type.Object(
  {
    jurisdiction: Type.String({ description: 'OCD division ID, e.g. ocd-division/country:us/state:ca/county:fresno' }),
    date: DateText,
    ...CaseFactsSchema.properties,
  },
  { ...strict, $id: 'Case' },
)

export type Offense = Static<typeof OffenseSchema>
export type CaseFacts = Static<typeof CaseFactsSchema>
export type Case = Static<typeof CaseSchema>

/** A validated case with its date as a day number. */
export interface ParsedCase extends Case {
  readonly day: Day
}

const checkCase = Compile(CaseSchema)

/**
 * Validates unknown input as a case, or throws `invalid-input` naming the first bad field.
 *
 * @example
 * ```ts
 * parseCase({ jurisdiction: 'ocd-division/country:us/state:ca', date: '2018-01-01' }).day
 * ```
 */
export function parseCase(input: unknown): ParsedCase {
  if (!checkCase.Check(input)) {
    const errors = [...checkCase.Errors(input)].filter((e) => e.keyword !== 'anyOf' && e.keyword !== 'boolean')
    const deepest = errors.sort((a, b) => b.instancePath.length - a.instancePath.length)[0] ?? [...checkCase.Errors(input)][0]
    const field = (deepest?.instancePath ?? '').split('/').filter(Boolean).map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p}`)).join('').replace(/^\./, '') || '(case)'
    const params = (deepest?.params ?? {}) as Record<string, unknown>
    const detail =
      deepest?.keyword === 'additionalProperties'
        ? `unknown field ${((params.additionalProperties as string[]) ?? []).map((n) => `"${n}"`).join(', ')}`
        : deepest?.keyword === 'required'
          ? `missing required field ${((params.requiredProperties as string[]) ?? []).map((n) => `"${n}"`).join(', ')}`
          : (deepest?.message ?? 'invalid')
    throw new AppError('invalid-input', detail, { field })
  }
  const c = input as Case
  if (!parseOcdId(c.jurisdiction)) throw new AppError('invalid-input', `"${c.jurisdiction}" is not a U.S. OCD division ID (e.g. ocd-division/country:us/state:ca/county:fresno)`, { field: 'jurisdiction' })
  const day = parseDay(c.date)
  if (day === undefined) throw new AppError('invalid-input', `"${c.date}" is not a real calendar date`, { field: 'date' })
  const check = (list: readonly Offense[] | undefined, name: string) =>
    list?.forEach((o, i) => {
      if (o.date !== undefined && parseDay(o.date) === undefined) throw new AppError('invalid-input', `"${o.date}" is not a real calendar date`, { field: `person.${name}[${i}].date` })
    })
  check(c.person?.convictions, 'convictions')
  check(c.person?.pendingCharges, 'pendingCharges')
  // One fixed shape for every parsed case, absent facts as undefined. \`{ ...c, day }\` would give each
  // case its own hidden class (V8 does not share the map of a spread clone extended with a new
  // key), which turns every fact read on the batch path into a megamorphic property lookup.
  return { jurisdiction: c.jurisdiction, date: c.date, custody: c.custody, detainer: c.detainer, person: c.person, day }
}
