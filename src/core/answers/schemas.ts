/**
 * TypeBox schemas of what this module returns. The types the functions return are derived from
 * them, so the OpenAPI document the HTTP adapter publishes cannot drift from the values.
 */
import { Type, type Static, type TSchema } from 'typebox'
import type { CaseFacts } from '../engine/index.ts'
import { TEMPLATE_IDS } from './templates.ts'

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()])

export const VALUES = ['permitted', 'required', 'prohibited', 'undetermined'] as const
export const DECIDING_LAYERS = ['federal', 'state', 'county', 'place', 'default'] as const
export const QUESTION_IDS = ['hold', 'notify', 'interview'] as const

export const ValueSchema = Type.Enum(VALUES, { description: 'The engine\'s answer: may (permitted), must (required), must not (prohibited), or undetermined' })
export const DecidingLayerSchema = Type.Enum(DECIDING_LAYERS, {
  description: "The most local layer whose provision decided; 'default' when no provision decided (the engine's default: permitted)",
})
export const QuestionSchema = Type.Enum(QUESTION_IDS, { description: 'hold (detainer-hold), notify (release-notification) or interview (interview-access)' })
export const TemplateIdSchema = Type.Enum(TEMPLATE_IDS, { description: 'A case template' })
export const DateTextSchema = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' })

const Decided = {
  value: ValueSchema,
  layer: DecidingLayerSchema,
  decidedBy: Nullable(Type.String({ description: "OCD ID of the deciding layer's jurisdiction; null when layer is 'default'" })),
  maxHours: Nullable(Type.Number({ description: 'For hold: the longest hold allowed in hours, when the answer allows one and a provision states it' })),
  conditional: Nullable(Type.String({ description: 'When undetermined for want of facts: the answer under each value of them, in words (the evaluator gives the branches)' })),
}

export const PlaceRefSchema = Type.Object({ jurisdiction: Type.String(), name: Type.String() })

const StateFields = {
  fips: Type.String({ description: 'Two-digit state FIPS code' }),
  code: Type.String({ description: 'Postal code, upper case' }),
  name: Type.String(),
  jurisdiction: Type.String({ description: 'OCD division ID' }),
  inRegistry: Type.Boolean(),
}

export const StateAnswerSchema = Type.Object({ ...StateFields, ...Decided })

const CountyFields = {
  geoid: Type.String({ description: 'Five-digit Census GEOID (us-atlas counties-10m id)' }),
  name: Type.String(),
  state: Type.String({ description: 'Postal code, upper case' }),
  jurisdiction: Type.String({ description: "The registry file's OCD ID, or one derived from the state and name" }),
  inRegistry: Type.Boolean({ description: 'True when the county has a registry file of its own' }),
}
const CountyPlaces = Type.Array(PlaceRefSchema, { description: 'Registry places with their own law whose jail is this county' })

export const CountyAnswerSchema = Type.Object({
  ...CountyFields,
  ...Decided,
  places: CountyPlaces,
  agreements287g: Type.Integer({ minimum: 0, description: "287(g) agreements in force on the date that the county's own agencies signed (the sheriff's office, a county jail or police)" }),
  cityAgreements287g: Type.Integer({ minimum: 0, description: '287(g) agreements in force on the date that agencies of cities mostly in the county signed (police departments)' }),
})

export const AssumedFactSchema = Type.Object({
  kind: Type.Literal('assumed-fact'),
  name: Type.Enum(['judicialProbableCause', 'reimbursementAgreement', 'writtenConsent', 'lawfulStatusProof', 'gangDatabase'] as const, { description: 'The query parameter that changes it' }),
  fact: Type.String({ description: "The engine's fact path" }),
  value: Type.Enum(['yes', 'no', 'unknown'] as const),
  defaultValue: Type.Enum(['yes', 'no', 'unknown'] as const, { description: "The template's own value" }),
  words: Type.String(),
  question: Type.String(),
})

