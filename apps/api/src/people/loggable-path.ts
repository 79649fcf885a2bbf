// Request paths as they may be logged: the people endpoints carry an identity-provider subject in the
// path, and a subject is exactly what must never reach a log. Case-insensitive, as Express routes are:
// `/API/People/<subject>/export` reaches the same endpoint.
const PEOPLE_PATH = /^(\/api\/people\/)(?!me\/)[^/]*/i;

export const loggablePath = (path: string): string => path.replace(PEOPLE_PATH, '$1{id}');
