/**
 * The registry's file format as TypeBox schemas: the single source of truth, published as JSON
 * Schema (`schema/registry.schema.json`, written by `npm run schema`). These describe the YAML as
 * people write it; `normalize.ts` turns a valid document into the immutable model in `model.ts`.
 */
import { Type, type Static, type TSchema } from 'typebox'
import { OCD_ID_PATTERN } from '../ocd/index.ts'

const strict = { additionalProperties: false } as const

/** `YYYY-MM-DD`, or a partial `YYYY-MM` / `YYYY` when the source gives no more. */
export const DateText = Type.String({
  pattern: '^\\d{4}(-\\d{2}(-\\d{2})?)?$',
  description: 'ISO 8601 date; YYYY-MM or YYYY when the sources give no day.',
})

/**
 * A note for the registry's maintainers: how a source was found, what the research draft said, which
 * file to read next. Dropped when the registry is built, so no page, export or API view shows it;
 * everything else in a file is public text (see `public-text.ts`).
 */
export const MaintainerNote = Type.Optional(
  Type.Union([Type.String({ minLength: 1 }), Type.Array(Type.String({ minLength: 1 }), { minItems: 1 })], {
    description: 'For maintainers only: never shown on a page, in an export or by the API.',
  }),
)

/** A value the sources do not give, with the reason. */
export const Unknown = Type.Object({ unknown: Type.String({ minLength: 3, description: 'Why the value is unknown.' }) }, strict)

/** A date, or unknown with a reason. */
export const DateOrUnknown = Type.Union([DateText, Unknown])

export const OcdIdText = Type.String({ pattern: OCD_ID_PATTERN, description: 'Open Civic Data division ID.' })
export const LocalId = Type.String({ pattern: '^[a-z0-9][a-z0-9-]*$', description: 'kebab-case identifier, unique in the registry.' })

export const SourceReliability = Type.Union(
  [
    Type.Literal('primary'),
    Type.Literal('official'),
    Type.Literal('secondary'),
    Type.Literal('news'),
    Type.Literal('advocacy'),
    Type.Literal('low'),
  ],
  { description: 'primary = the law text itself; official = a government page; advocacy = a group on one side; low = an unreliable outlet, kept only to record a disagreement.' },
)

/** A citation for a fact: where it was read and a short verbatim quote. */
export const Source = Type.Object(
  {
    url: Type.String({ pattern: '^https?://', description: 'Where the quote was read.' }),
    quote: Type.String({ minLength: 3, description: 'A short verbatim quote (under about 40 words).' }),
    reliability: Type.Optional(SourceReliability),
    note: Type.Optional(Type.String({ description: 'Public: what the source is, for a reader (e.g. "AP report on final passage").' })),
    maintainerNote: MaintainerNote,
  },
  strict,
)

export const Sources = Type.Array(Source, { minItems: 1 })

export const Confidence = Type.Union([Type.Literal('high'), Type.Literal('medium'), Type.Literal('low')])

/** Sources that disagree about one thing: each claim with its own sources. Recorded, not resolved. */
export const Disagreement = Type.Object(
  {
    about: Type.String({ minLength: 3 }),
    claims: Type.Array(Type.Object({ claim: Type.String({ minLength: 1 }), sources: Sources, maintainerNote: MaintainerNote }, strict), { minItems: 2 }),
    note: Type.Optional(Type.String()),
    maintainerNote: MaintainerNote,
  },
  strict,
)

/** A field the sources do not give. */
export const UnknownField = Type.Object({ field: Type.String({ minLength: 1 }), reason: Type.String({ minLength: 3 }), maintainerNote: MaintainerNote }, strict)

export const Custody = Type.Union([Type.Literal('county-jail'), Type.Literal('city-jail'), Type.Literal('state-prison')])

export const OffenseLevel = Type.Union([Type.Literal('felony'), Type.Literal('misdemeanor'), Type.Literal('infraction')])

/** The offense categories cases use (see `src/core/offenses`). */
export const OFFENSE_CATEGORIES = [
  'homicide',
  'kidnapping',
  'sexual-assault',
  'robbery',
  'assault',
  'arson',
  'burglary',
  'larceny',
  'fraud',
  'drugs',
  'drug-trafficking',
  'weapons',
  'dui',
  'traffic',
  'immigration',
  'other',
] as const
export const OffenseCategory = Type.Enum(OFFENSE_CATEGORIES)

