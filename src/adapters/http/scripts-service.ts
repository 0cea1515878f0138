/**
 * The call scripts' reads, shared by the API routes and the script page: a script for the query
 * (the jurisdiction through the one name resolver, the seat through who-decides) and the public
 * counts of logged outcomes.
 */
import { requireJurisdiction } from '../../core/names/index.ts'
import { buildScript, scriptQuestion, scriptTarget, type CallScript } from '../../core/scripts/index.ts'
import { callOutcomeCounts, whoDecidesFor, type CallOutcomeCount, type Database, type DirectoryView } from '../db/index.ts'
import type { AnswersService } from './answers-service.ts'

/** A script request as the API and the page take it. */
export interface ScriptQuery {
  readonly official?: string
  readonly post?: string
  readonly jurisdiction: string
  readonly question: string
}

export interface ScriptService {
  /** The script for the query on the day; throws AppError naming the field for bad or unknown values. */
  script(query: ScriptQuery, day: string): Promise<CallScript>
  /** The logged outcomes in a jurisdiction (an OCD ID), optionally for one post. */
  counts(jurisdiction: string, postId?: string): Promise<CallOutcomeCount[]>
}

/**
 * @example
 * ```ts
 * const scripts = createScriptService(service, database, snapshotView(database))
 * await scripts.script({ post: 'post:sheriff/ocd-division/country:us/state:ca/county:fresno', jurisdiction: 'Fresno County, CA', question: 'hold' }, '2026-12-07')
 * ```
 */
export function createScriptService(service: AnswersService, database: Database, directory: DirectoryView): ScriptService {
  const { engine, gazetteer, names } = service
  return {
    async script(q, day) {
      const target = scriptTarget(q)
      const question = scriptQuestion(q.question.trim())
      const place = requireJurisdiction(names, q.jurisdiction, { field: 'jurisdiction' }).jurisdiction
      const who = await whoDecidesFor(directory, engine.registry, gazetteer, place, day)
      return buildScript({ engine, who, target, question, asOf: day })
    },
    counts: (jurisdiction, postId) => callOutcomeCounts(database, { jurisdiction, ...(postId ? { postId } : {}) }),
  }
}
