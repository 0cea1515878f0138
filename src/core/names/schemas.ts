/** The shapes the resolver returns, as TypeBox schemas (the API documents them in OpenAPI). */
import { Type, type Static, type TSchema } from 'typebox'

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()])

export const LEVELS = ['country', 'state', 'district', 'county', 'place'] as const

/** One real division a name can mean: a registry jurisdiction, or a state, county or place of the gazetteer. */
export const CandidateSchema = Type.Object({
  jurisdiction: Type.String({ description: 'OCD division ID' }),
  name: Type.String({ description: 'The registry name, else the Census name with its state: "Harris County, TX", "Houston, TX"' }),
  level: Type.Enum(LEVELS),
  type: Type.String({ description: 'state, district, county, parish, borough, independent city, city, town, village…' }),
  state: Nullable(Type.String({ description: 'Postal code, upper case' })),
  inRegistry: Type.Boolean(),
  geoid: Nullable(Type.String({ description: 'Census GEOID: 2 digits for a state, 5 for a county, 7 for a place' })),
  population: Nullable(Type.Number({ description: 'Residents (Census estimate) when the server has the Census tables' })),
})
export type Candidate = Static<typeof CandidateSchema>

/** An enactment found by its name, number or citation. */
export const LawResultSchema = Type.Object({
  enactment: Type.String({ description: 'Enactment id' }),
  title: Type.String(),
  citation: Nullable(Type.String()),
  jurisdiction: Type.String({ description: 'OCD ID of the file the enactment is in' }),
  jurisdictionName: Type.String(),
  state: Nullable(Type.String({ description: 'Postal code, upper case; null for federal law' })),
  match: Type.Enum(['number', 'title', 'citation', 'topic', 'fuzzy'] as const, { description: 'What matched: its number or name exactly, words of its title or citation, a topic (287(g)), or a near spelling' }),
})
export type LawResult = Static<typeof LawResultSchema>

export const RESOLVED_BY = ['id', 'geoid', 'zip', 'name', 'state', 'population'] as const

/** What a typed name resolves to. */
export const ResolutionSchema = Type.Union([
  Type.Object({
    kind: Type.Literal('resolved'),
    query: Type.String(),
    jurisdiction: CandidateSchema,
    by: Type.Enum(RESOLVED_BY, { description: 'id/geoid: exact code; zip: the one county of a ZIP code; name: the only exact match; state: the only one in the state given; population: the most populous by far' }),
    reason: Type.String(),
  }),
  Type.Object({ kind: Type.Literal('ambiguous'), query: Type.String(), candidates: Type.Array(CandidateSchema), reason: Type.String() }),
  Type.Object({ kind: Type.Literal('unknown'), query: Type.String(), suggestions: Type.Array(CandidateSchema), reason: Type.String() }),
])
export type Resolution = Static<typeof ResolutionSchema>

/** The body of a search: jurisdictions best first, laws, and what the query resolves to on its own. */
export const SearchSchema = Type.Object({
  kind: Type.Literal('search'),
  query: Type.String(),
  results: Type.Array(CandidateSchema),
  laws: Type.Array(LawResultSchema),
  resolution: ResolutionSchema,
})
export type Search = Static<typeof SearchSchema>