const Duration = Type.Object(
  { years: Type.Number({ minimum: 0, description: 'Whole or fractional years before the case date.' }) },
  strict,
)

/** What an offense must look like to match: every given criterion must hold. */
export const OffenseMatch = Type.Object(
  {
    categories: Type.Optional(Type.Array(OffenseCategory, { minItems: 1 })),
    levels: Type.Optional(Type.Array(OffenseLevel, { minItems: 1 })),
    class: Type.Optional(Type.String({ pattern: '^[a-z0-9-]+$', description: 'An offense class id from offense-classes.yaml.' })),
    within: Type.Optional(Duration),
  },
  strict,
)

/** The facts of a case a condition can test. */
export const FACT_PATHS = [
  'custody',
  'detainer.form',
  'detainer.judicialWarrant',
  'detainer.judicialProbableCause',
  'detainer.reimbursementAgreement',
  'detainer.writtenConsent',
  'person.age',
  'person.lawfulStatusProof',
  'person.gangDatabase',
] as const
export const FactPath = Type.Enum(FACT_PATHS)
const Scalar = Type.Union([Type.String(), Type.Number(), Type.Boolean()])

/**
 * A condition on the case, as written in YAML. One key picks the form:
 * `all` / `any` / `not` combine; `fact` tests a case fact; `conviction` / `pendingCharge` test
 * whether any conviction or pending charge matches.
 */
export const Condition: TSchema = Type.Cyclic(
  {
    Condition: Type.Union([
      Type.Object({ all: Type.Array(Type.Ref('Condition'), { minItems: 1 }) }, strict),
      Type.Object({ any: Type.Array(Type.Ref('Condition'), { minItems: 1 }) }, strict),
      Type.Object({ not: Type.Ref('Condition') }, strict),
      Type.Object(
        {
          fact: FactPath,
          equals: Type.Optional(Scalar),
          in: Type.Optional(Type.Array(Scalar, { minItems: 1 })),
          atLeast: Type.Optional(Type.Number()),
          below: Type.Optional(Type.Number()),
        },
        strict,
      ),
      Type.Object({ conviction: OffenseMatch }, strict),
      Type.Object({ pendingCharge: OffenseMatch }, strict),
    ]),
  },
  'Condition',
)

/** What a provision governs. The engine answers `detainer-hold`, `release-notification`, `interview-access`. */
export const ACTIONS = [
  'detainer-hold',
  'release-notification',
  'interview-access',
  'transfer',
  'agreement-287g',
  'status-inquiry',
  'information-sharing',
  'courthouse-arrest',
  'local-resources',
  'preemption',
  'legal-representation',
] as const
export const Action = Type.Enum(ACTIONS)

/**
 * prohibit / require / permit apply their effect when the condition holds;
 * limit means "permitted only when the condition holds, prohibited otherwise".
 */
export const Effect = Type.Union([Type.Literal('prohibit'), Type.Literal('permit'), Type.Literal('require'), Type.Literal('limit')])

export const Limits = Type.Object(
  {
    maxHours: Type.Optional(Type.Number({ minimum: 0 })),
    hoursExclude: Type.Optional(Type.Array(Type.Union([Type.Literal('weekends'), Type.Literal('holidays')]))),
    reimbursement: Type.Optional(Type.Union([Type.Literal('required'), Type.Literal('not-required')])),
    noticeHours: Type.Optional(Type.Number({ minimum: 0 })),
  },
  strict,
)

export const Penalty = Type.Object(
  { text: Type.String({ minLength: 3 }), sources: Sources, maintainerNote: MaintainerNote },
  strict,
)

