import { loggablePath } from './loggable-path.js';

describe('loggablePath', () => {
  it('hides the subject in a people path and leaves every other path as it is', () => {
    expect(loggablePath('/api/people/maija%40kunta.fi/export')).toBe('/api/people/{id}/export');
    expect(loggablePath('/api/people/maija%40kunta.fi/erase')).toBe('/api/people/{id}/erase');
    expect(loggablePath('/api/people/maija')).toBe('/api/people/{id}');
    expect(loggablePath('/api/people/me/export')).toBe('/api/people/me/export');
    expect(loggablePath('/api/ideas/123/comments')).toBe('/api/ideas/123/comments');
  });

  it('hides the subject however the path is capitalised, since routing ignores case', () => {
    expect(loggablePath('/API/People/maija%40kunta.fi/export')).toBe('/API/People/{id}/export');
    expect(loggablePath('/api/PEOPLE/maija/erase')).toBe('/api/PEOPLE/{id}/erase');
    expect(loggablePath('/Api/people/Me/export')).toBe('/Api/people/Me/export');
  });
});
