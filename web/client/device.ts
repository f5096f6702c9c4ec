/**
 * The window rating device (评价器) when the network drops: a rating tapped on the
 * tablet is posted in the background; if the post cannot reach the server it is kept
 * in a local queue (localStorage) and sent again when the network returns (and at every
 * load), oldest first. The server answers a rating once per case, so a resend of one
 * that did arrive is harmless. Without JavaScript the form posts as a plain form.
 */
const QUEUE = 'woodpecker.device.queue';

type Queued = { caseId: string; score: string };

function queued(): Queued[] {
  try {
    const list = JSON.parse(localStorage.getItem(QUEUE) ?? '[]');
    return Array.isArray(list) ? (list as Queued[]) : [];
  } catch {
    return [];
  }
}

const save = (list: Queued[]) => localStorage.setItem(QUEUE, JSON.stringify(list));

function showQueue(): void {
  const note = document.getElementById('device-queue');
  if (!note) return;
  const n = queued().length;
  note.hidden = n === 0;
  note.textContent = note.dataset.label?.replace('{n}', String(n)) ?? String(n);
}

/** Post one rating; true when the server answered (stored or refused for good), false when unreachable. */
async function send(r: Queued): Promise<boolean> {
  try {
    await fetch(location.pathname, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ caseId: r.caseId, score: r.score }).toString(),
      credentials: 'same-origin',
      redirect: 'manual',
    });
    return true;
  } catch {
    return false;
  }
}

let flushing = false;
async function flush(): Promise<void> {
  if (flushing) return;
  flushing = true;
  try {
    for (let list = queued(); list.length; list = queued()) {
      if (!(await send(list[0]!))) break;
      save(queued().slice(1));
    }
  } finally {
    flushing = false;
    showQueue();
  }
}

const form = document.getElementById('device-form') as HTMLFormElement | null;
form?.addEventListener('submit', (event) => {
  const button = (event as SubmitEvent).submitter as HTMLButtonElement | null;
  const caseId = (form.elements.namedItem('caseId') as HTMLInputElement | null)?.value;
  if (!button?.value || !caseId) return;
  event.preventDefault();
  const rating = { caseId, score: button.value };
  void send(rating).then((sent) => {
    // Reset for the next rater: the next case when online; offline, the rating is kept
    // and the device shows it is waiting for the network instead of the case.
    if (sent) return location.replace(`${location.pathname}?done=1`);
    save([...queued(), rating]);
    form.hidden = true;
    showQueue();
  });
});
window.addEventListener(
  'online',
  () =>
    void flush().then(() => {
      if (form?.hidden && !queued().length) location.replace(`${location.pathname}?done=1`);
    }),
);
showQueue();
void flush();