export const Provision = Type.Object(
  {
    id: LocalId,
    action: Action,
    effect: Effect,
    summary: Type.String({ minLength: 3, description: 'What the provision says, in neutral plain words.' }),
    from: Type.Optional(DateOrUnknown),
    to: Type.Optional(DateOrUnknown),
    custody: Type.Optional(Type.Array(Custody, { minItems: 1, description: 'Custody types this binds; default: every custody the level governs.' })),
    when: Type.Optional(Condition),
    unless: Type.Optional(Condition),
    limits: Type.Optional(Limits),
    overridesLocal: Type.Optional(Type.Boolean({ description: 'True when this rule displaces contrary rules of lower levels (express preemption, a binding court ruling).' })),
    penalties: Type.Optional(Type.Array(Penalty)),
    interpretation: Type.Optional(Type.String({ description: 'How the text was modelled as a condition, where that took judgement.' })),
    confidence: Confidence,
    sources: Sources,
    disagreements: Type.Optional(Type.Array(Disagreement)),
    unknowns: Type.Optional(Type.Array(UnknownField)),
    maintainerNote: MaintainerNote,
  },
  strict,
)

export const ENACTMENT_KINDS = [
  'statute',
  'regulation',
  'ordinance',
  'resolution',
  'executive-order',
  'jail-policy',
  'attorney-general-directive',
  'court-decision',
  'consent-decree',
  'ballot-measure',
  'agreement',
  /** A federal program run by an agency without a statute or rule of its own (Secure Communities). */
  'federal-program',
] as const
export const EnactmentKind = Type.Enum(ENACTMENT_KINDS)

export const STATUS_KINDS = ['in-force', 'enjoined', 'stayed', 'struck-down', 'repealed', 'expired', 'superseded', 'failed'] as const

export const StatusPeriod = Type.Object(
  {
    status: Type.Enum(STATUS_KINDS),
    from: DateOrUnknown,
    to: Type.Optional(DateOrUnknown),
    by: Type.Optional(Type.String({ description: 'Id of the enactment (often a court decision) that caused this status.' })),
    provisions: Type.Optional(Type.Array(Type.String(), { description: 'Only these provisions; default: the whole enactment.' })),
    sources: Sources,
    maintainerNote: MaintainerNote,
  },
  strict,
)

export const Enactment = Type.Object(
  {
    id: LocalId,
    title: Type.String({ minLength: 3 }),
    kind: EnactmentKind,
    citation: Type.Union([Type.String({ minLength: 1 }), Unknown]),
    enacted: DateOrUnknown,
    effective: DateOrUnknown,
    ends: Type.Optional(DateOrUnknown),
    inForceBy: Type.Optional(
      Type.Object({ date: DateText, sources: Sources, maintainerNote: MaintainerNote }, { ...strict, description: 'A source shows the enactment in force on this date; bounds an unknown effective date.' }),
    ),
    status: Type.Optional(Type.Array(StatusPeriod)),
    amends: Type.Optional(Type.Array(Type.String())),
    supersedes: Type.Optional(Type.Array(Type.String())),
    repeals: Type.Optional(Type.Array(Type.String())),
    confidence: Confidence,
    sources: Sources,
    provisions: Type.Optional(Type.Array(Provision)),
    disagreements: Type.Optional(Type.Array(Disagreement)),
    unknowns: Type.Optional(Type.Array(UnknownField)),
    notes: Type.Optional(Type.Array(Type.String())),
    maintainerNote: MaintainerNote,
  },
  strict,
)

export const Geoid = Type.Union([
  Type.Object(
    {
      code: Type.String({ pattern: '^(\\d{2}|\\d{5}|\\d{7})$', description: 'Census GEOID: 2 (state), 5 (county), 7 (place) digits.' }),
      vintage: Type.Integer({ minimum: 1990, maximum: 2100 }),
      sources: Sources,
      maintainerNote: MaintainerNote,
    },
    strict,
  ),
  Unknown,
])

export const DetainerForm = Type.Object(
  {
    form: Type.String({ minLength: 3 }),
    title: Type.String({ minLength: 3 }),
    from: DateOrUnknown,
    to: Type.Optional(DateOrUnknown),
    requests: Type.Array(Type.Union([Type.Literal('hold'), Type.Literal('notify'), Type.Literal('transfer'), Type.Literal('arrest')])),
    summary: Type.String(),
    sources: Sources,
    maintainerNote: MaintainerNote,
  },
  strict,
)

