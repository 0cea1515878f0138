/**
 * The files under `registry/federal/` as TypeBox schemas, one per top-level `kind`. Every fact
 * carries sources (URL and a short quote) and dates; a value no source gives is `{ unknown: why }`.
 */
import { Type, type Static } from 'typebox'
import { DateOrUnknown, DisagreementSchema, LocalId, OcdIdText, SourceSchema, UnknownFieldSchema, UnknownSchema } from '../registry/index.ts'
import { ACTION_KINDS, AMOUNT_KINDS, CIRCUITS, CONDITION_KINDS, ENTRY_FLAGS, HOLDINGS, LIST_KINDS } from './model.ts'

const strict = { additionalProperties: false } as const
const Sources = Type.Array(SourceSchema, { minItems: 1 })
const Notes = Type.Optional(Type.Array(Type.String({ minLength: 1 })))
const Disagreements = Type.Optional(Type.Array(DisagreementSchema))
const Unknowns = Type.Optional(Type.Array(UnknownFieldSchema))
const CircuitText = Type.Enum(CIRCUITS as unknown as string[], { description: "A federal circuit: '1' to '11' or 'dc'." })

/** An OCD ID, or `{ unmatched: why }` for a name that matches no division. */
const Match = Type.Union([OcdIdText, Type.Object({ unmatched: Type.String({ minLength: 3 }) }, strict)])

export const CircuitsFile = Type.Object(
  {
    kind: Type.Literal('circuits'),
    circuits: Type.Array(Type.Object({ circuit: CircuitText, states: Type.Array(Type.String({ pattern: '^[a-z]{2}$' }), { minItems: 1 }) }, strict), { minItems: 1 }),
    sources: Sources,
  },
  strict,
)

const ListEntry = Type.Object(
  {
    name: Type.String({ minLength: 1, description: 'The name exactly as the list printed it.' }),
    heading: Type.Optional(Type.String({ minLength: 1 })),
    jurisdiction: Match,
    flags: Type.Optional(Type.Array(Type.Object({ flag: Type.Enum(ENTRY_FLAGS as unknown as string[]), note: Type.String({ minLength: 3 }), sources: Type.Optional(Sources) }, strict))),
    claim: Type.Optional(Type.String({ minLength: 3 })),
    sources: Type.Optional(Sources),
  },
  strict,
)

export const ListFile = Type.Object(
  {
    kind: Type.Literal('federal-list'),
    id: LocalId,
    title: Type.String({ minLength: 3 }),
    publisher: Type.String({ minLength: 2 }),
    listKind: Type.Enum(LIST_KINDS as unknown as string[]),
    published: DateOrUnknown,
    withdrawn: Type.Optional(Type.Object({ date: DateOrUnknown, sources: Sources }, strict)),
    authority: Type.Optional(Type.String({ minLength: 3 })),
    criteria: Type.Union([Type.String({ minLength: 3 }), UnknownSchema]),
    statedCount: Type.Union([Type.Integer({ minimum: 0 }), UnknownSchema]),
    complete: Type.Boolean({ description: 'True when entries transcribe the whole list.' }),
    summary: Type.String({ minLength: 3 }),
    sources: Sources,
    entries: Type.Array(ListEntry),
    disagreements: Disagreements,
    unknowns: Unknowns,
    notes: Notes,
  },
  strict,
)

const Program = Type.Object(
  { id: LocalId, name: Type.String({ minLength: 3 }), administeredBy: Type.String({ minLength: 2 }), summary: Type.String({ minLength: 3 }), sources: Sources },
  strict,
)

const Condition = Type.Object(
  {
    id: LocalId,
    program: LocalId,
    fiscalYear: Type.Integer({ minimum: 1990, maximum: 2100 }),
    conditionKind: Type.Enum(CONDITION_KINDS as unknown as string[]),
    title: Type.String({ minLength: 3 }),
    summary: Type.String({ minLength: 3 }),
    announced: DateOrUnknown,
    sources: Sources,
    notes: Notes,
  },
  strict,
)

export const ConditionsFile = Type.Object({ kind: Type.Literal('grant-conditions'), programs: Type.Array(Program), conditions: Type.Array(Condition) }, strict)

const Scope = Type.Union([
  Type.Literal('nationwide'),
  Type.Literal('stayed'),
  Type.Object({ parties: Type.Array(OcdIdText, { minItems: 1 }) }, strict),
  Type.Object({ stateAndSubdivisions: OcdIdText }, strict),
])

