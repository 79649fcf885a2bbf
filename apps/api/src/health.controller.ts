import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { ProblemException, Public } from '#platform';
import { ProjectionRunner } from '#projections';

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(ProjectionRunner) private readonly runner: ProjectionRunner,
  ) {}

  @Public()
  @Get('live')
  live() {
    return { status: 'ok' };
  }

  @Public()
  @Get('ready')
  async ready() {
    try {
      await this.db.query('SELECT 1 FROM events LIMIT 1');
    } catch {
      throw ProblemException.of(503, 'unavailable', 'The database is not reachable.');
    }
    return { status: 'ok', projections: await this.runner.status() };
  }
}
