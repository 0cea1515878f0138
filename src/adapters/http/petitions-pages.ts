/**
 * The petitions' web pages, rendered on the server and working without scripts: `/petitions`
 * (live petitions and the form to start one), `/petitions/{id}` (the petition, its public counts
 * and the sign form), and the pages the mailed links open — `/petitions/{id}/confirm`,
 * `/signatures/confirm`, `/signatures/withdraw` — each a button that POSTs, because mail scanners
 * fetch GET links. Every form carries a CSRF token (the forms module's double-submit cookie) and
 * its post is refused without it. No page shows a name or email.
 */
import type { FastifyInstance, FastifyReply } from 'fastify'
import { AppError, toAppError } from '../../core/errors/index.ts'
import { PETITION_ID_PATTERN, type PetitionsService } from './petitions-service.ts'

const HARRIS_HINT = 'post:sheriff/ocd-division/country:us/state:tx/county:harris'
import { publicPetition } from './routes-petitions.ts'
import { CSRF_FIELD, csrfToken, verifyCsrf } from './forms/index.ts'

const esc = (v: unknown) => String(v ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)
const ID = new RegExp(PETITION_ID_PATTERN)

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)} · Sanctuary Atlas</title></head><body><header><a href="/">Sanctuary Atlas</a> · <a href="/petitions">Petitions</a></header><main><h1>${esc(title)}</h1>${body}</main><footer><p>Petitions of any view, under the same rules. Signers' names and emails are never shown; counts under 11 are not shown.</p></footer></body></html>`
}

function send(reply: FastifyReply, status: number, html: string) {
  return reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html)
}

function errorHtml(reply: FastifyReply, thrown: unknown) {
  const e = toAppError(thrown)
  const message = e.code === 'internal' ? 'Something went wrong on the server.' : e.message
  return send(reply, e.httpStatus, page('Not done', `<p role="alert">${esc(message)}</p><p><a href="/petitions">Back to petitions</a></p>`))
}

const csrf = (reply: FastifyReply) => `<input type="hidden" name="${CSRF_FIELD}" value="${esc(csrfToken(reply))}">`
const button = (reply: FastifyReply, action: string, token: string, label: string) => `<form method="post" action="${esc(action)}">${csrf(reply)}<input type="hidden" name="token" value="${esc(token)}"><button type="submit">${esc(label)}</button></form>`

function counts(view: ReturnType<typeof publicPetition>): string {
  const cell = (c: { name: string; count: number | null }) => `<li>${esc(c.name)}: ${c.count === null ? 'fewer than 11' : c.count}</li>`
  return `<section aria-labelledby="counts-title"><h2 id="counts-title">Signatures</h2><p><strong>${view.counts.confirmed}</strong> confirmed · ${view.counts.pending} pending confirmation</p>${view.counts.byCounty.length ? `<h3>By county (confirmed)</h3><ul>${view.counts.byCounty.map(cell).join('')}</ul>` : ''}${view.counts.byDistrict.length ? `<h3>By congressional district (confirmed, where the ZIP code makes it certain)</h3><ul>${view.counts.byDistrict.map(cell).join('')}</ul>` : ''}<h3>Integrity</h3><p>Refused: ${view.integrity.refusedDisposable} disposable addresses, ${view.integrity.duplicates} duplicates, ${view.integrity.rateLimited} over the rate limit. ${view.integrity.expired} expired unconfirmed, ${view.integrity.withdrawn} withdrawn.</p></section>`
}

/**
 * Registers the petitions pages and their form posts.
 *
 * @example
 * ```ts
 * registerPetitionPages(app, petitions)
 * ```
 */
