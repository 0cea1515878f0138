/**
 * The shapes of the public API responses the browser reads, as the core's schemas define them
 * (type-only imports: nothing of the server reaches the client bundles).
 */
export type { Answers as AnswersResponse, CountyAnswer, StateAnswer } from '../../core/answers/index.ts'
export type { Candidate as SearchResult, LawResult, Search as SearchResponse } from '../../core/names/index.ts'

/** The error body every API error has. */
export interface ApiError {
  readonly error: { readonly code: string; readonly message: string; readonly field?: string }
}
