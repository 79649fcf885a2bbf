import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { TerminusModule } from '@nestjs/terminus';
import { DataSource } from 'typeorm';
import { EVENT_STORE } from '#event-store';
import { AwardsModule } from '#awards';
import { DeedsModule } from '#deeds';
import { IdeasModule } from '#ideas';
import { NotificationsModule } from '#notifications';
import { APP_CONFIG, BearerAuthGuard, CLOCK, ProblemDetailsFilter, PSEUDONYMIZER, systemClock, TokenVerifier } from '#platform';
import { ProjectionRunner } from '#projections';
import { HealthController } from './health.controller.js';
import type { Runtime } from './runtime.js';

/** The shared infrastructure, handed to every context module. */
@Module({})
class InfrastructureModule {
  static register(runtime: Runtime): DynamicModule {
    const providers = [
      { provide: APP_CONFIG, useValue: runtime.config },
      { provide: DataSource, useValue: runtime.dataSource },
      { provide: EVENT_STORE, useValue: runtime.store },
      { provide: ProjectionRunner, useValue: runtime.runner },
      { provide: TokenVerifier, useValue: runtime.verifier },
      { provide: PSEUDONYMIZER, useValue: runtime.pseudonymizer },
      { provide: CLOCK, useValue: systemClock },
    ];
    return { module: InfrastructureModule, global: true, providers, exports: providers.map((p) => p.provide) };
  }
}

@Module({})
export class AppModule {
  static register(runtime: Runtime): DynamicModule {
    return {
      module: AppModule,
      imports: [InfrastructureModule.register(runtime), CqrsModule.forRoot(), TerminusModule.forRoot({ logger: false }), IdeasModule, DeedsModule, AwardsModule, NotificationsModule],
      controllers: [HealthController],
      providers: [
        { provide: APP_GUARD, useClass: BearerAuthGuard },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      ],
    };
  }
}
