import { describeHttpScenarios } from './support/scenarios.js';
import { fastifyTarget } from './support/targets.js';

describeHttpScenarios(fastifyTarget);
