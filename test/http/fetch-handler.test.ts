import { describeHttpScenarios } from './support/scenarios.js';
import { fetchTarget } from './support/targets.js';

describeHttpScenarios(fetchTarget, { everyStore: true });
