// Shared scenarios for duplicates: similar ideas while typing and on submission, and merging.
import type { TestApp } from './app.js';
import { expectInvalidFields, expectProblem, expectStatus, newOrg } from './ideas-scenarios.js';
import type { NotificationsApi } from './notification-scenarios.js';

const similar = async (api: NotificationsApi, token: string, query: Record<string, string>) => {
  const reply = await api.call('GET', `/api/ideas/similar?${new URLSearchParams(query)}`, { token });
  expectStatus(reply, 200);
  return reply.body as { organisation: string; items: { id: string; title: string; stage: string; score: number }[] };
};

/** Asks again (suggestions come from a projection, which may be a moment behind) until the answer passes `check`, for up to 10 s. */
async function until<T>(ask: () => Promise<T>, check: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = await ask();
    if (check(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** As-you-type suggestions find the organisation's ideas by stem, prefix and trigram, and only its own. */
export async function suggestsSimilarIdeas(app: TestApp, api: NotificationsApi): Promise<void> {
  const org = await newOrg(app, 'similar');
  const other = await newOrg(app, 'similar-other');
  const calendar = await api.submit(org.employee, { title: 'Kokoustilojen yhteinen varauskalenteri', description: 'Kokoustilat varataan nyt jokaisen talon omasta vihkosta.' });
  const coffee = await api.submit(org.employee, { title: 'Kahvinkeitin taukotilaan', description: 'Taukotilan keitin on rikki.' });
  await api.submit(org.employee, { title: 'Bildschema för förskolan', description: 'Barnen ser vad som händer härnäst.', language: 'sv' });
  await api.submit(other.employee, { title: 'Kokoustilojen varauskalenteri', description: 'Toisen organisaation idea kokoustiloista.' });

  // An inflected form ("kokoustiloja") and a half-typed word ("varaus") still find the calendar.
  const typed = await similar(api, org.colleague, { text: 'Kokoustiloja varaus' });
  expect(typed.organisation).toBe(org.name);
  expect(typed.items[0]).toMatchObject({ id: calendar.id, stage: 'submitted' });
  expect(typed.items.map((i) => i.id)).not.toContain(coffee.id);
  // A typo in the title: trigrams catch it.
  const typo = await similar(api, org.colleague, { text: 'kahvinkeiti taukotilaa' });
  expect(typo.items[0].id).toBe(coffee.id);
  expect(typo.items[0].score).toBeGreaterThan(0.2);
  // Swedish ideas are stemmed in Swedish.
  expect((await similar(api, org.colleague, { text: 'bildscheman' })).items[0].title).toBe('Bildschema för förskolan');
  // Nothing alike: nothing suggested.
  expect((await similar(api, org.colleague, { text: 'polkupyöräparkki' })).items).toEqual([]);
  // Never another organisation's ideas, and not for people of another organisation.
  expectProblem(await api.call('GET', `/api/ideas/similar?organisation=${org.name}&text=kokous`, { token: other.employee }), 403);
  expectInvalidFields(await api.call('GET', '/api/ideas/similar?text=ab', { token: org.employee }), ['text']);
  expectInvalidFields(await api.call('GET', '/api/ideas/similar', { token: org.employee }), ['text']);
  expectInvalidFields(await api.call('GET', '/api/ideas/similar?text=kokous&limit=0', { token: org.employee }), ['limit']);

  // Asked for, the answer to a submission names likely duplicates (never the new idea itself); not asked, it names none.
  const reply = await api.call('POST', '/api/ideas?similar=5', {
    token: org.colleague,
    body: { title: 'Varauskalenteri kokoustiloille', description: 'Yksi kalenteri kaikkien talojen kokoustiloille.', unit: 'hallinto', sector: 'business-and-support' },
  });
  expectStatus(reply, 201);
  expect(reply.body.similar[0]).toMatchObject({ id: calendar.id, title: 'Kokoustilojen yhteinen varauskalenteri' });
  expect(reply.body.similar.map((s: { id: string }) => s.id)).not.toContain(reply.body.id);
  const plain = await api.call('POST', '/api/ideas', {
    token: org.colleague,
    body: { title: 'Kokoustilojen varauskalenteri taloille', description: 'Yksi yhteinen kalenteri kokoustiloille.', unit: 'hallinto', sector: 'business-and-support' },
  });
  expectStatus(plain, 201);
  expect(plain.body).not.toHaveProperty('similar');
  expectInvalidFields(
    await api.call('POST', '/api/ideas?similar=0', { token: org.colleague, body: { title: 'Kolmas kalenteri-idea', description: 'Vielä yksi kalenteri.', unit: 'hallinto', sector: 'business-and-support' } }),
    ['similar'],
  );
}

/** A change agent merges a duplicate: supports (one per person) and comments move, both submitters are told, the page points on. */
export async function mergesADuplicate(app: TestApp, api: NotificationsApi): Promise<void> {
  const org = await newOrg(app, 'merge');
  const [a, b, c] = await Promise.all(['a', 'b', 'c'].map((n) => app.token(`${org.name}-supporter-${n}`, org.name, 'employee')));
  const survivor = await api.submit(org.employee, { title: 'Yhteinen varauskalenteri' });
  const duplicate = await api.submit(org.colleague, { title: 'Kalenteri kokoushuoneille', anonymous: true });
  await api.act(a, survivor.id, 'support');
  await api.act(a, duplicate.id, 'support');
  await api.act(b, duplicate.id, 'support');
  // The survivor's own submitter supported the duplicate: that support cannot become a support of their own idea.
  await api.act(org.employee, duplicate.id, 'support');
  await api.act(c, duplicate.id, 'comments', { text: 'Tämä on sama kuin varauskalenteri.' });

  // Only change agents merge; not into itself; not across organisations.
  expectProblem(await api.call('POST', `/api/ideas/${duplicate.id}/merge`, { token: org.employee, body: { into: survivor.id } }), 403);
  expectProblem(await api.call('POST', `/api/ideas/${duplicate.id}/merge`, { token: org.agent, body: { into: duplicate.id } }), 400);
  expectInvalidFields(await api.call('POST', `/api/ideas/${duplicate.id}/merge`, { token: org.agent, body: { into: 'nope' } }), ['into']);
  expectProblem(await api.call('POST', `/api/ideas/${duplicate.id}/merge`, { token: org.agent, body: { into: '00000000-0000-4000-8000-000000000000' } }), 404);

  // Before the merge the duplicate is suggested for its own title; after it, no longer (it left the word index).
  const suggested = async () => (await similar(api, org.colleague, { text: 'Kalenteri kokoushuoneille' })).items.map((i) => i.id);
  expect(await until(suggested, (ids) => ids.includes(duplicate.id))).toContain(duplicate.id);

  const merged = await api.call('POST', `/api/ideas/${duplicate.id}/merge`, { token: org.agent, body: { into: survivor.id } });
  expectStatus(merged, 200);
  expect(merged.body).toMatchObject({ id: duplicate.id, stage: 'merged', mergedInto: survivor.id, supportersMoved: 1, commentsMoved: 1 });
  const token = merged.body.consistencyToken as string;

  const page = await api.call('GET', `/api/ideas/${duplicate.id}`, { token: org.colleague, headers: { 'x-consistency-token': token } });
  expectStatus(page, 200);
  expect(page.body).toMatchObject({ stage: 'merged', mergedInto: survivor.id });
  expect(page.headers.get('link')).toBe(`</api/ideas/${survivor.id}>; rel="canonical"`);
  const alive = await api.detail(org.employee, survivor.id);
  // a (already a supporter) counts once; b moves; the survivor's submitter does not support their own idea.
  expect(alive.supportCount).toBe(2);
  expect(alive.mergedFrom).toEqual([duplicate.id]);
  expect(alive.comments.map((x: { text: string }) => x.text)).toEqual(['Tämä on sama kuin varauskalenteri.']);
  expect(alive.history.map((h: { event: string }) => h.event)).toContain('DuplicateMerged');
  expect(await until(suggested, (ids) => !ids.includes(duplicate.id))).not.toContain(duplicate.id);

  // Merging again is a no-op; a merged idea takes no supports or comments.
  const again = await api.call('POST', `/api/ideas/${duplicate.id}/merge`, { token: org.agent, body: { into: survivor.id } });
  expectStatus(again, 200);
  expect((await api.detail(org.employee, survivor.id)).supportCount).toBe(2);
  expectProblem(await api.call('POST', `/api/ideas/${duplicate.id}/support`, { token: c }), 409);
  expectProblem(await api.call('POST', `/api/ideas/${duplicate.id}/comments`, { token: c, body: { text: 'Vielä?' } }), 409);
  // a supports the survivor already: one support per person still holds.
  expectProblem(await api.call('POST', `/api/ideas/${survivor.id}/support`, { token: b }), 409);

  // The funnel counts the merged duplicate nowhere.
  const funnel = await api.funnel(org.agent);
  expect(funnel.total).toBe(1);
  expect(funnel.counts.submitted).toBe(1);
  // Similar-idea suggestions leave merged ideas out.
  const suggestions = await api.call('GET', `/api/ideas/similar?text=${encodeURIComponent('Kalenteri kokoushuoneille')}`, { token: org.agent });
  expect(suggestions.body.items.map((i: { id: string }) => i.id)).not.toContain(duplicate.id);

  // Both submitters are told, the anonymous one too.
  const toSurvivor = await api.feed(org.employee);
  expect(toSurvivor.items[0]).toMatchObject({ kind: 'idea-merged', text: 'Ideaasi "Yhteinen varauskalenteri" yhdistettiin samanlainen idea "Kalenteri kokoushuoneille" tukineen ja kommentteineen.' });
  const toDuplicate = await api.feed(org.colleague);
  expect(toDuplicate.items[0]).toMatchObject({ kind: 'idea-merged', link: `/api/ideas/${survivor.id}` });
  expect(toDuplicate.items[0].text).toContain('yhdistettiin samanlaiseen ideaan "Yhteinen varauskalenteri"');

  // An idea that was itself merged cannot take more duplicates.
  const third = await api.submit(org.colleague, { title: 'Kolmas kalenteri-idea' });
  expectProblem(await api.call('POST', `/api/ideas/${third.id}/merge`, { token: org.agent, body: { into: duplicate.id } }), 409);
}
