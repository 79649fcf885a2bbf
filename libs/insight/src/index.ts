// The insight context's public entry point: unit activity and incentives, open data.
export { InsightModule } from './insight.module.js';
export { InsightService, type ActivityAnswer, type ActivityRequest, type ImportUnitsResult } from './application/insight.service.js';
export * from './domain/insight.events.js';
export * from './domain/activity.js';
export { parseUnitsCsv, checkIncentiveRules, isCalendarDay, type UnitRow } from './domain/units-import.js';
export { csvCell, csvRow, streamExport, LICENCE, type ExportFormat, type ExportSpec } from './open-data/open-data.js';
export { OpenDataController, EXPORT_BATCH } from './open-data/open-data.http.controller.js';
