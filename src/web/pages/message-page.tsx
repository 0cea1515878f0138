/**
 * A page for "not found" and other errors: a heading, the reason, and ways on.
 */

/**
 * @example
 * ```tsx
 * <MessagePage title="Not found" message='No jurisdiction "…"' />
 * ```
 */
export function MessagePage(props: { title: string; message: string }) {
  return (
    <div>
      <h1>{props.title}</h1>
      <p>{props.message}</p>
      <p>
        Try the <a href="/search">search</a> or the <a href="/">map</a>.
      </p>
    </div>
  )
}
