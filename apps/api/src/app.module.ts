import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { TerminusModule } from '@nestjs/terminus';
import { DataSource } from 'typeorm';
import { EVENT_STORE, PersonKeyStore } from '#event-store';
import { AwardsModule } from '#awards';
import { DeedsModule } from '#deeds';
import { IdeasModule } from '#ideas';
import { InsightModule } from '#insight';
import { NotificationsModule } from '#notifications';
import { OrganisationsModule } from '#organisations';
import { APP_CONFIG, BearerAuthGuard, CLOCK, ProblemDetailsFilter, PSEUDONYMIZER, systemClock, TokenVerifier } from '#platform';
import { KAFKA } from '#messaging';
import { ProjectionRunner } from '#projections';
import { OriginOrganisationGuard } from './cors.js';
import { HealthController } from './health.controller.js';
import { SignInController } from './sign-in.controller.js';
import { PeopleModule } from './people/people.module.js';
import { MediaModule } from './media/media.module.js';
import { MEDIA_STORE } from './media/media.http.controller.js';
import { rateLimiting } from './rate-limit.js';
import type { Runtime } from './runtime.js';

/** The shared infrastructure, handed to every context module. */
@Module({})
class InfrastructureModule {
  static register(runtime: Runtime): DynamicModule {
    const providers = [
      { provide: APP_CONFIG, useValue: runtime.config },
      { provide: DataSource, useValue: runtime.dataSource },
      { provide: EVENT_STORE, useValue: runtime.store },
      { provide: PersonKeyStore, useValue: runtime.personKeys },
      { provide: ProjectionRunner, useValue: runtime.runner },
      { provide: TokenVerifier, useValue: runtime.verifier },
      { provide: PSEUDONYMIZER, useValue: runtime.pseudonymizer },
      { provide: CLOCK, useValue: systemClock },
      { provide: KAFKA, useValue: runtime.kafka ?? null },
      { provide: MEDIA_STORE, useValue: runtime.media },
    ];
    return { module: InfrastructureModule, global: true, providers, exports: providers.map((p) => p.provide) };
  }
}

@Module({})
export class AppModule {
  static register(runtime: Runtime): DynamicModule {
    // Global guards run in this order: address rate limit, bearer token, user rate limit, origin's organisation.
    const limits = rateLimiting(runtime.config.rateLimit);
    return {
      module: AppModule,
      imports: [InfrastructureModule.register(runtime), CqrsModule.forRoot(), TerminusModule.forRoot({ logger: false }), ...limits.imports, IdeasModule, DeedsModule, AwardsModule, PeopleModule, MediaModule, InsightModule, NotificationsModule, OrganisationsModule],
      controllers: [HealthController, SignInController],
      providers: [
        ...limits.beforeAuth,
        { provide: APP_GUARD, useClass: BearerAuthGuard },
        ...limits.afterAuth,
        { provide: APP_GUARD, useClass: OriginOrganisationGuard },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      ],
    };
  }
}
