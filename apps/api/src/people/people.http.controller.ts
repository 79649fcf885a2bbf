// The data subject's rights: access (export) and erasure. People are named by their identity-provider
// subject in the URL (URL-encoded); the server turns it into the pseudonym and never stores the subject.
import { Controller, Get, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Authorize, CLOCK, CurrentActor, ProblemException, PSEUDONYMIZER, requestId, type Actor, type Clock, type Pseudonymizer } from '#platform';
import { PeopleService, type PersonExport } from './people.service.js';

/** A subject as identity providers issue them: 1–255 characters, none of them control characters. */
function subjectOf(raw: string): string {
  if (raw.length === 0 || raw.length > 255 || /[\u0000-\u001f\u007f]/.test(raw) || raw.trim() !== raw) {
    throw ProblemException.validation([{ field: 'id', message: "id must be the person's identity-provider subject (1–255 characters, URL-encoded)" }]);
  }
  return raw;
}

const isEmpty = (data: PersonExport) =>
  [data.ideas, data.comments, data.supports, data.nominations, data.awards, data.juryScores].every((list) => list.length === 0) && data.notifications === null;

const notFound = () => ProblemException.of(404, 'person-not-found', 'Nothing is held about this person.');

@ApiTags('people')
@ApiBearerAuth()
@Controller('api/people')
export class PeopleController {
  constructor(
    @Inject(PeopleService) private readonly people: PeopleService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(PSEUDONYMIZER) private readonly pseudonyms: Pseudonymizer,
  ) {}

  @Authorize('people.export-own')
  @Get('me/export')
  @ApiOperation({ summary: 'Everything held about me, anonymous ideas included (right of access)' })
  exportMine(@CurrentActor() actor: Actor) {
    return this.people.export(this.pseudonyms.of(actor), true, this.clock.now());
  }

  @Authorize('people.export')
  @Get(':id/export')
  @ApiOperation({ summary: 'Everything held about a person, except ideas they submitted anonymously (admin)' })
  @ApiParam({ name: 'id', description: "The person's identity-provider subject, URL-encoded" })
  async export(@CurrentActor() actor: Actor, @Param('id') id: string) {
    const person = this.pseudonyms.of(subjectOf(id));
    const self = person === this.pseudonyms.of(actor);
    // The admin never learns of anonymous ideas: not in the list, and not from the answer's status either —
    // someone whose only trace is an anonymous idea looks exactly like someone unknown.
    const data = await this.people.export(person, self, this.clock.now());
    if (!self && data.erasedAt === null && isEmpty(data)) throw notFound();
    return data;
  }

  @Authorize('people.erase')
  @Post(':id/erase')
  @HttpCode(200)
  @ApiOperation({ summary: "Erase a person's personal data: destroys their data key and rebuilds the read models (admin)" })
  @ApiParam({ name: 'id', description: "The person's identity-provider subject, URL-encoded" })
  async erase(@CurrentActor() actor: Actor, @Param('id') id: string, @Req() req: Request) {
    const person = this.pseudonyms.of(subjectOf(id));
    if (!(await this.people.isKnown(person))) throw notFound();
    return this.people.erase(person, actor, this.pseudonyms.of(actor), this.clock.now(), requestId(req));
  }
}
