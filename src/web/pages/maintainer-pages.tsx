/**
 * The maintainers' pages: sign-in, and the signed-in home with links to the review queues and a
 * sign-out button. Server-rendered forms with no script; each carries its CSRF token.
 */
import { CsrfField } from '../components/csrf-field.tsx'

/**
 * The sign-in form. `error` is shown above it (a wrong email or password, never which one).
 *
 * @example
 * ```tsx
 * <SignInPage csrf={token} next="/maintainers/corrections" />
 * ```
 */
export function SignInPage(props: { csrf: string; next: string; error?: string; email?: string; noMaintainers?: boolean }) {
  return (
    <div class="sign-in">
      <h1>Maintainer sign-in</h1>
      <p>Maintainers review suggested corrections. Everyone else can read and suggest without signing in.</p>
      {props.noMaintainers ? <p class="notice">No maintainer account exists on this server yet. The server's operator adds one with <code>sanctuary maintainer add &lt;email&gt;</code>.</p> : null}
      {props.error ? (
        <p class="error" role="alert">
          {props.error}
        </p>
      ) : null}
      <form method="post" action="/sign-in">
        <CsrfField token={props.csrf} />
        <input type="hidden" name="next" value={props.next} />
        <p>
          <label for="sign-in-email">Email</label>
          <br />
          <input id="sign-in-email" name="email" type="email" autocomplete="username" required maxLength={254} value={props.email ?? ''} />
        </p>
        <p>
          <label for="sign-in-password">Password</label>
          <br />
          <input id="sign-in-password" name="password" type="password" autocomplete="current-password" required maxLength={256} />
        </p>
        <p>
          <button type="submit">Sign in</button>
        </p>
      </form>
    </div>
  )
}

/**
 * The sign-out button, for any maintainer page.
 *
 * @example
 * ```tsx
 * <SignOutForm csrf={token} />
 * ```
 */
export function SignOutForm(props: { csrf: string }) {
  return (
    <form method="post" action="/sign-out" class="sign-out">
      <CsrfField token={props.csrf} />
      <button type="submit">Sign out</button>
    </form>
  )
}

/**
 * The signed-in home: who is signed in (their own email, shown to them only) and the queues.
 *
 * @example
 * ```tsx
 * <MaintainersHomePage email="ana@example.org" csrf={token} links={[{ href: '/maintainers/corrections', label: 'Corrections' }]} />
 * ```
 */
export function MaintainersHomePage(props: { email: string; csrf: string; links: readonly { readonly href: string; readonly label: string }[] }) {
  return (
    <div>
      <h1>Maintainers</h1>
      <p>Signed in as {props.email}.</p>
      <ul>
        {props.links.map((l) => (
          <li key={l.href}>
            <a href={l.href}>{l.label}</a>
          </li>
        ))}
      </ul>
      <SignOutForm csrf={props.csrf} />
    </div>
  )
}