export function registerPetitionPages(app: FastifyInstance, petitions: PetitionsService): void {
  app.get('/petitions', { schema: { hide: true } }, async (_request, reply) => {
    const list = await petitions.list()
    const items = list.length ? `<ul>${list.map((p) => `<li><a href="/petitions/${esc(p.id)}">${esc(p.title)}</a> — to ${esc(p.targets.map((t) => t.label).join('; '))}</li>`).join('')}</ul>` : '<p>No petition is live yet.</p>'
    const form = `<h2>Start a petition</h2><p>It goes live when you confirm your email. Its text is frozen at the first signature; a later change is a new petition linked to this one.</p>
<form method="post" action="/petitions">${csrf(reply)}<p><label>Title <input name="title" required maxlength="200"></label></p><p><label>Text <textarea name="text" required maxlength="20000"></textarea></label></p><p><label>The request <textarea name="ask" required maxlength="2000"></textarea></label></p>
<p><label>Target: a post or person of the officials directory <input name="target" required maxlength="400" placeholder="${esc(HARRIS_HINT)}"></label></p><p><label>Jurisdiction <input name="jurisdiction" required maxlength="300" placeholder="Harris County, TX"></label></p>
<p><label>Your name (never shown) <input name="creatorName" required maxlength="200"></label></p><p><label>Your email (never shown) <input name="creatorEmail" type="email" required maxlength="254"></label></p><p><button type="submit">Start the petition</button></p></form>`
    return send(reply, 200, page('Petitions', items + form))
  })

  app.post('/petitions', { schema: { hide: true } }, async (request, reply) => {
    try {
      await verifyCsrf(request, reply)
      const b = (request.body ?? {}) as Record<string, string | undefined>
      const str = (k: string) => (typeof b[k] === 'string' ? b[k]! : '')
      const target = str('target').trim()
      const { petition } = await petitions.create({ title: str('title'), text: str('text'), ask: str('ask'), targets: [target.startsWith('post:') ? { post: target } : { person: target }], jurisdiction: str('jurisdiction'), creator: { name: str('creatorName'), email: str('creatorEmail') } })
      return send(reply, 201, page('Check your mail', `<p>The petition "${esc(petition.title)}" is saved as a draft. It goes live when you open the link in the mail we sent you and press its button.</p>`))
    } catch (e) {
      return errorHtml(reply, e)
    }
  })

  app.get('/petitions/:id', { schema: { hide: true } }, async (request, reply) => {
    const { id } = request.params as { id: string }
    try {
      if (!ID.test(id)) throw new AppError('not-found', `id: no petition with id "${id}"`, { field: 'id' })
      const view = publicPetition(await petitions.view(id))
      const targets = `<p>To: ${view.targets.map((t) => esc(t.label)).join('; ')}</p>`
      const status = view.status === 'live' ? '' : `<p role="status">This petition is ${esc(view.status)}${view.status === 'hidden' && 'hiddenReason' in view && view.hiddenReason ? `: ${esc('hiddenReason' in view ? view.hiddenReason : '')}` : ''}${view.supersededBy ? ` — replaced by <a href="/petitions/${esc(view.supersededBy)}">a newer version</a>` : ''}.</p>`
      const words = view.status === 'hidden' ? '' : `<section><h2>The petition</h2><p>${esc('text' in view ? view.text : '').replace(/\n/g, '<br>')}</p><h2>The request</h2><p>${esc('ask' in view ? view.ask : '')}</p>${view.supersedes ? `<p>This replaces <a href="/petitions/${esc(view.supersedes)}">an earlier version</a>.</p>` : ''}</section>`
      const sign =
        view.status === 'live'
          ? `<section><h2>Sign</h2><form method="post" action="/petitions/${esc(id)}/sign">${csrf(reply)}<p><label>Name (only in the packet delivered to the targets) <input name="name" required maxlength="200"></label></p><p><label>Email (never shown; a confirmation link is sent) <input name="email" type="email" required maxlength="254"></label></p><p><label>ZIP code <input name="zip" required pattern="\\d{5}" inputmode="numeric"></label></p><p><label>County, if your ZIP code spans several (OCD ID) <input name="county" maxlength="300"></label></p><p><label>Public comment (optional; shown with your county) <textarea name="comment" maxlength="1000"></textarea></label></p><p><button type="submit">Sign</button></p></form></section>`
          : ''
      const comments = view.comments.length ? `<section><h2>Comments</h2><ul>${view.comments.map((c) => `<li>${esc(c.comment)} — ${esc(c.countyName)}</li>`).join('')}</ul></section>` : ''
      const report = `<section><h2>Report this petition</h2><form method="post" action="/petitions/${esc(id)}/report">${csrf(reply)}<select name="reason">${['spam', 'harassment', 'private-information', 'impersonation', 'illegal', 'other'].map((r) => `<option>${r}</option>`).join('')}</select> <input name="message" maxlength="2000" aria-label="Message"> <button type="submit">Report</button></form></section>`
      return send(reply, 200, page(view.title, status + targets + words + counts(view) + sign + comments + report))
    } catch (e) {
      return errorHtml(reply, e)
    }
  })

  app.post('/petitions/:id/sign', { schema: { hide: true } }, async (request, reply) => {
    const { id } = request.params as { id: string }
    try {
      await verifyCsrf(request, reply)
      const b = (request.body ?? {}) as Record<string, string | undefined>
      const str = (k: string) => (typeof b[k] === 'string' ? b[k]! : '')
      if (!ID.test(id)) throw new AppError('not-found', `id: no petition with id "${id}"`, { field: 'id' })
      if (!/^\s*\d{5}\s*$/.test(str('zip'))) throw new AppError('invalid-input', 'zip: give a five-digit ZIP code', { field: 'zip' })
      await petitions.sign(id, { name: str('name').slice(0, 200), email: str('email').slice(0, 254), zip: str('zip'), ...(str('county').trim() ? { county: str('county').trim() } : {}), ...(str('comment').trim() ? { comment: str('comment').slice(0, 1000) } : {}) })
      return send(reply, 202, page('Check your mail', `<p>Your signature is pending. It counts once you open the link we mailed you and press its button.</p><p><a href="/petitions/${esc(id)}">Back to the petition</a></p>`))
    } catch (e) {
      return errorHtml(reply, e)
    }
  })

  app.post('/petitions/:id/report', { schema: { hide: true } }, async (request, reply) => {
    const { id } = request.params as { id: string }
    try {
      await verifyCsrf(request, reply)
      const b = (request.body ?? {}) as Record<string, string | undefined>
      await petitions.report(id, String(b.reason ?? ''), typeof b.message === 'string' && b.message.trim() ? b.message.slice(0, 2000) : undefined)
      return send(reply, 201, page('Thank you', '<p>The maintainers will look at your report.</p>'))
    } catch (e) {
      return errorHtml(reply, e)
    }
  })

  // The pages the mailed links open: a button that POSTs.
  const tokenPages: [string, string, string, string][] = [
    ['/signatures/confirm', 'Confirm your signature', 'Press the button to confirm your signature. The link works once.', 'Confirm my signature'],
    ['/signatures/withdraw', 'Withdraw your signature', 'Press the button to withdraw your signature; your name and email are then erased.', 'Withdraw my signature'],
  ]
  for (const [path, title, text, label] of tokenPages) {
    app.get(path, { schema: { hide: true } }, async (request, reply) => {
      const token = String((request.query as { token?: string }).token ?? '')
      return send(reply, 200, page(title, `<p>${esc(text)}</p>${button(reply, path, token, label)}`))
    })
    app.post(path, { schema: { hide: true } }, async (request, reply) => {
      try {
        await verifyCsrf(request, reply)
        const done = await petitions.useToken(path.endsWith('confirm') ? 'confirm' : 'withdraw', String(((request.body ?? {}) as { token?: string }).token ?? ''))
        return send(reply, 200, page(done.status === 'confirmed' ? 'Signature confirmed' : 'Signature withdrawn', `<p>${done.status === 'confirmed' ? 'Your signature now counts.' : 'Your signature is withdrawn and your name and email erased.'}</p><p><a href="/petitions/${esc(done.petitionId)}">Back to the petition</a></p>`))
      } catch (e) {
        return errorHtml(reply, e)
      }
    })
  }

  app.get('/petitions/:id/delivery', { schema: { hide: true } }, async (request, reply) => {
    const { id } = request.params as { id: string }
    const token = String((request.query as { token?: string }).token ?? '')
    try {
      if (!ID.test(id)) throw new AppError('not-found', `id: no petition with id "${id}"`, { field: 'id' })
      const view = publicPetition(await petitions.view(id))
      const links = view.targets.map((t) => {
        const q = (format: string) => `/api/v1/petitions/${id}/delivery?${new URLSearchParams({ target: t.id, format, token })}`
        return `<li>${esc(t.label)}: <a href="${esc(q('pdf'))}">PDF</a> · <a href="${esc(q('csv'))}">CSV</a></li>`
      })
      return send(reply, 200, page(`Delivery packets: ${view.title}`, `<p>One packet per target, with the text, the confirmed signers counted by the target's constituency, and their names and cities. Keep these files private.</p><ul>${links.join('')}</ul>`))
    } catch (e) {
      return errorHtml(reply, e)
    }
  })

  app.get('/petitions/:id/confirm', { schema: { hide: true } }, async (request, reply) => {
    const { id } = request.params as { id: string }
    const token = String((request.query as { token?: string }).token ?? '')
    return send(reply, 200, page('Confirm your petition', `<p>Press the button to confirm your email; the petition then goes live.</p>${button(reply, `/petitions/${id}/confirm`, token, 'Confirm and publish')}`))
  })
  app.post('/petitions/:id/confirm', { schema: { hide: true } }, async (request, reply) => {
    const { id } = request.params as { id: string }
    try {
      await verifyCsrf(request, reply)
      await petitions.confirm(id, String(((request.body ?? {}) as { token?: string }).token ?? ''))
      return send(reply, 200, page('Your petition is live', `<p><a href="/petitions/${esc(id)}">Open the petition</a></p>`))
    } catch (e) {
      return errorHtml(reply, e)
    }
  })
}
