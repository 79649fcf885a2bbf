// The deed's life as Given / When / Then: draft → published (revisions) ⇄ unpublished.
import type { Actor } from '#platform';
import { deciderSpec } from '#platform/testing';
import { deedDecider, type DeedCommand, type DeedContext } from './deed.decider.js';
import type { DeedContent, DeedEvent } from './deed.events.js';

const deedId = '5f0c2d1e-7b3a-4c9e-8d21-6a4b0e9f1c37';
const ideaId = '0b6c1f7e-8a4d-4c52-9a0e-3f1d2b7c9e11';
const now = new Date('2026-09-15T09:00:00Z');

const editor: Actor = { subject: 'imatra-editor', organisation: 'imatra', roles: ['org-editor'] };
const otherEditor: Actor = { subject: 'lahti-editor', organisation: 'lahti', roles: ['org-editor'] };
const employee: Actor = { subject: 'imatra-employee', organisation: 'imatra', roles: ['employee'] };
const agent: Actor = { subject: 'imatra-agent', organisation: 'imatra', roles: ['change-agent'] };
const localAdmin: Actor = { subject: 'imatra-admin', organisation: 'imatra', roles: ['admin'] };
const nationalAdmin: Actor = { subject: 'programme-admin', organisation: 'kunteko', roles: ['admin'] };
const ctx = (actor: Actor): DeedContext => ({ actor, now });

const content = (overrides: Partial<DeedContent> = {}): DeedContent => ({
  title: 'Kuvalliset päiväjärjestykset varhaiskasvatukseen',
  aim: 'Rauhallisemmat siirtymät päivän aikana.',
  achieved: 'Siirtymät nopeutuivat neljällä minuutilla.',
  metrics: [{ name: 'Siirtymien kesto', value: 8, unit: 'min', baseline: 12 }],
  unit: 'varhaiskasvatus',
  sector: 'education-and-early-childhood',
  themes: ['saavutettavuus'],
  size: 'small',
  scope: 'unit',
  participants: ['staff', 'supervisors'],
  periodFrom: '2026-01-15',
  periodTo: '2026-04-15',
  language: 'fi',
  media: [],
  ...overrides,
});

const given = deciderSpec(deedDecider);

const draftCommand = (actor: Actor, overrides: Partial<Extract<DeedCommand, { type: 'DraftDeed' }>> = {}): DeedCommand => ({
  type: 'DraftDeed',
  deedId,
  organisation: 'imatra',
  content: content(),
  ideaIds: [ideaId],
  source: 'editor',
  context: ctx(actor),
  ...overrides,
});

const drafted = (c: DeedContent = content()): DeedEvent => ({ type: 'DeedDrafted', data: { deedId, organisation: 'imatra', content: c, ideaIds: [ideaId], source: 'editor' } });
const edited = (c: DeedContent): DeedEvent => ({ type: 'DeedEdited', data: { deedId, content: c } });
const published = (revision: number, c: DeedContent = content()): DeedEvent => ({ type: 'DeedPublished', data: { deedId, revision, content: c } });
const unpublished = (reason = 'Vanhentunut'): DeedEvent => ({ type: 'DeedUnpublished', data: { deedId, reason } });

describe('drafting a deed', () => {
  it('an editor drafts a deed of their own organisation', () => {
    given().when(draftCommand(editor)).then(drafted());
  });

  it('keeps import source and external id, and leaves out what was not given', () => {
    given()
      .when(draftCommand(editor, { source: 'import', externalId: 'kunteko-123', ideaIds: [] }))
      .then({ type: 'DeedDrafted', data: { deedId, organisation: 'imatra', content: content(), ideaIds: [], source: 'import', externalId: 'kunteko-123' } });
    given()
      .when(draftCommand(editor, { source: undefined }))
      .then({ type: 'DeedDrafted', data: { deedId, organisation: 'imatra', content: content(), ideaIds: [ideaId] } });
  });

  it('starts as a draft at revision 0', () => {
    expect(given().when(draftCommand(editor)).state()).toMatchObject({ status: 'draft', deedId, organisation: 'imatra', revision: 0, editedSincePublish: false });
  });

  it('refuses a second draft on the same stream', () => {
    given(drafted()).when(draftCommand(editor)).thenRefused('conflict', 'deed.exists');
    given(drafted(), published(1)).when(draftCommand(editor)).thenRefused('conflict', 'deed.exists');
  });

  it.each([
    ['title', { title: '   ' }, 'deed.title-required'],
    ['aim', { aim: '' }, 'deed.aim-required'],
    ['achieved', { achieved: ' \n ' }, 'deed.achieved-required'],
    ['period', { periodFrom: '2026-05-01', periodTo: '2026-04-30' }, 'deed.period-ends-before-start'],
  ])('refuses a blank or wrong %s', (_, overrides, code) => {
    given()
      .when(draftCommand(editor, { content: content(overrides as Partial<DeedContent>) }))
      .thenRefused('invalid', code);
  });

  it('accepts a one-day period and an open-ended one', () => {
    given().when(draftCommand(editor, { content: content({ periodFrom: '2026-05-01', periodTo: '2026-05-01' }) })).then(drafted(content({ periodFrom: '2026-05-01', periodTo: '2026-05-01' })));
    const open = content();
    delete open.periodTo;
    given().when(draftCommand(editor, { content: open })).then(drafted(open));
  });
});

