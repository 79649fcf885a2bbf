import type { Logger } from '@nestjs/common';
import type { Runtime } from './runtime.js';

export async function loadDemoData(runtime: Runtime, logger: Logger): Promise<void> {
  void runtime;
  logger.log('demo data: pending');
}
