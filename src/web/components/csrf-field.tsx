/**
 * The hidden form field that carries a CSRF token, for server-rendered forms.
 */

/**
 * @example
 * ```tsx
 * <form method="post" action="/sign-in"><CsrfField token={csrfToken(reply)} />…</form>
 * ```
 */
export function CsrfField(props: { token: string }) {
  return <input type="hidden" name="_csrf" value={props.token} />
}
