// The pages' message rules against the API's real problem details: the validation pipe's field errors for bad
// request bodies, said in Finnish, Swedish and English. messages.mts is bundled with esbuild as the pages get it.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { ProblemException, problemValidationPipe, type FieldError } from '#platform';
import { ScoreDto, OverrideDto } from '../../libs/awards/src/http/award.dto.js';
import { StartPilotDto, SubmitIdeaDto } from '../../libs/ideas/src/http/idea.dto.js';

type Messages = typeof import('../../apps/api/web/src/messages.mjs');

async function fieldErrors(metatype: new () => object, body: unknown): Promise<FieldError[]> {
  try {
    await problemValidationPipe().transform(body, { type: 'body', metatype });
  } catch (error) {
    return (error as ProblemException).problem.errors ?? [];
  }
  throw new Error('the body was valid');
}

describe('field messages in the page language', () => {
  let dir: string;
  let m: Messages;

  beforeAll(async () => {
    const bundle = await build({ entryPoints: [join(process.cwd(), 'apps/api/web/src/messages.mts')], bundle: true, format: 'esm', write: false, logLevel: 'silent' });
    dir = await mkdtemp(join(tmpdir(), 'kehittamo-messages-'));
    await writeFile(join(dir, 'messages.mjs'), bundle.outputFiles[0].text);
    m = await import(pathToFileURL(join(dir, 'messages.mjs')).href);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const say = (errors: FieldError[], lang: 'fi' | 'sv' | 'en') => Object.fromEntries(errors.map((e) => [e.field, m.fieldMessage(lang, e)]));

  it("says the idea form's field errors in Finnish, Swedish and English", async () => {
    const errors = await fieldErrors(SubmitIdeaDto, {
      title: 'Ei', description: '', unit: 'x'.repeat(101), sector: 'avaruus', organisation: 'Imatra', themes: Array(11).fill('a'), anonymous: 'kyllä',
      media: [{ kind: 'image', url: 'kuva.jpg' }], colour: 'red',
    });
    expect(say(errors, 'fi')).toEqual({
      title: 'Kirjoita vähintään 3 merkkiä.',
      description: 'Kenttä on pakollinen.',
      unit: 'Enintään 100 merkkiä.',
      sector: 'Valitse jokin vaihtoehdoista.',
      organisation: 'Käytä pieniä kirjaimia, numeroita ja yhdysviivoja (esim. imatra).',
      themes: 'Enintään 10 kohtaa.',
      anonymous: 'Valitse kyllä tai ei.',
      'media[0].url': 'Anna verkko-osoite, joka alkaa https://.',
      colour: 'Tätä kenttää ei tunneta.',
    });
    expect(say(errors, 'sv')).toMatchObject({ title: 'Skriv minst 3 tecken.', description: 'Fältet är obligatoriskt.', sector: 'Välj ett av alternativen.' });
    expect(say(errors, 'en')).toMatchObject({ title: 'Write at least 3 characters.', unit: 'At most 100 characters.', colour: 'This field is not known.' });
    expect(errors.filter((e) => m.fieldOf(e.field, 'media')).map((e) => e.field)).toEqual(['media[0].url']);
  });

  it("says the pilot's and the jury's field errors; only an unknown message gets the generic sentence", async () => {
    const pilot = await fieldErrors(StartPilotDto, { goal: 'Tavoite', team: 'Tiimi', startsOn: '15.1.2026', endsOn: '2026-04-15', metrics: [] });
    expect(say(pilot, 'fi')).toEqual({ startsOn: 'Anna päivämäärä muodossa VVVV-KK-PP.', metrics: 'Vähintään 1 kohta.' });
    const override = await fieldErrors(OverrideDto, { series: 'Innostavat teot', nominationId: '12', action: 'nosta', reason: '' });
    expect(say(override, 'fi')).toEqual({
      series: 'Käytä pieniä kirjaimia, numeroita ja yhdysviivoja (esim. imatra).',
      nominationId: 'Tunniste ei kelpaa.',
      action: 'Valitse jokin vaihtoehdoista.',
      reason: 'Kenttä on pakollinen.',
    });
    const score = await fieldErrors(ScoreDto, { scores: 'viisi', comment: 5 });
    expect(say(score, 'fi')).toEqual({ scores: 'Arvo on väärän muotoinen.', comment: 'Kirjoita tekstiä.' });
    // The controller's own check of each criterion's score.
    expect(m.fieldMessage('fi', { field: 'scores.results', message: 'scores.results must be a whole number from 1 to 5' })).toBe('Anna pisteet kokonaislukuna 1–5.');
    expect(m.fieldMessage('fi', { field: 'x', message: 'something new' })).toBe('Tarkista tämä kenttä.');
  });

  it('says whole problems: known codes, statuses, and a Finnish lead before an unknown detail', () => {
    expect(m.problemMessage('fi', { status: 409, body: { code: 'award.recused', detail: 'You are recused.' } })).toBe('Olet esteellinen tähän ehdokkaaseen, joten et voi arvioida sitä.');
    expect(m.problemMessage('sv', { status: 401, body: { title: 'Unauthorized' } })).toBe('Logga in: identifieraren saknas eller har gått ut.');
    expect(m.problemMessage('fi', { status: 409, body: { code: 'idea.not-piloting', detail: 'Cannot adopt.' } })).toBe('Tätä ei voi tehdä tässä vaiheessa. (Cannot adopt.)');
    expect(m.problemMessage('fi', { status: 400, body: { errors: [{ field: 'title', message: 'title must be a string' }] } })).toBe('Tarkista merkityt kentät. title: Kirjoita tekstiä.');
  });
});