export const CountsSchema = Type.Object({ permitted: Type.Integer(), required: Type.Integer(), prohibited: Type.Integer(), undetermined: Type.Integer() }, { description: 'Counties by value' })

export const AnswersSchema = Type.Object(
  {
    kind: Type.Literal('answers'),
    date: DateTextSchema,
    action: QuestionSchema,
    template: Type.Object({ id: TemplateIdSchema, label: Type.String() }),
    assumptions: Type.Array(AssumedFactSchema, { description: "Facts the template assumes rather than states, with the values used (change them with the parameters of the same names)" }),
    facts: Type.Unsafe<CaseFacts>(Type.Object({}, { additionalProperties: true, description: 'The case facts every county was answered with (POST them to /api/v1/evaluate with a jurisdiction and the date for the same answer)' })),
    registryVersion: Type.String(),
    engineVersion: Type.String(),
    counts: CountsSchema,
    states: Type.Array(StateAnswerSchema),
    counties: Type.Array(CountyAnswerSchema),
    placesWithoutCounty: Type.Array(Type.Object({ jurisdiction: Type.String(), name: Type.String(), state: Nullable(Type.String()) }), {
      description: 'Registry places with their own law whose jail county the registry does not record, so no county lists them',
    }),
  }
)
export type Answers = Static<typeof AnswersSchema>

export const DecisionSchema = Type.Object({ ...Decided }, { description: 'One distinct answer of the map: value, deciding layer and its jurisdiction, hours, conditional answer' })

export const AnswersPlacesSchema = Type.Object(
  {
    kind: Type.Literal('answers-places'),
    id: Type.String({ description: 'Names this list and its order; compact answers carry it as placesId (changes only with the registry or the atlas)' }),
    registryVersion: Type.String(),
    states: Type.Array(Type.Object(StateFields), { description: 'Every state, in the order of a compact answers body' }),
    counties: Type.Array(Type.Object({ ...CountyFields, places: CountyPlaces }), { description: 'Every county, in the order of a compact answers body' }),
    placesWithoutCounty: Type.Array(Type.Object({ jurisdiction: Type.String(), name: Type.String(), state: Nullable(Type.String()) })),
  },
  { description: 'What the answers say about each state and county that does not depend on the date or the question (GET /api/v1/answers/places)' },
)
export type AnswersPlaces = Static<typeof AnswersPlacesSchema>

export const CompactAnswersSchema = Type.Object(
  {
    kind: Type.Literal('answers-compact'),
    date: DateTextSchema,
    action: QuestionSchema,
    template: Type.Object({ id: TemplateIdSchema, label: Type.String() }),
    assumptions: Type.Array(AssumedFactSchema),
    facts: Type.Unsafe<CaseFacts>(Type.Object({}, { additionalProperties: true, description: 'As in the full form' })),
    registryVersion: Type.String(),
    engineVersion: Type.String(),
    placesId: Type.String({ description: 'The id of the GET /api/v1/answers/places list whose order the arrays follow' }),
    counts: CountsSchema,
    decisions: Type.Array(DecisionSchema, { description: 'The distinct answers, each once' }),
    states: Type.Array(Type.Integer({ minimum: 0 }), { description: "Per state, in the places list's order: the index of its answer in decisions" }),
    counties: Type.Array(Type.Integer({ minimum: 0 }), { description: "Per county, in the places list's order: the index of its answer in decisions" }),
    agreements287g: Type.Array(Type.Integer({ minimum: 0 }), { description: 'Per county: as agreements287g in the full form' }),
    cityAgreements287g: Type.Array(Type.Integer({ minimum: 0 }), { description: 'Per county: as cityAgreements287g in the full form' }),
  },
  { description: 'format=compact: the same answers with the date-independent fields left to GET /api/v1/answers/places (what the map requests)' },
)
export type CompactAnswers = Static<typeof CompactAnswersSchema>
export type StateAnswer = Static<typeof StateAnswerSchema>
export type CountyAnswer = Static<typeof CountyAnswerSchema>
export type DecidingLayer = (typeof DECIDING_LAYERS)[number]

