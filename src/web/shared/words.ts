/**
 * The words and colours the pages use for the engine's questions, answers and layers: one place, so
 * the map legend, the tables, the evaluator and the jurisdiction pages say the same thing. Neutral
 * wording: each label states what the law allows, requires or forbids, never a judgement.
 */

import { ANSWER_PALETTE, LAYER_PALETTE } from './palette.ts'

export type QuestionId = 'hold' | 'notify' | 'interview'
export type AnswerValue = 'permitted' | 'required' | 'prohibited' | 'undetermined'
export type DecidingLayer = 'federal' | 'state' | 'county' | 'place' | 'default'

/** The three questions in display order. */
export const QUESTION_IDS: readonly QuestionId[] = ['hold', 'notify', 'interview']
export const ANSWER_VALUES: readonly AnswerValue[] = ['prohibited', 'required', 'permitted', 'undetermined']
export const MAP_LAYERS: readonly DecidingLayer[] = ['county', 'state', 'federal', 'default']

/**
 * Short labels of the questions, for selects and table headers.
 *
 * @example
 * ```ts
 * QUESTION_LABELS.hold // 'Hold past release on the detainer'
 * ```
 */
export const QUESTION_LABELS: Readonly<Record<QuestionId, string>> = {
  hold: 'Hold past release on the detainer',
  notify: 'Tell ICE the release date',
  interview: 'Let ICE interview the person',
}

/** The questions as full sentences, for answers. */
export const QUESTION_SENTENCES: Readonly<Record<QuestionId, string>> = {
  hold: 'hold the person on the ICE detainer past their release time',
  notify: 'notify ICE of the release date or time',
  interview: 'let ICE interview the person in custody',
}

/**
 * Labels of the answers.
 *
 * @example
 * ```ts
 * VALUE_LABELS.prohibited // 'Prohibited'
 * ```
 */
export const VALUE_LABELS: Readonly<Record<AnswerValue, string>> = {
  permitted: 'Permitted',
  required: 'Required',
  prohibited: 'Prohibited',
  undetermined: 'Undetermined',
}

/** What each answer means, in one line. */
export const VALUE_MEANINGS: Readonly<Record<AnswerValue, string>> = {
  permitted: 'the jail may, and need not',
  required: 'the jail must',
  prohibited: 'the jail must not',
  undetermined: 'the registry cannot decide from these facts',
}

/**
 * Labels of the layers that decide an answer.
 *
 * @example
 * ```ts
 * LAYER_LABELS.default // 'No provision (default)'
 * ```
 */
export const LAYER_LABELS: Readonly<Record<DecidingLayer, string>> = {
  federal: 'Federal law',
  state: 'State law',
  county: 'County law',
  place: 'City law',
  default: 'No provision (default)',
}

/**
 * The answers' screen colours, from the one palette (palette.ts), which also gives each a pattern.
 *
 * @example
 * ```ts
 * VALUE_COLOURS.undetermined // '#999999'
 * ```
 */
export const VALUE_COLOURS: Readonly<Record<AnswerValue, string>> = Object.fromEntries(Object.entries(ANSWER_PALETTE).map(([v, s]) => [v, s.colour])) as Record<AnswerValue, string>

/** The colours of the map's "colour by layer" view, from the palette. */
export const LAYER_COLOURS: Readonly<Record<DecidingLayer, string>> = LAYER_PALETTE

/**
 * A plain sentence for an answer: "may", "must", "must not", or why it is open.
 *
 * @example
 * ```ts
 * answerSentence('hold', 'permitted', 48) // 'The jail may hold the person on the ICE detainer past their release time (at most 48 hours).'
 * ```
 */
