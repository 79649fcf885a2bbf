import { Module } from '@nestjs/common';
import { InsightService } from './application/insight.service.js';
import { InsightController } from './http/insight.http.controller.js';
import { OpenDataController } from './open-data/open-data.http.controller.js';

/** Engagement and insight: units and headcounts, incentive rules, unit activity, open data. */
@Module({
  controllers: [InsightController, OpenDataController],
  providers: [InsightService],
  exports: [InsightService],
})
export class InsightModule {}