export const LEVELS = ['country', 'state', 'district', 'county', 'place'] as const

export const LayerRefSchema = Type.Object({
  layer: Type.Enum(['federal', 'state', 'county', 'place'] as const),
  jurisdiction: Nullable(Type.String({ description: 'OCD ID; null when it cannot be identified (a place whose jail county is unknown)' })),
  name: Nullable(Type.String()),
  inRegistry: Type.Boolean(),
  note: Nullable(Type.String()),
})
export type LayerRef = Static<typeof LayerRefSchema>

export const ComparedProvisionSchema = Type.Object({
  provision: Type.String(),
  enactment: Type.String(),
  title: Type.String({ description: "The enactment's title" }),
  citation: Nullable(Type.String()),
  jurisdiction: Type.String({ description: 'OCD ID of the file the provision is in' }),
  layer: Type.Enum(['federal', 'state', 'county', 'place'] as const),
  effect: Type.Enum(['prohibit', 'permit', 'require', 'limit'] as const),
  summary: Type.String(),
  inForce: Type.Enum(['yes', 'unknown'] as const, { description: "'unknown' when the date falls inside a partial or unknown date's window" }),
  missing: Type.Array(Type.String(), { description: 'The dates that leave inForce unknown' }),
  maxHours: Nullable(Type.Number()),
  confidence: Type.Enum(['high', 'medium', 'low'] as const),
  url: Type.String({ description: 'First source' }),
  quote: Type.String(),
})
export type ComparedProvision = Static<typeof ComparedProvisionSchema>

export const ComparisonSchema = Type.Object(
  {
    kind: Type.Literal('comparison'),
    date: DateTextSchema,
    registryVersion: Type.String(),
    jurisdictions: Type.Array(
      Type.Object({
        jurisdiction: Type.String(),
        name: Type.String(),
        level: Type.Enum(LEVELS),
        state: Nullable(Type.String()),
        inRegistry: Type.Boolean(),
        layers: Type.Array(LayerRefSchema),
      }),
    ),
    actions: Type.Array(
      Type.Object({
        action: Type.String({ description: 'A registry action, e.g. detainer-hold' }),
        cells: Type.Array(Type.Object({ jurisdiction: Type.String(), provisions: Type.Array(ComparedProvisionSchema) }), { description: 'One per jurisdiction, in the order asked' }),
      }),
    ),
  }
)
export type Comparison = Static<typeof ComparisonSchema>

export const UnlistedJurisdictionSchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    level: Type.Enum(LEVELS),
    state: Nullable(Type.String({ description: 'Postal code, lower case as in registry views' })),
    inRegistry: Type.Literal(false),
    geoid: Nullable(Type.String()),
    note: Type.String(),
    layers: Type.Array(LayerRefSchema),
    enactments: Type.Array(Type.Never(), { maxItems: 0 }),
  },
  { description: 'A valid division with no registry file: the layers whose law reaches it' },
)
export type UnlistedJurisdiction = Static<typeof UnlistedJurisdictionSchema>

const ErrorChoiceSchema = Type.Object({
  id: Type.String({ description: 'OCD division ID, or an enactment id for a law' }),
  name: Type.String(),
  type: Type.String({ description: 'county, city, state, law…' }),
  state: Nullable(Type.String({ description: 'Postal code, upper case' })),
})
export const ErrorSchema = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    field: Type.Optional(Type.String({ description: 'The input field at fault' })),
    candidates: Type.Optional(Type.Array(ErrorChoiceSchema, { description: 'An ambiguous name: the equally good candidates (choose one, or give the state)' })),
    suggestions: Type.Optional(Type.Array(ErrorChoiceSchema, { description: 'An unknown name or ID: what it may have meant' })),
  }),
})