describe('editing a deed', () => {
  const changed = content({ title: 'Kuvalliset päiväjärjestykset kaikkiin päiväkoteihin' });

  it('records an edit of a draft without publishing it', () => {
    const spec = given(drafted()).when({ type: 'EditDeed', content: changed, context: ctx(editor) });
    spec.then(edited(changed));
    expect(spec.state()).toMatchObject({ status: 'draft', revision: 0, content: changed, editedSincePublish: true });
  });

  it('publishes a new revision when the deed is published', () => {
    const spec = given(drafted(), published(1)).when({ type: 'EditDeed', content: changed, context: ctx(editor) });
    spec.then(published(2, changed));
    expect(spec.state()).toMatchObject({ status: 'published', revision: 2, content: changed });
  });

  it('numbers revisions on from the last published one', () => {
    given(drafted(), published(1), published(2, changed), published(3))
      .when({ type: 'EditDeed', content: changed, context: ctx(editor) })
      .then(published(4, changed));
  });

  it('records an edit of an unpublished deed without putting it back in the catalogue', () => {
    const spec = given(drafted(), published(1), unpublished()).when({ type: 'EditDeed', content: changed, context: ctx(editor) });
    spec.then(edited(changed));
    expect(spec.state()).toMatchObject({ status: 'unpublished', revision: 1 });
  });

  it('refuses invalid content', () => {
    given(drafted(), published(1)).when({ type: 'EditDeed', content: content({ aim: '  ' }), context: ctx(editor) }).thenRefused('invalid', 'deed.aim-required');
    given(drafted())
      .when({ type: 'EditDeed', content: content({ periodFrom: '2026-02-01', periodTo: '2026-01-31' }), context: ctx(editor) })
      .thenRefused('invalid', 'deed.period-ends-before-start');
  });

  it('refuses to edit a deed that does not exist', () => {
    given().when({ type: 'EditDeed', content: changed, context: ctx(editor) }).thenRefused('not-found', 'deed.not-found');
  });
});

describe('publishing a deed', () => {
  it('publishes a draft as revision 1 with its current content', () => {
    const changed = content({ achieved: 'Siirtymät nopeutuivat.' });
    const spec = given(drafted(), edited(changed)).when({ type: 'PublishDeed', context: ctx(editor) });
    spec.then(published(1, changed));
    expect(spec.state()).toMatchObject({ status: 'published', revision: 1, editedSincePublish: false });
  });

  it('refuses to publish twice', () => {
    given(drafted(), published(1)).when({ type: 'PublishDeed', context: ctx(editor) }).thenRefused('conflict', 'deed.already-published');
  });

  it('republishes an unpublished deed as the next revision, with the edits made meanwhile', () => {
    const changed = content({ title: 'Päivitetty teko' });
    given(drafted(), published(1), unpublished(), edited(changed)).when({ type: 'PublishDeed', context: ctx(editor) }).then(published(2, changed));
  });

  it('refuses an unknown deed', () => {
    given().when({ type: 'PublishDeed', context: ctx(editor) }).thenRefused('not-found', 'deed.not-found');
  });
});

describe('unpublishing a deed', () => {
  it('takes a published deed off the catalogue with the reason', () => {
    const spec = given(drafted(), published(1)).when({ type: 'UnpublishDeed', reason: 'Tiedot vanhentuneet', context: ctx(editor) });
    spec.then(unpublished('Tiedot vanhentuneet'));
    expect(spec.state()).toMatchObject({ status: 'unpublished', revision: 1 });
  });

  it('lets any admin unpublish any deed, also of another organisation', () => {
    given(drafted(), published(1)).when({ type: 'UnpublishDeed', reason: 'Asiaton sisältö', context: ctx(nationalAdmin) }).then(unpublished('Asiaton sisältö'));
    given(drafted(), published(1)).when({ type: 'UnpublishDeed', reason: 'Asiaton sisältö', context: ctx(localAdmin) }).then(unpublished('Asiaton sisältö'));
  });

  it('needs a published deed and a reason', () => {
    given(drafted()).when({ type: 'UnpublishDeed', reason: 'x', context: ctx(editor) }).thenRefused('conflict', 'deed.not-published');
    given(drafted(), published(1), unpublished()).when({ type: 'UnpublishDeed', reason: 'x', context: ctx(editor) }).thenRefused('conflict', 'deed.not-published');
    given(drafted(), published(1)).when({ type: 'UnpublishDeed', reason: '   ', context: ctx(editor) }).thenRefused('invalid', 'deed.reason-required');
    given().when({ type: 'UnpublishDeed', reason: 'x', context: ctx(nationalAdmin) }).thenRefused('not-found', 'deed.not-found');
  });
});

describe('the whole life', () => {
  it('folds draft → publish → edit (revision 2) → unpublish → publish (revision 3)', () => {
    const v2 = content({ title: 'Toinen versio' });
    const events = [drafted(), published(1), published(2, v2), unpublished('tauko'), published(3, v2)];
    const state = events.reduce(deedDecider.evolve, deedDecider.initialState());
    expect(state).toEqual({ status: 'published', deedId, organisation: 'imatra', content: v2, revision: 3, editedSincePublish: false });
  });

  it('ignores events before the draft', () => {
    expect(deedDecider.evolve(deedDecider.initialState(), published(1))).toEqual({ status: 'none' });
    expect(deedDecider.evolve(deedDecider.initialState(), unpublished())).toEqual({ status: 'none' });
    expect(deedDecider.evolve(deedDecider.initialState(), edited(content()))).toEqual({ status: 'none' });
  });
});