/**
 * Research that looked for law on some actions and found none: what was searched, on which day,
 * and what was found. Public text, so a reader sees that "no state law" was looked for rather than
 * assumed; it decides nothing in the engine.
 */
export const ResearchSearch = Type.Object(
  {
    on: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'The day the search was made.' }),
    actions: Type.Array(Action, { minItems: 1, description: 'The actions the search looked for law on.' }),
    searched: Type.String({ minLength: 10, description: 'Public: what was searched (which code, session laws, orders, rulings, for which terms).' }),
    found: Type.String({ minLength: 3, description: 'Public: what the search found (e.g. "no statute on detainers").' }),
    sources: Type.Optional(Type.Array(Source, { minItems: 1, description: 'The indexes or pages searched, each with a quote.' })),
    maintainerNote: MaintainerNote,
  },
  strict,
)

/** One registry file: a jurisdiction and its enactments. */
export const JurisdictionFile = Type.Object(
  {
    id: OcdIdText,
    name: Type.String({ minLength: 2 }),
    level: Type.Union([Type.Literal('country'), Type.Literal('state'), Type.Literal('district'), Type.Literal('county'), Type.Literal('place')]),
    generated: Type.Optional(
      Type.Boolean({ description: 'True in files a program writes (`<path>.287g.yaml`, by `sanctuary import-287g`): never edited by hand; merged with the hand-written file of the same ID.' }),
    ),
    consolidated: Type.Optional(Type.Boolean({ description: 'A consolidated city-county, filed under its county ID.' })),
    jailCounty: Type.Optional(Type.Union([OcdIdText, Unknown], { description: 'For a place: the county whose jail holds its arrestees.' })),
    geoid: Geoid,
    aliases: Type.Optional(Type.Array(Type.String({ minLength: 2 }))),
    confidence: Confidence,
    confidenceNote: Type.Optional(Type.String()),
    enactments: Type.Array(Enactment),
    detainerForms: Type.Optional(Type.Array(DetainerForm)),
    disagreements: Type.Optional(Type.Array(Disagreement)),
    unknowns: Type.Optional(Type.Array(UnknownField)),
    notes: Type.Optional(Type.Array(Type.String())),
    searches: Type.Optional(Type.Array(ResearchSearch, { description: 'Dated research that found no law on some actions.' })),
    maintainerNote: MaintainerNote,
  },
  { ...strict, $id: 'https://sanctuary-atlas.example/schema/registry.schema.json', title: 'Sanctuary Atlas registry file' },
)

/** A named statutory class of offenses, mapped from the category vocabulary. */
export const OffenseClass = Type.Object(
  {
    id: Type.String({ pattern: '^[a-z0-9-]+$' }),
    name: Type.String({ minLength: 3 }),
    jurisdiction: OcdIdText,
    definedBy: Type.String({ minLength: 3, description: 'The statute that defines the class.' }),
    categories: Type.Array(OffenseCategory, { minItems: 1 }),
    levels: Type.Optional(Type.Array(OffenseLevel, { minItems: 1 })),
    statutes: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { description: 'Statute prefixes that pin an offense into the class exactly.' })),
    approximate: Type.Boolean({ description: 'True when categories only approximate the statutory list.' }),
    note: Type.Optional(Type.String()),
    sources: Sources,
    maintainerNote: MaintainerNote,
  },
  strict,
)

export const OffenseClassesFile = Type.Object({ classes: Type.Array(OffenseClass) }, strict)

export type SourceInput = Static<typeof Source>
export type DisagreementInput = Static<typeof Disagreement>
export type ProvisionInput = Static<typeof Provision>
export type EnactmentInput = Static<typeof Enactment>
export type JurisdictionFileInput = Static<typeof JurisdictionFile>
export type OffenseClassInput = Static<typeof OffenseClass>
export type ConditionInput =
  | { all: ConditionInput[] }
  | { any: ConditionInput[] }
  | { not: ConditionInput }
  | { fact: (typeof FACT_PATHS)[number]; equals?: string | number | boolean; in?: (string | number | boolean)[]; atLeast?: number; below?: number }
  | { conviction: Static<typeof OffenseMatch> }
  | { pendingCharge: Static<typeof OffenseMatch> }
