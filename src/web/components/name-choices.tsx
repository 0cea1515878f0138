/**
 * The choice an ambiguous or unknown name offers, as plain links (they work without JavaScript):
 * each resubmits the form with that jurisdiction chosen.
 */

/** One choice: the jurisdiction's name, what it is, and the URL that picks it. */
export interface NameChoiceLink {
  readonly name: string
  /** "county, TX, 4,731,145 residents". */
  readonly detail: string
  readonly href: string
}

/**
 * @example
 * ```tsx
 * <NameChoices heading="Which one?" choices={[{ name: 'Harris County, TX', detail: 'county', href: '/evaluate?…' }]} />
 * ```
 */
export function NameChoices(props: { heading: string; choices: readonly NameChoiceLink[] }) {
  if (props.choices.length === 0) return null
  return (
    <div class="name-choices">
      <p>{props.heading}</p>
      <ul>
        {props.choices.map((c) => (
          <li key={c.href}>
            <a href={c.href}>{c.name}</a> <span class="small muted">({c.detail})</span>
          </li>
        ))}
      </ul>
    </div>
  )
}
