import { projectionRunnerContract } from './testing/runner.contract.js';

projectionRunnerContract('embedded');