const Injunction = Type.Object(
  {
    conditions: Type.Array(LocalId, { minItems: 1 }),
    permanent: Type.Boolean(),
    periods: Type.Array(Type.Object({ from: DateOrUnknown, to: Type.Optional(DateOrUnknown), scope: Scope, note: Type.Optional(Type.String()), sources: Sources }, strict), { minItems: 1 }),
  },
  strict,
)

const Ruling = Type.Object(
  {
    id: LocalId,
    court: Type.String({ minLength: 3 }),
    level: Type.Union([Type.Literal('district'), Type.Literal('appeals'), Type.Literal('supreme')]),
    circuit: CircuitText,
    enBanc: Type.Optional(Type.Boolean()),
    stage: Type.String({ minLength: 3 }),
    citation: Type.Union([Type.String({ minLength: 1 }), UnknownSchema]),
    docket: Type.Optional(Type.String({ minLength: 1 })),
    decided: DateOrUnknown,
    parties: Type.Optional(Type.Array(OcdIdText)),
    holdings: Type.Array(
      Type.Object({ conditions: Type.Array(LocalId, { minItems: 1 }), holding: Type.Enum(HOLDINGS as unknown as string[]), summary: Type.String({ minLength: 3 }), sources: Sources }, strict),
    ),
    injunction: Type.Optional(Injunction),
    precedentEnds: Type.Optional(Type.Object({ date: DateOrUnknown, reason: Type.String({ minLength: 3 }), sources: Sources }, strict)),
    reviews: Type.Optional(
      Type.Object(
        {
          ruling: LocalId,
          disposition: Type.Union(['affirmed', 'reversed', 'vacated', 'affirmed-in-part', 'rehearing-granted', 'rehearing-vacated'].map((d) => Type.Literal(d))),
        },
        strict,
      ),
    ),
    summary: Type.String({ minLength: 3 }),
    sources: Sources,
    disagreements: Disagreements,
    unknowns: Unknowns,
    notes: Notes,
  },
  strict,
)

export const CasesFile = Type.Object(
  {
    kind: Type.Literal('court-cases'),
    cases: Type.Array(Type.Object({ id: LocalId, title: Type.String({ minLength: 3 }), subject: Type.String({ minLength: 3 }), sources: Sources, rulings: Type.Array(Ruling, { minItems: 1 }) }, strict)),
  },
  strict,
)

const Target = Type.Object({ name: Type.String({ minLength: 1 }), jurisdiction: Match, official: Type.Optional(Type.String({ minLength: 2 })) }, strict)

export const ActionsFile = Type.Object(
  {
    kind: Type.Literal('official-actions'),
    actions: Type.Array(
      Type.Object(
        {
          id: LocalId,
          actionKind: Type.Enum(ACTION_KINDS as unknown as string[]),
          date: DateOrUnknown,
          actor: Type.String({ minLength: 2 }),
          targets: Type.Array(Target, { minItems: 1 }),
          summary: Type.String({ minLength: 3 }),
          outcome: Type.Union([Type.String({ minLength: 3 }), UnknownSchema]),
          sources: Sources,
          notes: Notes,
        },
        strict,
      ),
    ),
  },
  strict,
)

export const FundingFile = Type.Object(
  {
    kind: Type.Literal('funding'),
    records: Type.Array(
      Type.Object(
        {
          id: LocalId,
          jurisdictions: Type.Array(OcdIdText),
          programId: Type.Optional(LocalId),
          program: Type.String({ minLength: 2 }),
          fiscalYear: Type.Union([Type.Integer({ minimum: 1990, maximum: 2100 }), UnknownSchema]),
          amount: Type.Union([Type.Number({ minimum: 0 }), UnknownSchema]),
          amountKind: Type.Enum(AMOUNT_KINDS as unknown as string[]),
          basis: Type.Optional(Type.String({ minLength: 3 })),
          summary: Type.String({ minLength: 3 }),
          sources: Sources,
          disagreements: Disagreements,
          notes: Notes,
        },
        strict,
      ),
    ),
  },
  strict,
)

export const FEDERAL_FILE_SCHEMAS = {
  circuits: CircuitsFile,
  'federal-list': ListFile,
  'grant-conditions': ConditionsFile,
  'court-cases': CasesFile,
  'official-actions': ActionsFile,
  funding: FundingFile,
} as const
export type FederalFileKind = keyof typeof FEDERAL_FILE_SCHEMAS

export type CircuitsFileInput = Static<typeof CircuitsFile>
export type ListFileInput = Static<typeof ListFile>
export type ConditionsFileInput = Static<typeof ConditionsFile>
export type CasesFileInput = Static<typeof CasesFile>
export type ActionsFileInput = Static<typeof ActionsFile>
export type FundingFileInput = Static<typeof FundingFile>
