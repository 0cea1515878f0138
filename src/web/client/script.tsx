/**
 * Browser entry of a call script's page: shows the outcome buttons and posts the chosen outcome
 * with fetch (JSON, same origin), then shows the updated counts. The page is complete without it.
 */
const form = document.getElementById('outcome-form')
const status = document.getElementById('outcome-status')
const WORDS: Readonly<Record<string, string>> = { reached: 'Reached someone', voicemail: 'Left a voicemail', 'no-answer': 'No answer' }

if (form) {
  form.hidden = false
  const { post, jurisdiction, question } = form.dataset
  for (const button of Array.from(form.querySelectorAll<HTMLButtonElement>('button[data-outcome]'))) {
    button.addEventListener('click', () => {
      for (const b of Array.from(form.querySelectorAll('button'))) b.disabled = true
      void fetch('/api/v1/scripts/outcomes', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        credentials: 'omit',
        body: JSON.stringify({ post, jurisdiction, question, outcome: button.dataset.outcome }),
      })
        .then(async (res) => {
          const body = (await res.json()) as { counts?: { outcome: string; count: number }[]; error?: { message: string } }
          if (!res.ok) throw new Error(body.error?.message ?? `HTTP ${res.status}`)
          const counts = document.getElementById('outcome-counts')
          if (counts && body.counts) counts.textContent = `Logged: ${body.counts.map((c) => `${WORDS[c.outcome] ?? c.outcome} ${c.count}`).join(' · ')}.`
          if (status) status.textContent = 'Thank you: the outcome was counted.'
        })
        .catch((err: unknown) => {
          if (status) status.textContent = `The outcome could not be logged: ${err instanceof Error ? err.message : String(err)}`
          for (const b of Array.from(form.querySelectorAll('button'))) b.disabled = false
        })
    })
  }
}