export function answerSentence(q: QuestionId, value: AnswerValue, maxHours?: number | null): string {
  const what = QUESTION_SENTENCES[q]
  const hours = q === 'hold' && maxHours != null && (value === 'permitted' || value === 'required') ? ` (at most ${maxHours} hours)` : ''
  switch (value) {
    case 'permitted':
      return `The jail may ${what}${hours}.`
    case 'required':
      return `The jail must ${what}${hours}.`
    case 'prohibited':
      return `The jail must not ${what}.`
    case 'undetermined':
      return `The registry cannot say whether the jail may ${what}.`
  }
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

/**
 * A YYYY-MM-DD (or YYYY-MM, YYYY) date in words, without time zones.
 *
 * @example
 * ```ts
 * dateWords('2018-01-01') // '1 January 2018'
 * dateWords('2019-10') // 'October 2019'
 * ```
 */
export function dateWords(text: string): string {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(text)
  if (!m) return text
  const month = m[2] ? MONTHS[Number(m[2]) - 1] : undefined
  if (!month) return m[1]!
  return m[3] ? `${Number(m[3])} ${month} ${m[1]}` : `${month} ${m[1]}`
}

/** Days since 1970-01-01 (UTC) for a YYYY-MM-DD date. */
export function dayNumber(text: string): number {
  return Date.UTC(Number(text.slice(0, 4)), Number(text.slice(5, 7)) - 1, Number(text.slice(8, 10))) / 86_400_000
}

/** YYYY-MM-DD for a day number. */
export function dayText(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10)
}

/**
 * The same day `years` later (or earlier); 29 February becomes 28 February in other years.
 *
 * @example
 * ```ts
 * shiftYears('2008-02-29', 1) // '2009-02-28'
 * ```
 */
export function shiftYears(text: string, years: number): string {
  const y = String(Number(text.slice(0, 4)) + years).padStart(4, '0')
  const md = text.slice(4) === '-02-29' && !(Number(y) % 4 === 0 && (Number(y) % 100 !== 0 || Number(y) % 400 === 0)) ? '-02-28' : text.slice(4)
  return `${y}${md}`
}

/** The first date the map's slider offers. */
export const MAP_FIRST_DATE = '2008-01-01'

/**
 * The site path of a jurisdiction page. OCD IDs keep their slashes and colons (both are legal in
 * a path), so the URL reads like the ID.
 *
 * @example
 * ```ts
 * jurisdictionPath('ocd-division/country:us/state:il/county:cook') // '/jurisdictions/ocd-division/country:us/state:il/county:cook'
 * ```
 */
export function jurisdictionPath(id: string, date?: string): string {
  const path = `/jurisdictions/${id.split('/').map((s) => encodeURIComponent(s).replace(/%3A/gi, ':')).join('/')}`
  return date ? `${path}?date=${date}` : path
}

/**
 * A count with its noun in the singular or plural: one place for "1 county" / "2 counties".
 *
 * @example
 * ```ts
 * countOf(1, 'county', 'counties') // '1 county'
 * countOf(3142, 'county', 'counties') // '3,142 counties'
 * ```
 */
export function countOf(n: number, singular: string, plural: string): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? singular : plural}`
}

/**
 * FIPS codes of the territories (American Samoa, Guam, the Northern Mariana Islands, Puerto Rico,
 * the U.S. Virgin Islands): us-atlas lists their county-equivalents, so the answers and the table
 * cover them, but its Albers map (`counties-albers-10m`) does not draw them.
 *
 * @example
 * ```ts
 * NOT_ON_MAP_FIPS.has('72') // true: Puerto Rico is in the table, not on the map
 * ```
 */
export const NOT_ON_MAP_FIPS: ReadonlySet<string> = new Set(['60', '66', '69', '72', '78'])

/**
 * True when the map draws the state or county with this FIPS code or GEOID (its first two digits
 * name the state).
 *
 * @example
 * ```ts
 * drawnOnMap('17031') // true
 * drawnOnMap('72') // false
 * ```
 */
export function drawnOnMap(fipsOrGeoid: string): boolean {
  return !NOT_ON_MAP_FIPS.has(fipsOrGeoid.slice(0, 2))
}

/**
 * A path with extra query parameters appended (the default template is left out).
 *
 * @example
 * ```ts
 * withQuery('/jurisdictions/x', [['template', 'misdemeanor']]) // '/jurisdictions/x?template=misdemeanor'
 * ```
 */
export function withQuery(path: string, params: readonly (readonly [string, string])[]): string {
  const extra = params.filter(([k, v]) => !(k === 'template' && v === 'no-record'))
  if (extra.length === 0) return path
  return `${path}${path.includes('?') ? '&' : '?'}${new URLSearchParams(extra as [string, string][]).toString()}`
}
