/**
 * A call or email script: who the official is and how to reach them (with the source of every
 * contact point), what the law says on the day (the engine's answers with their citations), what
 * the official's post can and cannot change under the layers of law, and the caller's own ask left
 * as a placeholder. Plain immutable values; `buildScript` makes them and `scriptText` prints them.
 */
import type { Citation } from '../engine/index.ts'
import type { Contact, PostRole, SourceRef } from '../officials/index.ts'

/** The questions a script is about: the engine's three actions. */
export const SCRIPT_QUESTIONS = ['hold', 'notify', 'interview'] as const
export type ScriptQuestion = (typeof SCRIPT_QUESTIONS)[number]

/** The placeholder the caller replaces with their own request; the script never words an ask. */
export const ASK_PLACEHOLDER = '[your request]'

/** Who the script is addressed to: a person in the directory, or a post (seat) in it. */
export type ScriptTarget = { readonly kind: 'person'; readonly id: string } | { readonly kind: 'post'; readonly id: string }

/** A way to reach the official, with the record it came from. */
export interface ContactPoint {
  readonly kind: 'contact-point'
  readonly contact: Contact
  /** Whose contact it is: the person, or an office of the post (e.g. the sheriff's office). */
  readonly of: string
  readonly source: SourceRef
}

/** The official as the directory lists them on the day. */
export interface ScriptOfficial {
  readonly kind: 'script-official'
  readonly postId: string
  readonly role: PostRole
  /** The post's label, e.g. `Sheriff of Fresno County, CA`. */
  readonly office: string
  /** The body the post belongs to in who-decides, e.g. `Sheriff of Fresno County, CA`. */
  readonly body: string
  /** What the body does on these questions, from who-decides. */
  readonly power: string
  readonly holders: readonly { readonly personId: string; readonly name: string; readonly source: SourceRef }[]
  /** Why no holder is listed, when none is. */
  readonly holderUnknown?: string
  readonly contacts: readonly ContactPoint[]
}

/** The engine's answer for one case template. */
export interface ScriptAnswer {
  readonly template: { readonly id: string; readonly label: string }
  /** The facts the template assumes, in words. */
  readonly assumes: string
  readonly value: 'permitted' | 'required' | 'prohibited' | 'undetermined'
  readonly maxHours: number | null
  /** The answer as one sentence, e.g. "The jail must not hold the person past their release time." */
  readonly sentence: string
  /** For an undetermined answer: the branches in words ("Prohibited, unless …"), or null. */
  readonly conditional: string | null
  /** Provision ids of `ScriptLaw.citations` that decided it. */
  readonly citedBy: readonly string[]
}

/** What the law says on the day, where the official applies it. */
export interface ScriptLaw {
  readonly kind: 'script-law'
  /** The jurisdiction whose law was evaluated (the jail county, for a sheriff). */
  readonly jurisdiction: string
  readonly name: string
  readonly custody: string
  readonly answers: readonly ScriptAnswer[]
  /** Every citation of the answers, once each. */
  readonly citations: readonly Citation[]
}

/** A provision a power statement rests on. */
export interface PowerBasis {
  readonly provision: string
  readonly title: string
  readonly citation: string | null
  readonly layer: string
  readonly url: string
  readonly quote: string
}

/** One thing the post can do, cannot do, or about which the registry is silent. */
export interface PowerStatement {
  readonly kind: 'can' | 'cannot' | 'unknown'
  readonly text: string
  readonly basis: readonly PowerBasis[]
}

export interface CallScript {
  readonly kind: 'call-script'
  readonly jurisdiction: { readonly id: string; readonly name: string }
  readonly question: { readonly id: ScriptQuestion; readonly label: string }
  readonly asOf: string
  readonly official: ScriptOfficial
  readonly law: ScriptLaw
  readonly powers: readonly PowerStatement[]
  /** The caller's ask: always {@link ASK_PLACEHOLDER}. */
  readonly ask: string
  /** The script to read aloud or paste into an email, line by line. */
  readonly lines: readonly string[]
  readonly receipt: { readonly engineVersion: string; readonly registryVersion: string; readonly asOf: string }
}
